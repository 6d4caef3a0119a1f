package org.leaktrace.jobs.config;

import java.io.Serializable;

/**
 * How a dataset's lines split into fields: {@code auto} (sniffed per file), {@code csv}, {@code tsv},
 * {@code delimited:<sep>} (any separator, multi-character ones such as {@code ----} included) or
 * {@code jsonl}.
 */
public record Format(Kind kind, String separator) implements Serializable {

  /** The format families. */
  public enum Kind { AUTO, DELIMITED, JSONL }

  public static final Format AUTO = new Format(Kind.AUTO, null);
  public static final Format CSV = new Format(Kind.DELIMITED, ",");
  public static final Format TSV = new Format(Kind.DELIMITED, "\t");
  public static final Format JSONL = new Format(Kind.JSONL, null);

  public static Format delimited(String sep) {
    return new Format(Kind.DELIMITED, sep);
  }

  /** Parses the case-file value; returns null when it is not one of the accepted forms. */
  public static Format parse(String value) {
    if (value == null) {
      return null;
    }
    String v = value.strip();
    switch (v.toLowerCase(java.util.Locale.ROOT)) {
      case "auto": return AUTO;
      case "csv": return CSV;
      case "tsv": return TSV;
      case "jsonl": case "ndjson": return JSONL;
      default: break;
    }
    if (v.regionMatches(true, 0, "delimited:", 0, 10) && v.length() > 10) {
      String sep = v.substring(10).replace("\\t", "\t");
      return delimited(sep);
    }
    return null;
  }

  /** CSV-style quoting applies to single-character separators only: {@code ----} fields are literal. */
  public boolean quoted() {
    return kind == Kind.DELIMITED && separator.length() == 1;
  }

  /** The case-file spelling, e.g. {@code delimited:----}. */
  public String label() {
    switch (kind) {
      case AUTO: return "auto";
      case JSONL: return "jsonl";
      default:
        if (",".equals(separator)) {
          return "csv";
        }
        if ("\t".equals(separator)) {
          return "tsv";
        }
        return "delimited:" + separator;
    }
  }
}
