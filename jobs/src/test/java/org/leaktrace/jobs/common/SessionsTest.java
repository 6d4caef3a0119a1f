package org.leaktrace.jobs.common;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
}
