package org.leaktrace.jobs.count;

import static org.apache.spark.sql.functions.add_months;
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.when;
import static org.leaktrace.jobs.rules.DatasetIds.CASE_ROW;

import java.sql.Date;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import org.leaktrace.jobs.common.Cols;
import org.leaktrace.jobs.common.Conf;
import org.leaktrace.jobs.common.Delta;
import org.leaktrace.jobs.common.Errors;
import org.leaktrace.jobs.common.Tables;
import org.leaktrace.jobs.common.Workspace;
import org.leaktrace.jobs.config.CaseFile;
import org.leaktrace.jobs.rules.CountParams;
import org.leaktrace.udf.taxonomy.Severity;
import org.leaktrace.udf.taxonomy.Taxonomy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Count: pieces, individuals and severity per dump and for the case (2017 Interpretation Art. 5 and
 * Art. 11, PIPL Art. 28 minors), with an audit row for every dump row.
 */
public final class CountStage {

  private static final Logger LOG = LoggerFactory.getLogger(CountStage.class);

  /** Audit outcomes. */
  public static final String COUNTED = "counted";
  public static final String DUPLICATE = "duplicate";
  public static final String UNVERIFIABLE = "unverifiable";
  public static final String NOT_PERSONAL = "not_personal";

  // internal columns
  private static final String NODE = "_lt_piece";
  private static final String DUMP_COMP = "_lt_dump_comp";
  private static final String CASE_COMP = "_lt_case_comp";
  private static final String HUB = "_lt_hub";
  private static final String RANKED = "_lt_ranked";

  private CountStage() {}

  /**
   * The audit, impact and by-seller tables of the given dumps. Only rows of {@code dumps} are counted
   * (platform rows are reference data). Runs Spark jobs for the connected components and the small
   * aggregates; nothing row-level reaches the driver. Close the result to release the cached audit.
   *
   * @param recordsDF rows in {@link Tables#RECORDS_SCHEMA}
   * @param tokensDF tokens in {@link Tables#TOKENS_SCHEMA}
   */
  public static CountResult transform(Dataset<Row> recordsDF, Dataset<Row> tokensDF, List<DumpInfo> dumps,
      Taxonomy taxonomy, CountParams params) {
    Objects.requireNonNull(taxonomy, "taxonomy");
    Objects.requireNonNull(params, "params");
    if (dumps == null || dumps.isEmpty()) {
      throw new IllegalArgumentException("count: no dump to count");
    }
    if (dumps.stream().map(DumpInfo::dataset).distinct().count() != dumps.size()) {
      throw new IllegalArgumentException("count: a dump is listed twice: " + dumps.stream().map(DumpInfo::dataset).toList());
    }
    if (taxonomy.classes().contains(params.unclassifiedKey())) {
      throw Errors.usage("count parameter unclassified_key = '" + params.unclassifiedKey()
          + "' is a class of taxonomy " + taxonomy.name(), "choose a key that is not a class, e.g. none");
    }
    SparkSession spark = recordsDF.sparkSession();
    Dataset<Row> dumpsDF = broadcast(dumpsDF(spark, dumps, params));

    // every later step reads the rows with their outcome: computed once, released below (without the
    // records' type → token maps, which count does not read: they would only fill the cache)
    Dataset<Row> rowsDF = outcomes(recordsDF.drop(Cols.TOKENS).join(dumpsDF, Cols.DATASET), params)
        .persist(StorageLevel.MEMORY_AND_DISK());
    try {
      return countRows(rowsDF, tokensDF, dumpsDF, dumps, taxonomy, params);
    } finally {
      rowsDF.unpersist();
    }
  }

