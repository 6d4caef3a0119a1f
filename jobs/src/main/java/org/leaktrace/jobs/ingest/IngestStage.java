package org.leaktrace.jobs.ingest;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.current_timestamp;
import static org.apache.spark.sql.functions.lit;

import java.nio.file.Paths;
import java.sql.Date;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.leaktrace.jobs.common.Cols;
import org.leaktrace.jobs.common.Delta;
import org.leaktrace.jobs.common.Errors;
import org.leaktrace.jobs.common.ReadCounters;
import org.leaktrace.jobs.common.Staging;
import org.leaktrace.jobs.common.Tables;
import org.leaktrace.jobs.common.Workspace;
import org.leaktrace.jobs.config.CaseFile;
import org.leaktrace.jobs.config.DatasetSpec;
import org.leaktrace.jobs.config.InputFiles;
import org.apache.spark.sql.RowFactory;
import org.leaktrace.jobs.analytic.AnalyticTables;
import org.leaktrace.jobs.analytic.Classification;
import org.leaktrace.jobs.common.Conf;
import org.leaktrace.udf.hash.KeyedHasher;
import org.leaktrace.udf.taxonomy.Taxonomy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ingest: reads every file of the chosen datasets into the raw zone ({@code custody}, {@code raw_rows},
 * {@code quarantine}), accounting for every line, then checks the accounting against what was written.
 */
public final class IngestStage {

  private static final Logger LOG = LoggerFactory.getLogger(IngestStage.class);

  /** Platform snapshot files are named by their export date: {@code 2020-03-01.csv}. */
  private static final Pattern SNAPSHOT_NAME = Pattern.compile("^(\\d{4}-\\d{2}-\\d{2})(\\..+)?$");

  /** The file `leaktrace tokenize` writes beside its token files. */
  public static final String TOKENIZE_MANIFEST = "tokenize.json";

  /** What the per-file readers emit: a line, a quarantined line or a unit's accounting (see {@link FileReader}). */
  static final StructType READ_SCHEMA = readSchema();

  private IngestStage() {}

  /** The files of the datasets, each as a task for one executor; fails when a dataset has no file. */
  public static List<FileTask> plan(CaseFile c, List<DatasetSpec> datasets) {
    List<FileTask> tasks = new ArrayList<>();
    for (DatasetSpec d : datasets) {
      List<InputFiles.Ref> files = InputFiles.list(d.path());
      if (files.isEmpty()) {
        throw Errors.input(d.path(), "dataset " + d.dataset() + " has no file",
            "put the dataset's files there, or correct its path in " + c.file());
      }
      if (files.size() >= FileReader.MAX_FILES) {
        throw Errors.input(d.path(), "dataset " + d.dataset() + " has " + files.size() + " files, more than "
            + FileReader.MAX_FILES, "merge small files before ingesting them");
      }
      if (d.kind() == DatasetSpec.Kind.PLATFORM) {
        // the manifest `leaktrace tokenize` writes beside its token files describes them; it is no snapshot
        files = files.stream().filter(f -> {
          boolean manifest = f.location().endsWith("/" + TOKENIZE_MANIFEST);
          if (manifest) {
            LOG.info("ingest: {}: {} is the tokenize manifest, not a snapshot; not read as data", d.dataset(),
                InputFiles.label(c.baseDir(), f.location()));
          }
          return !manifest;
        }).collect(Collectors.toList());
      }
      for (int i = 0; i < files.size(); i++) {
        InputFiles.Ref f = files.get(i);
        String label = InputFiles.label(c.baseDir(), f.location());
        Date snapshot = d.kind() == DatasetSpec.Kind.PLATFORM ? snapshotDate(d, label) : null;
        tasks.add(new FileTask(d.dataset(), d.kind().key(), d.id(), f.location(), label, i, snapshot,
            d.format(), d.encoding(), d.header()));
      }
    }
    return tasks;
  }

