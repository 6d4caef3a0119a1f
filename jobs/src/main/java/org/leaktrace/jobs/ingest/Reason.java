package org.leaktrace.jobs.ingest;

/**
 * Why a line was quarantined. When several apply, the earliest constant wins (the order of
 * declaration is the precedence). Every quarantined line keeps its bytes and one reason.
 */
public enum Reason {
  /** Longer than 1 MiB: kept truncated, with its full length. */
  LINE_TOO_LONG("line_too_long"),
  /** Contains NUL bytes or mostly control characters. */
  BINARY_CONTENT("binary_content"),
  /** A byte sequence the file's encoding cannot decode. */
  INVALID_ENCODING("invalid_encoding"),
  /** Blank or white space only. */
  EMPTY_LINE("empty_line"),
  /** Not one JSON object (JSON lines input). */
  INVALID_JSON("invalid_json"),
  /** A quoted field that never closes on its line. */
  UNBALANCED_QUOTE("unbalanced_quote"),
  /** More or fewer fields than the file's header or usual row. */
  WRONG_FIELD_COUNT("wrong_field_count"),
  /** The header line: column names, not a row (kept so that the header's bytes are preserved). */
  HEADER("header");

  private final String key;

  Reason(String key) {
    this.key = key;
  }

  public String key() {
    return key;
  }
}