  private static CountResult countRows(Dataset<Row> rowsDF, Dataset<Row> tokensDF, Dataset<Row> dumpsDF,
      List<DumpInfo> dumps, Taxonomy taxonomy, CountParams params) {
    SparkSession spark = rowsDF.sparkSession();
    Dataset<Row> piecesDF = rowsDF.filter(col(Cols.OUTCOME).equalTo(COUNTED))
        .select(col(Cols.DATASET), col(Cols.ROW_ID), col(Cols.CONTENT_KEY), col(Cols.BIRTH_DATE),
            col(Cols.OBTAINED), node(col(Cols.DATASET), col(Cols.ROW_ID)).as(NODE));
    Dataset<Row> linkDF = tokensDF
        .filter(col(Cols.STATUS).isin(params.sortedLinkStatuses().toArray())
            .and(col(Cols.TYPE).isin(params.sortedLinkTypes().toArray())))
        .select(Cols.DATASET, Cols.ROW_ID, Cols.TYPE, Cols.TOKEN)
        .join(piecesDF.select(Cols.DATASET, Cols.ROW_ID), new String[] {Cols.DATASET, Cols.ROW_ID}, "left_semi");

    // individuals within each dump: pieces sharing a link token, joined to the smallest piece holding it
    Dataset<Row> dumpEdges = linkDF
        .withColumn(HUB, min(col(Cols.ROW_ID)).over(Window.partitionBy(Cols.DATASET, Cols.TYPE, Cols.TOKEN)))
        .select(node(col(Cols.DATASET), col(Cols.ROW_ID)).as(Components.SRC),
            node(col(Cols.DATASET), col(HUB)).as(Components.DST));
    List<String> datasets = dumps.stream().map(DumpInfo::dataset).toList();
    Dataset<Row> dumpComp = Components.of(piecesDF.select(col(NODE).as(Components.NODE)), dumpEdges,
            col(Components.SRC).getField(Cols.DATASET), datasets, params.localComponentsMaxEdges(),
            params.maxRounds(), "pieces within dumps")
        .select(col(Components.NODE).as(NODE), col(Components.COMP).as(DUMP_COMP));
    Dataset<Row> pieces1 = piecesDF.join(dumpComp, NODE);

    // individuals across the case: the graph of the dump-level individuals, linked by tokens and by
    // pieces found in several dumps; with one dump there is nothing more to link (a token shared within
    // the dump already joined its pieces, and with dedupe on a repeated content is a duplicate, not a piece)
    Dataset<Row> caseComp;
    if (dumps.size() == 1 && (params.dedupe() || !params.linkSameContentAcrossDumps())) {
      caseComp = pieces1.select(col(DUMP_COMP), col(DUMP_COMP).as(CASE_COMP)).distinct();
    } else {
      Dataset<Row> caseEdges = linkDF.join(pieces1.select(Cols.DATASET, Cols.ROW_ID, DUMP_COMP),
              new String[] {Cols.DATASET, Cols.ROW_ID})
          .withColumn(HUB, min(col(DUMP_COMP)).over(Window.partitionBy(Cols.TYPE, Cols.TOKEN)))
          .select(col(DUMP_COMP).as(Components.SRC), col(HUB).as(Components.DST));
      if (params.linkSameContentAcrossDumps()) {
        caseEdges = caseEdges.union(pieces1
            .withColumn(HUB, min(col(DUMP_COMP)).over(Window.partitionBy(Cols.CONTENT_KEY)))
            .select(col(DUMP_COMP).as(Components.SRC), col(HUB).as(Components.DST)));
      }
      caseComp = Components.of(pieces1.select(col(DUMP_COMP).as(Components.NODE)).distinct(),
              caseEdges, lit(CASE_ROW), datasets, params.localComponentsMaxEdges(), params.maxRounds(),
              "individuals across dumps")
          .select(col(Components.NODE).as(DUMP_COMP), col(Components.COMP).as(CASE_COMP));
    }
    Dataset<Row> pieces2 = pieces1.join(caseComp, DUMP_COMP);

    // PIPL Art. 28: under the minors age at the dump's obtained date (14th birthday on that date: not a minor)
    Integer age = taxonomy.minorsAge();
    Column dumpMinor = age == null ? lit(null).cast(DataTypes.BooleanType)
        : coalesce(underAge(max(col(Cols.BIRTH_DATE)).over(Window.partitionBy(DUMP_COMP)), col(Cols.OBTAINED), age),
            lit(false));
    Column caseMinor = age == null ? lit(null).cast(DataTypes.BooleanType)
        : coalesce(underAge(max(col(Cols.BIRTH_DATE)).over(Window.partitionBy(CASE_COMP)),
            min(col(Cols.OBTAINED)).over(Window.partitionBy(CASE_COMP)), age), lit(false));
    Dataset<Row> personDF = pieces2.select(col(Cols.DATASET), col(Cols.ROW_ID),
        col(DUMP_COMP + "." + Cols.ROW_ID).as(Cols.COMPONENT), col(CASE_COMP).as(Cols.CASE_COMPONENT),
        dumpMinor.as(Cols.MINOR), caseMinor.as(Cols.CASE_MINOR));

    Dataset<Row> auditDF = conform(rowsDF.join(personDF, new String[] {Cols.DATASET, Cols.ROW_ID}, "left"),
        Tables.COUNT_AUDIT_SCHEMA)
        .persist(StorageLevel.MEMORY_AND_DISK());
    try {
      Aggregates agg = aggregate(auditDF, dumpsDF, taxonomy, params);
      Dataset<Row> impactDF = spark.createDataFrame(agg.impactRows(dumps, taxonomy, params), Tables.IMPACT_SCHEMA);
      Dataset<Row> bySellerDF = spark.createDataFrame(agg.sellerRows(dumps, taxonomy, params),
          Tables.IMPACT_BY_SELLER_SCHEMA);
      return new CountResult(auditDF, impactDF, bySellerDF);
    } catch (RuntimeException e) {
      auditDF.unpersist();
      throw e;
    }
  }

