package org.leaktrace.jobs.report;

import static org.leaktrace.jobs.report.ReportModel.list;
import static org.leaktrace.jobs.report.ReportModel.num;
import static org.leaktrace.jobs.report.ReportModel.obj;
import static org.leaktrace.jobs.report.ReportModel.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes {@code exhibit/METHOD.md}: what each stage did, every parameter and threshold, the legal rules
 * with their articles, versions, Delta table versions, inputs with sizes and hashes, and the command that
 * reproduces the exhibit. Deterministic: the same summary and inputs give the same bytes (no time of day).
 */
public final class MethodDoc {

  /** The stages in data-flow order, with what each does and the summary.json key that shows it ran. */
  private static final List<String[]> STAGES = List.of(
      new String[] {"ingest", "lines_read",
          "Reads every dump and platform snapshot (gzip, zip, UTF-8/GB18030/UTF-16, csv/tsv/delimited/JSON lines) "
          + "into the raw zone. Every physical line becomes one parsed row or one quarantined line with one reason; "
          + "lines_read = rows_parsed + rows_quarantined per file, checked against the tables. Each file's bytes and "
          + "sha256 are recorded (custody)."},
      new String[] {"classify", "columns",
          "Detects each column's field type from sampled values and header hints, validates identifiers (resident "
          + "ID check character, birth date and region; mobile prefix; Luhn; USCC), normalizes them and replaces "
          + "them with HMAC-SHA256 tokens under the case key. Assigns each row its most sensitive class under the "
          + "taxonomy. No raw identifier is written below this stage: the report's examples of a dump's "
          + "identifying columns are masked here (138****1234), at most three per column, the first values in "
          + "line order that pass validation."},
      new String[] {"reference", "platforms",
          "Reads the cooperating platforms' exports or token files (snapshots by date) into reference tokens."},
      new String[] {"attribute", "attribution",
          "Compares each dump row with the record versions of each platform that hold one of its strong "
          + "identifiers (the same person), field type by field type, at graded levels: the same written form, "
          + "equal after normalization, equal at the coarser of the two precisions (a time re-typed to the "
          + "minute, a truncated address) in the same written form or only in meaning, partly equal, different. "
          + "Each level weighs log2(m/u) (Fellegi-Sunter): u is measured on pairs that are not copies (other "
          + "platforms' records of the same person, or random pairs), a value many records share weighs by its "
          + "share instead, m is estimated by EM; the figures are in the match model below. A row agrees with a "
          + "platform when its best record version weighs at least match_weight. Per dump and platform: "
          + "agreement against the background (other platforms' rows tested the same way, binomial test), "
          + "containment, rows agreeing with one platform only, canary (decoy) records, the snapshot window "
          + "that matches; a verdict (attributed, mixture, unknown) with shares."},
      new String[] {"count", "impact",
          "Counts pieces and individuals per class: removes duplicates (Art. 11(3)), reports unverifiable rows "
          + "instead of counting them, links rows that share a strong identifier into individuals, counts minors "
          + "under 14 at the obtained date (PIPL Art. 28), applies the Art. 5 thresholds per dump and per seller "
          + "(Art. 11(1)-(2))."},
      new String[] {"trace", "resale",
          "Compares every dump with every other in one self-join on strong identifiers and content: two rows are "
          + "the same record when they share an identifier and agree on every field both carry, including one "
          + "the source itself created (a waybill, an order time, a password), or hold identical content beyond "
          + "person fields. From the share of each dump found in the other: same, subset, superset or overlap; "
          + "the earlier obtained dump is the source. Edges implied by a chain, and overlaps explained by an "
          + "ancestor, are set aside with the reason. Canaries of a partner's copy follow the edges to its "
          + "descendants."},
      new String[] {"estimate", "estimates",
          "Estimates the size of a source's stolen table from two independent samples of it (Chapman; parametric "
          + "bootstrap 95% interval, seeded; Robson-Regier validity n1*n2 > 4N). Dumps derived from another "
          + "(same, subset, superset) are dependent samples that bias the estimate down: they are excluded and "
          + "named. Where the source is a reference platform its snapshot size is shown beside the estimate. "
          + "With three or more independent samples each pair's estimate is shown with a warning."},
      new String[] {"report", "schema",
          "Writes summary.json, the CSV exhibits (UTF-8 with BOM, formula injection neutralised), this file, "
          + "MANIFEST.sha256 and report/index.html, from the warehouse tables alone."});

