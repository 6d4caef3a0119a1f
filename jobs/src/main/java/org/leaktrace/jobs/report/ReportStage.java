package org.leaktrace.jobs.report;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.row_number;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.leaktrace.jobs.common.Cols;
import org.leaktrace.jobs.common.Conf;
import org.leaktrace.jobs.common.Delta;
import org.leaktrace.jobs.common.Tables;
import org.leaktrace.jobs.common.Version;
import org.leaktrace.jobs.common.Workspace;
import org.leaktrace.jobs.config.CaseFile;
import org.leaktrace.jobs.config.DatasetSpec;
import org.leaktrace.jobs.rules.AttributeParams;
import org.leaktrace.jobs.rules.CountParams;
import org.leaktrace.jobs.rules.EstimateParams;
import org.leaktrace.jobs.rules.InputLimits;
import org.leaktrace.jobs.rules.TraceParams;
import org.leaktrace.jobs.rules.Verdicts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Report: writes the exhibit from the warehouse tables alone ({@code summary.json}, {@code
 * quarantine.csv}). Reads aggregates and per-file accounting; quarantined lines are streamed to the
 * CSV, never gathered on the driver.
 */
public final class ReportStage {

  private static final Logger LOG = LoggerFactory.getLogger(ReportStage.class);

  /** How many quarantined lines summary.json lists per dump; quarantine.csv lists them all. */
  static final int QUARANTINE_LISTED = 1000;

  public static final String SCHEMA = "leaktrace.summary/1";

  private ReportStage() {}

  /**
   * How a report run is told apart from another: {@code reproducible} leaves the one time-of-day field
   * out of summary.json; {@code command} is the command line METHOD.md gives to reproduce the exhibit.
   */
  public record Options(boolean reproducible, String command) {
    public static final Options DEFAULT = new Options(false, null);
  }

  public static void run(SparkSession spark, CaseFile c, Workspace ws) {
    run(spark, c, ws, Options.DEFAULT);
  }

