package org.leaktrace.jobs.ingest;

import java.io.Serializable;
import java.sql.Date;
import org.leaktrace.jobs.config.Format;

/**
 * One physical input file to read on an executor, with what the case file says about its dataset.
 *
 * @param label the file's path relative to the case folder (or its URI), as reports show it
 * @param fileIndex position of the file in its dataset's sorted file list (part of every row id)
 * @param snapshot for platform snapshots, the date in the file name; else null
 */
record FileTask(
    String dataset,
    String kind,
    String datasetId,
    String location,
    String label,
    int fileIndex,
    Date snapshot,
    Format format,
    String encoding,
    Boolean header)
    implements Serializable {}
