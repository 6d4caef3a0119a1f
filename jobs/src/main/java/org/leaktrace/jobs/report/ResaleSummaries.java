package org.leaktrace.jobs.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.leaktrace.jobs.common.Cols;
import org.leaktrace.jobs.common.Delta;
import org.leaktrace.jobs.common.Tables;
import org.leaktrace.jobs.common.Workspace;

/**
 * The trace and estimate parts of the exhibit: {@code resale} and {@code estimates} in summary.json,
 * {@code resale.csv} and {@code estimates.csv}. Reads the small resale and estimate tables.
 */
final class ResaleSummaries {

  private ResaleSummaries() {}

  /** Adds {@code resale} (edges, set-aside edges, lineage) and writes resale.csv; no-op without trace. */
  static void addResale(SparkSession spark, Workspace ws, ObjectNode summary, Path csvFile) throws IOException {
    if (!Delta.exists(spark, ws.table(Tables.RESALE_EDGES))) {
      return;
    }
    ObjectNode resale = summary.putObject("resale");
    ArrayNode edges = resale.putArray("edges");
    ArrayNode aside = resale.putArray("set_aside");
    List<Row> rows = Delta.read(spark, ws.table(Tables.RESALE_EDGES), "report")
        .orderBy(Cols.FROM_DUMP, Cols.TO_DUMP).collectAsList(); // one row per edge
    try (ExhibitCsv csv = new ExhibitCsv(csvFile, "from", "to", "relation", "containment", "shared_rows",
        "from_in_to", "to_in_from")) {
      for (Row r : rows) {
        boolean kept = r.getAs(Cols.KEPT);
        ObjectNode e = (kept ? edges : aside).addObject();
        e.put("from", r.<String>getAs(Cols.FROM_DUMP));
        e.put("to", r.<String>getAs(Cols.TO_DUMP));
        e.put("relation", r.<String>getAs(Cols.RELATION));
        e.put("containment", round(r.getAs(Cols.CONTAINMENT)));
        e.put("shared_rows", r.<Long>getAs(Cols.SHARED_ROWS));
        e.put("from_in_to", round(r.getAs(Cols.FROM_IN_TO)));
        e.put("to_in_from", round(r.getAs(Cols.TO_IN_FROM)));
        if (!kept) {
          e.put("note", r.<String>getAs(Cols.NOTE));
          continue;
        }
        csv.row(r.getAs(Cols.FROM_DUMP), r.getAs(Cols.TO_DUMP), r.getAs(Cols.RELATION),
            round(r.getAs(Cols.CONTAINMENT)), r.<Long>getAs(Cols.SHARED_ROWS), round(r.getAs(Cols.FROM_IN_TO)),
            round(r.getAs(Cols.TO_IN_FROM)));
      }
    }
    ArrayNode lineage = resale.putArray("lineage");
    if (Delta.exists(spark, ws.table(Tables.RESALE_LINEAGE))) {
      for (Row r : Delta.read(spark, ws.table(Tables.RESALE_LINEAGE), "report")
          .orderBy(Cols.DUMP, Cols.PLATFORM, Cols.PARTNER).collectAsList()) {
        ObjectNode l = lineage.addObject();
        l.put("dump", r.<String>getAs(Cols.DUMP));
        l.put("platform", r.<String>getAs(Cols.PLATFORM));
        l.put("partner", r.<String>getAs(Cols.PARTNER));
        l.put("canary_hits", r.<Long>getAs(Cols.CANARY_HITS));
        ArrayNode via = l.putArray("via");
        r.<String>getList(r.fieldIndex(Cols.VIA)).forEach(via::add);
      }
    }
  }

  /** Adds {@code estimates} and writes estimates.csv; no-op without the estimate stage. */
  static void addEstimates(SparkSession spark, Workspace ws, ObjectNode summary, Path csvFile) throws IOException {
    if (!Delta.exists(spark, ws.table(Tables.ESTIMATES))) {
      return;
    }
    ArrayNode out = summary.putArray("estimates");
    List<Row> rows = Delta.read(spark, ws.table(Tables.ESTIMATES), "report")
        .orderBy(Cols.SOURCE, Cols.METHOD, Cols.SAMPLES).collectAsList(); // one row per estimate
    try (ExhibitCsv csv = new ExhibitCsv(csvFile, "source", "reference_platform", "method", "samples", "sample_rows",
        "recaptured", "estimate", "ci95_low", "ci95_high", "robson_regier_valid", "reference_size", "excluded",
        "warning")) {
      for (Row r : rows) {
        ObjectNode e = out.addObject();
        e.put("platform", r.<String>getAs(Cols.SOURCE));
        e.put("reference_platform", r.<String>getAs(Cols.PLATFORM));
        e.put("method", r.<String>getAs(Cols.METHOD));
        ArrayNode samples = e.putArray("samples");
        List<String> s = r.getList(r.fieldIndex(Cols.SAMPLES));
        s.forEach(samples::add);
        ArrayNode sizes = e.putArray("sample_rows");
        List<Long> n = r.getList(r.fieldIndex(Cols.SAMPLE_ROWS));
        n.forEach(sizes::add);
        putLong(e, "recaptured", r.getAs(Cols.RECAPTURED));
        putLong(e, "estimate", r.getAs(Cols.ESTIMATE));
        if (r.getAs(Cols.CHAPMAN) == null) {
          e.putNull("chapman");
        } else {
          e.put("chapman", r.<Double>getAs(Cols.CHAPMAN));
        }
        if (r.getAs(Cols.CI_LOW) == null) {
          e.putNull("ci95");
        } else {
          e.putArray("ci95").add(r.<Long>getAs(Cols.CI_LOW)).add(r.<Long>getAs(Cols.CI_HIGH));
        }
        if (r.getAs(Cols.ROBSON_REGIER_VALID) == null) {
          e.putNull("robson_regier_valid");
        } else {
          e.put("robson_regier_valid", r.<Boolean>getAs(Cols.ROBSON_REGIER_VALID));
        }
        putLong(e, "reference_size", r.getAs(Cols.REFERENCE_SIZE));
        if (r.getAs(Cols.REFERENCE_SNAPSHOT) == null) {
          e.putNull("reference_snapshot");
        } else {
          e.put("reference_snapshot", r.getAs(Cols.REFERENCE_SNAPSHOT).toString());
        }
        ArrayNode ex = e.putArray("excluded");
        StringBuilder exText = new StringBuilder();
        for (Row x : r.<Row>getList(r.fieldIndex(Cols.EXCLUDED))) {
          ex.addObject().put("dump", x.getString(0)).put("reason", x.getString(1));
          exText.append(exText.length() == 0 ? "" : "; ").append(x.getString(0)).append(": ").append(x.getString(1));
        }
        e.put("warning", r.<String>getAs(Cols.WARNING));
        csv.row(r.getAs(Cols.SOURCE), r.getAs(Cols.PLATFORM), r.getAs(Cols.METHOD), String.join(";", s),
            String.join(";", n.stream().map(String::valueOf).toList()), r.getAs(Cols.RECAPTURED),
            r.getAs(Cols.ESTIMATE), r.getAs(Cols.CI_LOW), r.getAs(Cols.CI_HIGH), r.getAs(Cols.ROBSON_REGIER_VALID),
            r.getAs(Cols.REFERENCE_SIZE), exText.toString(), r.getAs(Cols.WARNING));
      }
    }
  }

  private static void putLong(ObjectNode o, String k, Long v) {
    if (v == null) {
      o.putNull(k);
    } else {
      o.put(k, v);
    }
  }

  private static double round(double v) {
    return Math.round(v * 10000) / 10000.0;
  }
}