  /** Reads the analytic zone, counts the case's dumps and writes the three count tables (replacing them). */
  public static void run(SparkSession spark, CaseFile c, Workspace ws) {
    run(spark, c, ws, CountParams.defaults());
  }

  /** As {@link #run(SparkSession, CaseFile, Workspace)} with other counting rules (METHOD.md lists them). */
  public static void run(SparkSession spark, CaseFile c, Workspace ws, CountParams params) {
    Taxonomy taxonomy = Conf.taxonomy(c);
    List<DumpInfo> dumps = DumpInfo.of(c);
    Dataset<Row> recordsDF = Delta.read(spark, ws.table(Tables.RECORDS), "count", Tables.RECORDS_SCHEMA, "classify");
    Dataset<Row> tokensDF = Delta.read(spark, ws.table(Tables.TOKENS), "count");
    LOG.info("count: {} dumps, taxonomy {} -> {}", dumps.size(), taxonomy.name(), ws.warehouse());
    // each write's own description, then the stage's again (the job group's, which Pipeline set)
    String stageDescription = spark.sparkContext().getLocalProperty("spark.job.description");
    try (CountResult r = transform(recordsDF, tokensDF, dumps, taxonomy, params)) {
      String note = "leaktrace count of case " + c.caseId();
      spark.sparkContext().setJobDescription("count: write " + Tables.COUNT_AUDIT);
      overwrite(r.auditDF().write().partitionBy(Cols.DATASET), ws.table(Tables.COUNT_AUDIT), note);
      LOG.info("count: wrote {}", Tables.COUNT_AUDIT);
      spark.sparkContext().setJobDescription("count: write " + Tables.IMPACT);
      overwrite(r.impactDF().coalesce(1).write(), ws.table(Tables.IMPACT), note);
      overwrite(r.bySellerDF().coalesce(1).write(), ws.table(Tables.IMPACT_BY_SELLER), note);
      LOG.info("count: wrote {} and {}", Tables.IMPACT, Tables.IMPACT_BY_SELLER);
    } finally {
      spark.sparkContext().setJobDescription(stageDescription);
    }
  }

  /** A re-run replaces the whole table: the figures are case-wide, a partial replace could mix runs. */
  private static void overwrite(org.apache.spark.sql.DataFrameWriter<Row> w, String location, String note) {
    w.format("delta").mode(SaveMode.Overwrite).option("userMetadata", note).save(location);
  }

