package org.leaktrace.jobs.common;

import java.nio.file.Path;

/**
 * Every user-facing error comes from here. Each message says what is wrong (the key or file, and the
 * value), why it matters when not obvious, and how to fix it.
 */
public final class Errors {

  public static final int EXIT_OK = 0;
  public static final int EXIT_INTERNAL = 1;
  public static final int EXIT_CONFIG = 2;
  public static final int EXIT_INPUT = 3;

  private Errors() {}

  /** A bad key or value in the case file (exit 2). */
  public static LeaktraceException config(Path caseFile, String key, Object value, String problem, String fix) {
    return new LeaktraceException(
        EXIT_CONFIG,
        String.format("%s: key '%s'%s: %s. Fix: %s", caseFile, key,
            value == null ? "" : " = '" + value + "'", problem, fix),
        null);
  }

  /** Bad command-line usage (exit 2). */
  public static LeaktraceException usage(String problem, String fix) {
    return new LeaktraceException(EXIT_CONFIG, problem + ". Fix: " + fix, null);
  }

  /** An input file that cannot be used as it is (exit 3). */
  public static LeaktraceException input(String file, String problem, String fix) {
    return new LeaktraceException(EXIT_INPUT, String.format("%s: %s. Fix: %s", file, problem, fix), null);
  }

  /** An input file that cannot be read at all (exit 3). */
  public static LeaktraceException unreadable(String file, Throwable cause) {
    return new LeaktraceException(
        EXIT_INPUT,
        String.format("%s: cannot be read (%s). Fix: check that the file exists and is readable",
            file, cause.getClass().getSimpleName() + ": " + cause.getMessage()),
        cause);
  }

  /** A broken invariant of the job itself (exit 1): a bug, never the user's fault. */
  public static LeaktraceException internal(String problem) {
    return new LeaktraceException(
        EXIT_INTERNAL,
        problem + ". This is a bug in leaktrace: keep the output folder and report it", null);
  }
}
