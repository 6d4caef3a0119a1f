package org.leaktrace.jobs.trace;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.when;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.leaktrace.jobs.common.Checkpoints;
import org.leaktrace.jobs.common.Cols;
import org.leaktrace.jobs.common.Delta;
import org.leaktrace.jobs.common.Tables;
import org.leaktrace.jobs.common.Workspace;
import org.leaktrace.jobs.config.CaseFile;
import org.leaktrace.jobs.config.DatasetSpec;
import org.leaktrace.jobs.rules.DatasetIds;
import org.leaktrace.jobs.rules.CanaryMatch;
import org.leaktrace.jobs.rules.RecordMatch;
import org.leaktrace.jobs.rules.ResaleEdge;
import org.leaktrace.jobs.rules.TraceParams;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trace: which dumps hold the same records as which, in one self-join of every dump's rows on their
 * strong identifiers and content keys (no job per pair), then relations, directions and canary lineage.
 */
public final class TraceStage {

  private static final Logger LOG = LoggerFactory.getLogger(TraceStage.class);

  static final String CONTENT_ANCHOR = "_row";
  private static final String SPECIFIC = "_lt_specific";
  private static final String STRONG_ANCHOR = "_lt_strong";
  private static final String MATCH = "_lt_match";
  private static final String B = "_b";

  private TraceStage() {}

  /**
   * Each dump's extraction windows from {@code analytic/attribution} (its candidate platforms'), empty when
   * attribute has not run: edges then take their direction from containment and merges alone.
   */
  static Map<String, List<ResaleGraph.Window>> windows(SparkSession spark, Workspace ws) {
    Map<String, List<ResaleGraph.Window>> out = new TreeMap<>();
    if (!Delta.exists(spark, ws.table(Tables.ATTRIBUTION))) {
      return out;
    }
    for (Row r : Delta.read(spark, ws.table(Tables.ATTRIBUTION), "trace").filter(col(Cols.CANDIDATE))
        .select(Cols.DUMP, Cols.PLATFORM, Cols.WINDOW_FROM, Cols.WINDOW_TO).collectAsList()) {
      java.sql.Date from = r.getDate(2);
      java.sql.Date to = r.getDate(3);
      out.computeIfAbsent(r.getString(0), k -> new ArrayList<>()).add(new ResaleGraph.Window(r.getString(1),
          from == null ? null : from.toLocalDate(), to == null ? null : to.toLocalDate()));
    }
    return out;
  }

  /** The tables trace writes. */
  public record Result(Dataset<Row> pairs, List<ResaleEdge> edges, List<ResaleGraph.Lineage> lineage) {}

  public static void run(SparkSession spark, CaseFile c, Workspace ws) {
    run(spark, c, ws, TraceParams.DEFAULTS);
  }

  public static void run(SparkSession spark, CaseFile c, Workspace ws, TraceParams params) {
    Map<String, LocalDate> obtained = new TreeMap<>();
    for (DatasetSpec d : c.dumps()) {
      obtained.put(d.id(), d.obtained());
    }
    Dataset<Row> canaries = Delta.exists(spark, ws.table(Tables.CANARIES))
        ? Delta.read(spark, ws.table(Tables.CANARIES), "trace") : null;
    Result r = transform(spark, Delta.read(spark, ws.table(Tables.RECORDS), "trace", Tables.RECORDS_SCHEMA, "classify"),
        Delta.read(spark, ws.table(Tables.TOKENS), "trace"), obtained, windows(spark, ws), canaries, params);
    Delta.overwrite(r.pairs(), ws.table(Tables.RESALE_PAIRS), "leaktrace trace: dump pairs");
    Delta.overwrite(edgesFrame(spark, r.edges()), ws.table(Tables.RESALE_EDGES), "leaktrace trace: resale edges");
    Delta.overwrite(lineageFrame(spark, r.lineage()), ws.table(Tables.RESALE_LINEAGE),
        "leaktrace trace: canary lineage");
    for (ResaleEdge e : r.edges()) {
      LOG.info("trace: {} -> {} {} (containment {}, {} shared rows){}", e.from(), e.to(), e.relation(),
          String.format(java.util.Locale.ROOT, "%.3f", e.containment()), e.sharedRows(),
          e.kept() ? "" : "; set aside: " + e.note());
    }
    LOG.info("trace: {} dumps, {} pairs, {} edges kept, {} lineage rows", obtained.size(),
        obtained.size() * (obtained.size() - 1) / 2, r.edges().stream().filter(ResaleEdge::kept).count(),
        r.lineage().size());
  }

