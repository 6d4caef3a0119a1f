package org.leaktrace.jobs.ingest;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.spark.sql.Dataset;
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
import org.leaktrace.jobs.testing.SparkExtension;

/** Ingest on a small hand-built case holding every bad-input kind, encoding and compression. */
@ExtendWith(SparkExtension.class)
public class IngestStageTest {

  private static final Charset GB = Charset.forName("GB18030");

  @TempDir static Path dir;
  static Workspace ws;
  static CaseFile caseFile;

  /** The noisy gzipped GB18030 file: its lines as bytes, in order. */
  static final List<byte[]> NOISY = List.of(
      "13800000000----张三----北京市朝阳区----2020-03-01 10:00:00".getBytes(GB),   // 1 ok
      "+86 139-0000-0001----李四----上海市----2020-03-02 11:00:00".getBytes(GB),   // 2 ok
      "13900000002----王五----广州市".getBytes(GB),                                // 3 wrong_field_count
      "   ".getBytes(GB),                                                         // 4 empty_line
      concat("13900000003----赵".getBytes(GB), new byte[] {(byte) 0xFF},
          "六----深圳市----2020-03-02 11:00:00".getBytes(GB)),                      // 5 invalid_encoding
      "1390\u00000000004----x----y----z".getBytes(GB),                            // 6 binary_content
      "A".repeat(UnitParser.MAX_LINE_BYTES + 10).getBytes(GB),                     // 7 line_too_long
      "13700000005----孙七----杭州市----2020-03-03 12:00:00".getBytes(GB));       // 8 ok