  // ---------------------------------------------------------------- steps

  private static Dataset<Row> dumpsDF(SparkSession spark, List<DumpInfo> dumps, CountParams p) {
    List<Row> rows = new ArrayList<>();
    for (DumpInfo d : dumps) {
      rows.add(RowFactory.create(d.dataset(), Date.valueOf(d.obtained()), party(d.seller(), p), party(d.buyer(), p)));
    }
    return spark.createDataFrame(rows, new StructType(new StructField[] {
        DataTypes.createStructField(Cols.DATASET, DataTypes.StringType, false),
        DataTypes.createStructField(Cols.OBTAINED, DataTypes.DateType, false),
        DataTypes.createStructField(Cols.SELLER, DataTypes.StringType, false),
        DataTypes.createStructField(Cols.BUYER, DataTypes.StringType, false)}));
  }

  private static String party(String name, CountParams p) {
    return name == null || name.isBlank() ? p.unknownParty() : name;
  }

  /** Each row's outcome, in the order of Art. 11(3): duplicate, then unverifiable, then piece or not. */
  static Dataset<Row> outcomes(Dataset<Row> rowsDF, CountParams p) {
    Column original = min(col(Cols.ROW_ID)).over(Window.partitionBy(Cols.DATASET, Cols.CONTENT_KEY));
    Column duplicateOf = p.dedupe()
        ? when(col(Cols.ROW_ID).notEqual(original), original)
        : lit(null).cast(DataTypes.LongType);
    return rowsDF.withColumn(Cols.DUPLICATE_OF, duplicateOf)
        .withColumn(Cols.OUTCOME,
            when(col(Cols.DUPLICATE_OF).isNotNull(), DUPLICATE)
                .when(lit(p.excludeUnverifiable()).and(col(Cols.UNVERIFIABLE)), UNVERIFIABLE)
                .when(col(Cols.IDENTIFYING), COUNTED)
                .otherwise(NOT_PERSONAL));
  }

  private static Column node(Column dataset, Column rowId) {
    return struct(dataset.as(Cols.DATASET), rowId.as(Cols.ROW_ID));
  }

  private static Column underAge(Column birth, Column at, int age) {
    return add_months(birth, 12 * age).gt(at);
  }

  /**
   * The schema's columns in its order. No cast: tables read back from Delta have nullable array
   * elements and struct fields, and Spark refuses to cast those to the non-null forms.
   */
  private static Dataset<Row> conform(Dataset<Row> df, StructType schema) {
    Column[] cols = new Column[schema.fields().length];
    for (int i = 0; i < cols.length; i++) {
      cols[i] = col(schema.fields()[i].name());
    }
    return df.select(cols);
  }

  // ---------------------------------------------------------------- aggregates

  /** The class for counting: the row's class, or the unclassified key. */
  private static Column countedClass(CountParams p) {
    return coalesce(col(Cols.CLASS), lit(p.unclassifiedKey()));
  }

  /** (rank, class) with rank 0 the most sensitive; unclassified ranks after every class. */
  private static Column ranked(Taxonomy t, CountParams p) {
    Column rank = null;
    List<String> classes = t.classes();
    for (int i = 0; i < classes.size(); i++) {
      Column c = col(Cols.CLASS).equalTo(classes.get(i));
      rank = rank == null ? when(c, i) : rank.when(c, i);
    }
    return struct(rank.otherwise(classes.size()).as("r"), countedClass(p).as("c"));
  }