  public static void run(SparkSession spark, CaseFile c, Workspace ws, Options opts) {
    Dataset<Row> custody = Delta.read(spark, ws.table(Tables.CUSTODY), "report");
    Dataset<Row> quarantine = Delta.read(spark, ws.table(Tables.QUARANTINE), "report");
    Dataset<Row> columns = Delta.exists(spark, ws.table(Tables.COLUMNS))
        ? Delta.read(spark, ws.table(Tables.COLUMNS), "report") : null;
    try {
      Files.createDirectories(ws.exhibit());
      ObjectNode summary = summary(c, custody, quarantine, columns);
      if (Delta.exists(spark, ws.table(Tables.ATTRIBUTION))) {
        Dataset<Row> attribution = Delta.read(spark, ws.table(Tables.ATTRIBUTION), "report");
        addAttribution(summary, AttributionSummaries.summaryFragments(attribution));
        AttributionSummaries.writeExhibit(attribution, ws.exhibit().resolve("attribution.csv"));
      }
      if (Delta.exists(spark, ws.table(Tables.ATTRIBUTION_WEIGHTS))) {
        Dataset<Row> weights = Delta.read(spark, ws.table(Tables.ATTRIBUTION_WEIGHTS), "report");
        summary.set("attribution_model", ModelSummaries.summary(weights));
        ModelSummaries.writeExhibit(weights, ws.exhibit().resolve("attribution_model.csv"));
      }
      if (Delta.exists(spark, ws.table(Tables.IMPACT))) {
        addImpact(summary, CountSummaries.read(spark, ws, Conf.taxonomy(c)));
      }
      ResaleSummaries.addResale(spark, ws, summary, ws.exhibit().resolve("resale.csv"));
      ResaleSummaries.addEstimates(spark, ws, summary, ws.exhibit().resolve("estimates.csv"));
      Reproducible.stamp(summary, opts.reproducible(), Instant.now());
      ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
      Path file = ws.exhibit().resolve("summary.json");
      json.writeValue(file.toFile(), summary);
      writeQuarantine(quarantine, ws.exhibit().resolve("quarantine.csv"));
      writeCounts(summary, ws.exhibit().resolve("counts.csv"));
      MethodDoc.write(summary, methodInputs(spark, c, ws, opts), ws.exhibit().resolve("METHOD.md"));
      Files.createDirectories(ws.report());
      HtmlReport.render(summary, ws.report().resolve("index.html"));
      Manifest.write(ws.exhibit(), summary, c.baseDir()); // last: it hashes every exhibit file
      LOG.info("report: wrote {} and {}", ws.exhibit(), ws.report().resolve("index.html"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static ObjectNode summary(CaseFile c, Dataset<Row> custodyDF, Dataset<Row> quarantineDF, Dataset<Row> columnsDF) {
    ObjectMapper m = new ObjectMapper();
    ObjectNode root = m.createObjectNode();
    root.put("schema", SCHEMA);
    root.put("case_id", c.caseId());
    root.put("tool_version", Version.TOOL);
    root.put("taxonomy", c.taxonomy());
    // one row per file: small, ordered
    List<Row> files = custodyDF.orderBy(Cols.DATASET, Cols.FILE_INDEX, Cols.ENTRY_INDEX).collectAsList();
    ArrayNode inputs = root.putArray("inputs");
    String last = null;
    for (Row f : files) {
      String key = f.getAs(Cols.DATASET) + "\n" + f.getAs(Cols.PATH);
      if (!key.equals(last)) {
        ObjectNode in = inputs.addObject();
        in.put("dataset", (String) f.getAs(Cols.DATASET));
        in.put("path", (String) f.getAs(Cols.PATH));
        in.put("bytes", (Long) f.getAs(Cols.BYTES));
        in.put("sha256", (String) f.getAs(Cols.SHA256));
        last = key;
      }
    }
    Map<String, List<Row>> listed = quarantineListed(quarantineDF);
    Map<String, List<Row>> columns = new LinkedHashMap<>();
    if (columnsDF != null) {
      for (Row r : columnsDF.orderBy(Cols.DATASET, Cols.POSITION, Cols.COLUMN).collectAsList()) {
        columns.computeIfAbsent(r.getAs(Cols.DATASET), k -> new java.util.ArrayList<>()).add(r);
      }
    }
    ArrayNode dumps = root.putArray("dumps");
    for (DatasetSpec d : c.dumps()) {
      ObjectNode dn = datasetNode(m, d, files, listed.getOrDefault(d.dataset(), List.of()));
      if (columnsDF != null) {
        dn.set("columns", columnsNode(m, columns.getOrDefault(d.dataset(), List.of())));
      }
      dumps.add(dn);
    }
    ArrayNode platforms = root.putArray("platforms");
    for (DatasetSpec p : c.platforms()) {
      ObjectNode pn = datasetNode(m, p, files, List.of());
      if (columnsDF != null) {
        pn.set("columns", columnsNode(m, columns.getOrDefault(p.dataset(), List.of())));
      }
      platforms.add(pn);
    }
    return root;
  }

  private static ObjectNode datasetNode(ObjectMapper m, DatasetSpec d, List<Row> files, List<Row> quarantined) {
    ObjectNode n = m.createObjectNode();
    n.put("id", d.id());
    if (d.kind() == DatasetSpec.Kind.PLATFORM) {
      n.put("sector", d.sector());
    } else {
      n.put("obtained", d.obtained().toString());
    }
    long lines = 0;
    long parsed = 0;
    long quar = 0;
    Map<String, Long> reasons = new TreeMap<>();
    ArrayNode fileNodes = m.createArrayNode();
    for (Row f : files) {
      if (!d.dataset().equals(f.getAs(Cols.DATASET))) {
        continue;
      }
      long l = f.getAs(Cols.LINES_READ);
      long p = f.getAs(Cols.ROWS_PARSED);
      long q = f.getAs(Cols.ROWS_QUARANTINED);
      lines += l;
      parsed += p;
      quar += q;
      Map<String, Long> fr = new TreeMap<>(f.<String, Long>getJavaMap(f.fieldIndex(Cols.QUARANTINE_BY_REASON)));
      fr.forEach((k, v) -> reasons.merge(k, v, Long::sum));
      ObjectNode fn = fileNodes.addObject();
      fn.put("file", (String) f.getAs(Cols.FILE));
      if (f.getAs(Cols.SNAPSHOT) != null) {
        fn.put("snapshot", f.getAs(Cols.SNAPSHOT).toString());
      }
      fn.put("encoding", (String) f.getAs(Cols.ENCODING));
      fn.put("format", (String) f.getAs(Cols.FORMAT));
      fn.put("header", f.getAs(Cols.HEADER) != null);
      fn.put("lines_read", l);
      fn.put("rows_parsed", p);
      fn.put("rows_quarantined", q);
      fn.set("quarantine_by_reason", m.valueToTree(fr));
      if (f.getAs(Cols.READ_ERROR) != null) {
        fn.put("read_error", (String) f.getAs(Cols.READ_ERROR));
      }
    }
    n.put("lines_read", lines);
    n.put("rows_parsed", parsed);
    n.put("rows_quarantined", quar);
    n.set("quarantine_by_reason", m.valueToTree(reasons));
    n.set("files", fileNodes);
    if (d.kind() == DatasetSpec.Kind.DUMP) {
      ArrayNode q = n.putArray("quarantined_lines");
      for (Row r : quarantined) {
        ObjectNode qn = q.addObject();
        qn.put("file", (String) r.getAs(Cols.FILE));
        qn.put("line", (Long) r.getAs(Cols.LINE));
        qn.put("reason", (String) r.getAs(Cols.REASON));
        qn.put("detail", (String) r.getAs(Cols.DETAIL));
      }
      n.put("quarantined_lines_complete", quar <= QUARANTINE_LISTED);
    }
    return n;
  }

  /** exhibit/counts.csv: dump, class, pieces, individuals (DESIGN.md output layout). */
  static void writeCounts(ObjectNode summary, Path file) throws IOException {
    try (ExhibitCsv csv = new ExhibitCsv(file, "dump", "class", "pieces", "individuals")) {
      for (com.fasterxml.jackson.databind.JsonNode d : summary.get("dumps")) {
        com.fasterxml.jackson.databind.JsonNode impact = d.get("impact");
        if (impact == null) {
          continue;
        }
        for (java.util.Iterator<String> it = impact.get("pieces_by_class").fieldNames(); it.hasNext(); ) {
          String cls = it.next();
          com.fasterxml.jackson.databind.JsonNode ind = impact.get("individuals_by_class");
          csv.row(d.get("id").asText(), cls, impact.get("pieces_by_class").get(cls).asLong(),
              ind == null || ind.get(cls) == null ? 0L : ind.get(cls).asLong());
        }
      }
    }
  }

  /** What METHOD.md records: versions, the taxonomy and its hash, table versions read, parameters. */
  private static MethodInputs methodInputs(SparkSession spark, CaseFile c, Workspace ws, Options opts)
      throws IOException {
    Path taxonomy = Conf.taxonomyFile(c);
    Map<String, Long> versions = new java.util.TreeMap<>();
    for (String t : List.of(Tables.CUSTODY, Tables.RAW_ROWS, Tables.QUARANTINE, Tables.COLUMNS, Tables.RECORDS,
        Tables.TOKENS, Tables.ATTRIBUTION, Tables.ATTRIBUTION_WEIGHTS, Tables.IMPACT, Tables.IMPACT_BY_SELLER, Tables.COUNT_AUDIT,
        Tables.RESALE_PAIRS, Tables.RESALE_EDGES, Tables.RESALE_LINEAGE, Tables.ESTIMATES)) {
      if (Delta.exists(spark, ws.table(t))) {
        versions.put(t, io.delta.tables.DeltaTable.forPath(spark, ws.table(t)).history(1)
            .select("version").first().getLong(0));
      }
    }
    Map<String, Object> params = new LinkedHashMap<>();
    params.put("ingest.max_line_bytes", Integer.toString(InputLimits.MAX_LINE_BYTES));
    params.put("classify.sample_lines", Integer.toString(InputLimits.SAMPLE_LINES));
    params.put("classify.sample_values", Integer.toString(InputLimits.SAMPLE_VALUES));
    AttributeParams.DEFAULTS.describe().forEach((k, v) -> params.put("attribute." + k, v));
    params.putAll(CountParams.defaults().describe());
    TraceParams.DEFAULTS.describe().forEach((k, v) -> params.put("trace." + k, v));
    EstimateParams.DEFAULTS.describe().forEach((k, v) -> params.put("estimate." + k, v));
    String command = opts.command() != null ? opts.command()
        : "bin/leaktrace run --case " + c.file() + " --out " + ws.out() + " --reproducible";
    return new MethodInputs(c.file().toString(), command, c.taxonomy(), taxonomy.toString(),
        Files.exists(taxonomy) ? Manifest.sha256(taxonomy) : "unknown", Version.TOOL, spark.version(), Version.DELTA,
        versions, params);
  }

  /** Adds each dump's attribution; a dump without counted rows has no evidence and is {@code unknown}. */
  static void addAttribution(ObjectNode summary, Map<String, ObjectNode> fragments) {
    for (com.fasterxml.jackson.databind.JsonNode d : summary.get("dumps")) {
      ObjectNode f = fragments.get(d.get("id").asText());
      if (f == null) {
        f = new ObjectMapper().createObjectNode();
        f.put("verdict", Verdicts.UNKNOWN);
        f.putArray("candidates");
        f.putArray("mixture");
      }
      ((ObjectNode) d).set("attribution", f);
    }
  }

  /** Adds the count stage's figures: per dump its duplicates, unverifiable rows and impact; the case's. */
  static void addImpact(ObjectNode summary, CountSummaries.Json counts) {
    for (com.fasterxml.jackson.databind.JsonNode d : summary.get("dumps")) {
      ObjectNode fragment = counts.dumps().get("dump:" + d.get("id").asText());
      if (fragment != null) {
        ((ObjectNode) d).setAll(fragment);
      }
    }
    // case_impact after dumps, where the contract puts it
    summary.set("case_impact", counts.caseImpact());
    summary.set("platforms", summary.remove("platforms"));
  }

  /**
   * The contract's per-dataset {@code columns}: type, class, PIPL flag, confidence, how decided, and for
   * a dump's identifying columns up to three masked examples ({@code masked_samples}).
   */
  private static ArrayNode columnsNode(ObjectMapper m, List<Row> cols) {
    ArrayNode a = m.createArrayNode();
    for (Row r : cols) {
      ObjectNode n = a.addObject();
      n.put("column", (String) r.getAs(Cols.COLUMN));
      n.put("position", (Integer) r.getAs(Cols.POSITION));
      n.put("type", (String) r.getAs(Cols.TYPE));
      n.put("class", (String) r.getAs(Cols.CLASS));
      n.put("pipl_sensitive", (Boolean) r.getAs(Cols.PIPL_SENSITIVE));
      n.put("confidence", Math.round(r.<Double>getAs(Cols.CONFIDENCE) * 1000) / 1000.0);
      n.put("decided_by", (String) r.getAs(Cols.DECIDED_BY));
      // masked examples (classify, dumps only); a table written before they existed has no such column
      int at = r.schema().getFieldIndex(Cols.MASKED_SAMPLES).getOrElse(() -> -1);
      if (at >= 0 && !r.isNullAt(at) && !r.getList(at).isEmpty()) {
        ArrayNode samples = n.putArray("masked_samples");
        r.<String>getList(at).forEach(samples::add);
      }
    }
    return a;
  }

  /** The first {@link #QUARANTINE_LISTED} quarantined lines of each dataset, in file and line order. */
  private static Map<String, List<Row>> quarantineListed(Dataset<Row> q) {
    Dataset<Row> firstLines = q
        .withColumn("_lt_n", row_number().over(Window.partitionBy(Cols.DATASET)
            .orderBy(Cols.FILE_INDEX, Cols.ENTRY_INDEX, Cols.LINE)))
        .filter(col("_lt_n").leq(QUARANTINE_LISTED))
        .select(Cols.DATASET, Cols.FILE, Cols.LINE, Cols.REASON, Cols.DETAIL)
        .orderBy(Cols.DATASET, Cols.FILE, Cols.LINE);
    Map<String, List<Row>> out = new LinkedHashMap<>();
    for (Row r : firstLines.collectAsList()) {
      out.computeIfAbsent(r.getString(0), k -> new java.util.ArrayList<>()).add(r);
    }
    return out;
  }

  /** Every quarantined line's place and reason (not its bytes, which stay in the raw zone). */
  private static void writeQuarantine(Dataset<Row> q, Path file) throws IOException {
    try (ExhibitCsv csv = new ExhibitCsv(file, "dataset", "file", "line", "reason", "detail", "bytes")) {
      Iterator<Row> it = q.select(Cols.DATASET, Cols.FILE, Cols.LINE, Cols.REASON, Cols.DETAIL, Cols.RAW_LENGTH,
              Cols.FILE_INDEX, Cols.ENTRY_INDEX)
          .orderBy(Cols.DATASET, Cols.FILE_INDEX, Cols.ENTRY_INDEX, Cols.LINE)
          .toLocalIterator();
      while (it.hasNext()) {
        Row r = it.next();
        csv.row(r.get(0), r.get(1), r.get(2), r.get(3), r.get(4), r.get(5));
      }
    }
  }
}
