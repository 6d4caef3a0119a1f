package org.leaktrace.jobs.e2e;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.leaktrace.jobs.common.Cols;
import org.leaktrace.jobs.common.LeaktraceException;
import org.leaktrace.jobs.common.Tables;
import org.leaktrace.jobs.common.Workspace;
import org.leaktrace.jobs.config.CaseFile;
import org.leaktrace.jobs.config.DatasetSpec;
import org.leaktrace.jobs.generate.Generator;
import org.leaktrace.jobs.classify.ClassifyStage;
import org.leaktrace.jobs.count.CountStage;
import org.leaktrace.jobs.ingest.IngestStage;
import org.leaktrace.jobs.report.ReportStage;
import org.leaktrace.jobs.testing.SparkExtension;
import org.leaktrace.udf.types.FieldType;

/**
 * generate → ingest → classify → count → report on a fixed seed: the line accounting equals truth.json
 * file by file, every identifier column is typed as generated, the counts equal the truth exactly, and no
 * raw identifier is left below the raw zone.
 */
@ExtendWith(SparkExtension.class)
class CaseEndToEndTest {

  @TempDir static Path dir;
  static JsonNode truth;
  static JsonNode summary;
  static Workspace ws;
  static CaseFile caseFile;

  @BeforeAll
  static void run(SparkSession spark) throws Exception {
    Path caseDir = dir.resolve("case");
    Generator.generate(caseDir, 400, 7L);
    ObjectMapper m = new ObjectMapper();
    truth = m.readTree(caseDir.resolve("truth.json").toFile());
    CaseFile c = CaseFile.load(caseDir.resolve("case.yaml"));
    ws = Workspace.of(c, dir.resolve("out"));
    IngestStage.run(spark, c, ws, List.of());
    ClassifyStage.run(spark, c, ws);
    CountStage.run(spark, c, ws);
    caseFile = c;
    ReportStage.run(spark, c, ws, new ReportStage.Options(true, null));
    summary = m.readTree(ws.exhibit().resolve("summary.json").toFile());
  }

  /**
   * `run` ingests and classifies in one scan (each line read, classified and tokenized once); the
   * classify stage does it again from raw_rows. Both must write the same raw and analytic zones, row for
   * row (the run id and the time of ingest aside), except that the one scan copies no platform line to
   * raw_rows; classify alone then refuses to run on that warehouse, before writing anything.
   */
  @Test
  void theOneScanWritesWhatIngestThenClassifyWrite(SparkSession spark) {
    Workspace scan = Workspace.of(caseFile, dir.resolve("out-scan"));
    IngestStage.run(spark, caseFile, scan, List.of(), true);
    org.apache.spark.sql.Column dumps = col(Cols.DATASET).isin(caseFile.dumps().stream()
        .map(DatasetSpec::dataset).toArray());
    assertEquals(0, spark.read().format("delta").load(scan.table(Tables.RAW_ROWS)).filter(not(dumps)).count(),
        "the one scan copies no platform line to raw_rows");
    for (String table : List.of(Tables.CUSTODY, Tables.RAW_ROWS, Tables.QUARANTINE, Tables.COLUMNS, Tables.RECORDS,
        Tables.TOKENS)) {
      org.apache.spark.sql.Dataset<Row> a = spark.read().format("delta").load(ws.table(table));
      org.apache.spark.sql.Dataset<Row> b = spark.read().format("delta").load(scan.table(table));
      if (table.equals(Tables.RAW_ROWS)) {
        a = a.filter(dumps);
      }
      a = asText(a);
      b = asText(b);
      assertEquals(List.of(a.columns()), List.of(b.columns()), table);
      long rows = a.count();
      assertTrue(rows > 0, table);
      assertEquals(rows, b.count(), table);
      assertEquals(0, a.exceptAll(b).count(), table + ": rows of ingest then classify missing from the one scan");
      assertEquals(0, b.exceptAll(a).count(), table + ": rows of the one scan missing from ingest then classify");
    }
    long records = spark.read().format("delta").load(scan.table(Tables.RECORDS)).count();
    LeaktraceException e = assertThrows(LeaktraceException.class,
        () -> ClassifyStage.run(spark, caseFile, scan));
    assertTrue(e.getMessage().contains("holds no line of platform:") && e.getMessage().contains("bin/leaktrace ingest"),
        e.getMessage());
    assertEquals(records, spark.read().format("delta").load(scan.table(Tables.RECORDS)).count(), "nothing lost");
  }

