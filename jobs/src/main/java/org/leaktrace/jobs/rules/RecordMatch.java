package org.leaktrace.jobs.rules;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.udf;

import java.util.List;
import java.util.stream.Collectors;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.api.java.UDF4;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.leaktrace.jobs.common.Cols;
import org.leaktrace.udf.compare.Level;
import org.leaktrace.udf.compare.RecordComparison;

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
   * The comparison levels of two records, type → {@link Level} ordinal, from their token and level maps
   * (columns in that order: left tokens, left levels, right tokens, right levels); plain Java in {@link
   * RecordComparison}.
   */
  public static final UserDefinedFunction COMPARE = udf(
      (UDF4<scala.collection.Map<String, String>, scala.collection.Map<String, String>, scala.collection.Map<String, String>,
          scala.collection.Map<String, String>, java.util.Map<String, Integer>>) (lt, ll, rt, rl) ->
          RecordComparison.compare(javaMap(lt), javaMap(ll), javaMap(rt), javaMap(rl)),
      DataTypes.createMapType(DataTypes.StringType, DataTypes.IntegerType, false)).asNonNullable();

  /**
   * Two records agree as records: at least {@code minCommonTypes} shared types, at least {@code
   * minRecordTypes} of them not person types, and every shared type equal at the coarser of the two
   * precisions (a re-typed time, a truncated address still agree; {@link Level#COARSE} or better).
   *
   * @param left the left type → token map column; {@code leftLevels} its level map column (and the same
   *     for the right)
   */
  public static Column agree(String left, String leftLevels, String right, String rightLevels, List<String> personTypes,
      int minCommonTypes, int minRecordTypes) {
    String common = "array_intersect(map_keys(" + left + "), map_keys(" + right + "))";
    return expr("size(" + common + ") >= " + minCommonTypes
        + " AND size(filter(" + common + ", k -> NOT array_contains(" + sqlArray(personTypes) + ", k))) >= "
        + minRecordTypes)
        .and(functions.forall(functions.map_values(COMPARE.apply(col(left), col(leftLevels), col(right), col(rightLevels))),
            l -> l.leq(Level.COARSE.ordinal())));
  }

  /** A Scala map (a map column as a UDF receives it) as a Java map; null stays null. */
  public static <K, V> java.util.Map<K, V> javaMap(scala.collection.Map<K, V> m) {
    return m == null ? null : scala.jdk.javaapi.CollectionConverters.asJava(m);
  }

  /** A SQL array literal of strings. */
  public static String sqlArray(List<String> values) {
    return "array(" + values.stream().map(v -> "'" + v.replace("'", "''") + "'").collect(Collectors.joining(", "))
        + ")";
  }
}
