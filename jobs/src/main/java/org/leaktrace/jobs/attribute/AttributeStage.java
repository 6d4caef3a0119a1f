package org.leaktrace.jobs.attribute;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.array_sort;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.collect_set;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.udf;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.functions.xxhash64;

import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF3;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.DataTypes;
import org.leaktrace.jobs.common.Checkpoints;
import org.leaktrace.jobs.common.Cols;
import org.leaktrace.jobs.common.Delta;
import org.leaktrace.jobs.common.Tables;
import org.leaktrace.jobs.common.Workspace;
import org.leaktrace.jobs.config.CaseFile;
import org.leaktrace.jobs.config.DatasetSpec;
import org.leaktrace.jobs.rules.AttributeParams;
import org.leaktrace.jobs.rules.CanaryMatch;
import org.leaktrace.jobs.rules.DatasetIds;
import org.leaktrace.jobs.rules.RecordMatch;
import org.leaktrace.jobs.rules.Verdicts;
import org.leaktrace.udf.compare.FellegiSunter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Attribute: joins every dump row against every platform's record versions at once and decides, per
 * dump, which platform(s) it was copied from, against the agreement expected by chance.
 */
public final class AttributeStage {

  private static final Logger LOG = LoggerFactory.getLogger(AttributeStage.class);

  /** Row evidence kinds, strongest first. */
  public static final String CANARY = "canary";
  public static final String FINGERPRINT_EXCLUSIVE = "fingerprint_exclusive";
  public static final String FINGERPRINT_SHARED = "fingerprint_shared";
  public static final String NONE = "none";

  // internal columns
  static final String SRC = "_lt_src";
  static final String QT = "_lt_qt";
  static final String RT = "_lt_rt";
  static final String QL = "_lt_ql";
  static final String RL = "_lt_rl";
  /** Comparison levels of a pair: type → {@link org.leaktrace.udf.compare.Level} ordinal. */
  static final String CMP = "_lt_cmp";
  /** A pair's match weight (bits). */
  private static final String W = "_lt_w";
  private static final String LO = "_lt_lo";
  private static final String HI = "_lt_hi";
  private static final String RANK = "_lt_rank";
  private static final String N = "_lt_n";
  private static final String A = "_lt_a";
  private static final String B = "_lt_b";

  private static final UserDefinedFunction UPPER_TAIL = udf(
      (UDF3<Long, Long, Double, Double>) (n, k, p) -> Binomial.upperTail(n, k, p), DataTypes.DoubleType)
      .asNonNullable();

  private AttributeStage() {}

  /** The outputs of {@link #transform}: verdicts, row assignments, and the match model's figures. */
  public record Result(Dataset<Row> attribution, Dataset<Row> rows, Dataset<Row> weights) {}

  public static void run(SparkSession spark, CaseFile c, Workspace ws) {
    run(spark, c, ws, AttributeParams.DEFAULTS);
  }

  public static void run(SparkSession spark, CaseFile c, Workspace ws, AttributeParams params) {
    List<String> dumps = c.dumps().stream().map(DatasetSpec::dataset).toList();
    Dataset<Row> records = Delta.read(spark, ws.table(Tables.RECORDS), "attribute", Tables.RECORDS_SCHEMA, "classify")
        .filter(col(Cols.DATASET).isin(dumps.toArray()));
    Dataset<Row> tokens = Delta.read(spark, ws.table(Tables.TOKENS), "attribute")
        .filter(col(Cols.DATASET).isin(dumps.toArray()));
    Result r = transform(records, tokens,
        Delta.read(spark, ws.table(Tables.REF_TOKENS), "attribute"),
        Delta.read(spark, ws.table(Tables.REF_RECORDS), "attribute"),
        Delta.read(spark, ws.table(Tables.REF_SNAPSHOTS), "attribute"),
        Delta.read(spark, ws.table(Tables.CANARIES), "attribute"), obtained(spark, c), params);
    Delta.overwrite(r.weights(), ws.table(Tables.ATTRIBUTION_WEIGHTS), "leaktrace attribute: match model");
    Delta.overwrite(r.rows(), ws.table(Tables.ATTRIBUTION_ROWS), "leaktrace attribute: rows");
    LOG.info("attribute: wrote row assignments of {} dumps", dumps.size());
    Delta.overwrite(r.attribution(), ws.table(Tables.ATTRIBUTION), "leaktrace attribute: evidence and verdicts");
    for (Row v : Delta.read(spark, ws.table(Tables.ATTRIBUTION), "attribute")
        .groupBy(Cols.DUMP, Cols.VERDICT).agg(sum(col(Cols.CANDIDATE).cast("int")).as("candidates"))
        .orderBy(Cols.DUMP).collectAsList()) {
      LOG.info("attribute: {} -> {} ({} candidate platforms)", v.get(0), v.get(1), v.get(2));
    }
  }