  private MethodDoc() {}

  /** Writes METHOD.md for {@code summary} and {@code in} to {@code file}. */
  public static void write(ObjectNode summary, MethodInputs in, Path file) throws IOException {
    Files.createDirectories(file.toAbsolutePath().getParent());
    Files.writeString(file, markdown(summary, in), StandardCharsets.UTF_8);
  }

  static String markdown(ObjectNode s, MethodInputs in) {
    StringBuilder b = new StringBuilder();
    b.append("# Method: case ").append(md(text(s, "case_id"))).append("\n\n");
    b.append("Generated by leaktrace from `summary.json` (schema `").append(md(text(s, "schema")))
        .append("`). Every figure of the exhibit can be recomputed from the inputs listed below, whose sha256 are ")
        .append("also in `MANIFEST.sha256` (check with `cd exhibit && sha256sum -c MANIFEST.sha256`).\n\n");

    b.append("## Reproduce\n\n");
    b.append("Case file: `").append(code(in.caseFile())).append("`\n\n");
    b.append("```\n").append(in.command().replace("```", "'''")).append("\n```\n\n");
    b.append("With `--reproducible` the exhibit files hold no time of day, so a second run gives byte-identical ")
        .append("files; otherwise only `summary.json`'s `").append(Reproducible.GENERATED_AT)
        .append("` differs.\n\n");

    b.append("## Versions\n\n| component | version |\n| --- | --- |\n");
    row(b, "leaktrace", in.toolVersion());
    row(b, "Apache Spark", in.sparkVersion());
    row(b, "Delta Lake", in.deltaVersion());
    row(b, "summary schema", text(s, "schema"));
    b.append('\n');

    b.append("## Taxonomy\n\n| name | file | sha256 |\n| --- | --- | --- |\n");
    row(b, in.taxonomyName(), in.taxonomyFile(), in.taxonomySha256());
    b.append('\n');

    b.append("## Inputs\n\n");
    List<JsonNode> inputs = list(s.get("inputs"));
    long bytes = 0;
    b.append("| dataset | path | bytes | sha256 |\n| --- | --- | ---: | --- |\n");
    for (JsonNode i : inputs) {
      Long n = num(i, "bytes");
      bytes += n == null ? 0 : n;
      row(b, text(i, "dataset"), text(i, "path"), ReportModel.fmt(n), text(i, "sha256"));
    }
    b.append("\n").append(inputs.size()).append(" files, ").append(ReportModel.fmt(bytes))
        .append(" bytes; paths are relative to the case file's folder.\n\n");

    b.append("## Delta tables read\n\n");
    if (in.tableVersions().isEmpty()) {
      b.append("Not recorded.\n\n");
    } else {
      b.append("| table | version |\n| --- | ---: |\n");
      in.tableVersions().forEach((t, v) -> row(b, t, String.valueOf(v)));
      b.append('\n');
    }

    b.append("## Stages\n\n");
    Map<String, Map<String, Object>> byStage = byStage(in.parameters());
    for (String[] st : STAGES) {
      boolean ran = ran(s, st[1]);
      b.append("### ").append(st[0]).append(ran ? "" : " (not run: nothing in summary.json)").append("\n\n");
      b.append(st[2]).append("\n\n");
      Map<String, Object> params = byStage.remove(st[0]);
      if (params != null) {
        parameters(b, params);
      }
    }
    if (!byStage.isEmpty()) {
      b.append("### Other parameters\n\n");
      Map<String, Object> rest = new LinkedHashMap<>();
      byStage.values().forEach(rest::putAll);
      parameters(b, rest);
    }

    modelSection(b, s);

    b.append("## Thresholds (2017 SPC/SPP Interpretation, Art. 5)\n\n");
    b.append("| tier | classes (").append(md(in.taxonomyName())).append(") | serious, Art. 5(1)(3)-(5) ")
        .append("| insider, Art. 5(1)(8) | particularly serious, Art. 5(2) |\n| ---: | --- | ---: | ---: | ---: |\n");
    for (int tier : Art5.TIERS) {
      List<String> classes = new ArrayList<>();
      Art5.TIER_OF_CLASS.forEach((c, t) -> {
        if (t == tier) {
          classes.add(c);
        }
      });
      row(b, String.valueOf(tier), String.join(", ", classes), String.valueOf(tier),
          fmtHalf(tier / 2.0), String.valueOf(tier * Art5.PARTICULARLY_SERIOUS_FACTOR));
    }
    b.append("\nBelow each threshold the tiers add up by ratio, Art. 5(1)(6): n50/50 + n500/500 + n5000/5000 >= 1 ")
        .append("(halved thresholds when insider). A piece's class is the most sensitive class of its valid fields.\n\n");

    b.append("## Legal rules applied\n\n");
    for (String rule : List.of(
        "2017 SPC/SPP Interpretation (法释〔2017〕10号) Art. 5(1)(3): 50 pieces of whereabouts, communication content, "
            + "credit or property information make \"serious circumstances\".",
        "Art. 5(1)(4): 500 pieces of accommodation, communication records, health/physiological or transaction "
            + "information.",
        "Art. 5(1)(5): 5,000 pieces of other personal information.",
        "Art. 5(1)(6): below each threshold, the tiers add up by ratio.",
        "Art. 5(1)(8): information obtained while performing duties or providing services (insider) halves the "
            + "thresholds.",
        "Art. 5(2): 10x the thresholds is \"particularly serious\".",
        "Art. 11(1): information obtained and then sold is not counted twice.",
        "Art. 11(2): the same information sold to different recipients is counted once per recipient.",
        "Art. 11(3): a batch counts as seized, except pieces shown to be untrue (unverifiable) or duplicated; both "
            + "are reported per dump, not dropped silently.",
        "PIPL (个人信息保护法) Art. 28: sensitive personal information (biometrics, religion, specific identity, "
            + "medical/health, financial accounts, whereabouts, and all information of children under 14) is a "
            + "separate classification; minors are counted from the resident-ID birth date at the dump's obtained "
            + "date.")) {
      b.append("- ").append(rule).append('\n');
    }
    b.append('\n');

    b.append("## Accounting per dump\n\n");
    b.append("| dump | obtained | lines read | parsed | quarantined | duplicates | unverifiable | balanced |\n")
        .append("| --- | --- | ---: | ---: | ---: | ---: | ---: | --- |\n");
    for (JsonNode d : list(s.get("dumps"))) {
      Long l = num(d, "lines_read");
      Long p = num(d, "rows_parsed");
      Long q = num(d, "rows_quarantined");
      boolean ok = l != null && p != null && q != null && l == p + q;
      row(b, text(d, "id"), text(d, "obtained"), ReportModel.fmt(l), ReportModel.fmt(p), ReportModel.fmt(q),
          ReportModel.fmt(num(d, "rows_duplicate")), ReportModel.fmt(num(d, "rows_unverifiable")),
          ok ? "yes" : "NO");
    }
    b.append("\nQuarantine reasons per dump and file are in `summary.json`; every quarantined line is in ")
        .append("`quarantine.csv` (place and reason, never its bytes).\n");
    return b.toString();
  }

