package org.leaktrace.jobs.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.leaktrace.jobs.Pipeline;
import org.leaktrace.jobs.generate.Csv;
import org.leaktrace.jobs.generate.ScaleCase;
import org.leaktrace.udf.types.Check;
import org.leaktrace.udf.types.FieldHandlers;
import org.leaktrace.udf.types.FieldType;

/** The benchmark's case, floor and DuckDB peer compute what they claim; bench writes every bench.json field. */
class BenchTest {

  private static final int ROWS = 600;

  @TempDir
  Path dir;

  @Test
  void scaleCaseIsDeterministicAndItsIdentifiersValid() throws IOException {
    Path a = new ScaleCase(ROWS, 4, 5).write(dir.resolve("a"), 250, 2, n -> { }).getParent();
    Path b = new ScaleCase(ROWS, 4, 5).write(dir.resolve("b"), 250, 1, n -> { }).getParent();
    List<Path> files = files(a);
    assertEquals(files, files(b));
    assertEquals(2 + 5 * 3, files.size(), "case.yaml, the key and 3 parts of 250 rows for each of 5 datasets");
    for (Path f : files) {
      assertArrayEquals(Files.readAllBytes(a.resolve(f)), Files.readAllBytes(b.resolve(f)), f.toString());
    }
    // every platform identifier is valid as written; 70% of the dump's rows are courier-x records verbatim
    for (int k = 0; k < 4; k++) {
      String[] types = ScaleCase.platformTypes(k);
      for (String[] row : rows(a.resolve("platforms").resolve(ScaleCase.platformId(k)))) {
        assertEquals(types.length, row.length);
        for (int i = 0; i < types.length; i++) {
          FieldType t = FieldType.valueOf(types[i].toUpperCase());
          if (t == FieldType.CN_MOBILE || t == FieldType.CN_RESIDENT_ID || t == FieldType.BANK_CARD
              || t == FieldType.EMAIL) {
            assertEquals(Check.Status.VALID, FieldHandlers.of(t).validate(row[i]).status(), types[i] + " of "
                + ScaleCase.platformId(k) + " is not valid");
          }
        }
      }
    }
    Set<String> courier = new HashSet<>();
    for (String[] r : rows(a.resolve("platforms/courier-x"))) {
      courier.add(String.join(",", r[2], r[1], r[3], r[0], r[4]));
    }
    List<String[]> dump = rows(a.resolve("dumps").resolve(ScaleCase.DUMP_ID));
    long verbatim = dump.stream().filter(r -> courier.contains(String.join(",", r))).count();
    assertEquals(ROWS, dump.size());
    assertTrue(verbatim > 0.6 * ROWS && verbatim < 0.8 * ROWS, "courier records in the dump: " + verbatim);
  }

  @Test
  void floorReadsEveryRowAndDuckdbContainmentEqualsAJavaCount() throws Exception {
    Path c = new ScaleCase(ROWS, 2, 9).write(dir.resolve("c"), 1000, 2, n -> { }).getParent();
    Floor.Result one = BenchPart.floor(c, 2, 1);
    Floor.Result two = BenchPart.floor(c, 2, 2);
    assertEquals(3L * ROWS, one.rows());
    assertEquals(one, two, "the floor's work does not depend on the thread count");
    // courier: 1 identifier per row, hotel: 2, dump: 1 (bar the invalid mobiles, which do not normalize)
    assertTrue(one.tokens() > 3.9 * ROWS && one.tokens() <= 4L * ROWS, "tokens " + one.tokens());

    Map<String, Object> duck = DuckPeer.run(BenchPart.dumpSet(c), BenchPart.platformSets(c, 2),
        "0123456789abcdef0123456789abcdef", 2, Files.createDirectories(dir.resolve("tmp")));
    assertEquals((long) ROWS, duck.get("rows"));
    List<String[]> dump = rows(c.resolve("dumps").resolve(ScaleCase.DUMP_ID));
    Set<String> dumpMobiles = new HashSet<>();
    dump.forEach(r -> dumpMobiles.add(r[0]));
    assertEquals((long) dumpMobiles.size(), duck.get("individuals"));
    @SuppressWarnings("unchecked")
    Map<String, Double> containment = (Map<String, Double>) duck.get("containment");
    for (int k = 0; k < 2; k++) {
      Set<String> mobiles = new HashSet<>(); // column 2 is the mobile of courier-x and of hotel-y
      rows(c.resolve("platforms").resolve(ScaleCase.platformId(k))).forEach(r -> mobiles.add(r[2]));
      long in = dump.stream().filter(r -> mobiles.contains(r[0])).count();
      assertEquals(Math.round(1e4 * in / (double) ROWS) / 1e4, containment.get(ScaleCase.platformId(k)), 1e-9,
          ScaleCase.platformId(k));
    }
    assertTrue(containment.get("courier-x") > 0.7, "the source holds the dump's records' people");
  }