  /** Every column as text (maps cannot be compared as sets), the run's own columns dropped. */
  private static org.apache.spark.sql.Dataset<Row> asText(org.apache.spark.sql.Dataset<Row> df) {
    return df.drop(Cols.INGEST_RUN, Cols.INGESTED_AT).select(java.util.Arrays.stream(df.drop(Cols.INGEST_RUN,
        Cols.INGESTED_AT).columns()).sorted().map(n -> col(n).cast("string").as(n))
        .toArray(org.apache.spark.sql.Column[]::new));
  }

  @Test
  void everyFileIsAccountedForAsTheTruthSays(SparkSession spark) {
    Map<String, Row> custody = new HashMap<>();
    for (Row r : spark.read().format("delta").load(ws.table(Tables.CUSTODY))
        .filter(col(Cols.KIND).equalTo("dump")).collectAsList()) {
      custody.put(r.getAs(Cols.PATH), r);
    }
    int files = 0;
    for (JsonNode d : truth.get("dumps")) {
      for (JsonNode f : d.get("files")) {
        Row r = custody.get(f.get("path").asText());
        assertTrue(r != null, "no custody row for " + f.get("path"));
        assertEquals(f.get("lines_read").asLong(), (Long) r.getAs(Cols.LINES_READ), f.get("path").asText());
        assertEquals(f.get("rows_parsed").asLong(), (Long) r.getAs(Cols.ROWS_PARSED), f.get("path").asText());
        assertEquals(f.get("rows_quarantined").asLong(), (Long) r.getAs(Cols.ROWS_QUARANTINED), f.get("path").asText());
        Map<String, Long> expected = new HashMap<>();
        f.get("quarantine_by_reason").fields().forEachRemaining(e -> expected.put(e.getKey(), e.getValue().asLong()));
        assertEquals(expected, new HashMap<>(r.<String, Long>getJavaMap(r.fieldIndex(Cols.QUARANTINE_BY_REASON))),
            f.get("path").asText());
        files++;
      }
    }
    assertEquals(custody.size(), files, "the truth and the warehouse list the same dump files");
  }

  @Test
  void summaryTotalsAndQuarantinedLinesMatchTheTruth() {
    Map<String, JsonNode> byId = new HashMap<>();
    summary.get("dumps").forEach(d -> byId.put(d.get("id").asText(), d));
    for (JsonNode t : truth.get("dumps")) {
      JsonNode s = byId.get(t.get("id").asText());
      for (String k : List.of("lines_read", "rows_parsed", "rows_quarantined")) {
        assertEquals(t.get(k).asLong(), s.get(k).asLong(), t.get("id").asText() + " " + k);
      }
      assertEquals(t.get("rows_quarantined").asLong(), s.get("quarantined_lines").size());
      for (JsonNode q : s.get("quarantined_lines")) {
        assertTrue(q.get("line").asLong() > 0 && !q.get("reason").asText().isEmpty());
        assertTrue(q.get("file").asText().startsWith("dumps/" + t.get("id").asText() + "/"));
      }
    }
  }

  @Test
  void inputsListEveryFileWithItsHash() throws Exception {
    int checked = 0;
    for (JsonNode in : summary.get("inputs")) {
      Path f = dir.resolve("case").resolve(in.get("path").asText());
      assertEquals(org.leaktrace.jobs.ingest.IngestStageTest.sha256sum(f), in.get("sha256").asText());
      checked++;
    }
    assertTrue(checked > 20, "platform snapshots and dump files are all listed");
  }

  @Test
  void everyIdentifierColumnIsTypedAsGenerated() {
    Map<String, JsonNode> byId = new HashMap<>();
    summary.get("dumps").forEach(d -> byId.put(d.get("id").asText(), d));
    summary.get("platforms").forEach(d -> byId.put(d.get("id").asText(), d));
    List<JsonNode> all = new java.util.ArrayList<>();
    truth.get("dumps").forEach(all::add);
    truth.get("platforms").forEach(p -> {
      if (p.get("in_reference").asBoolean()) {
        all.add(p);
      }
    });
    int checked = 0;
    for (JsonNode t : all) {
      JsonNode cols = byId.get(t.get("id").asText()).get("columns");
      for (int i = 0; i < t.get("columns").size(); i++) {
        FieldType expected = FieldType.of(t.get("columns").get(i).get("type").asText());
        if (!expected.identifying()) {
          continue;
        }
        JsonNode got = null;
        for (JsonNode c : cols) {
          if (c.get("position").asInt() == i) {
            got = c;
          }
        }
        assertTrue(got != null, t.get("id") + " has no column at " + i);
        assertEquals(expected.key(), got.get("type").asText(), t.get("id") + " column " + i);
        checked++;
      }
    }
    assertTrue(checked >= 40, "identifier columns checked: " + checked);
  }