  private static Date snapshotDate(DatasetSpec d, String label) {
    String name = Paths.get(label).getFileName().toString();
    Matcher m = SNAPSHOT_NAME.matcher(name);
    try {
      if (m.matches()) {
        return Date.valueOf(LocalDate.parse(m.group(1)));
      }
    } catch (DateTimeParseException e) {
      // reported below
    }
    throw Errors.input(label, "platform " + d.id() + ": the file name does not start with a snapshot date",
        "name each snapshot file after its export date, YYYY-MM-DD.<ext> (e.g. 2020-03-01.csv)");
  }

  /**
   * Reads the files on the executors: one task per file, in one pass over its bytes. Rows come out in
   * {@link #READ_SCHEMA}; nothing row-level reaches the driver.
   */
  public static Dataset<Row> read(SparkSession spark, List<FileTask> tasks) {
    return read(spark, tasks, 0);
  }

  /**
   * {@link #read}, of each unit's first {@code sampleLines} lines only when above 0 (see {@link FileReader});
   * only a full read counts what it reads in {@link ReadCounters} (what the progress lines say).
   */
  static Dataset<Row> read(SparkSession spark, List<FileTask> tasks, long sampleLines) {
    ReadCounters counters = sampleLines > 0 ? null : ReadCounters.register(spark.sparkContext());
    JavaRDD<Row> rows = files(spark, tasks).mapPartitions(t -> readAll(t, sampleLines, counters));
    return spark.createDataFrame(rows, READ_SCHEMA);
  }

  /**
   * The one scan: {@link #read}, and each parsed row classified and tokenized as it is read (the columns
   * of {@link Classification#ADDED_SCHEMA} after {@link #READ_SCHEMA}; null on other rows).
   */
  static Dataset<Row> readClassified(SparkSession spark, List<FileTask> tasks, Classification.Classifier classifier) {
    int read = READ_SCHEMA.size();
    int added = Classification.ADDED_SCHEMA.size();
    int fields = READ_SCHEMA.fieldIndex(Cols.FIELDS);
    int snapshot = READ_SCHEMA.fieldIndex(Cols.SNAPSHOT);
    ReadCounters counters = ReadCounters.register(spark.sparkContext());
    JavaRDD<Row> rows = files(spark, tasks).mapPartitions(t -> {
      Iterator<Row> in = readAll(t, 0, counters);
      return new Iterator<Row>() {
        @Override
        public boolean hasNext() {
          return in.hasNext();
        }

        @Override
        public Row next() {
          Row r = in.next();
          Object[] values = new Object[read + added];
          for (int i = 0; i < read; i++) {
            values[i] = r.get(i);
          }
          if (FileReader.REC_ROW.equals(r.getString(0))) {
            // the reader's rows hold the fields as it split them, a String[] (not yet a Spark array)
            List<String> f = java.util.Arrays.asList((String[]) r.get(fields));
            System.arraycopy(classifier.classify(r.getString(1), r.getString(2), (Date) r.get(snapshot), f), 0,
                values, read, added);
          }
          return RowFactory.create(values);
        }
      };
    });
    return spark.createDataFrame(rows, nullable(READ_SCHEMA.merge(Classification.ADDED_SCHEMA, true)));
  }

  private static JavaRDD<FileTask> files(SparkSession spark, List<FileTask> tasks) {
    return JavaSparkContext.fromSparkContext(spark.sparkContext()).parallelize(tasks, Math.max(1, tasks.size()));
  }

  private static Iterator<Row> readAll(Iterator<FileTask> tasks, long sampleLines, ReadCounters counters) {
    return new Iterator<>() {
      private FileReader current;

      @Override
      public boolean hasNext() {
        while ((current == null || !current.hasNext()) && tasks.hasNext()) {
          current = new FileReader(tasks.next(), sampleLines, counters);
        }
        return current != null && current.hasNext();
      }

      @Override
      public Row next() {
        hasNext();
        return current.next();
      }
    };
  }

