package org.leaktrace.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.leaktrace.jobs.testing.SparkExtension;

@ExtendWith(SparkExtension.class)
class DeltaSmokeTest {

  @Test
  void writesAndReadsDelta(SparkSession spark, @TempDir Path dir) {
    String path = dir.resolve("t").toString();
    spark.range(5).write().format("delta").save(path);
    assertEquals(5L, spark.read().format("delta").load(path).count());
  }
}
