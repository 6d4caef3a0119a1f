package org.leaktrace.jobs.analytic;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
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
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.leaktrace.jobs.common.Cols;
import org.leaktrace.jobs.common.Tables;
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

/**
 * Classification of raw rows into the analytic zone, shared by the two ways a case gets there: ingest's
 * one scan (each line read, classified and tokenized in the same pass) and the classify stage (again
 * from {@code raw_rows}, e.g. after a column override changed). Column types are decided from a sample
 * of each column's first values and its header ({@link #detectColumns}); then every row becomes a record
 * and its tokens ({@link Classifier}). Below this, no raw identifier exists.
 */
public final class Classification {

  /** Lines per file that column detection samples from (the first ones, so the sample is reproducible). */
  public static final int SAMPLE_LINES = InputLimits.SAMPLE_LINES;
  /** Values per column that column detection looks at. */
  public static final int SAMPLE_VALUES = InputLimits.SAMPLE_VALUES;

  /** The tokens of a classified row, in one array column beside the record's columns. */
  public static final String ROW_TOKENS = "_lt_tokens";

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

  /** The record columns a row's classification adds to what was read (all but the read ones). */
  private static final List<String> READ_COLUMNS = List.of(Cols.DATASET, Cols.ROW_ID, Cols.FILE, Cols.LINE,
      Cols.SNAPSHOT);

  /** {@link Tables#RECORDS_SCHEMA} and the row's tokens ({@link #ROW_TOKENS}). */
  public static final StructType CLASSIFIED_SCHEMA = Tables.RECORDS_SCHEMA
      .add(ROW_TOKENS, DataTypes.createArrayType(TOKEN_STRUCT, false), false);

  /** The columns a classification adds to a read row: the records' own, then {@link #ROW_TOKENS}. */
  public static final StructType ADDED_SCHEMA = added();

  private Classification() {}

  /** What classification needs to know of each dataset, shipped to executors. */
  public record DatasetInfo(String dataset, boolean dump, LocalDate obtained, Map<String, FieldType> overrides)
      implements Serializable {

    public static DatasetInfo of(DatasetSpec d) {
      return new DatasetInfo(d.dataset(), d.kind() == DatasetSpec.Kind.DUMP, d.obtained(), d.columns());
    }
  }

  /** The datasets' infos by dataset name, in the case file's order. */
  public static Map<String, DatasetInfo> infos(List<DatasetSpec> datasets) {
    Map<String, DatasetInfo> infos = new LinkedHashMap<>();
    for (DatasetSpec d : datasets) {
      infos.put(d.dataset(), DatasetInfo.of(d));
    }
    return infos;
  }

  /** All datasets of the case. */
  public static Map<String, DatasetInfo> infos(CaseFile c) {
    return infos(c.datasets());
  }