  private static Aggregates aggregate(Dataset<Row> auditDF, Dataset<Row> dumpsDF, Taxonomy t, CountParams p) {
    Dataset<Row> counted = auditDF.filter(col(Cols.OUTCOME).equalTo(COUNTED));
    Aggregates a = new Aggregates();
    for (Row r : auditDF.groupBy(Cols.DATASET, Cols.OUTCOME).agg(count(lit(1))).collectAsList()) {
      a.outcomes.computeIfAbsent(r.getString(0), k -> new HashMap<>()).put(r.getString(1), r.getLong(2));
    }
    // per dump and class, and per dump (class rolled up); the grand total of per-dump ids means nothing
    for (Row r : counted.rollup(col(Cols.DATASET), countedClass(p).as(Cols.CLASS))
        .agg(count(lit(1)), countDistinct(col(Cols.COMPONENT)), countDistinct(when(col(Cols.MINOR), col(Cols.COMPONENT))))
        .filter(col(Cols.DATASET).isNotNull()).collectAsList()) {
      String dataset = r.getString(0);
      if (r.isNullAt(1)) {
        a.individuals.put(dataset, r.getLong(3));
        a.minors.put(dataset, r.getLong(4));
      } else {
        a.pieces.computeIfAbsent(dataset, k -> new HashMap<>()).put(r.getString(1), r.getLong(2));
        a.individualsByClass.computeIfAbsent(dataset, k -> new HashMap<>()).put(r.getString(1), r.getLong(3));
      }
    }
    LOG.info("count: per-dump figures of {} dumps aggregated", a.outcomes.size());

    // Art. 11: a piece found in several dumps is one piece for the case, under its most sensitive class
    for (Row r : counted.groupBy(Cols.CONTENT_KEY).agg(min(ranked(t, p)).as(RANKED))
        .groupBy(col(RANKED + ".c")).agg(count(lit(1))).collectAsList()) {
      a.pieces.computeIfAbsent(CASE_ROW, k -> new HashMap<>()).put(r.getString(0), r.getLong(1));
    }
    long caseIndividuals = 0;
    for (Row r : counted.rollup(countedClass(p).as(Cols.CLASS))
        .agg(countDistinct(col(Cols.CASE_COMPONENT)), countDistinct(when(col(Cols.CASE_MINOR), col(Cols.CASE_COMPONENT))))
        .collectAsList()) {
      if (r.isNullAt(0)) {
        caseIndividuals = r.getLong(1);
        a.individuals.put(CASE_ROW, r.getLong(1));
        a.minors.put(CASE_ROW, r.getLong(2));
      } else {
        a.individualsByClass.computeIfAbsent(CASE_ROW, k -> new HashMap<>()).put(r.getString(0), r.getLong(1));
      }
    }

    // Art. 11(1)-(2): per seller, once per buyer; a seller's dumps to the same buyer count a piece once
    for (Row r : counted.join(dumpsDF.select(Cols.DATASET, Cols.SELLER, Cols.BUYER), Cols.DATASET)
        .groupBy(Cols.SELLER, Cols.BUYER, Cols.CONTENT_KEY).agg(min(ranked(t, p)).as(RANKED))
        .groupBy(col(Cols.SELLER), col(RANKED + ".c")).agg(count(lit(1))).collectAsList()) {
      a.sellerPieces.computeIfAbsent(r.getString(0), k -> new HashMap<>()).put(r.getString(1), r.getLong(2));
    }
    LOG.info("count: case figures aggregated: {} individuals, {} sellers", caseIndividuals, a.sellerPieces.size());
    return a;
  }

  /** The small per-dump, per-class aggregates gathered on the driver, and the rows built from them. */
  private static final class Aggregates {
    final Map<String, Map<String, Long>> outcomes = new HashMap<>();
    final Map<String, Map<String, Long>> pieces = new HashMap<>();
    final Map<String, Map<String, Long>> individualsByClass = new HashMap<>();
    final Map<String, Long> individuals = new HashMap<>();
    final Map<String, Long> minors = new HashMap<>();
    final Map<String, Map<String, Long>> sellerPieces = new HashMap<>();

