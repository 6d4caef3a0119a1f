package org.leaktrace.jobs.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.leaktrace.jobs.common.Cols;

/**
 * Attribution's match model for the exhibit, from {@code analytic/attribution_weights}: summary.json's
 * {@code attribution_model} (one entry per platform and field type, m, u and weight by level) and
 * {@code exhibit/attribution_model.csv} (one line per platform, type and level).
 */
public final class ModelSummaries {

  private ModelSummaries() {}

  /** The summary's entries, in platform, type and level order. */
  public static ArrayNode summary(Dataset<Row> weights) {
    ArrayNode out = new ObjectMapper().createArrayNode();
    Map<String, ObjectNode> byKey = new LinkedHashMap<>();
    for (Row r : ordered(weights)) {
      String key = r.getAs(Cols.PLATFORM) + "\n" + r.getAs(Cols.TYPE);
      ObjectNode e = byKey.computeIfAbsent(key, k -> {
        ObjectNode n = out.addObject();
        n.put("platform", (String) r.getAs(Cols.PLATFORM));
        n.put("type", (String) r.getAs(Cols.TYPE));
        n.put("u_source", (String) r.getAs(Cols.U_SOURCE));
        n.put("u_pairs", (Long) r.getAs(Cols.U_PAIRS));
        n.put("m_pairs", (Long) r.getAs(Cols.M_PAIRS));
        n.put("copy_share", round(r.getAs(Cols.COPY_SHARE)));
        n.putObject("m");
        n.putObject("u");
        n.putObject("weight");
        return n;
      });
      String level = r.getAs(Cols.LEVEL);
      ((ObjectNode) e.get("m")).put(level, round(r.getAs(Cols.M)));
      ((ObjectNode) e.get("u")).put(level, round(r.getAs(Cols.U)));
      ((ObjectNode) e.get("weight")).put(level, Math.round((double) r.getAs(Cols.WEIGHT) * 100) / 100.0);
    }
    return out;
  }

  /** Writes {@code exhibit/attribution_model.csv}. */
  public static void writeExhibit(Dataset<Row> weights, Path file) throws IOException {
    Files.createDirectories(file.toAbsolutePath().getParent());
    try (ExhibitCsv csv = new ExhibitCsv(file, "platform", "type", "level", "m", "m_pairs", "u", "u_source", "u_pairs",
        "weight_bits")) {
      for (Row r : ordered(weights)) {
        csv.row(r.getAs(Cols.PLATFORM), r.getAs(Cols.TYPE), r.getAs(Cols.LEVEL), round(r.getAs(Cols.M)),
            r.<Long>getAs(Cols.M_PAIRS), round(r.getAs(Cols.U)), r.getAs(Cols.U_SOURCE), r.<Long>getAs(Cols.U_PAIRS),
            Math.round((double) r.getAs(Cols.WEIGHT) * 100) / 100.0);
      }
    }
  }

  /** Rows by platform, type and level (levels in their order, best first). */
  private static List<Row> ordered(Dataset<Row> weights) {
    List<String> levels = java.util.Arrays.stream(org.leaktrace.udf.compare.Level.values())
        .map(org.leaktrace.udf.compare.Level::code).toList();
    return weights.collectAsList().stream()
        .sorted(java.util.Comparator.comparing((Row r) -> (String) r.getAs(Cols.PLATFORM))
            .thenComparing(r -> (String) r.getAs(Cols.TYPE))
            .thenComparing(r -> levels.indexOf((String) r.getAs(Cols.LEVEL))))
        .toList();
  }

  private static double round(double v) {
    return Math.round(v * 1_000_000) / 1_000_000.0;
  }
}
