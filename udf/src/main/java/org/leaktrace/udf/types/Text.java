package org.leaktrace.udf.types;

/** Small text helpers shared by handlers: full-width folding, blank checks, masking. */
public final class Text {

  private Text() {}

  public static boolean blank(String s) {
    return s == null || s.isBlank();
  }

  /** Folds full-width ASCII (U+FF01..U+FF5E) and the ideographic space to their ASCII forms. */
  public static String halfWidth(String s) {
    if (s == null) {
      return null;
    }
    StringBuilder b = null;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      char h = c;
      if (c >= '\uFF01' && c <= '\uFF5E') {
        h = (char) (c - 0xFEE0);
      } else if (c == '\u3000') {
        h = ' ';
      }
      if (h != c && b == null) {
        b = new StringBuilder(s.length()).append(s, 0, i);
      }
      if (b != null) {
        b.append(h);
      }
    }
    return b == null ? s : b.toString();
  }

  /** Trims and collapses runs of white space to one space. */
  public static String foldSpaces(String s) {
    if (s == null) {
      return null;
    }
    StringBuilder b = new StringBuilder(s.length());
    boolean space = false;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isWhitespace(c) || Character.isSpaceChar(c)) {
        space = b.length() > 0;
      } else {
        if (space) {
          b.append(' ');
          space = false;
        }
        b.append(c);
      }
    }
    return b.toString();
  }

  /** Keeps the first and last quarter of the code points and stars the middle: {@code 张*}, {@code ab****yz}. */
  public static String maskMiddle(String s) {
    if (s == null) {
      return null;
    }
    int[] cps = s.codePoints().toArray();
    int n = cps.length;
    if (n <= 1) {
      return "*";
    }
    int keep = Math.max(1, n / 4);
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < n; i++) {
      if (i < keep || (n > 2 && i >= n - keep)) {
        b.appendCodePoint(cps[i]);
      } else {
        b.append('*');
      }
    }
    return b.toString();
  }
}
