package org.leaktrace.jobs.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.leaktrace.jobs.testing.SparkExtension;

/** Local checkpoints in local mode; reliable ones give the same rows and are removed when the run ends. */
@ExtendWith(SparkExtension.class)
class CheckpointsTest {

  @TempDir Path tmp;

  @Test
  void localModeKeepsLocalCheckpointsAndNoFolder(SparkSession spark) {
    assertFalse(Checkpoints.reliable(spark.sparkContext()));
    assertNull(Checkpoints.begin(spark, new Workspace(tmp, tmp.resolve("warehouse").toString())));
    Dataset<Row> ds = Checkpoints.materialize(spark.range(0, 100).toDF("n").filter("n % 7 = 0"));
    assertEquals(15, ds.count());
    assertFalse(Files.exists(tmp.resolve("warehouse")), "nothing written in local mode");
  }

  @Test
  void reliableCheckpointGivesTheSameRowsAndIsRemovedAtTheEnd(SparkSession spark) throws Exception {
    Path dir = tmp.resolve("warehouse").resolve(Checkpoints.DIR).resolve("app-test");
    spark.sparkContext().setCheckpointDir(dir.toString());
    Dataset<Row> plan = spark.range(0, 1000).toDF("n").repartition(3).selectExpr("n % 10 AS k", "n")
        .groupBy("k").count().orderBy("k");
    List<Row> expected = plan.collectAsList();
    int cachedBefore = spark.sparkContext().getPersistentRDDs().size();

    Dataset<Row> cut = Checkpoints.materialize(plan, true);
    assertEquals(expected, cut.collectAsList());
    try (Stream<Path> files = Files.walk(dir)) {
      assertTrue(files.anyMatch(f -> f.getFileName().toString().startsWith("part-")), "checkpoint files written");
    }
    assertEquals(cachedBefore, spark.sparkContext().getPersistentRDDs().size(), "the cache used for writing is released");

    Checkpoints.end(spark, dir.toString());
    assertFalse(Files.exists(dir), "the run's folder is removed");
    assertFalse(Files.exists(dir.getParent()), "and _checkpoints with it when empty");
    assertTrue(Files.exists(tmp.resolve("warehouse")), "the warehouse stays");
    Checkpoints.end(spark, null); // local mode: nothing to do
  }
}
