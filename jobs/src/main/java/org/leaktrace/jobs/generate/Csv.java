package org.leaktrace.jobs.generate;

import java.util.List;
import org.leaktrace.jobs.ingest.FieldSplitter;

/**
 * RFC-4180 rows on one line (no field ever holds a line break here): rendering for the generators, and
 * ingest's splitting for the generator's re-read check and the benchmark's floor.
 */
public final class Csv {

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

  /**
   * One line of RFC-4180 CSV, split exactly as ingest splits it ({@link FieldSplitter#splitQuoted});
   * null when a quoted field is never closed on this line.
   */
  public static String[] fields(String line, char sep) {
    List<String> f = FieldSplitter.splitQuoted(line, sep);
    return f.isEmpty() ? null : f.toArray(new String[0]);
  }
}
