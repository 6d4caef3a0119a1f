package org.leaktrace.jobs.common;

import org.apache.spark.SparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Cuts a Dataset from its lineage, the one way every stage does it.
 *
 * <p>In local mode: an eager local checkpoint (blocks in the one JVM; nothing to configure, nothing to
 * clean). On a cluster a local checkpoint's blocks live on the executor that computed them, and when that
 * executor is lost Spark cannot recompute them (the lineage was cut): the job fails instead of retrying
 * the lost tasks. So on a cluster the checkpoint is reliable: written under {@code
 * <warehouse>/_checkpoints/<application id>}, a folder every executor reaches (the warehouse must be),
 * which {@link #begin} sets up and {@link #end} removes when the run ends. Either way the rows and their
 * partitioning are the ones computed, so the figures are the same.
 */
public final class Checkpoints {

  private static final Logger LOG = LoggerFactory.getLogger(Checkpoints.class);

  /** Below the warehouse; the leading underscore keeps Spark's and Delta's file listings off it. */
  public static final String DIR = "_checkpoints";

  private Checkpoints() {}

  /**
   * Materializes {@code ds} now and returns it cut from its lineage: local checkpoint in local mode,
   * reliable checkpoint on a cluster (see the class comment).
   */
  public static <T> Dataset<T> materialize(Dataset<T> ds) {
    return materialize(ds, reliable(ds.sparkSession().sparkContext()));
  }

  /** As {@link #materialize(Dataset)} with the kind chosen by the caller (tests). */
  static <T> Dataset<T> materialize(Dataset<T> ds, boolean reliable) {
    if (!reliable) {
      return ds.localCheckpoint(true);
    }
    // cached first, so writing the checkpoint reads the cache instead of computing the plan again
    Dataset<T> cached = ds.persist();
    try {
      return cached.checkpoint(true);
    } finally {
      cached.unpersist(false);
    }
  }

  /** Reliable checkpoints on a cluster, when a checkpoint folder is set ({@link #begin} sets one). */
  static boolean reliable(SparkContext sc) {
    if (sc.isLocal()) {
      return false;
    }
    if (sc.getCheckpointDir().isEmpty()) {
      LOG.warn("no checkpoint folder on a cluster (master {}): local checkpoints, so a lost executor fails "
          + "the job; run the stages through Pipeline, or set spark.checkpoint.dir", sc.master());
      return false;
    }
    return true;
  }

  /**
   * On a cluster, sets the checkpoint folder of this run, {@code <warehouse>/_checkpoints/<application
   * id>}, and returns it; returns null in local mode or when a folder is already configured ({@code
   * spark.checkpoint.dir}: then it is the operator's, and left alone).
   */
  public static String begin(SparkSession spark, Workspace ws) {
    SparkContext sc = spark.sparkContext();
    if (sc.isLocal() || sc.getCheckpointDir().isDefined()) {
      return null;
    }
    String dir = ws.table(DIR) + "/" + sc.applicationId();
    sc.setCheckpointDir(dir);
    LOG.info("checkpoints of this run: {}", dir);
    return dir;
  }

  /**
   * Removes the folder {@link #begin} set (nothing when it returned null), and {@code _checkpoints} when
   * empty. Never throws (it runs after a failed stage too): a folder it cannot remove is logged.
   */
  public static void end(SparkSession spark, String dir) {
    if (dir == null) {
      return;
    }
    WorkFolders.remove(spark, dir, "this run's checkpoints");
  }
}
