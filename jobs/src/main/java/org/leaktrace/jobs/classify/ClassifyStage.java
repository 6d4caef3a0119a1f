package org.leaktrace.jobs.classify;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.sort_array;
import static org.apache.spark.sql.functions.struct;

import java.io.Serializable;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.leaktrace.jobs.common.Cols;
import org.leaktrace.jobs.common.Conf;
import org.leaktrace.jobs.common.Delta;
import org.leaktrace.jobs.common.Tables;
import org.leaktrace.jobs.common.Workspace;
import org.leaktrace.jobs.config.CaseFile;
import org.leaktrace.jobs.config.DatasetSpec;
import org.leaktrace.jobs.rules.InputLimits;
import org.leaktrace.udf.classify.RowClassifier;
import org.leaktrace.udf.detect.ColumnDetection;
import org.leaktrace.udf.detect.ColumnTypeDetector;
import org.leaktrace.udf.detect.MaskedSamples;
import org.leaktrace.udf.hash.KeyedHasher;
import org.leaktrace.udf.taxonomy.Taxonomy;
import org.leaktrace.udf.types.FieldType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Classify: decides each column's type from a sample of its values and its header, then turns every
 * raw row into a record (content key, class, validity) and tokens (keyed hashes). Below this stage no
 * raw identifier exists: the analytic zone holds tokens, classes and counts only.
 */
public final class ClassifyStage {

  private static final Logger LOG = LoggerFactory.getLogger(ClassifyStage.class);

  /** Lines per file that column detection samples from (the first ones, so the sample is reproducible). */
  public static final int SAMPLE_LINES = InputLimits.SAMPLE_LINES;
  /** Values per column that column detection looks at. */
  public static final int SAMPLE_VALUES = InputLimits.SAMPLE_VALUES;

  private static final StructType SAMPLE_SCHEMA = new StructType()
      .add(Cols.DATASET, DataTypes.StringType, false)
      .add(Cols.COLUMN, DataTypes.StringType, false)
      .add("from_header", DataTypes.BooleanType, false)
      .add(Cols.POSITION, DataTypes.IntegerType, false)
      .add(Cols.ROW_ID, DataTypes.LongType, false)
      .add("value", DataTypes.StringType, false);

  private static final StructType TOKEN_STRUCT = new StructType()
      .add(Cols.COLUMN, DataTypes.StringType, false)
      .add(Cols.TYPE, DataTypes.StringType, false)
      .add(Cols.STRENGTH, DataTypes.StringType, false)
      .add(Cols.STATUS, DataTypes.StringType, false)
      .add(Cols.TOKEN, DataTypes.StringType, false);

  private static final StructType CLASSIFIED_SCHEMA = Tables.RECORDS_SCHEMA
      .add("_lt_tokens", DataTypes.createArrayType(TOKEN_STRUCT, false), false);

  private ClassifyStage() {}

  /** What classification needs to know of each dataset, shipped to executors. */
  public record DatasetInfo(String dataset, boolean dump, LocalDate obtained, Map<String, FieldType> overrides)
      implements Serializable {

    public static DatasetInfo of(DatasetSpec d) {
      return new DatasetInfo(d.dataset(), d.kind() == DatasetSpec.Kind.DUMP, d.obtained(), d.columns());
    }
  }