  /** The match model's weights per platform and field type (summary.json's {@code attribution_model}). */
  private static void modelSection(StringBuilder b, ObjectNode s) {
    List<JsonNode> model = list(s.get("attribution_model"));
    if (model.isEmpty()) {
      return;
    }
    List<String> levels = Arrays.stream(org.leaktrace.udf.compare.Level.values())
        .map(org.leaktrace.udf.compare.Level::code).toList();
    b.append("## Attribution's match model\n\n");
    b.append("Weight in bits, log2(m/u), of each comparison level, per platform and field type. m: share of copies ")
        .append("at the level (EM over the dump rows' candidate pairs); u: share of non-copies at the level, measured ")
        .append("on `background` pairs (other platforms' records of the same person), `random` pairs of the ")
        .append("platform's own records, or a `prior` (a person or credential type no other platform holds); ")
        .append("pairs: the comparisons u was measured on; dump pairs: the dump rows' candidate pairs carrying the ")
        .append("type, m's basis (none: the type weighed nothing, no weights shown). A disagreement never weighs ")
        .append("for a copy (at most 0). Every m and u is in `attribution_model.csv`.\n\n");
    b.append("| platform | type | u from | pairs | dump pairs | ").append(String.join(" | ", levels))
        .append(" |\n| --- | --- | --- | ---: | ---: |").append(" ---: |".repeat(levels.size())).append('\n');
    for (JsonNode e : model) {
      Long dumpPairs = num(e, "m_pairs");
      List<String> cells = new ArrayList<>(List.of(text(e, "platform"), text(e, "type"), text(e, "u_source"),
          ReportModel.fmt(num(e, "u_pairs")), ReportModel.fmt(dumpPairs)));
      for (String l : levels) {
        JsonNode w = e.path("weight").get(l);
        // a type no dump row carries weighed nothing: its m is only the prior
        cells.add(w == null || dumpPairs != null && dumpPairs == 0 ? "" : String.format(Locale.ROOT, "%.1f", w.asDouble()));
      }
      row(b, cells.toArray(new String[0]));
    }
    b.append('\n');
  }