  @Test
  void benchMeasuresEveryPartAndWritesEveryField() throws Exception {
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    Map<String, Object> b = new Bench(new Bench.Options(200, 1, 3, dir.resolve("bench"), 1, 1000,
        BenchPart.PARTS, false), new PrintStream(printed, true, StandardCharsets.UTF_8)).run();
    JsonNode json = new ObjectMapper().readTree(dir.resolve("bench/bench.json").toFile());
    for (String f : List.of("rows", "platforms", "stages", "leaktrace_seconds", "duckdb_seconds", "floor_seconds",
        "spark_seconds", "ratio_vs_duckdb", "ratio_vs_floor", "ratio_vs_spark", "rows_per_second",
        "peak_driver_heap_bytes", "peak_rss_bytes", "cores", "memory_bytes", "peak_disk_bytes")) {
      assertTrue(json.has(f) && !json.get(f).isNull(), "bench.json lacks " + f);
    }
    assertEquals(200, json.get("rows").asInt());
    List<String> stages = new ArrayList<>();
    json.get("stages").fieldNames().forEachRemaining(stages::add);
    assertEquals(Pipeline.all().stream().map(Pipeline.Stage::key).toList(), stages);
    assertEquals(json.get("leaktrace_seconds").asDouble() / json.get("duckdb_seconds").asDouble(),
        json.get("ratio_vs_duckdb").asDouble(), 0.01);
    assertTrue(json.get("peak_rss_bytes").asLong() > json.get("peak_driver_heap_bytes").asLong() / 4);
    assertEquals(b.get("rows"), 200L);
    assertTrue(json.get("gc_seconds").asDouble() > 0, "the leaktrace run collects garbage: " + json.get("gc_seconds"));
    assertEquals(1, json.at("/parts/leaktrace/gc_seconds_each_run").size());
    for (String field : List.of("stage_peak_disk_bytes", "stage_gc_seconds")) {
      List<String> keys = new ArrayList<>();
      json.get(field).fieldNames().forEachRemaining(keys::add);
      assertEquals(stages, keys, field);
    }
    for (String s : stages.subList(1, stages.size())) {
      assertTrue(json.at("/stage_peak_disk_bytes/" + s).asLong() > 0, "tables are on disk during " + s);
    }
    // the Spark floor answers the peer's question with the peer's figures, and says where its time went
    assertEquals(json.get("leaktrace_seconds").asDouble() / json.get("spark_seconds").asDouble(),
        json.get("ratio_vs_spark").asDouble(), 0.01);
    assertEquals(json.at("/parts/duckdb/figures"), json.at("/parts/spark/figures"));
    for (String phase : List.of("session_seconds", "tokens_seconds", "figures_seconds")) {
      assertTrue(json.at("/parts/spark/phases/" + phase).asDouble() > 0, "the Spark floor's " + phase);
    }
    String out = printed.toString(StandardCharsets.UTF_8);
    assertTrue(out.contains("leaktrace / duckdb"), out);
    assertTrue(out.contains("spark floor") && out.contains("leaktrace / spark"), out);
    // the leaktrace part's work folder is removed after the run; the case stays for reuse
    assertFalse(Files.exists(dir.resolve("bench/work/leaktrace")));
    assertTrue(Files.exists(dir.resolve("bench/case-200x1-s3/bench-case.json")));
    // a second bench of the same rows, platforms and seed reuses the case
    ByteArrayOutputStream again = new ByteArrayOutputStream();
    new Bench(new Bench.Options(200, 1, 3, dir.resolve("bench"), 1, 1000, List.of("floor"), false),
        new PrintStream(again, true, StandardCharsets.UTF_8)).run();
    assertTrue(again.toString(StandardCharsets.UTF_8).contains("reusing the case"), again.toString());
  }

