package org.leaktrace.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeoutException;
import org.apache.spark.SparkContext;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.leaktrace.jobs.common.LeaktraceException;
import org.leaktrace.jobs.common.ReadCounters;
import org.leaktrace.jobs.testing.SparkExtension;

/** Progress counts the tasks of its job group's jobs and what the read counters say, and logs lines. */
@ExtendWith(SparkExtension.class)
class ProgressTest {

  @AfterEach
  void clear() {
    System.clearProperty(Progress.SECONDS_PROPERTY);
  }

  /** Runs {@code tasks} tasks of {@code millis} each in job group {@code group}, each reading 10 lines. */
  private static void job(SparkSession spark, String group, int tasks, long millis, ReadCounters counters) {
    List<Integer> parts = java.util.stream.IntStream.range(0, tasks).boxed().toList();
    Pipeline.withJobGroup(spark, group, group + ": test job", () ->
        JavaSparkContext.fromSparkContext(spark.sparkContext()).parallelize(parts, tasks).map(i -> {
          Thread.sleep(millis);
          if (counters != null) {
            counters.add(10, 100);
          }
          return i;
        }).count());
  }

  private static void delivered(SparkContext sc) throws TimeoutException {
    sc.listenerBus().waitUntilEmpty(10_000);
  }

  /** A Progress of {@code group} logging to {@code lines} while {@code jobs} run; closed once they are delivered. */
  private static Progress watch(SparkSession spark, String group, long bytesTotal, Duration period, List<String> lines,
      Runnable jobs) throws TimeoutException {
    Progress p = Progress.start(spark.sparkContext(), group, group, bytesTotal, period, lines::add);
    try {
      jobs.run();
      delivered(spark.sparkContext());
    } finally {
      p.close();
    }
    return p;
  }

  @Test
  void linesAreLoggedForTheGroupsJobsOnly(SparkSession spark) throws Exception {
    SparkContext sc = spark.sparkContext();
    List<String> lines = new CopyOnWriteArrayList<>();
    Progress p = watch(spark, "count", 0, Duration.ofMillis(200), lines, () -> {
      job(spark, "trace", 3, 0, null);
      job(spark, "count", 4, 300, null);
    });
    job(spark, "count", 2, 0, null);
    delivered(sc);
    assertEquals(4, p.counts().tasksDone(), "another group's jobs and jobs after close do not count");
    assertEquals(4, p.counts().tasksTotal());
    assertFalse(lines.isEmpty(), "a line every 200 ms of a job of at least 600 ms");
    for (String l : lines) {
      assertTrue(l.matches("count: [0-4] of 4 tasks, \\d+\\.\\d tasks/s(, about \\d+ s left)?"), l);
    }
    assertEquals(" (4 tasks)", p.summary());
  }

  @Test
  void ingestsReadCountersGiveLinesRead(SparkSession spark) throws Exception {
    SparkContext sc = spark.sparkContext();
    List<String> lines = new CopyOnWriteArrayList<>();
    Progress p = watch(spark, "ingest", 500, Duration.ofMillis(200), lines,
        () -> job(spark, "ingest", 4, 300, ReadCounters.register(sc)));
    assertEquals(40, p.counts().linesRead());
    assertEquals(400, p.counts().bytesRead());
    assertEquals(" (4 tasks, 40 lines read)", p.summary());
    assertFalse(lines.isEmpty());
    int last = lines.size() - 1;
    assertTrue(lines.get(last).matches("ingest: (\\d+ of 4 tasks|\\d+ lines read, \\d+% of 500 bytes), .*"),
        lines.get(last));
  }

  @Test
  void zeroMeansNoLinesButTheStageIsStillCounted(SparkSession spark) throws Exception {
    List<String> lines = new CopyOnWriteArrayList<>();
    System.setProperty(Progress.SECONDS_PROPERTY, "0");
    Progress p = watch(spark, "count", 0, Progress.period(), lines, () -> job(spark, "count", 2, 300, null));
    assertEquals(List.of(), lines);
    assertEquals(" (2 tasks)", p.summary());
  }

  @Test
  void thePeriodComesFromTheProperty() {
    assertEquals(Duration.ofSeconds(30), Progress.period());
    System.setProperty(Progress.SECONDS_PROPERTY, "0.5");
    assertEquals(Duration.ofMillis(500), Progress.period());
    System.setProperty(Progress.SECONDS_PROPERTY, " 10 ");
    assertEquals(Duration.ofSeconds(10), Progress.period());
    for (String bad : List.of("soon", "-1", "0.01", "NaN", "1e9")) {
      System.setProperty(Progress.SECONDS_PROPERTY, bad);
      LeaktraceException e = assertThrows(LeaktraceException.class, Progress::period);
      assertEquals(2, e.exitCode());
      assertTrue(e.getMessage().startsWith("-Dleaktrace.progress.seconds=" + bad + " is not a number of seconds"),
          e.getMessage());
      assertTrue(e.getMessage().contains("Fix: set it to e.g. -Dleaktrace.progress.seconds=30"), e.getMessage());
    }
  }
}
