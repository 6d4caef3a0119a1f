package org.leaktrace.udf.fields;

import java.util.Locale;
import java.util.Map;
import org.leaktrace.udf.types.Check;
import org.leaktrace.udf.types.FieldType;

/**
 * Sex or gender, normalized to {@code M} / {@code F}. Bare codes ({@code 1}, {@code 2}, {@code 0})
 * follow GB/T 2261.1-2003 (1 male, 2 female, 0 unknown) and score low: only a header makes a column
 * of 0/1 a gender column.
 */
final class GenderHandler extends BaseHandler {

  private static final String MALE = "M";
  private static final String FEMALE = "F";
  /** Marks a recognised "undisclosed/unknown" value, which normalizes to null. */
  private static final String UNKNOWN = "?";

  private record Reading(String canonical, double confidence) {}

  private static final Map<String, Reading> VALUES =
      Map.ofEntries(
          Map.entry("男", new Reading(MALE, 0.95)),
          Map.entry("女", new Reading(FEMALE, 0.95)),
          Map.entry("男性", new Reading(MALE, 0.9)),
          Map.entry("女性", new Reading(FEMALE, 0.9)),
          Map.entry("男士", new Reading(MALE, 0.9)),
          Map.entry("女士", new Reading(FEMALE, 0.9)),
          Map.entry("先生", new Reading(MALE, 0.8)),
          Map.entry("小姐", new Reading(FEMALE, 0.8)),
          Map.entry("male", new Reading(MALE, 0.9)),
          Map.entry("female", new Reading(FEMALE, 0.9)),
          Map.entry("man", new Reading(MALE, 0.6)),
          Map.entry("woman", new Reading(FEMALE, 0.6)),
          Map.entry("m", new Reading(MALE, 0.6)),
          Map.entry("f", new Reading(FEMALE, 0.6)),
          Map.entry("1", new Reading(MALE, 0.2)),
          Map.entry("2", new Reading(FEMALE, 0.2)),
          Map.entry("0", new Reading(UNKNOWN, 0.2)),
          Map.entry("未知", new Reading(UNKNOWN, 0.5)),
          Map.entry("保密", new Reading(UNKNOWN, 0.5)),
          Map.entry("unknown", new Reading(UNKNOWN, 0.3)));

  GenderHandler() {
    super(FieldType.GENDER);
  }

  @Override
  double score(String s) {
    Reading r = VALUES.get(s.toLowerCase(Locale.ROOT));
    return r == null ? 0.0 : r.confidence();
  }

  @Override
  Check check(String s) {
    return VALUES.containsKey(s.toLowerCase(Locale.ROOT)) ? Check.VALID : Check.invalid("gender");
  }

  /** {@code M} or {@code F}; null for unknown, undisclosed ({@code 0}, 保密) or unreadable values. */
  @Override
  String canonical(String s) {
    Reading r = VALUES.get(s.toLowerCase(Locale.ROOT));
    return r == null || UNKNOWN.equals(r.canonical()) ? null : r.canonical();
  }

  /** Gender alone identifies nobody: shown as read. */
  @Override
  String hide(String s) {
    return s;
  }
}
