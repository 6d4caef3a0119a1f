package org.leaktrace.jobs.generate;

import java.util.ArrayList;
import java.util.List;

/**
 * RFC-4180 rows on one line (no field ever holds a line break here): rendering for the generators,
 * splitting for the generator's re-read check and the benchmark's floor.
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

  /** One line of RFC-4180 CSV; null when a quoted field is never closed on this line. */
  public static String[] fields(String line, char sep) {
    List<String> out = new ArrayList<>();
    StringBuilder b = new StringBuilder();
    int i = 0;
    int n = line.length();
    while (true) {
      b.setLength(0);
      if (i < n && line.charAt(i) == '"') {
        i++;
        boolean closed = false;
        while (i < n) {
          char c = line.charAt(i++);
          if (c == '"') {
            if (i < n && line.charAt(i) == '"') {
              b.append('"');
              i++;
            } else {
              closed = true;
              break;
            }
          } else {
            b.append(c);
          }
        }
        if (!closed) {
          return null;
        }
        while (i < n && line.charAt(i) != sep) {
          b.append(line.charAt(i++));
        }
      } else {
        while (i < n && line.charAt(i) != sep) {
          b.append(line.charAt(i++));
        }
      }
      out.add(b.toString());
      if (i >= n) {
        return out.toArray(new String[0]);
      }
      i++;
    }
  }
}
