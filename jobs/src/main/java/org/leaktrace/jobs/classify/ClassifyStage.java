package org.leaktrace.jobs.classify;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.sum;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.leaktrace.jobs.analytic.AnalyticTables;
import org.leaktrace.jobs.analytic.Classification;
import org.leaktrace.jobs.common.Cols;
import org.leaktrace.jobs.common.Conf;
import org.leaktrace.jobs.common.Delta;
import org.leaktrace.jobs.common.Errors;
import org.leaktrace.jobs.common.Staging;
import org.leaktrace.jobs.common.Tables;
import org.leaktrace.jobs.common.Workspace;
import org.leaktrace.jobs.config.CaseFile;
import org.leaktrace.udf.hash.KeyedHasher;
import org.leaktrace.udf.taxonomy.Taxonomy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Classify: decides each column's type from a sample of its values and its header, then turns every
 * raw row into a record (content key, class, validity) and tokens (keyed hashes). Below this stage no
 * raw identifier exists: the analytic zone holds tokens, classes and counts only.
 *
 * <p>{@code run} does this in ingest's scan, as each line is read; this stage does it again from {@code
 * raw_rows}, for a warehouse whose raw zone is current but whose analytic zone is not (a column
 * override changed in the case file, a newer leaktrace).
 */
public final class ClassifyStage {

  private static final Logger LOG = LoggerFactory.getLogger(ClassifyStage.class);

  private ClassifyStage() {}

  public static void run(SparkSession spark, CaseFile c, Workspace ws) {
    Taxonomy taxonomy = Conf.taxonomy(c);
    Map<String, Classification.DatasetInfo> infos = Classification.infos(c);
    Dataset<Row> custody = Delta.read(spark, ws.table(Tables.CUSTODY), "classify")
        .filter(col(Cols.DATASET).isin(infos.keySet().toArray()));
    Dataset<Row> raw = Delta.read(spark, ws.table(Tables.RAW_ROWS), "classify")
        .filter(col(Cols.DATASET).isin(infos.keySet().toArray()));
    requireRawRows(custody, raw, c);
    Map<String, List<String>> headers = Classification.headers(custody);

    List<Row> columns = new ArrayList<>(Classification.detectColumns(raw, headers, infos, taxonomy).collectAsList());
    columns.addAll(Classification.tokenFileColumns(headers, taxonomy)); // one row per column: small
    AnalyticTables.writeColumns(spark, columns, ws, infos.keySet());

    // classified once into a staging table, which both tables read: classifying twice (once per table)
    // doubled the stage's largest cost, the handlers and the keyed hash; caching every row with its
    // tokens held most of the heap at scale (docs/BENCHMARKS.md)
    Classification.Classifier classifier = new Classification.Classifier(headers,
        Classification.typesByDataset(columns), infos, new KeyedHasher(c.readKey()), taxonomy);
    try (Staging staged = Staging.write(Classification.classify(raw, classifier), ws, "classify")) {
      AnalyticTables.writeRecordsAndTokens(staged.read(), ws, infos.keySet());
    }
    LOG.info("classify: wrote {} columns, records and tokens of {} datasets", columns.size(), infos.size());
  }

  /**
   * Fails, before anything is written, when a dataset ingest parsed rows of has none in raw_rows: `run`
   * classifies platforms in ingest's scan without copying their lines, and classifying them again from
   * raw_rows would leave them without records.
   */
  private static void requireRawRows(Dataset<Row> custody, Dataset<Row> raw, CaseFile c) {
    List<String> absent = custody.groupBy(Cols.DATASET).agg(sum(Cols.ROWS_PARSED).as("parsed"))
        .filter(col("parsed").gt(0))
        .join(raw.select(Cols.DATASET).distinct(), new String[] {Cols.DATASET}, "left_anti")
        .select(Cols.DATASET).as(Encoders.STRING()).collectAsList();
    if (!absent.isEmpty()) {
      throw Errors.usage("classify reads raw_rows, which holds no line of " + String.join(", ", absent.stream()
          .sorted().toList()) + ": `run` classified them as ingest read them, without copying their lines",
          "run `bin/leaktrace ingest --case " + c.file() + "` before classify, or `bin/leaktrace run`");
    }
  }
}
