package org.leaktrace.udf.compare;

import java.util.Map;
import java.util.TreeMap;
import org.leaktrace.udf.fields.ComparisonKeys;

/**
 * Compares two records field type by field type. A record is its type → token map (normalized values)
 * and its level map ({@link #surfaceKey}, {@link #meaningKey}, {@link #formKey} → token). Plain Java,
 * thread-safe, no state.
 */
public final class RecordComparison {

  /**
   * A meaning token that is the value's normalized form itself (a time to the second, a full name, an
   * amount to the cent): stored as this mark, not hashed again; it compares as the normalized tokens do.
   */
  public static final String AS_NORMALIZED = "=";

  private RecordComparison() {}

  /** Key of a type's written-form token in a level map. */
  public static String surfaceKey(String type) {
    return type + "#s";
  }

  /** Key of a type's meaning token at granularity {@code k} in a level map. */
  public static String meaningKey(String type, int k) {
    return type + "#m" + k;
  }

  /** Key of a type's written-prefix token at granularity {@code k} in a level map. */
  public static String formKey(String type, int k) {
    return type + "#f" + k;
  }

  /**
   * The level of every type both records carry (type → {@link Level} ordinal), in type order. Level maps
   * may be null or empty (records from token files): then only the normalized tokens are compared.
   */
  public static Map<String, Integer> compare(Map<String, String> qTokens, Map<String, String> qLevels,
      Map<String, String> rTokens, Map<String, String> rLevels) {
    Map<String, Integer> out = new TreeMap<>();
    if (qTokens == null || rTokens == null) {
      return out;
    }
    Map<String, String> ql = qLevels == null ? Map.of() : qLevels;
    Map<String, String> rl = rLevels == null ? Map.of() : rLevels;
    for (Map.Entry<String, String> e : qTokens.entrySet()) {
      String type = e.getKey();
      String r = rTokens.get(type);
      if (r != null) {
        out.put(type, level(type, e.getValue(), ql, r, rl).ordinal());
      }
    }
    return out;
  }

  /** The level of one type present in both records. */
  static Level level(String type, String q, Map<String, String> ql, String r, Map<String, String> rl) {
    String qs = ql.get(surfaceKey(type));
    if (qs != null && qs.equals(rl.get(surfaceKey(type)))) {
      return Level.EXACT;
    }
    if (q.equals(r)) {
      return Level.NORMALIZED;
    }
    int pq = precision(type, ql);
    int pr = precision(type, rl);
    if (pq < 0 || pr < 0) {
      return Level.DISAGREE;
    }
    int k = Math.max(pq, pr);
    String qf = ql.get(formKey(type, k));
    if (qf != null && qf.equals(rl.get(formKey(type, k)))) {
      return Level.FORM_COARSE;
    }
    if (same(ql.get(meaningKey(type, k)), rl.get(meaningKey(type, k)))) {
      return Level.COARSE;
    }
    for (int c = k + 1; c < ComparisonKeys.LEVELS; c++) {
      if (same(ql.get(meaningKey(type, c)), rl.get(meaningKey(type, c)))) {
        return Level.PARTIAL;
      }
    }
    return Level.DISAGREE;
  }

  /** Equal meaning tokens; a normalized-form mark is never equal here (the normalized tokens differ). */
  private static boolean same(String a, String b) {
    return a != null && a.equals(b) && !AS_NORMALIZED.equals(a);
  }

  /** The finest granularity with a meaning token, or -1. */
  private static int precision(String type, Map<String, String> levels) {
    for (int k = 0; k < ComparisonKeys.LEVELS; k++) {
      if (levels.containsKey(meaningKey(type, k))) {
        return k;
      }
    }
    return -1;
  }
}
