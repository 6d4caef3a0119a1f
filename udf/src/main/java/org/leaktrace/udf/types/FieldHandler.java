package org.leaktrace.udf.types;

/**
 * What the job knows about one field type: detect, validate, normalize, mask. Plain Java, null-safe
 * (null in, null or {@link Check#EMPTY} out), thread-safe, with no per-call regex compilation.
 */
public interface FieldHandler {

  FieldType type();

  /** Confidence in [0, 1] that this raw value is of this type; 0 for null or blank. */
  double detect(String raw);

  /** Validity of the raw value; types without a validator answer {@link Check#NOT_VALIDATED}. */
  Check validate(String raw);

  /**
   * The canonical form ({@code +86 138-0013-8000} and {@code 13800138000} give the same string), or
   * null when the value cannot be read as this type.
   */
  String normalize(String raw);

  /** A display form that hides the identifying part ({@code 138****8000}); null in, null out. */
  String mask(String raw);
}
