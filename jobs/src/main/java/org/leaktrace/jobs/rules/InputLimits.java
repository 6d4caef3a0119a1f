package org.leaktrace.jobs.rules;

/** How much of the input ingest keeps and classify samples (parameters named in METHOD.md). */
public final class InputLimits {

  /** Lines longer than this are quarantined as line_too_long (and kept truncated to this length). */
  public static final int MAX_LINE_BYTES = 1 << 20;
  /** Lines per file that column detection samples from (the first ones, so the sample is reproducible). */
  public static final int SAMPLE_LINES = 2000;
  /** Values per column that column detection looks at. */
  public static final int SAMPLE_VALUES = 500;

  private InputLimits() {}
}
