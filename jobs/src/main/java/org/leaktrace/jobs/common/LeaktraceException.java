package org.leaktrace.jobs.common;

/** A user-facing failure with the process exit code it maps to; built only by {@link Errors}. */
public final class LeaktraceException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final int exitCode;

  LeaktraceException(int exitCode, String message, Throwable cause) {
    super(message, cause);
    this.exitCode = exitCode;
  }

  /** 2 bad usage or configuration, 3 input problem, 1 internal error (DESIGN.md, exit codes). */
  public int exitCode() {
    return exitCode;
  }
}