  @Test
  void dumpsShowMaskedExamplesOfIdentifyingColumnsOnly() throws Exception {
    Map<String, java.util.regex.Pattern> masks = Map.of(
        "cn_mobile", java.util.regex.Pattern.compile("1[3-9][0-9]\\*{4}[0-9]{4}"),
        "cn_resident_id", java.util.regex.Pattern.compile("[1-9][0-9]{2}\\*{11}[0-9]{3}[0-9X]"),
        "bank_card", java.util.regex.Pattern.compile("[0-9]{6}\\*+[0-9]{4}"),
        "email", java.util.regex.Pattern.compile("[^@*]\\*{3}@[^@*]+"));
    String html = java.nio.file.Files.readString(ws.report().resolve("index.html"));
    int shown = 0;
    for (JsonNode d : summary.get("dumps")) {
      for (JsonNode c : d.get("columns")) {
        FieldType t = FieldType.of(c.get("type").asText());
        JsonNode samples = c.get("masked_samples");
        if (!t.identifying()) {
          assertTrue(samples == null, d.get("id") + " " + c.get("column") + " (" + t.key() + ") shows examples");
          continue;
        }
        if (samples == null) {
          continue;
        }
        assertTrue(samples.size() >= 1 && samples.size() <= 3, samples.toString());
        for (JsonNode v : samples) {
          java.util.regex.Pattern p = masks.get(t.key());
          assertTrue(p == null || p.matcher(v.asText()).matches(), t.key() + " example not masked as expected: "
              + v.asText());
          assertTrue(v.asText().contains("*"), t.key() + " example shows no mask");
          if (p != null) {
            shown++;
          }
        }
        assertTrue(html.contains(samples.get(0).asText()), "the report shows " + samples.get(0).asText());
      }
    }
    assertTrue(shown >= 10, "strong identifier examples shown: " + shown);
    for (JsonNode p : summary.get("platforms")) {
      for (JsonNode c : p.get("columns")) {
        assertTrue(c.get("masked_samples") == null, "a platform's column shows examples: " + p.get("id"));
      }
    }
  }

  /** Raw identifiers of the case, read back from the raw zone by the column types classify decided. */
  private static java.util.Set<String> rawIdentifiers(SparkSession spark) {
    java.util.Set<String> out = new java.util.HashSet<>();
    java.util.Map<String, java.util.Map<Integer, String>> types = new HashMap<>();
    for (Row r : spark.read().format("delta").load(ws.table(Tables.COLUMNS)).collectAsList()) {
      types.computeIfAbsent(r.getAs(Cols.DATASET), k -> new HashMap<>())
          .put(r.<Integer>getAs(Cols.POSITION), r.getAs(Cols.TYPE));
    }
    java.util.Set<String> strong = java.util.Set.of("cn_resident_id", "cn_mobile", "email", "bank_card");
    for (Row r : spark.read().format("delta").load(ws.table(Tables.RAW_ROWS))
        .select(Cols.DATASET, Cols.FIELDS).collectAsList()) {
      java.util.Map<Integer, String> t = types.getOrDefault(r.getString(0), Map.of());
      List<Object> f = r.getList(1);
      for (int i = 0; i < f.size(); i++) {
        if (f.get(i) != null && strong.contains(t.get(i))) {
          String v = f.get(i).toString().strip();
          out.add(v);
          String digits = v.replaceAll("[^0-9Xx]", "");
          if (digits.length() >= 11) {
            out.add(digits.substring(digits.length() - 11));
          }
        }
      }
    }
    return out;
  }

