package org.leaktrace.jobs.common;

import java.util.UUID;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * A stage's intermediate result computed once and read back by each of the tables written from it —
 * instead of computing it once per table, or caching every row in memory. Written as a Delta table
 * (so the schema, nullability included, comes back as it went in) under {@code
 * <warehouse>/_staging/<name>-<uuid>}, a folder every executor reaches, and removed on {@link #close}.
 */
public final class Staging implements AutoCloseable {

  /** The warehouse folder that holds staged results while a stage runs. */
  public static final String DIR = "_staging";

  private final SparkSession spark;
  private final String location;

  private Staging(SparkSession spark, String location) {
    this.spark = spark;
    this.location = location;
  }

  /** Computes {@code df} now, once, into a staging table of the workspace named after {@code name}. */
  public static Staging write(Dataset<Row> df, Workspace ws, String name) {
    String location = ws.table(DIR) + "/" + name + "-" + UUID.randomUUID();
    Staging s = new Staging(df.sparkSession(), location);
    try {
      Delta.overwrite(df, location, "leaktrace staging: " + name);
    } catch (RuntimeException e) {
      s.close();
      throw e;
    }
    return s;
  }

  /** The staged rows, as written. */
  public Dataset<Row> read() {
    return spark.read().format("delta").load(location);
  }

  /**
   * Removes the staged table, and {@code _staging} when empty. Never throws (it runs after a failed
   * write too): a folder it cannot remove is logged.
   */
  @Override
  public void close() {
    WorkFolders.remove(spark, location, "the staged table");
  }
}