  private static StructType nullable(StructType s) {
    StructType out = new StructType();
    for (StructField f : s.fields()) {
      out = out.add(f.copy(f.name(), f.dataType(), true, f.metadata()));
    }
    return out;
  }

  /** Ingests the datasets of the case (all when {@code only} is empty) and returns the run id. */
  public static String run(SparkSession spark, CaseFile c, Workspace ws, List<String> only) {
    return run(spark, c, ws, only, false);
  }

  /**
   * Ingests the datasets of the case (all when {@code only} is empty) and returns the run id. With
   * {@code classify}, also writes their analytic zone (columns, records, tokens) from the same scan:
   * column types are detected on a sample (each file's first lines, a read of those lines only), then
   * each line is read, parsed, classified and tokenized once.
   */
  public static String run(SparkSession spark, CaseFile c, Workspace ws, List<String> only, boolean classify) {
    List<DatasetSpec> datasets = select(c, only);
    List<String> names = datasets.stream().map(DatasetSpec::dataset).collect(Collectors.toList());
    String runId = UUID.randomUUID().toString();
    List<FileTask> tasks = plan(c, datasets);
    LOG.info("ingest: {} datasets, {} files -> {}{}", datasets.size(), tasks.size(), ws.warehouse(),
        classify ? " (classified in the same scan)" : "");
    List<Row> columns = null;
    Dataset<Row> read;
    if (classify) {
      Taxonomy taxonomy = Conf.taxonomy(c);
      Map<String, Classification.DatasetInfo> infos = Classification.infos(datasets);
      Dataset<Row> sample = read(spark, tasks, Classification.SAMPLE_LINES);
      Map<String, List<String>> headers = Classification.headers(sample.filter(col(Cols.REC).equalTo(FileReader.REC_UNIT)));
      columns = new ArrayList<>(Classification.detectColumns(sample.filter(col(Cols.REC).equalTo(FileReader.REC_ROW)),
          headers, infos, taxonomy).collectAsList());
      columns.addAll(Classification.tokenFileColumns(headers, taxonomy));
      read = readClassified(spark, tasks, new Classification.Classifier(headers,
          Classification.typesByDataset(columns), infos, new KeyedHasher(c.readKey()), taxonomy));
    } else {
      read = read(spark, tasks);
    }
    // read once into a staging table, which every table reads: a cache of every read row spilled 11 GB
    // at N = 10M (docs/BENCHMARKS.md); the staged table is compressed on disk and leaves the heap
    try (Staging staged = Staging.write(read.withColumn(Cols.INGEST_RUN, lit(runId)), ws, "ingest")) {
      Dataset<Row> rows = staged.read();
      String note = "leaktrace ingest run " + runId;
      // in the one scan, platforms' lines are not copied: their records and tokens are written from the scan,
      // and their files stay hashed (custody) and addressable by file and line; dumps' rows stay for the audit
      List<String> kept = rawRowsKept(datasets, classify);
      Delta.replaceDatasets(select(rows.filter(col(Cols.DATASET).isin(kept.toArray())), FileReader.REC_ROW,
          Tables.RAW_ROWS_SCHEMA), ws.table(Tables.RAW_ROWS), names, note);
      Delta.replaceDatasets(select(rows, FileReader.REC_QUARANTINE, Tables.QUARANTINE_SCHEMA),
          ws.table(Tables.QUARANTINE), names, note);
      if (classify) {
        AnalyticTables.writeColumns(spark, columns, ws, names);
        AnalyticTables.writeRecordsAndTokens(rows.filter(col(Cols.REC).equalTo(FileReader.REC_ROW)), ws, names);
      }
      // custody last: its rows say the run is complete
      Delta.replaceDatasets(select(rows.withColumn(Cols.INGESTED_AT, current_timestamp()), FileReader.REC_UNIT,
          Tables.CUSTODY_SCHEMA), ws.table(Tables.CUSTODY), names, note);
    }
    verify(spark, ws, names, rawRowsKept(datasets, classify), runId, classify);
    if (classify) {
      LOG.info("classify: wrote {} columns, records and tokens of {} datasets in ingest's scan", columns.size(),
          names.size());
    }
    return runId;
  }

