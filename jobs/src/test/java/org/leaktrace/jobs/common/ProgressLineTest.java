package org.leaktrace.jobs.common;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The progress line, without Spark. */
class ProgressLineTest {

  private static String line(String stage, long done, long total, long lines, long bytes, long bytesTotal,
      long seconds) {
    return ProgressLine.format(stage, new ProgressLine.Counts(done, total, lines, bytes, bytesTotal),
        Duration.ofSeconds(seconds));
  }

  @Test
  void ingestSaysLinesShareOfTheBytesRateAndTimeLeft() {
    assertEquals("ingest: 412,000 lines read, 10% of 1.2 GB, 52,020 lines/s, about 1 min 10 s left",
        ProgressLine.format("ingest", new ProgressLine.Counts(3, 40, 412_000, 122_000_000, 1_200_000_000),
            Duration.ofMillis(7_920)));
  }

  @Test
  void otherStagesSayTasks() {
    assertEquals("count: 37 of 96 tasks, 2.1 tasks/s, about 28 s left",
        ProgressLine.format("count", new ProgressLine.Counts(37, 96, 0, 0, 0), Duration.ofMillis(17_600)));
  }

  @Test
  void noTimeLeftBeforeFivePercentIsDone() {
    assertEquals("count: 4 of 96 tasks, 0.4 tasks/s", line("count", 4, 96, 0, 0, 0, 10));
    assertEquals("count: 5 of 100 tasks, 0.5 tasks/s, about 3 min 10 s left", line("count", 5, 100, 0, 0, 0, 10));
  }

  @Test
  void nothingLeftOrNothingKnownSaysNoTime() {
    assertEquals("trace: 96 of 96 tasks, 9.6 tasks/s", line("trace", 96, 96, 0, 0, 0, 10));
    assertEquals("trace: 0 of 0 tasks, 0.0 tasks/s", line("trace", 0, 0, 0, 0, 0, 10));
    assertEquals("ingest: 1,000 lines read, 100 lines/s", line("ingest", 0, 1, 1_000, 500, 0, 10));
  }

  @Test
  void ingestAfterItsScanSaysAllIsReadAndTasks() {
    assertEquals("ingest: 34,532 lines read (all of 3.9 MB), 70 of 97 tasks",
        line("ingest", 70, 97, 34_532, 3_900_000, 3_900_000, 30));
  }

  @Test
  void ingestBeforeItsScanReadsSaysTasks() {
    // the sample pass (each file's first lines) is not the scan: it counts as tasks
    assertEquals("ingest: 2 of 10 tasks, 0.2 tasks/s, about 40 s left", line("ingest", 2, 10, 0, 0, 1_000_000, 10));
  }

  @Test
  void sizesAndDurationsReadWell() {
    assertEquals("999 bytes", ProgressLine.bytes(999));
    assertEquals("1.0 kB", ProgressLine.bytes(1_000));
    assertEquals("1.0 MB", ProgressLine.bytes(999_999));
    assertEquals("1.2 GB", ProgressLine.bytes(1_234_567_890));
    assertEquals("1 s", ProgressLine.duration(0.2), "never about 0 s left");
    assertEquals("59 s", ProgressLine.duration(59.4));
    assertEquals("1 min", ProgressLine.duration(60));
    assertEquals("1 min 10 s", ProgressLine.duration(70));
    assertEquals("2 h 5 min", ProgressLine.duration(7_500));
    assertEquals("1 h", ProgressLine.duration(3_599.6));
  }
}
