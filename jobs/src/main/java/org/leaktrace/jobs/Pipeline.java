package org.leaktrace.jobs;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.leaktrace.jobs.common.Checkpoints;
import org.leaktrace.jobs.common.Sessions;
import org.leaktrace.jobs.config.InputFiles;
import org.leaktrace.jobs.common.Workspace;
import org.leaktrace.jobs.config.CaseFile;
import org.leaktrace.jobs.attribute.AttributeStage;
import org.leaktrace.jobs.classify.ClassifyStage;
import org.leaktrace.jobs.count.CountStage;
import org.leaktrace.jobs.estimate.EstimateStage;
import org.leaktrace.jobs.ingest.IngestStage;
import org.leaktrace.jobs.reference.ReferenceStage;
import org.leaktrace.jobs.report.ReportStage;
import org.leaktrace.jobs.trace.TraceStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The stages in data-flow order; {@code run} executes them all, each can run alone. */
public final class Pipeline {

  private static final Logger LOG = LoggerFactory.getLogger(Pipeline.class);

  /** A stage: reads only what earlier stages wrote to the warehouse (ingest reads the input files). */
  public enum Stage {
    INGEST, CLASSIFY, REFERENCE, ATTRIBUTE, COUNT, TRACE, ESTIMATE, REPORT;

    public String key() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  private Pipeline() {}

  public static Map<String, Double> run(SparkSession spark, CaseFile c, Workspace ws, List<Stage> stages) {
    return run(spark, c, ws, stages, ReportStage.Options.DEFAULT);
  }

  /** Runs the stages in order; returns the seconds each took, by stage key, in run order. */
  public static Map<String, Double> run(SparkSession spark, CaseFile c, Workspace ws, List<Stage> stages,
      ReportStage.Options reportOptions) {
    // on a cluster: this run's reliable checkpoints under the warehouse, removed when it ends
    String checkpoints = Checkpoints.begin(spark, ws);
    LOG.info("shuffle partitions {}", Sessions.sizeShuffle(spark, inputBytes(c)));
    try {
      return runStages(spark, c, ws, stages, reportOptions);
    } finally {
      Checkpoints.end(spark, checkpoints);
    }
  }

  /** The case's input size (0 when a dataset's files cannot be listed: ingest then says why). */
  private static long inputBytes(CaseFile c) {
    try {
      return c.datasets().stream().flatMap(d -> InputFiles.list(d.path()).stream())
          .mapToLong(InputFiles.Ref::bytes).sum();
    } catch (RuntimeException e) {
      return 0;
    }
  }

  private static Map<String, Double> runStages(SparkSession spark, CaseFile c, Workspace ws, List<Stage> stages,
      ReportStage.Options reportOptions) {
    Map<String, Double> seconds = new LinkedHashMap<>();
    for (Stage s : stages) {
      long t0 = System.nanoTime();
      LOG.info("{}: starting (case {})", s.key(), c.caseId());
      switch (s) {
        case INGEST -> IngestStage.run(spark, c, ws, List.of());
        case CLASSIFY -> ClassifyStage.run(spark, c, ws);
        case REFERENCE -> ReferenceStage.run(spark, c, ws);
        case ATTRIBUTE -> AttributeStage.run(spark, c, ws);
        case COUNT -> CountStage.run(spark, c, ws);
        case TRACE -> TraceStage.run(spark, c, ws);
        case ESTIMATE -> EstimateStage.run(spark, c, ws);
        case REPORT -> ReportStage.run(spark, c, ws, reportOptions);
        default -> throw new IllegalStateException(s.name());
      }
      Sessions.releaseEndedShuffles(spark);
      double took = (System.nanoTime() - t0) / 1e9;
      seconds.put(s.key(), took);
      LOG.info("{}: finished in {} s", s.key(), String.format(Locale.ROOT, "%.1f", took));
    }
    return seconds;
  }

  public static List<Stage> all() {
    return List.of(Stage.values());
  }
}
