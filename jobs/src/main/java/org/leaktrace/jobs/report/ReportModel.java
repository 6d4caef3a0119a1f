package org.leaktrace.jobs.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What the report shows, taken from summary.json: every section is optional (stages add theirs), so
 * each part is built only from what is present and the template shows only the parts it gets.
 */
final class ReportModel {

  private ReportModel() {}

  static Map<String, Object> of(ObjectNode s) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("case_id", text(s, "case_id"));
    m.put("taxonomy", text(s, "taxonomy"));
    m.put("tool_version", text(s, "tool_version"));
    m.put("schema", text(s, "schema"));
    List<JsonNode> dumps = list(s.get("dumps"));
    JsonNode caseImpact = obj(s.get("case_impact"));

    List<Map<String, Object>> attribution = attribution(dumps);
    List<Map<String, Object>> thresholds = thresholds(dumps, caseImpact);
    Map<String, Object> classes = classes(dumps, caseImpact);
    List<Map<String, Object>> resale = resale(s);
    List<Map<String, Object>> windows = windows(dumps);
    List<Map<String, Object>> accounting = accounting(dumps);

    m.put("headline", headline(s, dumps, caseImpact, attribution, thresholds, classes));
    m.put("attribution", attribution);
    m.put("classes", classes);
    m.put("thresholds", thresholds);
    m.put("resale", resale);
    m.put("estimates", estimates(s));
    m.put("windows", windows);
    m.put("dumps", accounting);
    m.put("tiers", Art5.TIERS);

