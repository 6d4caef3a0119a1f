package org.leaktrace.udf.compare;

/**
 * How two values of one field type compare, best first (METHOD.md, comparison levels). A type absent
 * from either record is missing and has no level: it weighs nothing either way.
 */
public enum Level {
  /** The same written form, and that form is not the normalized one (a style: {@code 138-0013-8000}). */
  EXACT,
  /** Equal after normalization ({@code +86 138 0013 8000} and {@code 13800138000}). */
  NORMALIZED,
  /** Equal at the coarser of the two precisions, in the same written form (an address cut after the road). */
  FORM_COARSE,
  /** Equal in meaning at the coarser of the two precisions (a time re-typed to the minute, 深圳 for 广东省深圳市). */
  COARSE,
  /** Equal only at a granularity coarser than both precisions (the same district, the same day). */
  PARTIAL,
  /** Different. */
  DISAGREE;

  /** The level's code in tables ({@code exact}, {@code normalized}, ...). */
  public String code() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  private static final Level[] ALL = values();

  public static Level of(int ordinal) {
    return ALL[ordinal];
  }
}
