package org.leaktrace.jobs.common;

import java.io.Serializable;
import org.apache.spark.SparkContext;
import org.apache.spark.util.LongAccumulator;

/**
 * What ingest's scan has read, as named Spark accumulators: the readers add to them as they go, and the
 * progress listener finds them by name in the task events (done) and executor heartbeats (running).
 */
public record ReadCounters(LongAccumulator lines, LongAccumulator bytes) implements Serializable {

  /** The accumulators' names (also what the Spark UI shows). */
  public static final String LINES = "leaktrace.ingest.linesRead";
  public static final String BYTES = "leaktrace.ingest.bytesRead";

  /** Fresh counters, registered with the context (a driver-side call). */
  public static ReadCounters register(SparkContext sc) {
    return new ReadCounters(sc.longAccumulator(LINES), sc.longAccumulator(BYTES));
  }

  /** Adds lines and input bytes (as stored) read since the last call. */
  public void add(long linesRead, long bytesRead) {
    lines.add(linesRead);
    bytes.add(bytesRead);
  }
}