    Map<String, Object> charts = new LinkedHashMap<>();
    charts.put("labels", Labels.ALL);
    charts.put("classes", classes.get("rows"));
    charts.put("classes_unit", classes.get("unit"));
    charts.put("thresholds", thresholds);
    charts.put("resale", resale);
    charts.put("resale_nodes", resaleNodes(resale));
    charts.put("windows", windows);
    charts.put("accounting", accountingChart(accounting));
    m.put("charts", charts);
    return m;
  }

  private static Map<String, Object> headline(ObjectNode s, List<JsonNode> dumps, JsonNode caseImpact,
      List<Map<String, Object>> attribution, List<Map<String, Object>> thresholds, Map<String, Object> classes) {
    Map<String, Object> h = new LinkedHashMap<>();
    List<Map<String, Object>> sources = new ArrayList<>();
    for (Map<String, Object> a : attribution) {
      Map<String, Object> src = new LinkedHashMap<>();
      src.put("dump", a.get("dump"));
      src.put("verdict", a.get("verdict"));
      src.put("verdict_code", a.get("verdict_code"));
      @SuppressWarnings("unchecked")
      List<Map<String, Object>> cands = (List<Map<String, Object>>) a.get("candidates");
      // the platforms rows were copied from (a candidate to which no row was assigned is not a source),
      // each with the partners whose copy its canaries mark
      List<String> platforms = new ArrayList<>();
      List<Map<String, Object>> from = new ArrayList<>();
      if (!"unknown".equals(a.get("verdict_code"))) {
        for (Map<String, Object> c : cands) {
          if (Boolean.TRUE.equals(c.get("copied"))) {
            platforms.add((String) c.get("platform"));
            Map<String, Object> f = new LinkedHashMap<>();
            f.put("platform", c.get("platform"));
            f.put("share", c.get("share"));
            f.put("partners", c.get("canary_partners"));
            from.add(f);
          }
        }
      }
      src.put("platforms", String.join(", ", platforms));
      src.put("from", from);
      sources.add(src);
    }
    h.put("sources", sources);
    Long individuals = caseImpact != null ? num(caseImpact, "individuals") : null;
    Long pieces = caseImpact != null ? num(caseImpact, "pieces") : null;
    Long minors = caseImpact != null ? num(caseImpact, "minors_under_14") : null;
    if (caseImpact == null) {
      // without the case-wide count, show per-dump figures only where every dump has them
      long sumPieces = 0;
      long sumMinors = 0;
      boolean all = !dumps.isEmpty();
      for (JsonNode d : dumps) {
        JsonNode im = obj(d.get("impact"));
        if (im == null) {
          all = false;
          break;
        }
        sumPieces += piecesOf(im);
        sumMinors += orZero(num(im, "minors_under_14"));
      }
      if (all) {
        pieces = sumPieces;
        minors = sumMinors;
        h.put("summed_over_dumps", true);
      }
    } else if (pieces == null) {
      pieces = sumValues(obj(caseImpact.get("pieces_by_class")));
    }
    h.put("individuals", fmt(individuals));
    h.put("pieces", fmt(pieces));
    h.put("minors", fmt(minors));
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> rows = (List<Map<String, Object>>) classes.get("rows");
    List<Object> sensitive = new ArrayList<>();
    for (Map<String, Object> r : rows) {
      if (r.get("tier") != null && (Integer) r.get("tier") < 5000 && r.get("value") != null
          && ((Number) r.get("value")).longValue() > 0) {
        sensitive.add(r.get("label"));
      }
    }
    h.put("sensitive_classes", sensitive);
    h.put("pipl_columns", ((List<?>) classes.get("pipl")).size());
    Map<String, Object> worst = null;
    for (Map<String, Object> t : thresholds) {
      if (worst == null || Art5.rank((String) t.get("level_code")) > Art5.rank((String) worst.get("level_code"))) {
        worst = t;
      }
    }
    h.put("severity", worst);
    long lines = 0;
    long parsed = 0;
    long quarantined = 0;
    for (JsonNode d : dumps) {
      lines += orZero(num(d, "lines_read"));
      parsed += orZero(num(d, "rows_parsed"));
      quarantined += orZero(num(d, "rows_quarantined"));
    }
    Map<String, Object> read = new LinkedHashMap<>();
    read.put("dumps", fmt((long) dumps.size()));
    read.put("files", fmt((long) list(s.get("inputs")).size()));
    read.put("lines", fmt(lines));
    read.put("parsed", fmt(parsed));
    read.put("quarantined", fmt(quarantined));
    h.put("read", read);
    return h;
  }

  private static List<Map<String, Object>> attribution(List<JsonNode> dumps) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (JsonNode d : dumps) {
      JsonNode a = obj(d.get("attribution"));
      if (a == null) {
        continue;
      }
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("dump", text(d, "id"));
      String verdict = text(a, "verdict");
      m.put("verdict_code", verdict);
      m.put("verdict", Labels.of("verdict", verdict));
      // a candidate's share of rows (summaries before it carried one: the mixture's)
      Map<String, JsonNode> mixShare = new LinkedHashMap<>();
      for (JsonNode x : list(a.get("mixture"))) {
        if (x.hasNonNull("platform")) {
          mixShare.put(x.get("platform").asText(), x.get("share"));
        }
      }
      List<Map<String, Object>> cands = new ArrayList<>();
      for (JsonNode c : list(a.get("candidates"))) {
        JsonNode share = c.hasNonNull("share") ? c.get("share") : mixShare.get(text(c, "platform"));
        Map<String, Object> cm = new LinkedHashMap<>();
        cm.put("platform", text(c, "platform"));
        cm.put("score", dec(c.get("score")));
        cm.put("share", pct(share == null ? new com.fasterxml.jackson.databind.node.DoubleNode(0.0) : share));
        cm.put("copied", share != null && share.asDouble() > 0);
        cm.put("containment", pct(c.get("containment")));
        cm.put("exclusive_rows", fmt(num(c, "exclusive_rows")));
        cm.put("canary_hits", fmt(num(c, "canary_hits")));
        List<String> partners = new ArrayList<>();
        for (JsonNode p : list(c.get("canary_partners"))) {
          partners.add(p.asText());
        }
        cm.put("canary_partners", String.join(", ", partners));
        JsonNode w = obj(c.get("window"));
        cm.put("window_from", w != null ? text(w, "from") : null);
        cm.put("window_to", w != null ? text(w, "to") : null);
        cands.add(cm);
      }
      m.put("candidates", cands);
      List<Map<String, Object>> mix = new ArrayList<>();
      for (JsonNode x : list(a.get("mixture"))) {
        Map<String, Object> xm = new LinkedHashMap<>();
        xm.put("platform", text(x, "platform"));
        xm.put("share", pct(x.get("share")));
        mix.add(xm);
      }
      m.put("mixture", mix);
      out.add(m);
    }
    return out;
  }

  /** Art. 5 ratios per dump and per seller: pieces of each tier over its (halved when insider) threshold. */
  private static List<Map<String, Object>> thresholds(List<JsonNode> dumps, JsonNode caseImpact) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (JsonNode d : dumps) {
      JsonNode im = obj(d.get("impact"));
      if (im != null) {
        out.add(threshold("dump", text(d, "id"), obj(im.get("pieces_by_class")), obj(im.get("severity"))));
      }
    }
    if (caseImpact != null) {
      for (JsonNode sl : list(caseImpact.get("by_seller"))) {
        out.add(threshold("seller", text(sl, "seller"), obj(sl.get("pieces_by_class")), obj(sl.get("severity"))));
      }
    }
    return out;
  }

  private static Map<String, Object> threshold(String scope, String id, JsonNode byClass, JsonNode severity) {
    Map<String, Object> t = new LinkedHashMap<>();
    t.put("scope", scope);
    t.put("id", id);
    boolean halved = severity != null && severity.path("thresholds_halved").asBoolean(false);
    t.put("halved", halved);
    String level = severity != null ? text(severity, "level") : null;
    t.put("level_code", level);
    t.put("level", level != null ? Labels.of("level", level) : null);
    t.put("ratio_sum", severity != null && severity.hasNonNull("ratio_sum")
        ? String.format(Locale.ROOT, "%.2f", severity.get("ratio_sum").asDouble()) : null);
    List<Map<String, Object>> tiers = new ArrayList<>();
    for (int tier : Art5.TIERS) {
      long n = 0;
      if (byClass != null) {
        for (Iterator<Map.Entry<String, JsonNode>> it = byClass.fields(); it.hasNext();) {
          Map.Entry<String, JsonNode> e = it.next();
          if (Integer.valueOf(tier).equals(Art5.TIER_OF_CLASS.get(e.getKey()))) {
            n += e.getValue().asLong();
          }
        }
      }
      double threshold = halved ? tier / 2.0 : tier; // Art. 5(1)(8)
      Map<String, Object> tm = new LinkedHashMap<>();
      tm.put("tier", tier);
      tm.put("threshold", threshold == Math.rint(threshold) ? fmt((long) threshold) : String.valueOf(threshold));
      tm.put("pieces", fmt(n));
      tm.put("ratio", Math.round(n / threshold * 1000) / 1000.0);
      tiers.add(tm);
    }
    t.put("tiers", tiers);
    return t;
  }

  /** Pieces (or, before the count stage, columns) per sensitivity class, most sensitive tier first. */
  private static Map<String, Object> classes(List<JsonNode> dumps, JsonNode caseImpact) {
    Map<String, Object> out = new LinkedHashMap<>();
    Map<String, Long> values = new TreeMap<>();
    Map<String, Long> individuals = new TreeMap<>();
    String unit;
    if (caseImpact != null && obj(caseImpact.get("pieces_by_class")) != null) {
      unit = "pieces_case";
      addAll(values, obj(caseImpact.get("pieces_by_class")));
      addAll(individuals, obj(caseImpact.get("individuals_by_class")));
    } else if (dumps.stream().anyMatch(d -> obj(d.get("impact")) != null)) {
      unit = "pieces_dumps";
      for (JsonNode d : dumps) {
        JsonNode im = obj(d.get("impact"));
        if (im != null) {
          addAll(values, obj(im.get("pieces_by_class")));
        }
      }
      individuals = null;
    } else {
      unit = "columns";
      for (JsonNode d : dumps) {
        for (JsonNode c : list(d.get("columns"))) {
          String cls = text(c, "class");
          if (cls != null) {
            values.merge(cls, 1L, Long::sum);
          }
        }
      }
      individuals = null;
    }
    Set<String> order = new LinkedHashSet<>(Art5.TIER_OF_CLASS.keySet());
    order.addAll(values.keySet());
    List<Map<String, Object>> rows = new ArrayList<>();
    for (String cls : order) {
      if (!values.containsKey(cls)) {
        continue;
      }
      Map<String, Object> r = new LinkedHashMap<>();
      r.put("code", cls);
      r.put("label", Labels.of("class", cls));
      r.put("tier", Art5.TIER_OF_CLASS.get(cls));
      r.put("value", values.get(cls));
      r.put("value_fmt", fmt(values.get(cls)));
      r.put("individuals", individuals != null ? fmt(individuals.get(cls)) : null);
      rows.add(r);
    }
    out.put("unit", unit);
    out.put("rows", rows);
    List<Map<String, Object>> pipl = new ArrayList<>();
    for (JsonNode d : dumps) {
      for (JsonNode c : list(d.get("columns"))) {
        if (c.path("pipl_sensitive").asBoolean(false)) {
          Map<String, Object> p = new LinkedHashMap<>();
          p.put("dump", text(d, "id"));
          p.put("column", text(c, "column"));
          p.put("type", text(c, "type"));
          pipl.add(p);
        }
      }
    }
    out.put("pipl", pipl);
    return out;
  }

  private static List<Map<String, Object>> resale(ObjectNode s) {
    List<Map<String, Object>> out = new ArrayList<>();
    JsonNode r = obj(s.get("resale"));
    if (r == null) {
      return out;
    }
    for (JsonNode e : list(r.get("edges"))) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("from", text(e, "from"));
      m.put("to", text(e, "to"));
      m.put("relation_code", text(e, "relation"));
      m.put("relation", Labels.of("relation", text(e, "relation")));
      m.put("containment", pct(e.get("containment")));
      m.put("shared_rows", fmt(num(e, "shared_rows")));
      out.add(m);
    }
    return out;
  }

  private static List<Map<String, Object>> estimates(ObjectNode s) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (JsonNode e : list(s.get("estimates"))) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("source", text(e, "platform"));
      List<String> samples = new ArrayList<>();
      list(e.get("samples")).forEach(x -> samples.add(x.asText()));
      m.put("samples", String.join(", ", samples));
      boolean has = e.get("estimate") != null && !e.get("estimate").isNull();
      m.put("estimate", has ? fmt(num(e, "estimate")) : "—");
      JsonNode ci = e.get("ci95");
      m.put("ci", ci != null && ci.isArray() ? fmt(ci.get(0).asLong()) + " – " + fmt(ci.get(1).asLong()) : "—");
      JsonNode rr = e.get("robson_regier_valid");
      m.put("valid", rr == null || rr.isNull() ? null : rr.asBoolean());
      JsonNode ref = e.get("reference_size");
      m.put("reference", ref == null || ref.isNull() ? "—" : fmt(ref.asLong()));
      List<String> ex = new ArrayList<>();
      list(e.get("excluded")).forEach(x -> ex.add(text(x, "dump") + " (" + text(x, "reason") + ")"));
      m.put("excluded", String.join("; ", ex));
      m.put("warning", text(e, "warning"));
      out.add(m);
    }
    return out;
  }

  private static List<String> resaleNodes(List<Map<String, Object>> edges) {
    Set<String> nodes = new LinkedHashSet<>();
    for (Map<String, Object> e : edges) {
      nodes.add(String.valueOf(e.get("from")));
      nodes.add(String.valueOf(e.get("to")));
    }
    return new ArrayList<>(nodes);
  }

  private static List<Map<String, Object>> windows(List<JsonNode> dumps) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (JsonNode d : dumps) {
      JsonNode a = obj(d.get("attribution"));
      if (a == null) {
        continue;
      }
      for (JsonNode c : list(a.get("candidates"))) {
        JsonNode w = obj(c.get("window"));
        if (w == null || (text(w, "from") == null && text(w, "to") == null)) {
          continue;
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("dump", text(d, "id"));
        m.put("platform", text(c, "platform"));
        m.put("from", text(w, "from"));
        m.put("to", text(w, "to"));
        m.put("obtained", text(d, "obtained"));
        out.add(m);
      }
    }
    return out;
  }

  private static List<Map<String, Object>> accounting(List<JsonNode> dumps) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (JsonNode d : dumps) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("id", text(d, "id"));
      m.put("obtained", text(d, "obtained"));
      Long lines = num(d, "lines_read");
      Long parsed = num(d, "rows_parsed");
      Long quarantined = num(d, "rows_quarantined");
      m.put("lines_read", fmt(lines));
      m.put("rows_parsed", fmt(parsed));
      m.put("rows_quarantined", fmt(quarantined));
      m.put("balanced", lines != null && parsed != null && quarantined != null && lines == parsed + quarantined);
      m.put("rows_duplicate", fmt(num(d, "rows_duplicate")));
      m.put("rows_unverifiable", fmt(num(d, "rows_unverifiable")));
      m.put("rows_not_personal", fmt(num(d, "rows_not_personal")));
      m.put("parsed_n", orZero(parsed));
      List<Map<String, Object>> reasons = new ArrayList<>();
      JsonNode qr = obj(d.get("quarantine_by_reason"));
      if (qr != null) {
        for (Iterator<Map.Entry<String, JsonNode>> it = qr.fields(); it.hasNext();) {
          Map.Entry<String, JsonNode> e = it.next();
          Map<String, Object> r = new LinkedHashMap<>();
          r.put("code", e.getKey());
          r.put("label", Labels.of("reason", e.getKey()));
          r.put("n", e.getValue().asLong());
          r.put("n_fmt", fmt(e.getValue().asLong()));
          reasons.add(r);
        }
      }
      m.put("reasons", reasons);
      List<Map<String, Object>> files = new ArrayList<>();
      for (JsonNode f : list(d.get("files"))) {
        Map<String, Object> fm = new LinkedHashMap<>();
        fm.put("file", text(f, "file"));
        fm.put("encoding", text(f, "encoding"));
        fm.put("format", text(f, "format"));
        fm.put("lines_read", fmt(num(f, "lines_read")));
        fm.put("rows_parsed", fmt(num(f, "rows_parsed")));
        fm.put("rows_quarantined", fmt(num(f, "rows_quarantined")));
        fm.put("read_error", text(f, "read_error"));
        files.add(fm);
      }
      m.put("files", files);
      List<Map<String, Object>> cols = new ArrayList<>();
      for (JsonNode c : list(d.get("columns"))) {
        Map<String, Object> cm = new LinkedHashMap<>();
        cm.put("column", text(c, "column"));
        cm.put("type", text(c, "type"));
        String cls = text(c, "class");
        cm.put("class", cls != null ? Labels.of("class", cls) : null);
        cm.put("pipl", c.path("pipl_sensitive").asBoolean(false));
        cm.put("confidence", c.hasNonNull("confidence") ? dec(c.get("confidence")) : null);
        List<String> samples = new ArrayList<>();
        for (JsonNode v : list(c.get("masked_samples"))) {
          samples.add(v.asText());
        }
        cm.put("samples", samples);
        cols.add(cm);
      }
      m.put("columns", cols);
      JsonNode im = obj(d.get("impact"));
      if (im != null) {
        Map<String, Object> i = new LinkedHashMap<>();
        i.put("individuals", fmt(num(im, "individuals")));
        i.put("pieces", fmt(piecesOf(im)));
        i.put("minors", fmt(num(im, "minors_under_14")));
        m.put("impact", i);
      }
      out.add(m);
    }
    return out;
  }

  private static List<Map<String, Object>> accountingChart(List<Map<String, Object>> dumps) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (Map<String, Object> d : dumps) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("id", d.get("id"));
      m.put("parsed", d.get("parsed_n"));
      Map<String, Object> reasons = new LinkedHashMap<>();
      @SuppressWarnings("unchecked")
      List<Map<String, Object>> rs = (List<Map<String, Object>>) d.get("reasons");
      for (Map<String, Object> r : rs) {
        reasons.put((String) r.get("code"), r.get("n"));
      }
      m.put("quarantined", reasons);
      out.add(m);
    }
    return out;
  }

  // --- small JSON helpers: a missing or null field is null, never an exception

  static List<JsonNode> list(JsonNode n) {
    List<JsonNode> out = new ArrayList<>();
    if (n != null && n.isArray()) {
      n.forEach(out::add);
    }
    return out;
  }

  static JsonNode obj(JsonNode n) {
    return n != null && n.isObject() ? n : null;
  }

  static String text(JsonNode n, String field) {
    JsonNode v = n == null ? null : n.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }

  static Long num(JsonNode n, String field) {
    JsonNode v = n == null ? null : n.get(field);
    return v == null || !v.isNumber() ? null : v.asLong();
  }

  private static long piecesOf(JsonNode impact) {
    Long p = num(impact, "pieces");
    return p != null ? p : sumValues(obj(impact.get("pieces_by_class")));
  }

  private static long sumValues(JsonNode o) {
    long n = 0;
    if (o != null) {
      for (JsonNode v : o) {
        n += v.asLong();
      }
    }
    return n;
  }

  private static void addAll(Map<String, Long> into, JsonNode o) {
    if (o != null) {
      for (Iterator<Map.Entry<String, JsonNode>> it = o.fields(); it.hasNext();) {
        Map.Entry<String, JsonNode> e = it.next();
        into.merge(e.getKey(), e.getValue().asLong(), Long::sum);
      }
    }
  }

  private static long orZero(Long n) {
    return n == null ? 0 : n;
  }

  static String fmt(Long n) {
    return n == null ? null : String.format(Locale.ROOT, "%,d", n);
  }

  private static String pct(JsonNode v) {
    if (v == null || !v.isNumber()) {
      return null;
    }
    String s = String.format(Locale.ROOT, "%.1f", v.asDouble() * 100);
    return (s.endsWith(".0") ? s.substring(0, s.length() - 2) : s) + "%";
  }

  private static String dec(JsonNode v) {
    return v == null || !v.isNumber() ? null : String.format(Locale.ROOT, "%.2f", v.asDouble());
  }
}