  /**
   * Evidence and verdicts.
   *
   * @param records analytic records of the dumps
   * @param tokens analytic tokens of the dumps
   * @param refTokens {@code reference/ref_tokens}
   * @param refRecords {@code reference/ref_records}
   * @param refSnapshots {@code reference/snapshots}
   * @param canaries {@code reference/canaries}
   * @param obtained each dump ({@code dump}) with the date it was obtained ({@code obtained})
   */
  public static Result transform(Dataset<Row> records, Dataset<Row> tokens, Dataset<Row> refTokens,
      Dataset<Row> refRecords, Dataset<Row> refSnapshots, Dataset<Row> canaries, Dataset<Row> obtained,
      AttributeParams p) {
    Column dumpId = DatasetIds.dumpId();
    // Counted rows (pieces): identifying, verifiable, the first of their content (Art. 11(3) duplicates)
    // (one window over the records: both below derive from the same plan, so Spark can reuse its shuffle)
    Dataset<Row> countedRows = RecordMatch.counted(records)
        .select(dumpId.as(Cols.DUMP), col(Cols.ROW_ID), col(Cols.TOKENS), col(Cols.LEVELS));
    Dataset<Row> counted = countedRows.select(Cols.DUMP, Cols.ROW_ID);
    Dataset<Row> dumpRows = countedRows.filter(size(col(Cols.TOKENS)).gt(0))
        .withColumn(SRC, lit(null).cast("string"));
    // Background: a sample of each platform's current records (by hash), tested against every OTHER
    // platform; one more record each gives the model its random pairs (record i with i + 1)
    Dataset<Row> ranked = Checkpoints.materialize(refRecords.filter(col(Cols.SEEN_AFTER).isNull())
        .withColumn(RANK, row_number().over(Window.partitionBy(Cols.PLATFORM)
            .orderBy(xxhash64(col(Cols.FINGERPRINT)), col(Cols.FINGERPRINT))))
        .filter(col(RANK).leq(p.backgroundSample() + 1))
        .select(Cols.PLATFORM, Cols.FINGERPRINT, RANK, Cols.TOKENS, Cols.LEVELS));
    Dataset<Row> sample = ranked.filter(col(RANK).leq(p.backgroundSample()))
        .select(lit(null).cast("string").as(Cols.DUMP), xxhash64(col(Cols.FINGERPRINT)).as(Cols.ROW_ID),
            col(Cols.TOKENS), col(Cols.LEVELS), col(Cols.PLATFORM).as(SRC));
    Dataset<Row> queries = dumpRows.select(Cols.DUMP, Cols.ROW_ID, Cols.TOKENS, Cols.LEVELS, SRC).unionByName(sample);

    // materialized once: the model is fitted on them and every evidence below reads them (Checkpoints:
    // local checkpoint in local mode, reliable on a cluster so a lost executor's tasks are retried)
    Dataset<Row> pairs = Checkpoints.materialize(comparedPairs(queries, refRecords));
    MatchModel.Fit fit = MatchModel.fit(pairs, ranked, RANK, p);
    LOG.info("attribute: match model fitted by EM in {} iterations (copy share of candidate pairs by platform: {})",
        fit.model().iterations(), fit.model().lambda());
    Dataset<Row> weights = records.sparkSession().createDataFrame(fit.figures(), Tables.ATTRIBUTION_WEIGHTS_SCHEMA);
    Dataset<Row> agreeing = Checkpoints.materialize(agreeingRows(pairs, fit.model(), p));
    Dataset<Row> dumpAgree = agreeing.filter(col(SRC).isNull()).drop(SRC);

    Dataset<Row> n = counted.groupBy(Cols.DUMP).agg(count(lit(1)).as(N));
    Dataset<Row> background = agreeing.filter(col(SRC).isNotNull())
        .groupBy(SRC, Cols.PLATFORM).agg(count(lit(1)).as(A))
        .join(sample.groupBy(SRC).agg(count(lit(1)).as(N)), SRC)
        .groupBy(Cols.PLATFORM).agg(max(col(A).divide(col(N))).as(B));
    Dataset<Row> perRow = dumpAgree.groupBy(Cols.DUMP, Cols.ROW_ID).agg(countDistinct(Cols.PLATFORM).as(Cols.AGREEING_PLATFORMS));
    Dataset<Row> agreement = dumpAgree.join(perRow, new String[] {Cols.DUMP, Cols.ROW_ID})
        .groupBy(Cols.DUMP, Cols.PLATFORM)
        .agg(count(lit(1)).as(Cols.AGREEING_ROWS),
            sum(when(col(Cols.AGREEING_PLATFORMS).equalTo(1), 1).otherwise(0)).cast("long").as(Cols.EXCLUSIVE_ROWS));

    // Containment: counted rows with a strong identifier the platform ever held
    Dataset<Row> strong = tokens.filter(col(Cols.STRENGTH).equalTo("STRONG").and(col(Cols.STATUS).equalTo("valid")))
        .select(dumpId.as(Cols.DUMP), col(Cols.ROW_ID), col(Cols.TYPE), col(Cols.TOKEN))
        .join(counted, new String[] {Cols.DUMP, Cols.ROW_ID});
    Dataset<Row> containment = strong
        .join(refTokens.filter(col(Cols.STRENGTH).equalTo("STRONG"))
            .select(Cols.PLATFORM, Cols.TYPE, Cols.TOKEN).distinct(), new String[] {Cols.TYPE, Cols.TOKEN})
        .groupBy(Cols.DUMP, Cols.PLATFORM).agg(countDistinct(Cols.ROW_ID).as("_lt_contained"));

    // Canaries: planted values of one partner's copy (LEGAL.md, honey records)
    // (a canary is a whole planted record: CanaryMatch)
    Dataset<Row> canaryRows = CanaryMatch.hits(countedRows,
        tokens.select(dumpId.as(Cols.DUMP), col(Cols.ROW_ID), col(Cols.TYPE), col(Cols.STRENGTH), col(Cols.STATUS),
            col(Cols.TOKEN)), canaries);
    Dataset<Row> canaryHits = canaryRows.groupBy(Cols.DUMP, Cols.PLATFORM)
        .agg(countDistinct(Cols.PARTNER, Cols.RECORD).as(Cols.CANARY_HITS),
            array_sort(collect_set(Cols.PARTNER)).as(Cols.CANARY_PARTNERS));

    Dataset<Row> evidence = Checkpoints.materialize(n.crossJoin(refSnapshots.select(Cols.PLATFORM).distinct())
        .join(background, new String[] {Cols.PLATFORM}, "left")
        .join(agreement, new String[] {Cols.DUMP, Cols.PLATFORM}, "left")
        .join(containment, new String[] {Cols.DUMP, Cols.PLATFORM}, "left")
        .join(canaryHits, new String[] {Cols.DUMP, Cols.PLATFORM}, "left")
        .join(window(dumpAgree, refSnapshots, obtained), new String[] {Cols.DUMP, Cols.PLATFORM}, "left")
        .select(col(Cols.DUMP), col(Cols.PLATFORM), col(N).as(Cols.ROWS),
            coalesce(col(Cols.AGREEING_ROWS), lit(0L)).as(Cols.AGREEING_ROWS),
            greatest(coalesce(col(B), lit(0.0)), lit(p.minBackground())).as(Cols.BACKGROUND),
            coalesce(col("_lt_contained"), lit(0L)).divide(col(N)).as(Cols.CONTAINMENT),
            coalesce(col(Cols.EXCLUSIVE_ROWS), lit(0L)).as(Cols.EXCLUSIVE_ROWS),
            coalesce(col(Cols.CANARY_HITS), lit(0L)).as(Cols.CANARY_HITS),
            coalesce(col(Cols.CANARY_PARTNERS), array().cast("array<string>")).as(Cols.CANARY_PARTNERS),
            col(Cols.WINDOW_FROM), col(Cols.WINDOW_TO))
        .withColumn(Cols.FINGERPRINT_AGREEMENT, col(Cols.AGREEING_ROWS).divide(col(Cols.ROWS)))
        .withColumn(Cols.P_VALUE, UPPER_TAIL.apply(col(Cols.ROWS), col(Cols.AGREEING_ROWS), col(Cols.BACKGROUND)))
        // agreement above chance, as a share of the room above chance: 0 = background, 1 = every row
        .withColumn(Cols.SCORE, greatest(lit(0.0), col(Cols.FINGERPRINT_AGREEMENT).minus(col(Cols.BACKGROUND))
            .divide(lit(1.0).minus(col(Cols.BACKGROUND)))))
        .withColumn(Cols.CANDIDATE, col(Cols.CANARY_HITS).gt(0).or(col(Cols.AGREEING_ROWS).geq(p.minRows())
            .and(col(Cols.P_VALUE).leq(p.alpha())).and(col(Cols.SCORE).geq(p.minScore())))));

    // Each row to one candidate: a canary first, then the highest match weight (ties: exclusive before
    // shared agreement, then the higher score)
    Dataset<Row> rowEvidence = dumpAgree.join(perRow, new String[] {Cols.DUMP, Cols.ROW_ID})
        .select(col(Cols.DUMP), col(Cols.ROW_ID), col(Cols.PLATFORM),
            when(col(Cols.AGREEING_PLATFORMS).equalTo(1), lit(2)).otherwise(lit(1)).as(RANK), col(W))
        .unionByName(canaryRows
            .select(col(Cols.DUMP), col(Cols.ROW_ID), col(Cols.PLATFORM), lit(3).as(RANK),
                lit(Double.POSITIVE_INFINITY).as(W)))
        .join(evidence.filter(col(Cols.CANDIDATE)).select(Cols.DUMP, Cols.PLATFORM, Cols.SCORE),
            new String[] {Cols.DUMP, Cols.PLATFORM})
        .withColumn("_lt_pick", row_number().over(Window.partitionBy(Cols.DUMP, Cols.ROW_ID)
            .orderBy(col(RANK).equalTo(3).desc(), col(W).desc(), col(RANK).desc(), col(Cols.SCORE).desc(),
                col(Cols.PLATFORM))))
        .filter(col("_lt_pick").equalTo(1));
    Dataset<Row> rows = Checkpoints.materialize(counted
        .join(rowEvidence.select(Cols.DUMP, Cols.ROW_ID, Cols.PLATFORM, RANK), new String[] {Cols.DUMP, Cols.ROW_ID}, "left")
        .join(perRow, new String[] {Cols.DUMP, Cols.ROW_ID}, "left")
        .select(col(Cols.DUMP), col(Cols.ROW_ID), col(Cols.PLATFORM),
            when(col(RANK).equalTo(3), lit(CANARY)).when(col(RANK).equalTo(2), lit(FINGERPRINT_EXCLUSIVE))
                .when(col(RANK).equalTo(1), lit(FINGERPRINT_SHARED)).otherwise(lit(NONE)).as(Cols.EVIDENCE),
            coalesce(col(Cols.AGREEING_PLATFORMS), lit(0L)).cast("int").as(Cols.AGREEING_PLATFORMS)));

    Dataset<Row> shares = rows.groupBy(Cols.DUMP, Cols.PLATFORM).agg(count(lit(1)).as("_lt_assigned"));
    Dataset<Row> withShares = evidence.join(shares, new String[] {Cols.DUMP, Cols.PLATFORM}, "left")
        .withColumn(Cols.SHARE, coalesce(col("_lt_assigned"), lit(0L)).divide(col(Cols.ROWS)));
    Dataset<Row> remainder = n.join(shares.filter(col(Cols.PLATFORM).isNull()).drop(Cols.PLATFORM), new String[] {Cols.DUMP}, "left")
        .select(col(Cols.DUMP), lit(null).cast("string").as(Cols.PLATFORM), col(N).as(Cols.ROWS),
            lit(0L).as(Cols.AGREEING_ROWS), lit(0.0).as(Cols.FINGERPRINT_AGREEMENT), lit(0.0).as(Cols.BACKGROUND),
            lit(1.0).as(Cols.P_VALUE), lit(0.0).as(Cols.SCORE), lit(0.0).as(Cols.CONTAINMENT),
            lit(0L).as(Cols.EXCLUSIVE_ROWS), lit(0L).as(Cols.CANARY_HITS),
            array().cast("array<string>").as(Cols.CANARY_PARTNERS),
            lit(null).cast("date").as(Cols.WINDOW_FROM), lit(null).cast("date").as(Cols.WINDOW_TO),
            lit(false).as(Cols.CANDIDATE),
            coalesce(col("_lt_assigned"), lit(0L)).divide(col(N)).as(Cols.SHARE));
    Dataset<Row> verdicts = withShares.filter(col(Cols.CANDIDATE))
        .groupBy(Cols.DUMP).agg(max(Cols.SHARE).as("_lt_top"), count(lit(1)).as("_lt_cands"));
    String[] out = Tables.ATTRIBUTION_SCHEMA.fieldNames();
    Dataset<Row> attribution = withShares.selectExpr(java.util.Arrays.copyOf(out, out.length - 1))
        .unionByName(remainder)
        .join(verdicts, new String[] {Cols.DUMP}, "left")
        .withColumn(Cols.VERDICT, when(col("_lt_cands").isNull(), lit(Verdicts.UNKNOWN))
            .when(col("_lt_top").geq(p.attributeShare()), lit(Verdicts.ATTRIBUTED)).otherwise(lit(Verdicts.MIXTURE)))
        .selectExpr(out);
    return new Result(attribution, rows, weights);
  }

