package org.leaktrace.jobs.ingest;

import java.util.ArrayList;
import java.util.List;
import org.leaktrace.jobs.config.Format;

/**
 * Splits one decoded line into fields. Single-character separators follow CSV quoting (RFC 4180:
 * a field that starts with {@code "} runs to the matching quote, {@code ""} is a quote); multi-character
 * separators such as {@code ----} are literal, since leaked {@code phone----password} lines do not quote.
 * Records never span lines: an unclosed quote is reported, not continued (every physical line is
 * accounted for on its own).
 */
public final class FieldSplitter {

  /** Returned for a line whose quote is never closed. */
  static final List<String> UNBALANCED = List.of();

  private FieldSplitter() {}

  static List<String> split(String line, Format format) {
    String sep = format.separator();
    return format.quoted() ? splitQuoted(line, sep.charAt(0)) : splitLiteral(line, sep);
  }

  static List<String> splitLiteral(String line, String sep) {
    List<String> out = new ArrayList<>();
    int from = 0;
    int at;
    while ((at = line.indexOf(sep, from)) >= 0) {
      out.add(line.substring(from, at));
      from = at + sep.length();
    }
    out.add(line.substring(from));
    return out;
  }

  /** A line split on {@code sep} with CSV quoting; {@link #UNBALANCED} (empty) for an unclosed quote. */
  public static List<String> splitQuoted(String line, char sep) {
    List<String> out = new ArrayList<>();
    int n = line.length();
    int i = 0;
    StringBuilder f = new StringBuilder();
    while (true) {
      f.setLength(0);
      if (i < n && line.charAt(i) == '"') {
        i++;
        boolean closed = false;
        while (i < n) {
          char c = line.charAt(i);
          if (c == '"') {
            if (i + 1 < n && line.charAt(i + 1) == '"') {
              f.append('"');
              i += 2;
              continue;
            }
            closed = true;
            i++;
            break;
          }
          f.append(c);
          i++;
        }
        if (!closed) {
          return UNBALANCED;
        }
        // text between the closing quote and the separator is kept, not dropped
        while (i < n && line.charAt(i) != sep) {
          f.append(line.charAt(i++));
        }
      } else {
        while (i < n && line.charAt(i) != sep) {
          f.append(line.charAt(i++));
        }
      }
      out.add(f.toString());
      if (i >= n) {
        return out;
      }
      i++; // the separator
    }
  }
}