  public static void run(SparkSession spark, CaseFile c, Workspace ws) {
    Taxonomy taxonomy = Conf.taxonomy(c);
    KeyedHasher hasher = new KeyedHasher(c.readKey());
    Map<String, DatasetInfo> infos = new LinkedHashMap<>();
    for (DatasetSpec d : c.datasets()) {
      infos.put(d.dataset(), DatasetInfo.of(d));
    }
    Dataset<Row> custody = Delta.read(spark, ws.table(Tables.CUSTODY), "classify")
        .filter(col(Cols.DATASET).isin(infos.keySet().toArray()));
    Dataset<Row> raw = Delta.read(spark, ws.table(Tables.RAW_ROWS), "classify")
        .filter(col(Cols.DATASET).isin(infos.keySet().toArray()));
    Map<String, List<String>> headers = headers(custody);

    List<Row> columns = new ArrayList<>(detectColumns(raw, headers, infos, taxonomy).collectAsList());
    columns.addAll(tokenFileColumns(headers, taxonomy)); // one row per column: small
    Delta.replaceDatasets(spark.createDataFrame(columns, Tables.COLUMNS_SCHEMA), ws.table(Tables.COLUMNS),
        infos.keySet(), "leaktrace classify: columns");
    for (Row r : columns) {
      LOG.info("classify: {} column {} -> {} ({}, confidence {})", r.getAs(Cols.DATASET), r.getAs(Cols.COLUMN),
          r.getAs(Cols.TYPE), r.getAs(Cols.DECIDED_BY), String.format("%.2f", r.<Double>getAs(Cols.CONFIDENCE)));
    }
    Map<String, Map<String, FieldType>> types = typesByDataset(columns);

    // classified twice, once per table, rather than cached: classifying is a pure function of the row, and
    // caching every row with its tokens held most of the heap at scale (bench at N = 1M: heap after a
    // collection 11.8 → 4.7 GiB, RSS 15.3 → 8.4 GiB, classify no slower; docs/BENCHMARKS.md)
    Dataset<Row> classified = classify(raw, headers, types, infos, hasher, taxonomy);
    String[] recordCols = Tables.RECORDS_SCHEMA.fieldNames();
    Delta.replaceDatasets(classified.selectExpr(recordCols), ws.table(Tables.RECORDS), infos.keySet(),
        "leaktrace classify: records");
    Delta.replaceDatasets(
        classified.select(col(Cols.DATASET), col(Cols.ROW_ID), explode(col("_lt_tokens")).as("t"))
            .select(col(Cols.DATASET), col(Cols.ROW_ID), col("t." + Cols.COLUMN), col("t." + Cols.TYPE),
                col("t." + Cols.STRENGTH), col("t." + Cols.STATUS), col("t." + Cols.TOKEN)),
        ws.table(Tables.TOKENS), infos.keySet(), "leaktrace classify: tokens");
    LOG.info("classify: wrote {} columns, records and tokens of {} datasets", columns.size(), infos.size());
  }

  /** Column names per file: the header's (made unique), or null when the file has none. */
  static Map<String, List<String>> headers(Dataset<Row> custody) {
    Map<String, List<String>> out = new HashMap<>();
    for (Row r : custody.select(Cols.DATASET, Cols.FILE, Cols.HEADER).collectAsList()) {
      List<String> h = r.isNullAt(2) ? null : unique(r.getList(2));
      out.put(key(r.getString(0), r.getString(1)), h);
    }
    return out;
  }