    List<Row> impactRows(List<DumpInfo> dumps, Taxonomy t, CountParams p) {
      List<Row> rows = new ArrayList<>();
      long[] sums = new long[4];
      for (DumpInfo d : dumps) {
        Map<String, Long> o = outcomes.getOrDefault(d.dataset(), Map.of());
        long[] n = {
            o.values().stream().mapToLong(Long::longValue).sum(), o.getOrDefault(DUPLICATE, 0L),
            o.getOrDefault(UNVERIFIABLE, 0L), o.getOrDefault(NOT_PERSONAL, 0L)};
        for (int i = 0; i < n.length; i++) {
          sums[i] += n[i];
        }
        Map<String, Long> byClass = byClass(pieces.get(d.dataset()), t, p, d.dataset());
        Severity s = t.severity(classesOnly(byClass, p), d.insider());
        rows.add(RowFactory.create(d.dataset(), n[0], o.getOrDefault(COUNTED, 0L),
            individuals.getOrDefault(d.dataset(), 0L),
            t.minorsAge() == null ? null : minors.getOrDefault(d.dataset(), 0L),
            byClass, byClass(individualsByClass.get(d.dataset()), t, p, d.dataset()),
            n[1], n[2], n[3], s.level().key(), s.ratioSum(), s.thresholdsHalved()));
      }
      Map<String, Long> caseByClass = byClass(pieces.get(CASE_ROW), t, p, CASE_ROW);
      rows.add(RowFactory.create(CASE_ROW, sums[0], caseByClass.values().stream().mapToLong(Long::longValue).sum(),
          individuals.getOrDefault(CASE_ROW, 0L), t.minorsAge() == null ? null : minors.getOrDefault(CASE_ROW, 0L),
          caseByClass, byClass(individualsByClass.get(CASE_ROW), t, p, CASE_ROW),
          sums[1], sums[2], sums[3], null, null, null));
      return rows;
    }

    List<Row> sellerRows(List<DumpInfo> dumps, Taxonomy t, CountParams p) {
      Map<String, List<DumpInfo>> bySeller = new TreeMap<>();
      for (DumpInfo d : dumps) {
        bySeller.computeIfAbsent(party(d.seller(), p), k -> new ArrayList<>()).add(d);
      }
      List<Row> rows = new ArrayList<>();
      for (Map.Entry<String, List<DumpInfo>> e : bySeller.entrySet()) {
        List<String> names = e.getValue().stream().map(DumpInfo::dataset).sorted().toList();
        List<String> buyers = List.copyOf(new TreeSet<>(e.getValue().stream().map(d -> party(d.buyer(), p)).toList()));
        boolean insider = e.getValue().stream().anyMatch(DumpInfo::insider);
        Map<String, Long> byClass = byClass(sellerPieces.get(e.getKey()), t, p, "seller " + e.getKey());
        Severity s = t.severity(classesOnly(byClass, p), insider);
        rows.add(RowFactory.create(e.getKey(), names, buyers, insider,
            byClass.values().stream().mapToLong(Long::longValue).sum(), byClass,
            s.level().key(), s.ratioSum(), s.thresholdsHalved()));
      }
      return rows;
    }
  }

  /** Every class of the taxonomy in its order (0 when absent), then the unclassified key when non-zero. */
  private static Map<String, Long> byClass(Map<String, Long> counts, Taxonomy t, CountParams p, String where) {
    Map<String, Long> c = counts == null ? Map.of() : counts;
    Map<String, Long> out = new LinkedHashMap<>();
    for (String cls : t.classes()) {
      out.put(cls, c.getOrDefault(cls, 0L));
    }
    for (Map.Entry<String, Long> e : c.entrySet()) {
      if (!out.containsKey(e.getKey()) && !e.getKey().equals(p.unclassifiedKey())) {
        throw Errors.input(Tables.RECORDS, where + " has pieces of class '" + e.getKey()
                + "', which taxonomy " + t.name() + " does not know",
            "run classify again with the case's taxonomy, then count");
      }
    }
    long none = c.getOrDefault(p.unclassifiedKey(), 0L);
    if (none > 0) {
      out.put(p.unclassifiedKey(), none);
    }
    return out;
  }

  private static Map<String, Long> classesOnly(Map<String, Long> byClass, CountParams p) {
    Map<String, Long> m = new LinkedHashMap<>(byClass);
    m.remove(p.unclassifiedKey());
    return m;
  }
}