  /**
   * Every (query row, platform record version) pair found through a shared strong identifier (the
   * anchor: the same person), with the level of each type both carry ({@link RecordMatch#COMPARE}): dump,
   * source (null for dump rows), row id, platform, the version's {@code seen_before}/{@code seen_after},
   * the query row's tokens ({@code _lt_qt}) and the levels ({@code _lt_cmp}, type → level ordinal).
   */
  static Dataset<Row> comparedPairs(Dataset<Row> queries, Dataset<Row> refRecords) {
    String strong = RecordMatch.sqlArray(List.of("cn_resident_id", "cn_mobile", "email", "bank_card", "passport", "uscc",
        "plate_number"));
    Dataset<Row> qAnchors = queries.select(col(Cols.DUMP), col(SRC), col(Cols.ROW_ID),
            explode(col(Cols.TOKENS)).as(new String[] {Cols.TYPE, Cols.TOKEN}))
        .filter(expr("array_contains(" + strong + ", " + Cols.TYPE + ")"));
    Dataset<Row> rAnchors = refRecords.select(col(Cols.PLATFORM), col(Cols.FINGERPRINT),
            explode(col(Cols.TOKENS)).as(new String[] {Cols.TYPE, Cols.TOKEN}))
        .filter(expr("array_contains(" + strong + ", " + Cols.TYPE + ")"));
    Dataset<Row> candidates = qAnchors.join(rAnchors, new String[] {Cols.TYPE, Cols.TOKEN})
        .filter(col(SRC).isNull().or(col(SRC).notEqual(col(Cols.PLATFORM))))
        .select(Cols.DUMP, SRC, Cols.ROW_ID, Cols.PLATFORM, Cols.FINGERPRINT)
        .dropDuplicates(Cols.DUMP, SRC, Cols.ROW_ID, Cols.PLATFORM, Cols.FINGERPRINT);
    // each query row is identified by (dump, source, row_id); null-safe equality on the first two
    Dataset<Row> q = queries.select(col(Cols.DUMP).as("_lt_qd"), col(SRC).as("_lt_qs"), col(Cols.ROW_ID).as("_lt_qr"),
        col(Cols.TOKENS).as(QT), col(Cols.LEVELS).as(QL));
    return candidates
        .join(q, col(Cols.DUMP).eqNullSafe(col("_lt_qd")).and(col(SRC).eqNullSafe(col("_lt_qs")))
            .and(col(Cols.ROW_ID).equalTo(col("_lt_qr"))))
        .join(refRecords.select(col(Cols.PLATFORM), col(Cols.FINGERPRINT), col(Cols.TOKENS).as(RT),
            col(Cols.LEVELS).as(RL), col(Cols.SEEN_BEFORE), col(Cols.SEEN_AFTER)), new String[] {Cols.PLATFORM, Cols.FINGERPRINT})
        .select(col(Cols.DUMP), col(SRC), col(Cols.ROW_ID), col(Cols.PLATFORM), col(Cols.SEEN_BEFORE), col(Cols.SEEN_AFTER),
            col(QT), RecordMatch.COMPARE.apply(col(QT), col(QL), col(RT), col(RL)).as(CMP));
  }

