package org.leaktrace.jobs.generate;

/** RFC-4180 rendering of one row on one line (no field ever holds a line break here). */
final class Csv {

  private Csv() {}

  /** Joins the fields with {@code sep}, quoting a field only when it holds sep or a quote. */
  static String line(String[] fields, char sep) {
    StringBuilder b = new StringBuilder(fields.length * 16);
    for (int i = 0; i < fields.length; i++) {
      if (i > 0) {
        b.append(sep);
      }
      String f = fields[i];
      if (f.indexOf(sep) >= 0 || f.indexOf('"') >= 0) {
        b.append('"').append(f.replace("\"", "\"\"")).append('"');
      } else {
        b.append(f);
      }
    }
    return b.toString();
  }

  /** A non-negative number left-padded with zeros to {@code width} digits. */
  static String pad(long n, int width) {
    String s = Long.toString(n);
    return s.length() >= width ? s : "0".repeat(width - s.length()) + s;
  }

  /** Joins the fields with a multi-character separator, literally (the {@code ----} format). */
  static String literal(String[] fields, String sep) {
    return String.join(sep, fields);
  }
}