  private static List<String> unique(List<Object> header) {
    List<String> out = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < header.size(); i++) {
      String h = header.get(i) == null || header.get(i).toString().isBlank() ? "c" + i : header.get(i).toString().strip();
      String name = h;
      for (int k = 2; !seen.add(name); k++) {
        name = h + "#" + k;
      }
      out.add(name);
    }
    return out;
  }

  static String key(String dataset, String file) {
    return dataset + "\n" + file;
  }

  static String columnName(List<String> header, int pos) {
    return header != null && pos < header.size() ? header.get(pos) : "c" + pos;
  }

  /**
   * Samples the first values of every column (first {@link #SAMPLE_LINES} lines of each file, then the
   * first {@link #SAMPLE_VALUES} non-blank values in row order) and decides its type on the executors.
   */
  static Dataset<Row> detectColumns(Dataset<Row> raw, Map<String, List<String>> headers,
      Map<String, DatasetInfo> infos, Taxonomy taxonomy) {
    Dataset<Row> values = raw.filter(col(Cols.LINE).leq(SAMPLE_LINES))
        .flatMap((FlatMapFunction<Row, Row>) r -> {
          String dataset = r.getAs(Cols.DATASET);
          List<String> header = headers.get(key(dataset, r.getAs(Cols.FILE)));
          List<Object> fields = r.getList(r.fieldIndex(Cols.FIELDS));
          List<Row> out = new ArrayList<>();
          if (RowClassifier.isTokenFile(header)) {
            return out.iterator(); // typed by their header
          }
          for (int i = 0; i < fields.size(); i++) {
            Object v = fields.get(i);
            if (v != null && !v.toString().isBlank()) {
              out.add(RowFactory.create(dataset, columnName(header, i), header != null && i < header.size(), i,
                  r.<Long>getAs(Cols.ROW_ID), v.toString()));
            }
          }
          return out.iterator();
        }, Encoders.row(SAMPLE_SCHEMA));
    Dataset<Row> samples = values
        .withColumn("_lt_n", row_number().over(Window.partitionBy(Cols.DATASET, Cols.COLUMN)
            .orderBy(Cols.ROW_ID, Cols.POSITION)))
        .filter(col("_lt_n").leq(SAMPLE_VALUES))
        .groupBy(Cols.DATASET, Cols.COLUMN, "from_header")
        // in row order whatever the partitioning: the masked examples are the first usable values
        .agg(min(Cols.POSITION).as(Cols.POSITION),
            sort_array(collect_list(struct(col(Cols.ROW_ID), col("value")))).getField("value").as("values"));
    return samples.mapPartitions((MapPartitionsFunction<Row, Row>) it -> {
      ColumnTypeDetector detector = new ColumnTypeDetector();
      List<Row> out = new ArrayList<>();
      while (it.hasNext()) {
        Row r = it.next();
        String dataset = r.getString(0);
        String column = r.getString(1);
        boolean fromHeader = r.getBoolean(2);
        int pos = r.getInt(3);
        List<String> sample = r.getList(4);
        FieldType override = override(infos.get(dataset), column, pos, fromHeader);
        ColumnDetection d = detector.detect(sample, fromHeader ? column : null, override);
        String cls = taxonomy.classOf(d.type());
        // masked examples for the report, of dumps only (a cooperating platform's data is not shown)
        List<String> examples = infos.get(dataset).dump()
            ? MaskedSamples.of(d.type(), sample, MaskedSamples.PER_COLUMN) : List.of();
        out.add(RowFactory.create(dataset, column, pos, d.type().key(), d.confidence(), cls,
            taxonomy.piplSensitive(d.type()), d.decidedBy(), d.sampled(),
            examples.isEmpty() ? null : examples.toArray(new String[0])));
      }
      return out.iterator();
    }, Encoders.row(Tables.COLUMNS_SCHEMA));
  }

  /** Columns of token files ({@code leaktrace tokenize}): their types come from the header. */
  static List<Row> tokenFileColumns(Map<String, List<String>> headers, Taxonomy taxonomy) {
    Map<String, Row> out = new java.util.TreeMap<>();
    headers.forEach((k, header) -> {
      if (RowClassifier.isTokenFile(header)) {
        String dataset = k.substring(0, k.indexOf('\n'));
        List<RowClassifier.Column> cols = RowClassifier.tokenColumns(header);
        for (int i = 2; i < cols.size(); i++) {
          FieldType t = cols.get(i).type();
          out.putIfAbsent(dataset + "\n" + cols.get(i).name(), new GenericRowWithSchema(new Object[] {dataset,
              cols.get(i).name(), i, t.key(), 1.0, taxonomy.classOf(t), taxonomy.piplSensitive(t), "tokenized", 0, null},
              Tables.COLUMNS_SCHEMA));
        }
      }
    });
    return new ArrayList<>(out.values());
  }

  /** The case file's {@code columns:} override for a column: by header name, else by 0-based index. */
  static FieldType override(DatasetInfo info, String column, int pos, boolean fromHeader) {
    if (info == null || info.overrides().isEmpty()) {
      return null;
    }
    if (fromHeader && info.overrides().containsKey(column)) {
      return info.overrides().get(column);
    }
    return info.overrides().get(Integer.toString(pos));
  }

  private static Map<String, Map<String, FieldType>> typesByDataset(List<Row> columns) {
    Map<String, Map<String, FieldType>> out = new HashMap<>();
    for (Row r : columns) {
      out.computeIfAbsent(r.getAs(Cols.DATASET), k -> new HashMap<>())
          .put(r.getAs(Cols.COLUMN), FieldType.of(r.getAs(Cols.TYPE)));
    }
    return out;
  }

  /** Every raw row as a record with its tokens (in {@code _lt_tokens}); runs on the executors. */
  static Dataset<Row> classify(Dataset<Row> raw, Map<String, List<String>> headers,
      Map<String, Map<String, FieldType>> types, Map<String, DatasetInfo> infos, KeyedHasher hasher,
      Taxonomy taxonomy) {
    Map<String, Set<FieldType>> datasetTypes = new HashMap<>();
    types.forEach((d, m) -> {
      Set<FieldType> s = EnumSet.noneOf(FieldType.class);
      s.addAll(m.values());
      datasetTypes.put(d, s);
    });
    return raw.mapPartitions((MapPartitionsFunction<Row, Row>) it -> {
      Map<String, RowClassifier> byFile = new HashMap<>();
      return new Iterator<Row>() {
        @Override
        public boolean hasNext() {
          return it.hasNext();
        }

        @Override
        public Row next() {
          Row r = it.next();
          String dataset = r.getAs(Cols.DATASET);
          String file = r.getAs(Cols.FILE);
          RowClassifier rc = byFile.computeIfAbsent(key(dataset, file), k -> {
            List<String> header = headers.get(k);
            if (RowClassifier.isTokenFile(header)) {
              return new RowClassifier(RowClassifier.tokenColumns(header), hasher, taxonomy,
                  datasetTypes.getOrDefault(dataset, Set.of()));
            }
            Map<String, FieldType> t = types.getOrDefault(dataset, Map.of());
            int width = header != null ? header.size() : t.size();
            List<RowClassifier.Column> cols = new ArrayList<>();
            for (int i = 0; i < Math.max(width, maxPosition(t) + 1); i++) {
              String name = columnName(header, i);
              cols.add(new RowClassifier.Column(name, t.get(name)));
            }
            return new RowClassifier(cols, hasher, taxonomy, datasetTypes.getOrDefault(dataset, Set.of()));
          });
          DatasetInfo info = infos.get(dataset);
          Date snapshot = r.getAs(Cols.SNAPSHOT);
          LocalDate asOf = info.dump() ? info.obtained() : snapshot.toLocalDate();
          List<String> fields = r.getList(r.fieldIndex(Cols.FIELDS));
          RowClassifier.Result res = RowClassifier.isTokenFile(headers.get(key(dataset, file)))
              ? rc.fromTokens(fields) : rc.classify(fields, asOf);
          List<Row> tokens = new ArrayList<>(res.tokens().size());
          for (RowClassifier.Token t : res.tokens()) {
            tokens.add(RowFactory.create(t.column(), t.type().key(), t.type().strength().name(),
                t.status().name().toLowerCase(java.util.Locale.ROOT), t.token()));
          }
          return RowFactory.create(dataset, r.<Long>getAs(Cols.ROW_ID), file, r.<Long>getAs(Cols.LINE), snapshot,
              res.contentKey(), res.cls(), res.types().toArray(new String[0]), res.identifying(),
              res.validated(), res.valid(), res.unverifiable(), res.failedChecks().toArray(new String[0]),
              res.birthDate() == null ? null : Date.valueOf(res.birthDate()), res.untypedValues(),
              scala.jdk.javaapi.CollectionConverters.asScala(res.tokenMap()), tokens.toArray());
        }
      };
    }, Encoders.row(CLASSIFIED_SCHEMA));
  }

  /** The highest position named c&lt;i&gt; among a dataset's columns, for files without a header. */
  private static int maxPosition(Map<String, FieldType> types) {
    int max = -1;
    for (String name : types.keySet()) {
      if (name.matches("c\\d+")) {
        max = Math.max(max, Integer.parseInt(name.substring(1)));
      }
    }
    return max;
  }
}