  /**
   * Pairs (query row, platform) where some record version of the platform agrees: its match weight
   * under {@code model} is at least {@code match_weight}. Keeps the best weight ({@code _lt_w}) and the
   * extraction bounds the agreeing versions imply ({@code _lt_lo}: the snapshot before the version
   * appeared, null = no bound; {@code _lt_hi}: the snapshot after it disappeared).
   */
  static Dataset<Row> agreeingRows(Dataset<Row> pairs, FellegiSunter model, AttributeParams p) {
    UserDefinedFunction score = udf((UDF3<String, scala.collection.Map<String, Integer>, scala.collection.Map<String, String>,
        Double>) (platform, levels, tokens) -> model.score(platform, RecordMatch.javaMap(levels), RecordMatch.javaMap(tokens)),
        DataTypes.DoubleType).asNonNullable();
    return pairs.withColumn(W, score.apply(col(Cols.PLATFORM), col(CMP), col(QT)))
        .filter(col(W).geq(p.matchWeight()))
        .groupBy(Cols.DUMP, SRC, Cols.ROW_ID, Cols.PLATFORM)
        .agg(when(sum(when(col(Cols.SEEN_BEFORE).isNull(), 1).otherwise(0)).gt(0), lit(null).cast("date"))
                .otherwise(min(Cols.SEEN_BEFORE)).as(LO),
            when(sum(when(col(Cols.SEEN_AFTER).isNull(), 1).otherwise(0)).gt(0), lit(null).cast("date"))
                .otherwise(max(Cols.SEEN_AFTER)).as(HI),
            max(W).as(W));
  }

