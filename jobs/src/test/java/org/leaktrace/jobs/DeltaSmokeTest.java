package org.leaktrace.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.leaktrace.jobs.common.Delta;
import org.leaktrace.jobs.common.LeaktraceException;
import org.leaktrace.jobs.common.Tables;
import org.leaktrace.jobs.testing.SparkExtension;

@ExtendWith(SparkExtension.class)
class DeltaSmokeTest {

  @Test
  void writesAndReadsDelta(SparkSession spark, @TempDir Path dir) {
    String path = dir.resolve("t").toString();
    spark.range(5).write().format("delta").save(path);
    assertEquals(5L, spark.read().format("delta").load(path).count());
  }

  @Test
  void newTablesKeepStatisticsOnTheirFirstTwoColumnsOnly(SparkSession spark, @TempDir Path dir) throws Exception {
    String path = dir.resolve("t").toString();
    spark.range(5).selectExpr("'dump:a' AS dataset", "id AS row_id", "sha2(string(id), 256) AS token")
        .write().format("delta").save(path);
    List<String> statsColumns = new ArrayList<>();
    boolean numRecords = false;
    ObjectMapper json = new ObjectMapper();
    for (String line : Files.readAllLines(Path.of(path, "_delta_log", "00000000000000000000.json"))) {
      JsonNode add = json.readTree(line).path("add");
      if (!add.isMissingNode()) {
        JsonNode stats = json.readTree(add.get("stats").asText());
        numRecords |= stats.has("numRecords");
        stats.get("minValues").fieldNames().forEachRemaining(statsColumns::add);
      }
    }
    assertTrue(numRecords, "row counts stay in the statistics");
    assertEquals(List.of("dataset", "row_id"), statsColumns.stream().distinct().toList(),
        "Sessions.withDelta: dataSkippingNumIndexedCols = 2");
  }

  @Test
  void tablesAndShufflesAreZstdAndHexTokensTakeAboutHalfTheirText(SparkSession spark, @TempDir Path dir)
      throws Exception {
    assertEquals("zstd", spark.conf().get("spark.io.compression.codec"), "shuffle and spill files");
    String path = dir.resolve("t").toString();
    int n = 20_000;
    spark.range(n).selectExpr("substr(sha2(string(id), 256), 1, 32) AS token").repartition(1)
        .write().format("delta").save(path);
    List<Path> files;
    try (var s = Files.list(Path.of(path))) {
      files = s.filter(p -> p.toString().endsWith(".parquet")).toList();
    }
    assertTrue(!files.isEmpty() && files.stream().allMatch(p -> p.getFileName().toString().endsWith(".zstd.parquet")),
        files.toString());
    long bytes = 0;
    for (Path p : files) {
      bytes += Files.size(p);
    }
    // 32 hex digits of 4 bits each: about 16 bytes a token stored, not the 32 of its text (Snappy)
    assertTrue(bytes < n * 32L * 6 / 10, bytes + " bytes for " + n + " tokens of 32 hex digits");
  }

  @Test
  void aColumnANewerVersionAddsJoinsATableAnOlderOneWrote(SparkSession spark, @TempDir Path dir) {
    String path = dir.resolve("columns").toString();
    // an older classify wrote columns without masked_samples, for two datasets
    spark.range(2).selectExpr("IF(id = 0, 'dump:a', 'dump:b') AS dataset", "'c0' AS column")
        .write().format("delta").partitionBy("dataset").save(path);
    Delta.replaceDatasets(spark.range(1).selectExpr("'dump:a' AS dataset", "'c0' AS column",
        "array('138****8000') AS masked_samples"), path, List.of("dump:a"), "test");
    List<Row> rows = spark.read().format("delta").load(path).orderBy("dataset")
        .select("dataset", "masked_samples").collectAsList();
    assertEquals("[[dump:a,ArraySeq(138****8000)], [dump:b,null]]", rows.toString());
  }

  @Test
  void aTableFromAnOlderVersionIsRefusedWithWhatToRun(SparkSession spark, @TempDir Path dir) {
    String path = dir.resolve("records").toString();
    spark.range(3).selectExpr("'dump:a' AS dataset", "id AS row_id").write().format("delta").save(path);
    LeaktraceException e = assertThrows(LeaktraceException.class,
        () -> Delta.read(spark, path, "trace", Tables.RECORDS_SCHEMA, "classify"));
    assertTrue(e.getMessage().contains(path) && e.getMessage().contains("tokens")
        && e.getMessage().contains("run classify again"), e.getMessage());
  }
}
