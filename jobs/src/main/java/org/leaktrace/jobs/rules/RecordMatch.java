package org.leaktrace.jobs.rules;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.row_number;

import java.util.List;
import java.util.stream.Collectors;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.leaktrace.jobs.common.Cols;

/**
 * What attribute (dump row against platform record) and trace (dump row against dump row) share: which
 * rows are counted, and when two rows' type → token maps are the same record rather than the same person.
 */
public final class RecordMatch {

  private RecordMatch() {}

  /**
   * Counted rows (pieces) of {@code records}: identifying, verifiable, the first of their content by
   * row_id (Art. 11(3) duplicates); every column of {@code records} kept.
   */
  public static Dataset<Row> counted(Dataset<Row> records) {
    return records
        .filter(col(Cols.IDENTIFYING).and(col(Cols.UNVERIFIABLE).equalTo(false)))
        .withColumn("_lt_first", row_number().over(Window.partitionBy(Cols.DATASET, Cols.CONTENT_KEY)
            .orderBy(Cols.ROW_ID)))
        .filter(col("_lt_first").equalTo(1))
        .drop("_lt_first");
  }

  /**
   * Two type → token maps agree as records: at least {@code minCommonTypes} shared types, at least
   * {@code minRecordTypes} of them not person types, and equal tokens on every shared type.
   */
  public static Column agree(String left, String right, List<String> personTypes, int minCommonTypes,
      int minRecordTypes) {
    String common = "array_intersect(map_keys(" + left + "), map_keys(" + right + "))";
    return expr("size(" + common + ") >= " + minCommonTypes
        + " AND size(filter(" + common + ", k -> NOT array_contains(" + sqlArray(personTypes) + ", k))) >= "
        + minRecordTypes
        + " AND forall(" + common + ", k -> " + left + "[k] = " + right + "[k])");
  }

  /** A SQL array literal of strings. */
  public static String sqlArray(List<String> values) {
    return "array(" + values.stream().map(v -> "'" + v.replace("'", "''") + "'").collect(Collectors.joining(", "))
        + ")";
  }
}