  @Test
  void benchOfSnapshotsAndDumpsReadsThemAll() throws Exception {
    // the peer and the floor only: leaktrace's run, its GC and disk per stage are checked above (one
    // leaktrace child per suite), and the pipeline runs on several snapshots and dumps in the e2e tests
    Map<String, Object> b = new Bench(new Bench.Options(200, 2, 3, 2, 3, dir.resolve("bench"), 1, 1000,
        List.of("floor", "duckdb"), false), new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)).run();
    Path c = dir.resolve("bench/case-200x2-s3-snap2-dump3");
    for (int k = 0; k < 2; k++) {
      assertEquals(List.of(Path.of("2020-02-01.part-00001.csv"), Path.of("2020-03-01.part-00001.csv")),
          files(c.resolve("platforms").resolve(ScaleCase.platformId(k))));
    }
    long inputRows = 0;
    for (int d = 1; d <= 3; d++) {
      inputRows += rows(c.resolve("dumps").resolve(ScaleCase.dumpId(d))).size();
    }
    for (int k = 0; k < 2; k++) {
      inputRows += rows(c.resolve("platforms").resolve(ScaleCase.platformId(k))).size();
    }

    JsonNode json = new ObjectMapper().readTree(dir.resolve("bench/bench.json").toFile());
    assertEquals(2, json.get("snapshots").asInt());
    assertEquals(3, json.get("dumps").asInt());
    assertEquals(inputRows, json.get("input_rows").asLong());
    assertEquals(inputRows, json.at("/parts/floor/figures/rows").asLong(), "the floor reads every input row");
    // the peer joins every dump against each platform's snapshots, and each dump against the earlier ones
    JsonNode duck = json.at("/parts/duckdb/figures");
    assertEquals(rows(c.resolve("dumps").resolve(ScaleCase.dumpId(1))).size()
        + rows(c.resolve("dumps").resolve(ScaleCase.dumpId(2))).size()
        + rows(c.resolve("dumps").resolve(ScaleCase.dumpId(3))).size(), duck.get("rows").asLong());
    assertEquals(3, duck.get("dumps").size());
    assertEquals(3, duck.get("overlaps").size());
    assertEquals(1.0, duck.at("/overlaps/0/containment").asDouble(), 1e-9, "dump 2 is a subset of dump 1");
    assertEquals(b.get("input_rows"), inputRows);
  }

  @Test
  void aFailedPartSaysWhyFromItsLog() throws IOException {
    Path log = dir.resolve("part.log");
    Files.writeString(log, "19:21:38 ERROR Exception in task 36.0 in stage 51.0 (TID 309)\n"
        + "java.io.IOException: No space left on device\n");
    String full = Bench.failed("leaktrace", 1, log).getMessage();
    assertTrue(full.contains("ran out of disk") && full.contains("--out"), full);
    Files.writeString(log, "starting\n19:21:38 ERROR Something else broke\nmore\n");
    String other = Bench.failed("duckdb", 1, log).getMessage();
    assertTrue(other.contains("ERROR Something else broke") && other.contains("--only duckdb"), other);
  }

  private static List<Path> files(Path root) throws IOException {
    try (Stream<Path> s = Files.walk(root)) {
      return s.filter(Files::isRegularFile).map(root::relativize).sorted().toList();
    }
  }

  /** The rows of every file in a folder (header skipped), split as the floor splits them. */
  static List<String[]> rows(Path folder) throws IOException {
    List<String[]> out = new ArrayList<>();
    try (Stream<Path> s = Files.list(folder)) {
      for (Path f : s.sorted().toList()) {
        List<String> lines = Files.readAllLines(f);
        for (String l : lines.subList(1, lines.size())) {
          out.add(Csv.fields(l, ','));
        }
      }
    }
    return out;
  }
}