  /** Each dump of the case with its obtained date. */
  static Dataset<Row> obtained(SparkSession spark, CaseFile c) {
    List<Row> rows = c.dumps().stream().map(d -> RowFactory.create(d.id(), java.sql.Date.valueOf(d.obtained())))
        .toList();
    return spark.createDataFrame(rows, DataTypes.createStructType(List.of(
        DataTypes.createStructField(Cols.DUMP, DataTypes.StringType, false),
        DataTypes.createStructField(Cols.OBTAINED, DataTypes.DateType, false))));
  }

  /**
   * The extraction window per (dump, platform): among the intervals between consecutive snapshots (and
   * the open ones before the first and after the last), those consistent with the most agreeing rows;
   * a few rows with odd versions cannot narrow or shift it. A dump cannot have been extracted after it
   * was obtained: intervals starting on or after that date are left out, and the window ends on it at
   * the latest. A null start is open.
   */
  static Dataset<Row> window(Dataset<Row> dumpAgree, Dataset<Row> refSnapshots, Dataset<Row> obtained) {
    Dataset<Row> intervals = refSnapshots.select(col(Cols.PLATFORM), col(Cols.PREVIOUS).as("_lt_a"),
            col(Cols.SNAPSHOT).as("_lt_b"))
        .unionByName(refSnapshots.filter(col(Cols.NEXT).isNull())
            .select(col(Cols.PLATFORM), col(Cols.SNAPSHOT).as("_lt_a"), lit(null).cast("date").as("_lt_b")));
    Dataset<Row> counts = dumpAgree.join(intervals, Cols.PLATFORM)
        .join(obtained, Cols.DUMP)
        .filter(col("_lt_a").isNull().or(col("_lt_a").lt(col(Cols.OBTAINED))))
        .filter(expr("(" + LO + " IS NULL OR (_lt_a IS NOT NULL AND " + LO + " <= _lt_a)) AND (" + HI
            + " IS NULL OR (_lt_b IS NOT NULL AND _lt_b <= " + HI + "))"))
        .groupBy(Cols.DUMP, Cols.PLATFORM, Cols.OBTAINED, "_lt_a", "_lt_b").agg(count(lit(1)).as("_lt_c"));
    return counts
        .withColumn("_lt_max", max("_lt_c").over(Window.partitionBy(Cols.DUMP, Cols.PLATFORM)))
        .filter(col("_lt_c").equalTo(col("_lt_max")))
        .groupBy(Cols.DUMP, Cols.PLATFORM)
        .agg(when(sum(when(col("_lt_a").isNull(), 1).otherwise(0)).gt(0), lit(null).cast("date"))
                .otherwise(min("_lt_a")).as(Cols.WINDOW_FROM),
            when(sum(when(col("_lt_b").isNull(), 1).otherwise(0)).gt(0), max(Cols.OBTAINED))
                .otherwise(least(max("_lt_b"), max(Cols.OBTAINED))).as(Cols.WINDOW_TO));
  }
}
