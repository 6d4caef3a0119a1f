package org.leaktrace.jobs.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Test summaries in the DESIGN.md shape; the hostile strings stand where a dump's names and headers go. */
final class Summaries {

  static final String SCRIPT = "<script>alert(1)</script>";
  static final String IMG = "\"><img src=x onerror=alert(1)>";
  static final String TEMPLATE = "{{7*7}}";
  static final String BREAKOUT = "</script><!--";

  private static final ObjectMapper JSON = new ObjectMapper();

  private Summaries() {}

  /** A finished case: ingest, classify, attribute, count and trace sections (test resource, demo-shaped). */
  static ObjectNode full() {
    return load("summary-full.json");
  }

  /** What the report stage writes today: no impact, attribution, resale. */
  static ObjectNode ingestOnly() {
    ObjectNode s = full();
    s.remove("case_impact");
    s.remove("resale");
    s.remove("estimates");
    for (var d : s.withArray("dumps")) {
      ObjectNode o = (ObjectNode) d;
      o.remove(java.util.List.of("attribution", "impact", "rows_duplicate", "rows_unverifiable", "rows_not_personal"));
    }
    return s;
  }

  /** The full summary with a hostile dump id, file name, column names and masked examples. */
  static ObjectNode hostile() {
    ObjectNode s = full();
    ObjectNode d = (ObjectNode) s.withArray("dumps").get(0);
    d.put("id", SCRIPT);
    ((ObjectNode) d.withArray("files").get(0)).put("file", "dumps/" + IMG + ".csv");
    ArrayNode cols = d.withArray("columns");
    ((ObjectNode) cols.get(0)).put("column", SCRIPT);
    ((ObjectNode) cols.get(1)).put("column", IMG);
    ((ObjectNode) cols.get(2)).put("column", TEMPLATE);
    ((ObjectNode) cols.get(3)).put("column", BREAKOUT + "\u2028");
    // a masked example is still dump text: a name column whose values are markup
    ((ObjectNode) cols.get(1)).putArray("masked_samples").add(SCRIPT).add(TEMPLATE);
    ((ObjectNode) s.withArray("inputs").get(0)).put("path", "dumps/" + IMG + ".csv");
    ObjectNode edge = (ObjectNode) s.with("resale").withArray("edges").get(0);
    edge.put("from", SCRIPT);
    return s;
  }

  private static ObjectNode load(String name) {
    try (InputStream in = Summaries.class.getResourceAsStream(name)) {
      return (ObjectNode) JSON.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
