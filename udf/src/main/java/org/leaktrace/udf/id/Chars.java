package org.leaktrace.udf.id;

import org.leaktrace.udf.types.Text;

/** Character-level helpers shared by the identifier handlers: separator stripping, digit runs, masks. */
final class Chars {

  private Chars() {}

  /**
   * Folds full-width forms and drops the separators people and exports put inside numbers: white
   * space of any kind and the dash family (hyphen, minus, en/em dash). Null in, null out.
   */
  static String compact(String raw) {
    if (raw == null) {
      return null;
    }
    String s = Text.halfWidth(raw);
    StringBuilder b = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (!isSpace(c) && !isDash(c)) {
        b.append(c);
      }
    }
    return b.toString();
  }

  static boolean isSpace(char c) {
    return Character.isWhitespace(c) || Character.isSpaceChar(c) || c == '\uFEFF';
  }

  /** ASCII hyphen, the Unicode hyphen/dash block and the minus sign (full-width forms are folded before). */
  static boolean isDash(char c) {
    return c == '-' || (c >= '\u2010' && c <= '\u2015') || c == '\u2212';
  }

  static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  /** True when {@code s[from, to)} is non-empty and all ASCII digits. */
  static boolean digits(String s, int from, int to) {
    if (from >= to || to > s.length()) {
      return false;
    }
    for (int i = from; i < to; i++) {
      if (!isDigit(s.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  static boolean digits(String s) {
    return s != null && digits(s, 0, s.length());
  }

  /** Counts ASCII digits in s. */
  static int countDigits(String s) {
    int n = 0;
    for (int i = 0; i < s.length(); i++) {
      if (isDigit(s.charAt(i))) {
        n++;
      }
    }
    return n;
  }

  /** Keeps the first {@code head} and last {@code tail} chars of s and stars the rest. */
  static String keepEnds(String s, int head, int tail) {
    int n = s.length();
    if (head + tail >= n) {
      return "*".repeat(n);
    }
    return s.substring(0, head) + "*".repeat(n - head - tail) + s.substring(n - tail);
  }
}
