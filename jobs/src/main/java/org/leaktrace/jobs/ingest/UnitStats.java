package org.leaktrace.jobs.ingest;

import java.util.List;
import java.util.Map;

/** The accounting of one unit (a file, or one zip entry): how it was read and where each line went. */
record UnitStats(
    String entry,
    int entryIndex,
    Layout layout,
    long linesRead,
    long rowsParsed,
    long rowsQuarantined,
    Map<String, Long> quarantineByReason,
    List<String> header,
    String readError) {}