  @Test
  void noRawIdentifierBelowTheRawZone(SparkSession spark) throws Exception {
    java.util.Set<String> raw = rawIdentifiers(spark);
    assertTrue(raw.size() > 1000, "the scan knows the case's identifiers");
    int scanned = 0;
    // every value of every analytic table, as text
    for (String table : List.of(Tables.COLUMNS, Tables.RECORDS, Tables.TOKENS)) {
      org.apache.spark.sql.Dataset<Row> df = spark.read().format("delta").load(ws.table(table));
      org.apache.spark.sql.Column[] asText = java.util.Arrays.stream(df.columns())
          .map(n -> col(n).cast("string")).toArray(org.apache.spark.sql.Column[]::new);
      for (Row r : df.select(asText).collectAsList()) {
        for (int i = 0; i < r.size(); i++) {
          if (!r.isNullAt(i)) {
            assertTrue(!raw.contains(r.getString(i)), "a raw identifier in " + table + " column " + df.columns()[i]);
            scanned++;
          }
        }
      }
    }
    // every file of the analytic zone (transaction logs hold column statistics) and of the exhibit
    List<Path> files = new java.util.ArrayList<>();
    try (java.util.stream.Stream<Path> s = java.nio.file.Files.walk(Path.of(ws.table("analytic")))) {
      s.filter(p -> p.toString().endsWith(".json") || p.toString().endsWith(".crc")).forEach(files::add);
    }
    for (Path out : List.of(ws.exhibit(), ws.report())) {
      try (java.util.stream.Stream<Path> s = java.nio.file.Files.walk(out)) {
        s.filter(java.nio.file.Files::isRegularFile).forEach(files::add);
      }
    }
    for (Path f : files) {
      String text = new String(java.nio.file.Files.readAllBytes(f), java.nio.charset.StandardCharsets.UTF_8);
      for (String v : raw) {
        assertTrue(!text.contains(v), "a raw identifier in " + f.getFileName());
      }
    }
    assertTrue(scanned > 10000 && files.size() > 5);
  }

  @Test
  void countsEqualTheTruthExactly() {
    Map<String, JsonNode> byId = new HashMap<>();
    summary.get("dumps").forEach(d -> byId.put(d.get("id").asText(), d));
    for (JsonNode t : truth.get("dumps")) {
      String id = t.get("id").asText();
      JsonNode s = byId.get(id);
      assertEquals(t.get("rows_duplicate").asLong(), s.get("rows_duplicate").asLong(), id + " rows_duplicate");
      assertEquals(t.get("rows_unverifiable").asLong(), s.get("rows_unverifiable").asLong(), id + " rows_unverifiable");
      JsonNode impact = s.get("impact");
      assertEquals(t.get("individuals").asLong(), impact.get("individuals").asLong(), id + " individuals");
      assertEquals(t.get("minors_under_14").asLong(), impact.get("minors_under_14").asLong(), id + " minors");
      assertEquals(classes(t.get("pieces_by_class")), classes(impact.get("pieces_by_class")), id + " pieces_by_class");
      assertEquals(classes(t.get("individuals_by_class")), classes(impact.get("individuals_by_class")),
          id + " individuals_by_class");
      assertTrue(impact.get("severity").has("level"));
    }
    JsonNode tc = truth.get("case_impact");
    JsonNode sc = summary.get("case_impact");
    assertEquals(tc.get("individuals").asLong(), sc.get("individuals").asLong(), "case individuals");
    assertEquals(classes(tc.get("pieces_by_class")), classes(sc.get("pieces_by_class")), "case pieces_by_class");
    assertEquals(classes(tc.get("individuals_by_class")), classes(sc.get("individuals_by_class")),
        "case individuals_by_class");
  }

  /** Non-zero class counts (the truth and the summary may list empty classes differently). */
  private static Map<String, Long> classes(JsonNode n) {
    Map<String, Long> out = new java.util.TreeMap<>();
    n.fields().forEachRemaining(e -> {
      if (e.getValue().asLong() != 0) {
        out.put(e.getKey(), e.getValue().asLong());
      }
    });
    return out;
  }

  @Test
  void aSecondReportIsByteIdenticalAndTheManifestChecks(SparkSession spark) throws Exception {
    Map<String, String> before = hashes(ws.exhibit());
    before.putAll(hashes(ws.report()));
    assertTrue(before.keySet().containsAll(List.of("summary.json", "counts.csv",
        "quarantine.csv", "METHOD.md", "MANIFEST.sha256", "index.html")), before.keySet().toString());
    ReportStage.run(spark, caseFile, ws, new ReportStage.Options(true, null));
    Map<String, String> after = hashes(ws.exhibit());
    after.putAll(hashes(ws.report()));
    assertEquals(before, after, "the exhibit and report, byte for byte");
    Process p = new ProcessBuilder("sha256sum", "-c", "--quiet", "MANIFEST.sha256")
        .directory(ws.exhibit().toFile()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    assertEquals(0, p.waitFor(), "sha256sum -c MANIFEST.sha256: " + out);
  }

  private static Map<String, String> hashes(Path dir) throws Exception {
    Map<String, String> out = new java.util.TreeMap<>();
    try (java.util.stream.Stream<Path> s = java.nio.file.Files.list(dir)) {
      for (Path f : s.filter(java.nio.file.Files::isRegularFile).toList()) {
        out.put(f.getFileName().toString(), org.leaktrace.jobs.ingest.IngestStageTest.sha256sum(f));
      }
    }
    return out;
  }
}
