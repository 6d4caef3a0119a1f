package org.leaktrace.jobs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import org.leaktrace.jobs.common.Errors;

class ReportFailureTest {

  private static String[] report(Throwable t) {
    StringWriter out = new StringWriter();
    int code = LeaktraceCommand.report(t, new PrintWriter(out));
    return new String[] {Integer.toString(code), out.toString()};
  }

  @Test
  void aFullDiskInsideASparkFailureSaysSoAndWhatToMove() {
    // as Spark wraps it: the task's IOException only as text in the job's message
    RuntimeException spark = new RuntimeException("Job aborted due to stage failure: Task 36 in stage 51.0 failed"
        + " 1 times, most recent failure: java.io.IOException: No space left on device");
    String[] r = report(new IllegalStateException("classify", spark));
    assertEquals(Integer.toString(Errors.EXIT_INPUT), r[0]);
    assertTrue(r[1].startsWith("leaktrace: the disk is full"), r[1]);
    assertTrue(r[1].contains("--out") && r[1].contains("spark.local.dir"), r[1]);
    assertFalse(r[1].contains("\tat "), "no stack trace: " + r[1]);
  }

  @Test
  void otherFailuresKeepTheirMessages() {
    assertTrue(report(new IOException("x.csv"))[1].contains("input problem: x.csv"));
    String[] bug = report(new IllegalStateException("boom"));
    assertEquals(Integer.toString(Errors.EXIT_INTERNAL), bug[0]);
    assertTrue(bug[1].contains("internal error"), bug[1]);
  }
}
