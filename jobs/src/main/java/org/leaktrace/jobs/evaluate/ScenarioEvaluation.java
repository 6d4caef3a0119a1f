package org.leaktrace.jobs.evaluate;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Date;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.leaktrace.jobs.attribute.AttributeStage;
import org.leaktrace.jobs.common.Cols;
import org.leaktrace.jobs.common.Delta;
import org.leaktrace.jobs.common.Tables;
import org.leaktrace.jobs.common.Workspace;
import org.leaktrace.jobs.config.CaseFile;
import org.leaktrace.jobs.generate.AttributionScore;
import org.leaktrace.jobs.generate.AttributionTruth;
import org.leaktrace.jobs.generate.Generator;
import org.leaktrace.jobs.ingest.IngestStage;
import org.leaktrace.jobs.reference.ReferenceStage;
import org.leaktrace.jobs.rules.ResaleEdge;
import org.leaktrace.jobs.trace.TraceStage;

/**
 * The attribution world of one seed generated, run through ingest and classify (one scan), reference and
 * attribute as {@code run} does, and scored against the generator's truth ({@link AttributionScore}).
 */
public final class ScenarioEvaluation {

  private ScenarioEvaluation() {}

  /**
   * One seed's outcome: the attribution score, the resale mismatches (each true derivation not found as a
   * kept edge from source to copy, each kept derivation edge the truth does not hold), the workspace.
   */
  public record Outcome(long seed, AttributionScore.Result score, List<String> resale, Workspace workspace) {

    public boolean ok() {
      return score.ok() && resale.isEmpty();
    }
  }

  /** Generates the world of {@code seed} into {@code dir}/case, runs the stages into {@code dir}/out, scores. */
  public static Outcome attribution(SparkSession spark, Path dir, int persons, long seed) throws IOException {
    Path caseDir = dir.resolve("case");
    AttributionTruth truth = Generator.generateAttribution(caseDir, persons, seed);
    CaseFile c = CaseFile.load(caseDir.resolve("case.yaml"));
    Workspace ws = Workspace.of(c, dir.resolve("out"));
    IngestStage.run(spark, c, ws, List.of(), true);
    ReferenceStage.run(spark, c, ws);
    AttributeStage.run(spark, c, ws);
    TraceStage.run(spark, c, ws);
    return new Outcome(seed, AttributionScore.score(truth, rows(spark, ws)), resale(truth, ResaleEdge.read(spark, ws)),
        ws);
  }

  /** Derivations: every true one kept in its direction, no kept derivation edge the truth does not hold. */
  static List<String> resale(AttributionTruth truth, List<ResaleEdge> edges) {
    List<String> out = new ArrayList<>();
    java.util.Set<String> expected = new java.util.TreeSet<>();
    for (AttributionTruth.DumpTruth d : truth.dumps()) {
      if (d.derivedFrom() != null) {
        expected.add(d.derivedFrom() + " -> " + d.id());
      }
    }
    java.util.Set<String> found = new java.util.TreeSet<>();
    for (ResaleEdge e : edges) {
      if (e.kept() && e.derivation()) {
        found.add(e.from() + " -> " + e.to());
      }
    }
    for (String x : expected) {
      if (!found.contains(x)) {
        out.add("resale: " + x + " not found" + (found.isEmpty() ? "" : " (kept derivations: " + found + ")"));
      }
    }
    for (String x : found) {
      if (!expected.contains(x)) {
        out.add("resale: " + x + " is not a derivation of the truth");
      }
    }
    return out;
  }

  /** The job's attribution rows as the scorer reads them. */
  public static List<AttributionScore.Row> rows(SparkSession spark, Workspace ws) {
    List<AttributionScore.Row> out = new ArrayList<>();
    for (Row r : Delta.read(spark, ws.table(Tables.ATTRIBUTION), "evaluate").collectAsList()) {
      Date from = r.getAs(Cols.WINDOW_FROM);
      Date to = r.getAs(Cols.WINDOW_TO);
      out.add(new AttributionScore.Row(r.getAs(Cols.DUMP), r.getAs(Cols.PLATFORM), r.<Double>getAs(Cols.SHARE),
          r.<Boolean>getAs(Cols.CANDIDATE), r.getAs(Cols.VERDICT), from == null ? null : from.toLocalDate(),
          to == null ? null : to.toLocalDate()));
    }
    return out;
  }
}