  /**
   * Pairs, edges and lineage.
   *
   * @param records analytic records (dumps are read, platforms ignored)
   * @param tokens analytic tokens
   * @param obtained every dump id of the case with its obtained date
   * @param windows each dump's extraction windows by platform (attribute's), for the direction of edges
   * @param canaries {@code reference/canaries}, or null when the case has none
   */
  public static Result transform(SparkSession spark, Dataset<Row> records, Dataset<Row> tokens,
      Map<String, LocalDate> obtained, Map<String, List<ResaleGraph.Window>> windows, Dataset<Row> canaries,
      TraceParams p) {
    Column dumpId = DatasetIds.dumpId();
    Column isDump = DatasetIds.isDump();
    String person = RecordMatch.sqlArray(p.personTypes());
    // counted rows (pieces), as in count and attribute: identifying, verifiable, first of their content
    // with each row's type → token map (records' tokens); a row is specific when it holds a value beyond
    // person fields (typed or not): equal content then means the same record, not just the same person
    Dataset<Row> rows = Checkpoints.materialize(RecordMatch.counted(records.filter(isDump))
        .select(dumpId.as(Cols.DUMP), col(Cols.ROW_ID), col(Cols.CONTENT_KEY), col(Cols.TOKENS), col(Cols.LEVELS),
            col(Cols.UNTYPED_VALUES).gt(0)
                .or(expr("exists(map_keys(" + Cols.TOKENS + "), k -> NOT array_contains(" + person + ", k))"))
                .as(SPECIFIC)));
    Dataset<Row> counted = rows.select(Cols.DUMP, Cols.ROW_ID, Cols.CONTENT_KEY);

    Dataset<Row> anchors = Checkpoints.materialize(tokens
        .filter(isDump.and(col(Cols.STRENGTH).equalTo("STRONG")).and(col(Cols.STATUS).equalTo("valid")))
        .select(dumpId.as(Cols.DUMP), col(Cols.ROW_ID), col(Cols.TYPE), col(Cols.TOKEN))
        .join(counted.select(Cols.DUMP, Cols.ROW_ID), new String[] {Cols.DUMP, Cols.ROW_ID})
        .withColumn("_lt_n", count(lit(1)).over(Window.partitionBy(Cols.DUMP, Cols.TYPE, Cols.TOKEN)))
        .filter(col("_lt_n").leq(p.maxAnchorRows())).drop("_lt_n")
        .unionByName(counted.select(col(Cols.DUMP), col(Cols.ROW_ID), lit(CONTENT_ANCHOR).as(Cols.TYPE),
            col(Cols.CONTENT_KEY).as(Cols.TOKEN)))
        .distinct());
    Dataset<Row> other = anchors.select(col(Cols.DUMP).as(Cols.DUMP + B), col(Cols.ROW_ID).as(Cols.ROW_ID + B),
        col(Cols.TYPE).as(Cols.TYPE + B), col(Cols.TOKEN).as(Cols.TOKEN + B));
    Dataset<Row> candidates = anchors
        .join(other, col(Cols.TYPE).equalTo(col(Cols.TYPE + B)).and(col(Cols.TOKEN).equalTo(col(Cols.TOKEN + B)))
            .and(col(Cols.DUMP).lt(col(Cols.DUMP + B))))
        .groupBy(Cols.DUMP, Cols.ROW_ID, Cols.DUMP + B, Cols.ROW_ID + B)
        .agg(max(col(Cols.TYPE).notEqual(CONTENT_ANCHOR)).as(STRONG_ANCHOR));

    Dataset<Row> rowsB = rows.select(col(Cols.DUMP).as(Cols.DUMP + B), col(Cols.ROW_ID).as(Cols.ROW_ID + B),
        col(Cols.CONTENT_KEY).as(Cols.CONTENT_KEY + B), col(Cols.TOKENS).as(Cols.TOKENS + B),
        col(Cols.LEVELS).as(Cols.LEVELS + B), col(SPECIFIC).as(SPECIFIC + B));
    Dataset<Row> compared = candidates
        .join(rows, new String[] {Cols.DUMP, Cols.ROW_ID})
        .join(rowsB, new String[] {Cols.DUMP + B, Cols.ROW_ID + B})
        .withColumn(MATCH, col(Cols.CONTENT_KEY).equalTo(col(Cols.CONTENT_KEY + B))
            .and(col(SPECIFIC).or(col(SPECIFIC + B)))
            .or(RecordMatch.agree(Cols.TOKENS, Cols.LEVELS, Cols.TOKENS + B, Cols.LEVELS + B, p.personTypes(),
                p.minCommonTypes(), p.minRecordTypes())))
        .select(Cols.DUMP, Cols.ROW_ID, Cols.DUMP + B, Cols.ROW_ID + B, STRONG_ANCHOR, MATCH);
    Dataset<Row> shared = compared
        .groupBy(col(Cols.DUMP).as(Cols.DUMP_A), col(Cols.DUMP + B).as(Cols.DUMP_B))
        .agg(countDistinct(when(col(MATCH), col(Cols.ROW_ID))).as(Cols.SHARED_A),
            countDistinct(when(col(MATCH), col(Cols.ROW_ID + B))).as(Cols.SHARED_B),
            countDistinct(when(col(STRONG_ANCHOR), col(Cols.ROW_ID))).as("_lt_ida"),
            countDistinct(when(col(STRONG_ANCHOR), col(Cols.ROW_ID + B))).as("_lt_idb"));

    // every pair of the case's dumps, also those with nothing in common
    Map<String, Long> n = new HashMap<>();
    for (Row r : counted.groupBy(Cols.DUMP).agg(count(lit(1))).collectAsList()) {
      n.put(r.getString(0), r.getLong(1));
    }
    List<Row> all = new ArrayList<>();
    List<String> ids = new ArrayList<>(new TreeMap<>(obtained).keySet());
    for (int i = 0; i < ids.size(); i++) {
      for (int j = i + 1; j < ids.size(); j++) {
        all.add(RowFactory.create(ids.get(i), ids.get(j), n.getOrDefault(ids.get(i), 0L),
            n.getOrDefault(ids.get(j), 0L)));
      }
    }
    Dataset<Row> grid = spark.createDataFrame(all, new StructType()
        .add(Cols.DUMP_A, DataTypes.StringType, false).add(Cols.DUMP_B, DataTypes.StringType, false)
        .add(Cols.ROWS_A, DataTypes.LongType, false).add(Cols.ROWS_B, DataTypes.LongType, false));
    Dataset<Row> pairs = Checkpoints.materialize(grid.join(shared, new String[] {Cols.DUMP_A, Cols.DUMP_B}, "left")
        .select(col(Cols.DUMP_A), col(Cols.DUMP_B), col(Cols.ROWS_A), col(Cols.ROWS_B),
            coalesce(col(Cols.SHARED_A), lit(0L)).as(Cols.SHARED_A),
            coalesce(col(Cols.SHARED_B), lit(0L)).as(Cols.SHARED_B),
            share(Cols.SHARED_A, Cols.ROWS_A).as(Cols.A_IN_B), share(Cols.SHARED_B, Cols.ROWS_B).as(Cols.B_IN_A),
            share("_lt_ida", Cols.ROWS_A).as(Cols.ID_A_IN_B), share("_lt_idb", Cols.ROWS_B).as(Cols.ID_B_IN_A))
        .orderBy(Cols.DUMP_A, Cols.DUMP_B));

    List<ResaleGraph.Pair> list = new ArrayList<>();
    for (Row r : pairs.collectAsList()) { // one row per pair of dumps: aggregates
      list.add(new ResaleGraph.Pair(r.getAs(Cols.DUMP_A), r.getAs(Cols.DUMP_B), r.<Long>getAs(Cols.ROWS_A),
          r.<Long>getAs(Cols.ROWS_B), r.<Long>getAs(Cols.SHARED_A), r.<Long>getAs(Cols.SHARED_B)));
    }
    List<ResaleEdge> edges = ResaleGraph.edges(list, obtained, windows, p);

    List<ResaleGraph.CanaryHit> hits = new ArrayList<>();
    if (canaries != null) {
      Dataset<Row> dumpTokens = tokens.filter(isDump).select(dumpId.as(Cols.DUMP), col(Cols.ROW_ID), col(Cols.TYPE),
          col(Cols.STRENGTH), col(Cols.STATUS), col(Cols.TOKEN));
      for (Row r : CanaryMatch.hits(rows.select(Cols.DUMP, Cols.ROW_ID, Cols.TOKENS), dumpTokens, canaries)
          .groupBy(Cols.DUMP, Cols.PLATFORM, Cols.PARTNER).agg(countDistinct(Cols.RECORD))
          .orderBy(Cols.DUMP, Cols.PLATFORM, Cols.PARTNER).collectAsList()) {
        hits.add(new ResaleGraph.CanaryHit(r.getString(0), r.getString(1), r.getString(2), r.getLong(3)));
      }
    }
    return new Result(pairs, edges, ResaleGraph.lineage(hits, edges));
  }

  private static Column share(String part, String whole) {
    return when(col(whole).equalTo(0L), lit(0.0))
        .otherwise(coalesce(col(part), lit(0L)).cast("double").divide(col(whole)));
  }

  static Dataset<Row> edgesFrame(SparkSession spark, List<ResaleEdge> edges) {
    List<Row> rows = new ArrayList<>();
    for (ResaleEdge e : edges) {
      rows.add(RowFactory.create(e.from(), e.to(), e.relation(), e.containment(), e.sharedRows(), e.fromInTo(),
          e.toInFrom(), e.derivation(), e.kept(), e.note()));
    }
    return spark.createDataFrame(rows, Tables.RESALE_EDGES_SCHEMA).coalesce(1);
  }

  static Dataset<Row> lineageFrame(SparkSession spark, List<ResaleGraph.Lineage> lineage) {
    List<Row> rows = new ArrayList<>();
    for (ResaleGraph.Lineage l : lineage) {
      rows.add(RowFactory.create(l.dump(), l.platform(), l.partner(), l.canaryHits(), l.via().toArray(new String[0])));
    }
    return spark.createDataFrame(rows, Tables.RESALE_LINEAGE_SCHEMA).coalesce(1);
  }
}