  /**
   * Column names per file from rows carrying {@code dataset}, {@code file} and {@code header} (custody,
   * or the read's unit rows): the header's names made unique, or null when the file has none.
   */
  public static Map<String, List<String>> headers(Dataset<Row> units) {
    Map<String, List<String>> out = new HashMap<>();
    for (Row r : units.select(Cols.DATASET, Cols.FILE, Cols.HEADER).collectAsList()) {
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
   * Decides every column's type on the executors from {@code raw} (rows with {@code dataset}, {@code
   * file}, {@code line}, {@code row_id}, {@code fields}): of the first {@link #SAMPLE_LINES} lines of
   * each file, the first {@link #SAMPLE_VALUES} non-blank values of each column in row order. Rows in
   * {@link Tables#COLUMNS_SCHEMA}; columns of token files are not among them ({@link #tokenFileColumns}).
   */
  public static Dataset<Row> detectColumns(Dataset<Row> raw, Map<String, List<String>> headers,
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
  public static List<Row> tokenFileColumns(Map<String, List<String>> headers, Taxonomy taxonomy) {
    Map<String, Row> out = new TreeMap<>();
    headers.forEach((k, header) -> {
      if (RowClassifier.isTokenFile(header)) {
        String dataset = k.substring(0, k.indexOf('\n'));
        List<RowClassifier.Column> cols = RowClassifier.tokenColumns(header);
        for (int i = 2; i < cols.size(); i++) {
          FieldType t = cols.get(i).type();
          if (t == null) {
            continue; // the level column (_lt_levels): tokens of typed values, not a column of its own
          }
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

  /** Column name → type per dataset, from rows of {@link Tables#COLUMNS_SCHEMA}. */
  public static Map<String, Map<String, FieldType>> typesByDataset(List<Row> columns) {
    Map<String, Map<String, FieldType>> out = new HashMap<>();
    for (Row r : columns) {
      out.computeIfAbsent(r.getAs(Cols.DATASET), k -> new HashMap<>())
          .put(r.getAs(Cols.COLUMN), FieldType.of(r.getAs(Cols.TYPE)));
    }
    return out;
  }

  /**
   * Every raw row as a record with its tokens ({@link #CLASSIFIED_SCHEMA}); runs on the executors.
   * {@code raw} has {@code raw_rows}' columns.
   */
  public static Dataset<Row> classify(Dataset<Row> raw, Classifier classifier) {
    return raw.mapPartitions((MapPartitionsFunction<Row, Row>) it -> new Iterator<Row>() {
      @Override
      public boolean hasNext() {
        return it.hasNext();
      }

      @Override
      public Row next() {
        Row r = it.next();
        Object[] added = classifier.classify(r.getAs(Cols.DATASET), r.getAs(Cols.FILE), r.getAs(Cols.SNAPSHOT),
            r.getList(r.fieldIndex(Cols.FIELDS)));
        Object[] values = new Object[CLASSIFIED_SCHEMA.size()];
        values[0] = r.getAs(Cols.DATASET);
        values[1] = r.<Long>getAs(Cols.ROW_ID);
        values[2] = r.getAs(Cols.FILE);
        values[3] = r.<Long>getAs(Cols.LINE);
        values[4] = r.getAs(Cols.SNAPSHOT);
        System.arraycopy(added, 0, values, READ_COLUMNS.size(), added.length);
        return RowFactory.create(values);
      }
    }, Encoders.row(CLASSIFIED_SCHEMA));
  }

  /**
   * Classifies one row at a time, for any caller on an executor (the classify stage's map over {@code
   * raw_rows}, ingest's scan): one {@link RowClassifier} per file, built on first use from the file's
   * header and its dataset's column types. Not thread-safe; serializable, so each task gets its own.
   */
  public static final class Classifier implements Serializable {
    private static final long serialVersionUID = 1L;

    private final Map<String, List<String>> headers;
    private final Map<String, Map<String, FieldType>> types;
    private final Map<String, DatasetInfo> infos;
    private final KeyedHasher hasher;
    private final Taxonomy taxonomy;
    private final Map<String, Set<FieldType>> datasetTypes = new HashMap<>();
    private transient Map<String, RowClassifier> byFile;

    public Classifier(Map<String, List<String>> headers, Map<String, Map<String, FieldType>> types,
        Map<String, DatasetInfo> infos, KeyedHasher hasher, Taxonomy taxonomy) {
      this.headers = headers;
      this.types = types;
      this.infos = infos;
      this.hasher = hasher;
      this.taxonomy = taxonomy;
      types.forEach((d, m) -> {
        Set<FieldType> s = EnumSet.noneOf(FieldType.class);
        s.addAll(m.values());
        datasetTypes.put(d, s);
      });
    }

    /** The values of {@link #ADDED_SCHEMA} for one row read from {@code file} of {@code dataset}. */
    public Object[] classify(String dataset, String file, Date snapshot, List<String> fields) {
      if (byFile == null) {
        byFile = new HashMap<>();
      }
      String k = key(dataset, file);
      List<String> header = headers.get(k);
      boolean tokenFile = RowClassifier.isTokenFile(header);
      RowClassifier rc = byFile.computeIfAbsent(k, x -> forFile(dataset, header, tokenFile));
      DatasetInfo info = infos.get(dataset);
      LocalDate asOf = info.dump() ? info.obtained() : snapshot.toLocalDate();
      RowClassifier.Result res = tokenFile ? rc.fromTokens(fields) : rc.classify(fields, asOf);
      Object[] tokens = new Object[res.tokens().size()];
      for (int i = 0; i < tokens.length; i++) {
        RowClassifier.Token t = res.tokens().get(i);
        tokens[i] = RowFactory.create(t.column(), t.type().key(), t.type().strength().name(),
            t.status().name().toLowerCase(Locale.ROOT), t.token());
      }
      return new Object[] {res.contentKey(), res.cls(), res.types().toArray(new String[0]), res.identifying(),
          res.validated(), res.valid(), res.unverifiable(), res.failedChecks().toArray(new String[0]),
          res.birthDate() == null ? null : Date.valueOf(res.birthDate()), res.untypedValues(),
          scala.jdk.javaapi.CollectionConverters.asScala(res.tokenMap()),
          scala.jdk.javaapi.CollectionConverters.asScala(res.levels()), tokens};
    }

    private RowClassifier forFile(String dataset, List<String> header, boolean tokenFile) {
      if (tokenFile) {
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
    }
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

  private static StructType added() {
    StructType s = new StructType();
    for (StructField f : CLASSIFIED_SCHEMA.fields()) {
      if (!READ_COLUMNS.contains(f.name())) {
        s = s.add(f);
      }
    }
    return s;
  }
}
