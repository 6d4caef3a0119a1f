package org.leaktrace.jobs.common;

import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;

/** Delta writes and reads of warehouse tables, shared by every stage. */
public final class Delta {

  private Delta() {}

  /**
   * Replaces the rows of the given datasets in a table with {@code df}, in one Delta commit: a reader
   * sees the old rows or the new ones, never both and never a half-written state.
   */
  public static void replaceDatasets(Dataset<Row> df, String location, Collection<String> datasets, String note) {
    df.write()
        .format("delta")
        .mode(SaveMode.Overwrite)
        .partitionBy(Cols.DATASET)
        .option("replaceWhere", inList(Cols.DATASET, datasets))
        // a column a newer version added (columns.masked_samples) joins a table an older version wrote
        .option("mergeSchema", "true")
        .option("userMetadata", note)
        .save(location);
  }

  /** Replaces a whole (unpartitioned) table with {@code df} in one Delta commit tagged with {@code note}. */
  public static void overwrite(Dataset<Row> df, String location, String note) {
    df.write()
        .format("delta")
        .mode(SaveMode.Overwrite)
        .option("overwriteSchema", "true")
        .option("userMetadata", note)
        .save(location);
  }

  /** Reads a table; a missing table is an input problem the message explains. */
  public static Dataset<Row> read(SparkSession spark, String location, String stage) {
    if (!exists(spark, location)) {
      throw Errors.input(location, "no Delta table here yet",
          "run the stage that writes it first (`bin/leaktrace run` runs them all, in order), then " + stage);
    }
    return spark.read().format("delta").load(location);
  }

  /**
   * {@link #read}, and every column of {@code schema} must be there: a table written by an older version
   * of the stage that writes it (named {@code writer}) is refused with what to run, not left to fail
   * later on an unresolved column.
   */
  public static Dataset<Row> read(SparkSession spark, String location, String stage, StructType schema,
      String writer) {
    Dataset<Row> df = read(spark, location, stage);
    Set<String> have = Set.of(df.columns());
    List<String> missing = Arrays.stream(schema.fieldNames()).filter(f -> !have.contains(f)).toList();
    if (!missing.isEmpty()) {
      throw Errors.input(location, "was written by an older leaktrace: it lacks " + String.join(", ", missing),
          "run " + writer + " again (or `bin/leaktrace run`, which runs every stage), then " + stage);
    }
    return df;
  }

  public static boolean exists(SparkSession spark, String location) {
    return io.delta.tables.DeltaTable.isDeltaTable(spark, location);
  }

  /** {@code col IN ('a', 'b')} with quotes escaped; the values are validated ids. */
  static String inList(String col, Collection<String> values) {
    return col + " IN (" + values.stream().map(v -> "'" + v.replace("'", "''") + "'")
        .collect(Collectors.joining(", ")) + ")";
  }
}
