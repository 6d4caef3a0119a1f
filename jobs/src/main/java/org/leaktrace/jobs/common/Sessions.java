package org.leaktrace.jobs.common;

import java.util.List;
import java.util.concurrent.TimeoutException;
import org.apache.spark.SparkContext;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;

/** Builds SparkSessions with Delta enabled; a master set by spark-submit is never overridden. */
public final class Sessions {

  private static final String CLEAN_CHECKPOINTS = "spark.cleaner.referenceTracking.cleanCheckpoints";
  private static final String SHUFFLE_PARTITIONS = "spark.sql.shuffle.partitions";
  private static final String AUTO_SHUFFLE = "leaktrace.shufflePartitions.auto";
  private static final int MIN_SHUFFLE_PARTITIONS = 8;
  /** Input bytes per shuffle partition when sized from the input (rows grow 2–4× in memory). */
  static final long BYTES_PER_SHUFFLE_PARTITION = 32L << 20;

  private Sessions() {}

  /**
   * Delta settings every leaktrace session needs, local or on a cluster. New tables keep file statistics
   * on their first two columns only (dataset and row id in the large tables, what reads filter on), not
   * Delta's default 32: min/max of every content key and token string cost 6–10% of the writing stages'
   * time in the benchmark's profile and no read skips files by them. Table files and Spark's shuffle and
   * spill files are zstd-compressed unless the operator chose a codec ({@link #ZSTD}).
   */
  public static SparkSession.Builder withDelta(SparkSession.Builder b) {
    b.config("spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension")
        .config("spark.sql.catalog.spark_catalog", "org.apache.spark.sql.delta.catalog.DeltaCatalog")
        .config("spark.databricks.delta.properties.defaults.dataSkippingNumIndexedCols", "2");
    for (String key : ZSTD) {
      if (System.getProperty(key) == null) {
        b.config(key, "zstd");
      }
    }
    return b;
  }

  /**
   * Codecs set to zstd. Most of what the analytic and reference tables and the shuffles hold is keyed-hash
   * tokens and content keys written as hex: Snappy and LZ4 find no repeats in them and store them as
   * they are; zstd's entropy coding stores each hex digit in about half a byte. The disk a run needs
   * (docs/BENCHMARKS.md) is what this saves; a codec given with {@code -D} or {@code --conf} is kept.
   */
  static final List<String> ZSTD = List.of("spark.sql.parquet.compression.codec",
      "spark.io.compression.codec");

  /**
   * Lets Spark delete the shuffle and spill files of the stages that have ended: the driver's context
   * cleaner removes a shuffle's files once its dependency is garbage, and a collection finds that garbage
   * now instead of after {@code spark.cleaner.periodicGC.interval} (30 min). Without it a run's shuffle
   * files pile up stage after stage, the most disk a run takes. Called between stages.
   *
   * <p>One thing keeps the last query's shuffles alive: each listener queue's thread holds the last event
   * it delivered until the next one arrives, and the last query's end event holds its plan (a heap dump
   * showed the path: SparkListenerSQLExecutionEnd → QueryExecution → plan → ShuffleExchangeExec →
   * ShuffleDependency). An empty job posts a start and an end event to every queue; once the queues have
   * delivered them, nothing but garbage refers to the ended queries.
   */
  public static void releaseEndedShuffles(SparkSession spark) {
    SparkContext sc = spark.sparkContext();
    JavaSparkContext.fromSparkContext(sc).emptyRDD().count();
    try {
      sc.listenerBus().waitUntilEmpty(QUEUE_WAIT_MILLIS);
    } catch (TimeoutException e) {
      // a busy listener: the collection still frees everything but the last query's shuffles
    }
    System.gc();
  }

  /** How long {@link #releaseEndedShuffles} waits for the listener queues to deliver its events. */
  private static final long QUEUE_WAIT_MILLIS = 10_000;

  /**
   * The session for a CLI run: keeps the master that {@code spark-submit} set, otherwise {@code
   * local[*]}. Counts never depend on the number of cores or partitions (DESIGN.md, principles).
   */
  public static SparkSession forJob(String appName) {
    SparkSession.Builder b = withDelta(SparkSession.builder().appName(appName));
    if (System.getProperty(CLEAN_CHECKPOINTS) == null) {
      // on a cluster each connected-components round leaves a reliable checkpoint (Checkpoints): free
      // the superseded ones during the run, not only when it ends
      b.config(CLEAN_CHECKPOINTS, "true");
    }
    if (System.getProperty("spark.master") == null) {
      b.master("local[*]")
          .config("spark.ui.showConsoleProgress", "false")
          .config("spark.databricks.delta.snapshotPartitions", "2");
      if (System.getProperty(SHUFFLE_PARTITIONS) == null) {
        // sized from the case's input by Pipeline (sizeShuffle); the operator's own setting is kept
        b.config(SHUFFLE_PARTITIONS, MIN_SHUFFLE_PARTITIONS).config(AUTO_SHUFFLE, "true");
      }
    }
    return b.getOrCreate();
  }

  /**
   * In a local run whose shuffle partitions the operator did not set: one per {@value
   * #BYTES_PER_SHUFFLE_PARTITION} input bytes, at least 8 and at most 2,000, so that a 10 GB case does not
   * sort gigabytes per task; adaptive execution merges the small ones. Figures never depend on it (the
   * cluster test compares runs with different partitions). Returns the partitions in force.
   */
  public static int sizeShuffle(SparkSession spark, long inputBytes) {
    if (!"true".equals(spark.conf().get(AUTO_SHUFFLE, "false"))) {
      return Integer.parseInt(spark.conf().get(SHUFFLE_PARTITIONS));
    }
    int n = shufflePartitions(inputBytes);
    spark.conf().set(SHUFFLE_PARTITIONS, Integer.toString(n));
    return n;
  }

  static int shufflePartitions(long inputBytes) {
    long n = (inputBytes + BYTES_PER_SHUFFLE_PARTITION - 1) / BYTES_PER_SHUFFLE_PARTITION;
    return (int) Math.max(MIN_SHUFFLE_PARTITIONS, Math.min(2000, n));
  }

  /** The shared test session: local[2], UI off, few shuffle partitions, loopback host. */
  public static SparkSession forTests() {
    return forTests("local[2]");
  }

  /** A test session on the given local master (e.g. {@code local[1]} to check core independence). */
  public static SparkSession forTests(String master) {
    return withDelta(SparkSession.builder().appName("leaktrace-tests"))
        .master(master)
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.driver.host", "127.0.0.1")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .config(SHUFFLE_PARTITIONS, "4")
        .config("spark.default.parallelism", "4")
        .config("spark.databricks.delta.snapshotPartitions", "2")
        .config("spark.sql.session.timeZone", "UTC")
        .getOrCreate();
  }
}