  /** The datasets whose parsed lines go to raw_rows: all, or in the one scan the dumps only. */
  static List<String> rawRowsKept(List<DatasetSpec> datasets, boolean oneScan) {
    return datasets.stream().filter(d -> !oneScan || d.kind() == DatasetSpec.Kind.DUMP).map(DatasetSpec::dataset)
        .collect(Collectors.toList());
  }

  /** The bytes of the chosen datasets' files (all when {@code only} is empty), as stored: what ingest reads. */
  public static long inputBytes(CaseFile c, List<String> only) {
    return select(c, only).stream().flatMap(d -> InputFiles.list(d.path()).stream())
        .mapToLong(InputFiles.Ref::bytes).sum();
  }

  private static List<DatasetSpec> select(CaseFile c, List<String> only) {
    if (only == null || only.isEmpty()) {
      return c.datasets();
    }
    List<DatasetSpec> out = new ArrayList<>();
    for (String id : only) {
      DatasetSpec d = c.datasets().stream()
          .filter(s -> s.id().equals(id) || s.dataset().equals(id)).findFirst()
          .orElseThrow(() -> Errors.usage("--dataset " + id + " is not a dump or platform of " + c.file(),
              "use one of: " + c.datasets().stream().map(DatasetSpec::id).collect(Collectors.joining(", "))));
      out.add(d);
    }
    return out;
  }

  private static Dataset<Row> select(Dataset<Row> read, String rec, StructType schema) {
    Column[] cols = new Column[schema.fields().length];
    for (int i = 0; i < cols.length; i++) {
      StructField f = schema.fields()[i];
      DataType have = read.schema().apply(f.name()).dataType();
      // no cast where only nullability differs: the staged table's maps and arrays allow nulls (Delta
      // cannot enforce NOT NULL inside them) and Spark refuses a cast that would forbid them
      cols[i] = (DataType.equalsIgnoreNullability(have, f.dataType()) ? col(f.name()) : col(f.name()).cast(f.dataType()))
          .as(f.name());
    }
    return read.filter(col(Cols.REC).equalTo(rec)).select(cols);
  }

