package org.leaktrace.jobs.common;

import org.apache.spark.sql.SparkSession;

/** Builds SparkSessions with Delta enabled; a master set by spark-submit is never overridden. */
public final class Sessions {

  private static final String CLEAN_CHECKPOINTS = "spark.cleaner.referenceTracking.cleanCheckpoints";

  private Sessions() {}

  /** Delta settings every leaktrace session needs, local or on a cluster. */
  public static SparkSession.Builder withDelta(SparkSession.Builder b) {
    return b.config("spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension")
        .config("spark.sql.catalog.spark_catalog", "org.apache.spark.sql.delta.catalog.DeltaCatalog");
  }

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
          .config("spark.sql.shuffle.partitions", "8")
          .config("spark.databricks.delta.snapshotPartitions", "2");
    }
    return b.getOrCreate();
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
        .config("spark.sql.shuffle.partitions", "4")
        .config("spark.default.parallelism", "4")
        .config("spark.databricks.delta.snapshotPartitions", "2")
        .config("spark.sql.session.timeZone", "UTC")
        .getOrCreate();
  }
}
