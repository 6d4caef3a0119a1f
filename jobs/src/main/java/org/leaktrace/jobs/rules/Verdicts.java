package org.leaktrace.jobs.rules;

/** The attribution verdicts attribute writes to the attribution table and estimate and report read. */
public final class Verdicts {

  /** One platform explains at least {@code attribute_share} of the dump's counted rows. */
  public static final String ATTRIBUTED = "attributed";
  /** Candidates explain the dump together, with an unexplained remainder. */
  public static final String MIXTURE = "mixture";
  /** No platform is a candidate (or the dump has no counted rows). */
  public static final String UNKNOWN = "unknown";

  private Verdicts() {}
}
