package org.leaktrace.udf.types;

/**
 * The outcome of validating one value: its status and, when it fails, a short machine-readable reason
 * (e.g. {@code check_char}, {@code birth_date}, {@code province}, {@code luhn}, {@code length}).
 */
public record Check(Status status, String reason) {

  /** Validation outcomes. */
  public enum Status {
    /** Passes every check of its type. */
    VALID,
    /** Looks like the type but fails a check (the reason says which). */
    INVALID,
    /** Partly hidden ({@code 138****1234}): not an identifier, still a signal for detection. */
    MASKED,
    /** Null or blank. */
    EMPTY,
    /** The type has no validator. */
    NOT_VALIDATED
  }

  public static final Check VALID = new Check(Status.VALID, null);
  public static final Check MASKED = new Check(Status.MASKED, "masked");
  public static final Check EMPTY = new Check(Status.EMPTY, null);
  public static final Check NOT_VALIDATED = new Check(Status.NOT_VALIDATED, null);

  public static Check invalid(String reason) {
    return new Check(Status.INVALID, reason);
  }

  public boolean valid() {
    return status == Status.VALID;
  }
}