  @BeforeAll
  static void ingest(SparkSession spark) throws IOException {
    write("keys/case.key", "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII));
    ByteArrayOutputStream noisy = new ByteArrayOutputStream();
    for (byte[] l : NOISY) {
      noisy.writeBytes(l);
      noisy.write('\n');
    }
    write("dumps/noisy/a.txt.gz", gzip(noisy.toByteArray()));
    write("dumps/noisy/b.txt", "13600000006----周八----南京市----2020-03-04 09:00:00\r\n".getBytes(GB));
    write("dumps/quoted/q.csv", concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF},
        ("name,mobile,address\n"
            + "张三,13800000000,\"北京市, 朝阳区\"\n"
            + "李四,13900000001,\"上海市\n"
            + "王五,13900000002\n"
            + "赵六,13900000003,深圳市\n").getBytes(StandardCharsets.UTF_8)));
    write("dumps/zipped/z.zip", zip(Map.of(
        "inner/one.tsv", concat(new byte[] {(byte) 0xFF, (byte) 0xFE},
            "姓名\t手机号\n张三\t13800000000\n李四\t13900000001\n".getBytes(StandardCharsets.UTF_16LE)),
        "two.csv.gz", gzip("mobile,email\n13800000000,a@example.com\n".getBytes(StandardCharsets.UTF_8)))));
    write("dumps/json/j.jsonl", ("{\"mobile\":\"13800000000\",\"name\":\"张三\"}\n"
        + "{\"mobile\":\"13900000001\",\"name\":\"李四\",\"city\":\"上海\"}\n"
        + "{\"mobile\":\"139000\n"
        + "[1,2]\n"
        + "{\"name\":\"王五\",\"mobile\":null}\n").getBytes(StandardCharsets.UTF_8));
    write("platforms/p1/2020-01-01.csv", "name,mobile\n张三,13800000000\n".getBytes(StandardCharsets.UTF_8));
    write("platforms/p1/2020-02-01.csv", "name,mobile\n张三,13800000000\n李四,13900000001\n".getBytes(StandardCharsets.UTF_8));
    write("case.yaml", ("""
        case_id: ingest-test
        key_file: keys/case.key
        platforms:
          - id: p1
            sector: courier
            path: platforms/p1
        dumps:
          - id: noisy
            path: dumps/noisy
            obtained: 2020-03-14
          - id: quoted
            path: dumps/quoted/*.csv
            obtained: 2020-03-15
          - id: zipped
            path: dumps/zipped/z.zip
            obtained: 2020-03-16
          - id: json
            path: dumps/json
            obtained: 2020-03-17
        """).getBytes(StandardCharsets.UTF_8));
    caseFile = CaseFile.load(dir.resolve("case.yaml"));
    ws = Workspace.of(caseFile, dir.resolve("out"));
    IngestStage.run(spark, caseFile, ws, List.of());
  }

  private static Dataset<Row> table(SparkSession spark, String name) {
    return spark.read().format("delta").load(ws.table(name));
  }

  private static Row custody(SparkSession spark, String file) {
    List<Row> rows = table(spark, Tables.CUSTODY).filter(col(Cols.FILE).equalTo(file)).collectAsList();
    assertEquals(1, rows.size(), file);
    return rows.get(0);
  }

  private static Map<Long, String> quarantined(SparkSession spark, String file) {
    return table(spark, Tables.QUARANTINE).filter(col(Cols.FILE).equalTo(file)).collectAsList().stream()
        .collect(Collectors.toMap(r -> r.<Long>getAs(Cols.LINE), r -> r.<String>getAs(Cols.REASON),
            (a, b) -> a + "," + b, TreeMap::new));
  }

  @Test
  void everyBadLineKindHasItsReason(SparkSession spark) {
    assertEquals(Map.of(3L, "wrong_field_count", 4L, "empty_line", 5L, "invalid_encoding",
            6L, "binary_content", 7L, "line_too_long"),
        quarantined(spark, "dumps/noisy/a.txt.gz"));
    Row a = custody(spark, "dumps/noisy/a.txt.gz");
    assertEquals(8L, (Long) a.getAs(Cols.LINES_READ));
    assertEquals(3L, (Long) a.getAs(Cols.ROWS_PARSED));
    assertEquals(5L, (Long) a.getAs(Cols.ROWS_QUARANTINED));
    assertEquals("GB18030", a.getAs(Cols.ENCODING));
    assertEquals("delimited:----", a.getAs(Cols.FORMAT));
    assertEquals(Map.of(3L, "unbalanced_quote", 4L, "wrong_field_count", 1L, "header"),
        quarantined(spark, "dumps/quoted/q.csv"));
    assertEquals(Map.of(3L, "invalid_json", 4L, "invalid_json"), quarantined(spark, "dumps/json/j.jsonl"));
  }

  @Test
  void quarantinedLinesKeepTheirBytes(SparkSession spark) {
    Row bad = table(spark, Tables.QUARANTINE)
        .filter(col(Cols.FILE).equalTo("dumps/noisy/a.txt.gz").and(col(Cols.LINE).equalTo(5L))).first();
    assertArrayEquals(NOISY.get(4), (byte[]) bad.getAs(Cols.RAW));
    Row longLine = table(spark, Tables.QUARANTINE)
        .filter(col(Cols.FILE).equalTo("dumps/noisy/a.txt.gz").and(col(Cols.LINE).equalTo(7L))).first();
    assertEquals(UnitParser.MAX_LINE_BYTES + 10L, (Long) longLine.getAs(Cols.RAW_LENGTH));
    assertEquals(UnitParser.MAX_LINE_BYTES, ((byte[]) longLine.getAs(Cols.RAW)).length);
  }

  @Test
  void fieldsAreDecodedAndSplit(SparkSession spark) {
    Row r = table(spark, Tables.RAW_ROWS)
        .filter(col(Cols.FILE).equalTo("dumps/noisy/a.txt.gz").and(col(Cols.LINE).equalTo(1L))).first();
    assertEquals(List.of("13800000000", "张三", "北京市朝阳区", "2020-03-01 10:00:00"), r.getList(r.fieldIndex(Cols.FIELDS)));
    Row crlf = table(spark, Tables.RAW_ROWS).filter(col(Cols.FILE).equalTo("dumps/noisy/b.txt")).first();
    assertEquals("2020-03-04 09:00:00", crlf.getList(crlf.fieldIndex(Cols.FIELDS)).get(3));
    Row quotedComma = table(spark, Tables.RAW_ROWS)
        .filter(col(Cols.FILE).equalTo("dumps/quoted/q.csv").and(col(Cols.LINE).equalTo(2L))).first();
    assertEquals("北京市, 朝阳区", quotedComma.getList(quotedComma.fieldIndex(Cols.FIELDS)).get(2));
  }

  @Test
  void zipEntriesGzipAndUtf16AreUnitsOfTheirOwn(SparkSession spark) {
    Row tsv = custody(spark, "dumps/zipped/z.zip!/inner/one.tsv");
    assertEquals("UTF-16LE", tsv.getAs(Cols.ENCODING));
    assertEquals(List.of("姓名", "手机号"), tsv.getList(tsv.fieldIndex(Cols.HEADER)));
    assertEquals(2L, (Long) tsv.getAs(Cols.ROWS_PARSED));
    Row gz = custody(spark, "dumps/zipped/z.zip!/two.csv.gz");
    assertEquals(1L, (Long) gz.getAs(Cols.ROWS_PARSED));
    assertEquals(tsv.<String>getAs(Cols.SHA256), gz.getAs(Cols.SHA256));
    Row first = table(spark, Tables.RAW_ROWS)
        .filter(col(Cols.FILE).equalTo("dumps/zipped/z.zip!/inner/one.tsv")).orderBy(Cols.LINE).first();
    assertEquals(List.of("张三", "13800000000"), first.getList(first.fieldIndex(Cols.FIELDS)));
  }

  @Test
  void jsonKeysInOrderOfFirstAppearance(SparkSession spark) {
    Row j = custody(spark, "dumps/json/j.jsonl");
    assertEquals(List.of("mobile", "name", "city"), j.getList(j.fieldIndex(Cols.HEADER)));
    Row last = table(spark, Tables.RAW_ROWS)
        .filter(col(Cols.FILE).equalTo("dumps/json/j.jsonl").and(col(Cols.LINE).equalTo(5L))).first();
    assertEquals(java.util.Arrays.asList(null, "王五", null), last.getList(last.fieldIndex(Cols.FIELDS)));
  }

  @Test
  void everyLineIsAccountedForPerFile(SparkSession spark) {
    for (Row c : table(spark, Tables.CUSTODY).collectAsList()) {
      String file = c.getAs(Cols.FILE);
      long rows = table(spark, Tables.RAW_ROWS).filter(col(Cols.FILE).equalTo(file)).count();
      long quar = table(spark, Tables.QUARANTINE).filter(col(Cols.FILE).equalTo(file)).count();
      assertEquals((Long) c.getAs(Cols.LINES_READ), rows + quar, file);
      assertEquals((Long) c.getAs(Cols.ROWS_PARSED), rows, file);
    }
  }

  @Test
  void custodyHashesEqualSha256sum(SparkSession spark) throws Exception {
    for (Row c : table(spark, Tables.CUSTODY).collectAsList()) {
      Path f = dir.resolve((String) c.getAs(Cols.PATH));
      assertEquals(sha256sum(f), c.getAs(Cols.SHA256), f.toString());
      assertEquals(Files.size(f), (Long) c.getAs(Cols.BYTES));
    }
  }

  @Test
  void platformSnapshotsCarryTheirDate(SparkSession spark) {
    List<Row> snaps = table(spark, Tables.RAW_ROWS).filter(col(Cols.DATASET).equalTo("platform:p1"))
        .groupBy(Cols.SNAPSHOT).count().orderBy(Cols.SNAPSHOT).collectAsList();
    assertEquals("2020-01-01", snaps.get(0).get(0).toString());
    assertEquals(1L, snaps.get(0).getLong(1));
    assertEquals(2L, snaps.get(1).getLong(1));
  }

  @Test
  void rerunReplacesRowsInsteadOfAddingThem(SparkSession spark) {
    long rows = table(spark, Tables.RAW_ROWS).count();
    long quar = table(spark, Tables.QUARANTINE).count();
    long files = table(spark, Tables.CUSTODY).count();
    IngestStage.run(spark, caseFile, ws, List.of("noisy"));
    assertEquals(rows, table(spark, Tables.RAW_ROWS).count());
    assertEquals(quar, table(spark, Tables.QUARANTINE).count());
    assertEquals(files, table(spark, Tables.CUSTODY).count());
    // one commit per table for the re-run
    long commits = spark.sql("DESCRIBE HISTORY delta.`" + ws.table(Tables.RAW_ROWS) + "`").count();
    assertTrue(commits >= 2);
  }

  @Test
  void platformFileWithoutDateIsAnInputError() throws IOException {
    Path other = dir.resolve("bad");
    Files.createDirectories(other.resolve("platforms/p"));
    Files.createDirectories(other.resolve("dumps/d"));
    Files.writeString(other.resolve("platforms/p/latest.csv"), "a\n");
    Files.writeString(other.resolve("dumps/d/x.txt"), "a\n");
    Files.writeString(other.resolve("k.key"), "0123456789abcdef0123");
    Files.writeString(other.resolve("case.yaml"), "case_id: b\nkey_file: k.key\nplatforms:\n  - id: p\n    path: platforms/p\n"
        + "dumps:\n  - id: d\n    path: dumps/d\n    obtained: 2020-01-01\n");
    CaseFile c = CaseFile.load(other.resolve("case.yaml"));
    LeaktraceException e = assertThrows(LeaktraceException.class, () -> IngestStage.plan(c, c.datasets()));
    assertEquals(3, e.exitCode());
    assertTrue(e.getMessage().contains("platforms/p/latest.csv"), e.getMessage());
    assertTrue(e.getMessage().contains("YYYY-MM-DD"), e.getMessage());
  }

  public static String sha256sum(Path f) throws Exception {
    try {
      Process p = new ProcessBuilder("sha256sum", f.toString()).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
      if (p.waitFor() == 0) {
        return out.substring(0, 64);
      }
    } catch (IOException e) {
      // no coreutils: the same digest computed here
    }
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(f)));
  }

  private static void write(String rel, byte[] data) throws IOException {
    Path p = dir.resolve(rel);
    Files.createDirectories(p.getParent());
    Files.write(p, data);
  }

  static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      b.writeBytes(p);
    }
    return b.toByteArray();
  }

  static byte[] gzip(byte[] data) throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    try (GZIPOutputStream z = new GZIPOutputStream(b)) {
      z.write(data);
    }
    return b.toByteArray();
  }

  static byte[] zip(Map<String, byte[]> entries) throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    try (ZipOutputStream z = new ZipOutputStream(b)) {
      for (Map.Entry<String, byte[]> e : new TreeMap<>(entries).entrySet()) {
        z.putNextEntry(new ZipEntry(e.getKey()));
        z.write(e.getValue());
        z.closeEntry();
      }
    }
    return b.toByteArray();
  }
}
