package org.leaktrace.jobs.report;

import static org.apache.spark.sql.functions.col;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.leaktrace.jobs.common.Cols;

/** The attribution in summary.json's shape and {@code exhibit/attribution.csv}, from the attribution table. */
public final class AttributionSummaries {

  private AttributionSummaries() {}

  /**
   * The {@code attribution} fragment of summary.json per dump id (contract shape): verdict, candidates
   * by share then score, and the mixture with its null remainder. Reads the small attribution table.
   */
  public static Map<String, ObjectNode> summaryFragments(Dataset<Row> attribution) {
    ObjectMapper m = new ObjectMapper();
    Map<String, List<Row>> byDump = new LinkedHashMap<>();
    for (Row r : attribution.orderBy(Cols.DUMP).collectAsList()) { // one row per (dump, platform): aggregates
      byDump.computeIfAbsent(r.getAs(Cols.DUMP), k -> new ArrayList<>()).add(r);
    }
    Map<String, ObjectNode> out = new LinkedHashMap<>();
    byDump.forEach((dump, rows) -> {
      ObjectNode a = m.createObjectNode();
      a.put("verdict", rows.get(0).<String>getAs(Cols.VERDICT));
      ArrayNode cands = a.putArray("candidates");
      ArrayNode mix = a.putArray("mixture");
      List<Row> sorted = new ArrayList<>(rows);
      sorted.sort(Comparator.<Row>comparingDouble(r -> -r.<Double>getAs(Cols.SHARE))
          .thenComparingDouble(r -> -r.<Double>getAs(Cols.SCORE))
          .thenComparing(r -> r.<String>getAs(Cols.PLATFORM) == null ? "" : r.<String>getAs(Cols.PLATFORM)));
      Row rest = null;
      for (Row r : sorted) {
        if (r.getAs(Cols.PLATFORM) == null) {
          rest = r;
          continue;
        }
        if (!r.<Boolean>getAs(Cols.CANDIDATE)) {
          continue;
        }
        ObjectNode c = cands.addObject();
        c.put("platform", r.<String>getAs(Cols.PLATFORM));
        c.put("score", round(r.getAs(Cols.SCORE)));
        c.put("share", round(r.getAs(Cols.SHARE)));
        c.put("containment", round(r.getAs(Cols.CONTAINMENT)));
        c.put("exclusive_rows", r.<Long>getAs(Cols.EXCLUSIVE_ROWS));
        c.put("canary_hits", r.<Long>getAs(Cols.CANARY_HITS));
        ArrayNode partners = c.putArray("canary_partners");
        r.<String>getList(r.fieldIndex(Cols.CANARY_PARTNERS)).forEach(partners::add);
        ObjectNode w = c.putObject("window");
        putDate(w, "from", r.getAs(Cols.WINDOW_FROM));
        putDate(w, "to", r.getAs(Cols.WINDOW_TO));
        if (r.<Double>getAs(Cols.SHARE) > 0) {
          ObjectNode s = mix.addObject();
          s.put("platform", r.<String>getAs(Cols.PLATFORM));
          s.put("share", round(r.getAs(Cols.SHARE)));
        }
      }
      ObjectNode s = mix.addObject();
      s.putNull("platform");
      s.put("share", rest == null ? 1.0 : round(rest.getAs(Cols.SHARE)));
      out.put(dump, a);
    });
    return out;
  }

  /** Writes {@code exhibit/attribution.csv}: every (dump, platform) pair, in dump then platform order. */
  public static void writeExhibit(Dataset<Row> attribution, Path file) throws IOException {
    Files.createDirectories(file.toAbsolutePath().getParent());
    try (ExhibitCsv csv = new ExhibitCsv(file, "dump", "platform", "score", "containment", "exclusive_rows",
        "canary_hits", "window_from", "window_to")) {
      for (Row r : attribution.filter(col(Cols.PLATFORM).isNotNull()).orderBy(Cols.DUMP, Cols.PLATFORM)
          .collectAsList()) {
        csv.row(r.getAs(Cols.DUMP), r.getAs(Cols.PLATFORM), round(r.getAs(Cols.SCORE)),
            round(r.getAs(Cols.CONTAINMENT)), r.<Long>getAs(Cols.EXCLUSIVE_ROWS), r.<Long>getAs(Cols.CANARY_HITS),
            r.getAs(Cols.WINDOW_FROM) == null ? "" : r.getAs(Cols.WINDOW_FROM).toString(),
            r.getAs(Cols.WINDOW_TO) == null ? "" : r.getAs(Cols.WINDOW_TO).toString());
      }
    }
  }

  private static double round(double v) {
    return Math.round(v * 10000) / 10000.0;
  }

  private static void putDate(ObjectNode o, String k, Object d) {
    if (d == null) {
      o.putNull(k);
    } else {
      o.put(k, d.toString());
    }
  }
}
