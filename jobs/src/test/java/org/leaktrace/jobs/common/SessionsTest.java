package org.leaktrace.jobs.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.spark.SparkEnv;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.leaktrace.jobs.testing.SparkExtension;

class SessionsTest {

  @Test
  void shufflePartitionsGrowWithTheInputBetweenBounds() {
    assertEquals(8, Sessions.shufflePartitions(0));
    assertEquals(8, Sessions.shufflePartitions(100L << 20), "a small case keeps 8");
    assertEquals(18, Sessions.shufflePartitions(550L << 20), "one per 32 MiB of input");
    assertEquals(320, Sessions.shufflePartitions(10L << 30));
    assertEquals(2000, Sessions.shufflePartitions(1L << 50));
  }

  @Test
  @ExtendWith(SparkExtension.class)
  void anOperatorsSettingIsKept(SparkSession spark) {
    String before = spark.conf().get("spark.sql.shuffle.partitions");
    assertEquals(Integer.parseInt(before), Sessions.sizeShuffle(spark, 10L << 30),
        "only a session forJob sized itself is resized");
    assertEquals(before, spark.conf().get("spark.sql.shuffle.partitions"));
  }

  @Test
  @ExtendWith(SparkExtension.class)
  void theShuffleFilesOfEndedQueriesAreDeletedAfterRelease(SparkSession spark) throws Exception {
    Set<Path> before = shuffleFiles();
    shuffleOnce(spark); // its Dataset and plan are garbage once this returns
    shuffleOnce(spark); // the last query: its end event is what a listener queue holds on to
    Set<Path> ours = shuffleFiles();
    ours.removeAll(before);
    assertTrue(ours.size() >= 2, "the queries wrote shuffle files: " + ours);
    Sessions.releaseEndedShuffles(spark);
    // Spark's cleaner deletes them on its own thread once the collection has found their dependencies
    long deadline = System.nanoTime() + 30_000_000_000L;
    while (ours.stream().anyMatch(Files::exists) && System.nanoTime() < deadline) {
      Thread.sleep(100);
    }
    assertTrue(ours.stream().noneMatch(Files::exists),
        "shuffle files left after the queries ended: " + ours.stream().filter(Files::exists).toList());
  }

  private static void shuffleOnce(SparkSession spark) {
    assertEquals(1000L, spark.range(100_000).selectExpr("id % 1000 AS k").groupBy("k").count().count());
  }

  /** The shuffle data files under this JVM's block manager folders. */
  private static Set<Path> shuffleFiles() throws IOException {
    Set<Path> out = new HashSet<>();
    for (File dir : SparkEnv.get().blockManager().diskBlockManager().localDirs()) {
      try (Stream<Path> s = Files.walk(dir.toPath())) {
        out.addAll(s.filter(p -> p.getFileName().toString().startsWith("shuffle_")
            && p.getFileName().toString().endsWith(".data")).collect(Collectors.toSet()));
      }
    }
    return out;
  }
}
