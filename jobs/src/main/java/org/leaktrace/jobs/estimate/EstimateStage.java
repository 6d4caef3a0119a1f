package org.leaktrace.jobs.estimate;

import static org.apache.spark.sql.functions.col;

import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.leaktrace.jobs.common.Cols;
import org.leaktrace.jobs.common.Delta;
import org.leaktrace.jobs.common.Errors;
import org.leaktrace.jobs.common.Tables;
import org.leaktrace.jobs.common.Workspace;
import org.leaktrace.jobs.config.CaseFile;
import org.leaktrace.jobs.config.DatasetSpec;
import org.leaktrace.jobs.rules.EstimateParams;
import org.leaktrace.jobs.rules.ResaleEdge;
import org.leaktrace.jobs.rules.Verdicts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Estimate: the size of each source's stolen table from independent samples of it (capture–recapture),
 * derived copies excluded. Reads the trace tables, and attribution and reference snapshots when present.
 */
public final class EstimateStage {

  private static final Logger LOG = LoggerFactory.getLogger(EstimateStage.class);

  private EstimateStage() {}

  public static void run(SparkSession spark, CaseFile c, Workspace ws) {
    run(spark, c, ws, EstimateParams.DEFAULTS);
  }

  public static void run(SparkSession spark, CaseFile c, Workspace ws, EstimateParams p) {
    if (!Delta.exists(spark, ws.table(Tables.RESALE_PAIRS))) {
      throw Errors.usage("estimate needs the trace stage's tables, and " + ws.table(Tables.RESALE_PAIRS)
          + " does not exist", "run `bin/leaktrace trace --case ...` first (or `run`)");
    }
    Map<String, LocalDate> obtained = new TreeMap<>();
    for (DatasetSpec d : c.dumps()) {
      obtained.put(d.id(), d.obtained());
    }
    Map<String, Long> rows = new HashMap<>();
    Map<String, Long> shared = new HashMap<>();
    for (Row r : Delta.read(spark, ws.table(Tables.RESALE_PAIRS), "estimate").collectAsList()) { // dump pairs
      String a = r.getAs(Cols.DUMP_A);
      String b = r.getAs(Cols.DUMP_B);
      rows.put(a, r.<Long>getAs(Cols.ROWS_A));
      rows.put(b, r.<Long>getAs(Cols.ROWS_B));
      shared.put(a + "\u0001" + b, Math.min(r.<Long>getAs(Cols.SHARED_A), r.<Long>getAs(Cols.SHARED_B)));
    }
    Map<String, String> attributedTo = new TreeMap<>();
    Set<String> mixtures = new TreeSet<>();
    if (Delta.exists(spark, ws.table(Tables.ATTRIBUTION))) {
      Map<String, Double> best = new HashMap<>();
      for (Row r : Delta.read(spark, ws.table(Tables.ATTRIBUTION), "estimate")
          .filter(col(Cols.PLATFORM).isNotNull()).orderBy(Cols.DUMP, Cols.PLATFORM).collectAsList()) {
        String d = r.getAs(Cols.DUMP);
        String v = r.getAs(Cols.VERDICT);
        if (Verdicts.MIXTURE.equals(v)) {
          mixtures.add(d);
        } else if (Verdicts.ATTRIBUTED.equals(v) && r.<Boolean>getAs(Cols.CANDIDATE)
            && r.<Double>getAs(Cols.SHARE) > best.getOrDefault(d, -1.0)) {
          best.put(d, r.getAs(Cols.SHARE));
          attributedTo.put(d, r.getAs(Cols.PLATFORM));
        }
      }
    }
    Map<String, NavigableMap<LocalDate, Long>> snapshots = new TreeMap<>();
    if (Delta.exists(spark, ws.table(Tables.REF_SNAPSHOTS))) {
      for (Row r : Delta.read(spark, ws.table(Tables.REF_SNAPSHOTS), "estimate").collectAsList()) {
        snapshots.computeIfAbsent(r.getAs(Cols.PLATFORM), k -> new TreeMap<>())
            .put(r.<Date>getAs(Cols.SNAPSHOT).toLocalDate(), r.<Long>getAs(Cols.ROWS));
      }
    }
    List<EstimatePlan.Estimate> est = EstimatePlan.plan(obtained.keySet(), rows, shared,
        ResaleEdge.read(spark, ws), attributedTo, mixtures, obtained, snapshots, p);
    List<Row> out = new ArrayList<>();
    for (EstimatePlan.Estimate e : est) {
      List<Row> ex = new ArrayList<>();
      e.excluded().forEach(x -> ex.add(RowFactory.create(x.dump(), x.reason())));
      out.add(RowFactory.create(e.source(), e.platform(), e.method(), e.samples().toArray(new String[0]),
          e.sampleRows().toArray(new Long[0]), e.recaptured(), e.estimate(), e.chapman(), e.ciLow(), e.ciHigh(),
          e.robsonRegierValid(), e.referenceSize(), e.referenceSnapshot() == null ? null : Date.valueOf(e.referenceSnapshot()),
          ex.toArray(), e.warning()));
      LOG.info("estimate: {} {} from {}: {} [{}, {}]{}{}", e.source(), e.method(), e.samples(), e.estimate(),
          e.ciLow(), e.ciHigh(), e.excluded().isEmpty() ? "" : "; excluded " + e.excluded(),
          e.referenceSize() == null ? "" : "; reference size " + e.referenceSize());
    }
    Delta.overwrite(spark.createDataFrame(out, Tables.ESTIMATES_SCHEMA).coalesce(1), ws.table(Tables.ESTIMATES),
        "leaktrace estimate: capture-recapture");
    LOG.info("estimate: {} estimates", out.size());
  }
}
