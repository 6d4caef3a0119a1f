package org.leaktrace.jobs.common;

import java.io.IOException;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The folders a run keeps below the warehouse only while it needs them ({@link Staging}, {@link Checkpoints}). */
final class WorkFolders {

  private static final Logger LOG = LoggerFactory.getLogger(WorkFolders.class);

  private WorkFolders() {}

  /**
   * Removes {@code location}, and its parent when that is then empty. Never throws (it runs after a failure
   * too): a folder it cannot remove is logged as {@code what}.
   */
  static void remove(SparkSession spark, String location, String what) {
    Path p = new Path(location);
    try {
      FileSystem fs = p.getFileSystem(spark.sparkContext().hadoopConfiguration());
      fs.delete(p, true);
      Path parent = p.getParent();
      if (fs.exists(parent) && fs.listStatus(parent).length == 0) {
        fs.delete(parent, false);
      }
    } catch (IOException | RuntimeException e) {
      LOG.warn("could not remove {} {} ({}); delete that folder by hand, nothing reads it", what, location,
          e.toString());
    }
  }
}
