package org.leaktrace.jobs.ingest;

/**
 * One physical line after parsing: either its fields ({@code reason == null}) or the reason it was
 * quarantined with its raw bytes (truncated to 1 MiB; {@code rawLength} is the full length).
 */
record LineRecord(long line, String[] fields, Reason reason, String detail, byte[] raw, long rawLength) {

  boolean parsed() {
    return reason == null;
  }
}
