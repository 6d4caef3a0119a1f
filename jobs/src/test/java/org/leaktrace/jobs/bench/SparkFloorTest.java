package org.leaktrace.jobs.bench;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.leaktrace.jobs.config.CaseFile;
import org.leaktrace.jobs.generate.ScaleCase;
import org.leaktrace.jobs.testing.SparkExtension;
import org.leaktrace.udf.hash.KeyedHasher;
import org.leaktrace.udf.spark.LeaktraceUdfs;

/** The Spark floor gives a token where DuckDB's peer does and finds the peer's figures on a small case. */
@ExtendWith(SparkExtension.class)
class SparkFloorTest {

  private static final int ROWS = 200;
  private static final KeyedHasher HASHER = new KeyedHasher("0123456789abcdef0123456789abcdef".getBytes());

  @TempDir
  Path dir;

  @Test
  void aMobileHasATokenWhereThePeerGivesOne(SparkSession spark) {
    LeaktraceUdfs.register(spark, HASHER);
    // made-up numbers: one mobile written four ways, a short digit string, letters only, empty, null
    List<String> raw = Arrays.asList("13900000001", "+86 139-0000-0001", "0086 13900000001", "86(139)00000001",
        "1234567", "n/a", "", null);
    List<Row> rows = spark.createDataset(raw, Encoders.STRING()).toDF("m")
        .select(SparkFloor.mobileToken(col("m"))).collectAsList();
    String mobile = rows.get(0).getString(0);
    assertNotNull(mobile);
    for (int i = 1; i < 4; i++) {
      assertEquals(mobile, rows.get(i).getString(0), "the country prefix and separators are dropped, value " + i);
    }
    assertNotNull(rows.get(4).getString(0), "the peer tokenizes any digits, mainland-shaped or not");
    assertNotEquals(mobile, rows.get(4).getString(0));
    for (int i = 5; i < 8; i++) {
      assertNull(rows.get(i).getString(0), "no digits, no token: value " + i);
    }
  }

  @Test
  void theFiguresAreDuckdbsOnACaseOfSnapshotsAndDumps(SparkSession spark) throws Exception {
    Path c = new ScaleCase(ROWS, 2, 7, 2, 3).write(dir.resolve("case"), 1000, 2, n -> { }).getParent();
    byte[] key = CaseFile.load(c.resolve("case.yaml")).readKey();
    Path table = dir.resolve("work/tokens");
    SparkFloor.Result spark0 = SparkFloor.run(spark, BenchPart.dumpSets(c), BenchPart.platformSets(c, 2),
        new KeyedHasher(key), table);
    Map<String, Object> duck = DuckPeer.run(BenchPart.dumpSets(c), BenchPart.platformSets(c, 2),
        java.util.HexFormat.of().formatHex(key), 2, Files.createDirectories(dir.resolve("tmp")));

    assertEquals(duck, spark0.figures(), "rows, individuals, containment and overlaps, per dump and overall");
    // and against a count of the files themselves: the first dump's distinct mobiles, as written
    Set<String> mobiles = new HashSet<>();
    for (String[] r : BenchTest.rows(c.resolve("dumps").resolve(ScaleCase.dumpId(1)))) {
      mobiles.add(r[0]);
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> first = (Map<String, Object>) ((Map<String, Object>) spark0.figures().get("dumps"))
        .get(ScaleCase.dumpId(1));
    assertEquals((long) mobiles.size(), first.get("individuals"));
    assertEquals(3, ((List<?>) spark0.figures().get("overlaps")).size());

    // the tokens are written once, one row per input row
    long inputRows = 0;
    for (Path folder : List.of(c.resolve("dumps"), c.resolve("platforms"))) {
      try (Stream<Path> s = Files.list(folder)) {
        for (Path f : s.toList()) {
          inputRows += BenchTest.rows(f).size();
        }
      }
    }
    assertEquals(inputRows, spark.read().format("delta").load(table.toString()).count());
    assertTrue(spark0.tokensSeconds() > 0 && spark0.figuresSeconds() > 0);
  }
}
