package org.leaktrace.udf.detect;

import java.util.Objects;
import org.leaktrace.udf.types.FieldType;

/**
 * The type decided for one column: the type, a confidence in [0, 1], what decided it ({@link
 * #VALUES}, {@link #HEADER}, {@link #VALUES_AND_HEADER} or {@link #OVERRIDE}) and how many non-blank
 * sampled values it rests on.
 */
public record ColumnDetection(FieldType type, double confidence, String decidedBy, int sampled) {

  /** The values alone decided. */
  public static final String VALUES = "values";
  /** The header decided: the values said nothing that contradicts it, and nothing strong. */
  public static final String HEADER = "header";
  /** The header chose among types the values support. */
  public static final String VALUES_AND_HEADER = "values+header";
  /** The caller named the type (case file {@code columns:}). */
  public static final String OVERRIDE = "override";

  public ColumnDetection {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(decidedBy, "decidedBy");
    if (!(confidence >= 0.0 && confidence <= 1.0)) {
      throw new IllegalArgumentException("confidence must be in [0, 1], got " + confidence);
    }
  }

  /** An explicit type from the caller: confidence 1, decided by {@code override}. */
  public static ColumnDetection override(FieldType type) {
    return new ColumnDetection(type, 1.0, OVERRIDE, 0);
  }
}