  /**
   * Every line is accounted for: per file, the rows and quarantined lines now in the warehouse add up
   * to the lines the reader counted. Compares aggregates only. The parsed rows are counted in raw_rows,
   * or, when the scan classified them, in records (every parsed row is a record), and then in raw_rows too
   * for the datasets whose rows it keeps.
   */
  static void verify(SparkSession spark, Workspace ws, List<String> datasets, List<String> rawKept, String runId,
      boolean classified) {
    Column mine = col(Cols.DATASET).isin(datasets.toArray()).and(col(Cols.INGEST_RUN).equalTo(runId));
    // records carry no ingest run id: the datasets' records were all just replaced by this run
    Dataset<Row> parsed = (classified
        ? Delta.read(spark, ws.table(Tables.RECORDS), "ingest").filter(col(Cols.DATASET).isin(datasets.toArray()))
        : Delta.read(spark, ws.table(Tables.RAW_ROWS), "ingest").filter(mine))
        .groupBy(Cols.DATASET, Cols.FILE).agg(count(lit(1)).as("p"));
    Dataset<Row> quarantined = Delta.read(spark, ws.table(Tables.QUARANTINE), "ingest").filter(mine)
        .groupBy(Cols.DATASET, Cols.FILE).agg(count(lit(1)).as("q"));
    Dataset<Row> custody = Delta.read(spark, ws.table(Tables.CUSTODY), "ingest").filter(mine);
    List<Row> bad = custody.join(parsed, new String[] {Cols.DATASET, Cols.FILE}, "left")
        .join(quarantined, new String[] {Cols.DATASET, Cols.FILE}, "left")
        .na().fill(0L, new String[] {"p", "q"})
        .filter(col(Cols.LINES_READ).notEqual(col("p").plus(col("q")))
            .or(col(Cols.ROWS_PARSED).notEqual(col("p")))
            .or(col(Cols.ROWS_QUARANTINED).notEqual(col("q"))))
        .select(Cols.FILE, Cols.LINES_READ, "p", "q")
        .limit(10)
        .collectAsList();
    if (!bad.isEmpty()) {
      Row r = bad.get(0);
      throw Errors.internal("ingest accounting does not add up for " + r.get(0) + ": " + r.get(1)
          + " lines read, " + r.get(2) + " rows and " + r.get(3) + " quarantined lines written");
    }
    if (classified) {
      // and the rows raw_rows keeps are every parsed row of their files
      Dataset<Row> raw = Delta.read(spark, ws.table(Tables.RAW_ROWS), "ingest").filter(mine)
          .groupBy(Cols.DATASET, Cols.FILE).agg(count(lit(1)).as("r"));
      List<Row> missing = custody.filter(col(Cols.DATASET).isin(rawKept.toArray()))
          .join(raw, new String[] {Cols.DATASET, Cols.FILE}, "left")
          .na().fill(0L, new String[] {"r"})
          .filter(col(Cols.ROWS_PARSED).notEqual(col("r")))
          .select(Cols.FILE, Cols.ROWS_PARSED, "r")
          .limit(10)
          .collectAsList();
      if (!missing.isEmpty()) {
        Row r = missing.get(0);
        throw Errors.internal("ingest wrote " + r.get(2) + " of the " + r.get(1) + " parsed rows of " + r.get(0)
            + " to raw_rows");
      }
    }
    Row total = custody.agg(
        org.apache.spark.sql.functions.sum(Cols.LINES_READ),
        org.apache.spark.sql.functions.sum(Cols.ROWS_PARSED),
        org.apache.spark.sql.functions.sum(Cols.ROWS_QUARANTINED)).first();
    LOG.info("ingest: done; {} lines read = {} parsed + {} quarantined (checked against the tables)",
        total.get(0), total.get(1), total.get(2));
  }

  private static StructType readSchema() {
    StructType s = new StructType()
        .add(Cols.REC, "string", false);
    for (String name : new String[] {Cols.DATASET, Cols.FILE, Cols.FILE_INDEX, Cols.ENTRY_INDEX, Cols.LINE,
        Cols.ROW_ID, Cols.SNAPSHOT, Cols.FIELDS, Cols.REASON, Cols.DETAIL, Cols.RAW, Cols.RAW_LENGTH}) {
      s = s.add(field(name).copy(field(name).name(), field(name).dataType(), true, field(name).metadata()));
    }
    for (String name : new String[] {Cols.KIND, Cols.DATASET_ID, Cols.PATH, Cols.LOCATION, Cols.ENTRY, Cols.BYTES,
        Cols.SHA256, Cols.ENCODING, Cols.FORMAT, Cols.HEADER, Cols.LINES_READ, Cols.ROWS_PARSED,
        Cols.ROWS_QUARANTINED, Cols.QUARANTINE_BY_REASON, Cols.READ_ERROR}) {
      StructField f = Tables.CUSTODY_SCHEMA.apply(name);
      s = s.add(f.copy(f.name(), f.dataType(), true, f.metadata()));
    }
    return s;
  }

  private static StructField field(String name) {
    for (StructType t : new StructType[] {Tables.RAW_ROWS_SCHEMA, Tables.QUARANTINE_SCHEMA}) {
      if (t.getFieldIndex(name).isDefined()) {
        return t.apply(name);
      }
    }
    throw new IllegalArgumentException(name);
  }
}