  private static boolean ran(ObjectNode s, String key) {
    if (s.has(key) && !s.get(key).isNull()) {
      return !s.get(key).isArray() || !s.get(key).isEmpty();
    }
    for (JsonNode d : list(s.get("dumps"))) {
      if (d.has(key) && !d.get(key).isNull()) {
        return true;
      }
    }
    return "impact".equals(key) && obj(s.get("case_impact")) != null;
  }

  private static Map<String, Map<String, Object>> byStage(Map<String, Object> params) {
    Map<String, Map<String, Object>> out = new LinkedHashMap<>();
    params.forEach((k, v) -> {
      int dot = k.indexOf('.');
      String stage = dot > 0 ? k.substring(0, dot) : "general";
      out.computeIfAbsent(stage, x -> new LinkedHashMap<>()).put(k, v);
    });
    return out;
  }

  private static void parameters(StringBuilder b, Map<String, Object> params) {
    b.append("| parameter | value |\n| --- | --- |\n");
    params.forEach((k, v) -> row(b, k, value(v)));
    b.append('\n');
  }

  private static String value(Object v) {
    if (v instanceof String[] a) {
      return a.length == 2 ? a[0] + " (" + a[1] + ")" : String.join(", ", a);
    }
    if (v instanceof Object[] a) {
      return Arrays.toString(a);
    }
    return String.valueOf(v);
  }

  private static String fmtHalf(double x) {
    return x == Math.rint(x) ? String.valueOf((long) x) : String.format(Locale.ROOT, "%.1f", x);
  }

  private static void row(StringBuilder b, String... cells) {
    b.append('|');
    for (String c : cells) {
      b.append(' ').append(md(c)).append(" |");
    }
    b.append('\n');
  }

  /** Markdown-safe text: strings from a dump (ids, paths) cannot open markup, links or table cells. */
  static String md(String s) {
    if (s == null) {
      return "";
    }
    StringBuilder b = new StringBuilder(s.length());
    for (char c : s.toCharArray()) {
      switch (c) {
        case '\\', '|', '`', '*', '_', '[', ']', '#', '!' -> b.append('\\').append(c);
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '\n', '\r', '\u2028', '\u2029' -> b.append(' ');
        default -> b.append(c);
      }
    }
    return b.toString();
  }

  private static String code(String s) {
    return s.replace("`", "'").replace('\n', ' ');
  }
}
