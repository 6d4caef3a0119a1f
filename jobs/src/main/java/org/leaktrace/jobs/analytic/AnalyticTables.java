package org.leaktrace.jobs.analytic;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.explode;

import java.util.Collection;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.leaktrace.jobs.common.Cols;
import org.leaktrace.jobs.common.Delta;
import org.leaktrace.jobs.common.Tables;
import org.leaktrace.jobs.common.Workspace;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The writes of the analytic zone ({@code columns}, {@code records}, {@code tokens}), whoever classified. */
public final class AnalyticTables {

  private static final Logger LOG = LoggerFactory.getLogger(AnalyticTables.class);

  private AnalyticTables() {}

  /** Replaces the datasets' rows of {@code columns} with the detected columns, and logs each decision. */
  public static void writeColumns(SparkSession spark, List<Row> columns, Workspace ws, Collection<String> datasets) {
    Delta.replaceDatasets(spark.createDataFrame(columns, Tables.COLUMNS_SCHEMA), ws.table(Tables.COLUMNS),
        datasets, "leaktrace classify: columns");
    for (Row r : columns) {
      LOG.info("classify: {} column {} -> {} ({}, confidence {})", r.getAs(Cols.DATASET), r.getAs(Cols.COLUMN),
          r.getAs(Cols.TYPE), r.getAs(Cols.DECIDED_BY), String.format("%.2f", r.<Double>getAs(Cols.CONFIDENCE)));
    }
  }

  /**
   * Replaces the datasets' rows of {@code records} and {@code tokens} from classified rows (the records'
   * columns and {@link Classification#ROW_TOKENS}), read from a staged table so that each is computed once.
   */
  public static void writeRecordsAndTokens(Dataset<Row> classified, Workspace ws, Collection<String> datasets) {
    Delta.replaceDatasets(classified.selectExpr(Tables.RECORDS_SCHEMA.fieldNames()), ws.table(Tables.RECORDS),
        datasets, "leaktrace classify: records");
    Delta.replaceDatasets(
        classified.select(col(Cols.DATASET), col(Cols.ROW_ID), explode(col(Classification.ROW_TOKENS)).as("t"))
            .select(col(Cols.DATASET), col(Cols.ROW_ID), col("t." + Cols.COLUMN), col("t." + Cols.TYPE),
                col("t." + Cols.STRENGTH), col("t." + Cols.STATUS), col("t." + Cols.TOKEN)),
        ws.table(Tables.TOKENS), datasets, "leaktrace classify: tokens");
  }
}
