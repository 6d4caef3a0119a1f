package org.leaktrace.jobs.reference;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.split;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.array_sort;
import static org.apache.spark.sql.functions.bit_or;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.dense_rank;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.first;
import static org.apache.spark.sql.functions.lag;
import static org.apache.spark.sql.functions.lead;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.row_number;
import static org.leaktrace.jobs.rules.DatasetIds.platformId;

import io.delta.tables.DeltaTable;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.expressions.Window;
import org.leaktrace.jobs.common.Cols;
import org.leaktrace.jobs.common.Delta;
import org.leaktrace.jobs.common.Errors;
import org.leaktrace.jobs.common.Tables;
import org.leaktrace.jobs.common.Workspace;
import org.leaktrace.jobs.config.CaseFile;
import org.leaktrace.jobs.config.DatasetSpec;
import org.leaktrace.udf.hash.KeyedHasher;
import org.leaktrace.udf.types.Check;
import org.leaktrace.udf.types.FieldHandler;
import org.leaktrace.udf.types.FieldHandlers;
import org.leaktrace.udf.types.FieldType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reference: the platforms' snapshots (from the analytic zone) become history tables: tokens with the
 * snapshot intervals they existed in (computed in one pass; optionally one Delta commit per snapshot
 * date, for time travel), record versions with the snapshots around them, and the case's canaries as
 * tokens.
 */
public final class ReferenceStage {

  private static final Logger LOG = LoggerFactory.getLogger(ReferenceStage.class);

  /** userMetadata of the commit that loads one snapshot date; time travel finds a state by it. */
  public static final String SNAPSHOT_NOTE = "leaktrace reference: snapshot ";

  private ReferenceStage() {}

  public static void run(SparkSession spark, CaseFile c, Workspace ws) {
    run(spark, c, ws, false);
  }

  /**
   * As {@link #run(SparkSession, CaseFile, Workspace)}; with {@code perDateVersions} the token history is
   * loaded one Delta commit per snapshot date ({@link #loadTokenHistory}: time travel to each date, at the
   * cost of a MERGE per date) instead of computed in one pass ({@link #tokenIntervals}: the same rows).
   */
  public static void run(SparkSession spark, CaseFile c, Workspace ws, boolean perDateVersions) {
    List<String> platforms = c.platforms().stream().map(DatasetSpec::dataset).toList();
    Dataset<Row> records = Delta.read(spark, ws.table(Tables.RECORDS), "reference", Tables.RECORDS_SCHEMA, "classify")
        .filter(col(Cols.DATASET).isin(platforms.toArray()));

    Dataset<Row> snapshots = snapshots(records);
    Delta.overwrite(snapshots, ws.table(Tables.REF_SNAPSHOTS), "leaktrace reference: snapshots");
    List<LocalDate> dates = new ArrayList<>();
    for (Row r : Delta.read(spark, ws.table(Tables.REF_SNAPSHOTS), "reference")
        .select(Cols.SNAPSHOT).distinct().orderBy(Cols.SNAPSHOT).collectAsList()) {
      dates.add(r.getDate(0).toLocalDate()); // one row per snapshot date: small
    }
    LOG.info("reference: {} platforms, {} snapshot dates", platforms.size(), dates.size());

    Dataset<Row> present = snapshotTokens(records);
    Dataset<Row> written = Delta.read(spark, ws.table(Tables.REF_SNAPSHOTS), "reference");
    if (perDateVersions) {
      loadTokenHistory(spark, present, written, dates, ws.table(Tables.REF_TOKENS));
    } else {
      Delta.overwrite(tokenIntervals(present, written, maxSnapshots(spark, ws)), ws.table(Tables.REF_TOKENS),
          "leaktrace reference: token intervals of " + dates.size() + " snapshot dates");
    }

    Delta.overwrite(refRecords(records, snapshots), ws.table(Tables.REF_RECORDS),
        "leaktrace reference: record versions");
    LOG.info("reference: {} record versions", Delta.read(spark, ws.table(Tables.REF_RECORDS), "reference").count());

    List<Row> canaries = c.canaries() == null ? List.of() : canaries(Path.of(c.canaries()), new KeyedHasher(c.readKey()),
        c.platforms().stream().map(DatasetSpec::id).toList());
    Delta.overwrite(spark.createDataFrame(canaries, Tables.CANARIES_SCHEMA), ws.table(Tables.CANARIES),
        "leaktrace reference: canaries");
    LOG.info("reference: {} canary tokens", canaries.size());
  }

  /** Each platform's snapshot dates with the ones before and after, and the rows in each. */
  public static Dataset<Row> snapshots(Dataset<Row> records) {
    var w = Window.partitionBy(Cols.PLATFORM).orderBy(Cols.SNAPSHOT);
    return records.filter(col(Cols.SNAPSHOT).isNotNull())
        .groupBy(platformId().as(Cols.PLATFORM), col(Cols.SNAPSHOT))
        .agg(count(lit(1)).as(Cols.ROWS))
        .select(col(Cols.PLATFORM), col(Cols.SNAPSHOT), lag(Cols.SNAPSHOT, 1).over(w).as(Cols.PREVIOUS),
            lead(Cols.SNAPSHOT, 1).over(w).as(Cols.NEXT), col(Cols.ROWS));
  }

  /**
   * Distinct usable tokens per (platform, snapshot), from each record's type → token map (records'
   * {@code tokens}: its valid and not-validated values; no join with the tokens table).
   */
  public static Dataset<Row> snapshotTokens(Dataset<Row> records) {
    return records.select(platformId().as(Cols.PLATFORM), col(Cols.SNAPSHOT), explode(col(Cols.TOKENS)))
        .select(col(Cols.PLATFORM), col(Cols.SNAPSHOT), col("key").as(Cols.TYPE),
            element_at(STRENGTHS, col("key")).as(Cols.STRENGTH), explode(split(col("value"), ";")).as(Cols.TOKEN))
        .distinct();
  }

  /** Type key → strength name, as the tokens table's {@code strength} column holds it. */
  private static final org.apache.spark.sql.Column STRENGTHS = functions.map(java.util.Arrays.stream(FieldType.values())
      .flatMap(t -> java.util.stream.Stream.of(lit(t.key()), lit(t.strength().name())))
      .toArray(org.apache.spark.sql.Column[]::new));

  /** Snapshots per platform up to which {@link #tokenIntervals} uses one bit per snapshot (bit 63 unused). */
  static final int MASK_SNAPSHOTS = 63;

  /**
   * The token history in one pass: for each platform token, one row per run of consecutive snapshots of
   * that platform holding it ({@code valid_from} the run's first snapshot, {@code valid_to} its last) —
   * the rows {@link #loadTokenHistory} ends with.
   *
   * <p>With at most {@value #MASK_SNAPSHOTS} snapshots per platform, one hash aggregation per token ORs
   * the bits of the snapshots (numbered in date order) that hold it; a run starts at a set bit whose
   * lower neighbour is clear and ends at the first set bit above it whose upper neighbour is clear, so a
   * token's runs follow from its mask by bit arithmetic. With more snapshots, a window over each token's
   * snapshots finds the runs instead (a sort by token); with one snapshot per platform the interval is
   * that snapshot.
   *
   * @param present usable tokens per (platform, snapshot) ({@link #snapshotTokens}; repeats allowed)
   * @param snapshots {@code reference/snapshots}
   * @param maxSnapshots the most snapshots any platform has
   */
  public static Dataset<Row> tokenIntervals(Dataset<Row> present, Dataset<Row> snapshots, int maxSnapshots) {
    if (maxSnapshots <= 1) {
      // one snapshot per platform: each token's one interval is that snapshot (no mask to build; at 200k
      // rows a platform the mask path took 15-20 s more for the same rows)
      return present.select(col(Cols.PLATFORM), col(Cols.TYPE), col(Cols.STRENGTH), col(Cols.TOKEN),
              col(Cols.SNAPSHOT).as(Cols.VALID_FROM), col(Cols.SNAPSHOT).as(Cols.VALID_TO))
          .distinct();
    }
    if (maxSnapshots > MASK_SNAPSHOTS) {
      Dataset<Row> ordinal = broadcast(snapshots.select(col(Cols.PLATFORM), col(Cols.SNAPSHOT),
          row_number().over(Window.partitionBy(Cols.PLATFORM).orderBy(Cols.SNAPSHOT)).as(ORDINAL)));
      Column run = col(ORDINAL).minus(dense_rank().over(
          Window.partitionBy(Cols.PLATFORM, Cols.TYPE, Cols.TOKEN).orderBy(Cols.SNAPSHOT)));
      return present.join(ordinal, new String[] {Cols.PLATFORM, Cols.SNAPSHOT})
          .withColumn("_lt_run", run)
          .groupBy(Cols.PLATFORM, Cols.TYPE, Cols.STRENGTH, Cols.TOKEN, "_lt_run")
          .agg(min(Cols.SNAPSHOT).as(Cols.VALID_FROM), max(Cols.SNAPSHOT).as(Cols.VALID_TO))
          .selectExpr(Tables.REF_TOKENS_SCHEMA.fieldNames());
    }
    // each platform's snapshot dates in order: a snapshot's bit is its index there (small, broadcast)
    Dataset<Row> dates = broadcast(snapshots.groupBy(Cols.PLATFORM)
        .agg(array_sort(collect_list(Cols.SNAPSHOT)).as(DATES)));
    Dataset<Row> masks = present.join(dates, Cols.PLATFORM)
        .groupBy(Cols.PLATFORM, Cols.TYPE, Cols.STRENGTH, Cols.TOKEN)
        .agg(bit_or(expr("shiftleft(1L, CAST(array_position(" + DATES + ", " + Cols.SNAPSHOT + ") - 1 AS INT))"))
            .as("_lt_mask"));
    // run starts: set bits whose lower neighbour is clear; run ends: set bits whose upper one is. One
    // run (the usual case) is its start bit's index, without the lambda; several (a token that left and
    // came back) give one row per start bit, ending at the first end bit at or above it
    String starts = "(_lt_mask & ~shiftleft(_lt_mask, 1))";
    String ends = "(_lt_mask & ~shiftright(_lt_mask, 1))";
    Column runStarts = expr("CASE WHEN bit_count(" + starts + ") = 1 THEN array(" + lowestBit(starts) + ")"
        + " ELSE filter(sequence(0, " + (MASK_SNAPSHOTS - 1) + "), i -> (shiftright(" + starts + ", i) & 1) = 1) END");
    return masks.select(col(Cols.PLATFORM), col(Cols.TYPE), col(Cols.STRENGTH), col(Cols.TOKEN), col("_lt_mask"),
            explode(runStarts).as("_lt_from"))
        .join(dates, Cols.PLATFORM)
        .select(col(Cols.PLATFORM), col(Cols.TYPE), col(Cols.STRENGTH), col(Cols.TOKEN),
            expr("element_at(" + DATES + ", _lt_from + 1)").as(Cols.VALID_FROM),
            expr("element_at(" + DATES + ", _lt_from + " + lowestBit("shiftright(" + ends + ", _lt_from)") + " + 1)")
                .as(Cols.VALID_TO));
  }

  private static final String DATES = "_lt_dates";

  /** SQL for the index of the lowest set bit of a non-zero long: the number of zeros below it. */
  private static String lowestBit(String x) {
    return "bit_count((" + x + " & -(" + x + ")) - 1)";
  }

  private static final String ORDINAL = "_lt_ordinal";

  /**
   * Loads the token history snapshot date by snapshot date, in date order, one Delta commit
   * (userMetadata {@value #SNAPSHOT_NOTE}{@code YYYY-MM-DD}) per date: a token present in the platform's
   * previous snapshot extends its open interval ({@code valid_to} = this date); any other is inserted
   * with a new interval. Version k of the table is the reference as it stood after that snapshot.
   *
   * <p>A date on which no platform has a previous snapshot (every platform's first, as in a case with
   * one snapshot per platform) has nothing to extend: its tokens are appended, the same rows a MERGE
   * would insert, without the MERGE's join against the history and second pass over its source. Other
   * dates are merged.
   */
  public static void loadTokenHistory(SparkSession spark, Dataset<Row> present, Dataset<Row> snapshots,
      List<LocalDate> dates, String location) {
    Delta.overwrite(spark.createDataFrame(List.of(), Tables.REF_TOKENS_SCHEMA), location,
        "leaktrace reference: reset");
    DeltaTable table = DeltaTable.forPath(spark, location);
    Dataset<Row> withPrevious = present.join(
        snapshots.select(Cols.PLATFORM, Cols.SNAPSHOT, Cols.PREVIOUS), new String[] {Cols.PLATFORM, Cols.SNAPSHOT});
    Set<LocalDate> extending = new HashSet<>();
    for (Row r : snapshots.filter(col(Cols.PREVIOUS).isNotNull()).select(Cols.SNAPSHOT).distinct().collectAsList()) {
      extending.add(r.getDate(0).toLocalDate()); // one row per snapshot date: small
    }
    Map<String, String> insert = new LinkedHashMap<>();
    for (String f : Tables.REF_TOKENS_SCHEMA.fieldNames()) {
      insert.put(f, "s." + f);
    }
    insert.put(Cols.VALID_FROM, "s." + Cols.SNAPSHOT);
    insert.put(Cols.VALID_TO, "s." + Cols.SNAPSHOT);
    String metaKey = "spark.databricks.delta.commitInfo.userMetadata";
    try {
      for (LocalDate d : dates) {
        spark.conf().set(metaKey, SNAPSHOT_NOTE + d);
        Dataset<Row> src = withPrevious.filter(col(Cols.SNAPSHOT).equalTo(lit(Date.valueOf(d))));
        if (!extending.contains(d)) {
          src.select(col(Cols.PLATFORM), col(Cols.TYPE), col(Cols.STRENGTH), col(Cols.TOKEN),
                  col(Cols.SNAPSHOT).as(Cols.VALID_FROM), col(Cols.SNAPSHOT).as(Cols.VALID_TO))
              .write().format("delta").mode(SaveMode.Append).option("userMetadata", SNAPSHOT_NOTE + d).save(location);
          continue;
        }
        table.as("t")
            .merge(src.as("s"), "t.platform = s.platform AND t.type = s.type AND t.token = s.token"
                + " AND s.previous IS NOT NULL AND t.valid_to = s.previous")
            .whenMatched().updateExpr(Map.of(Cols.VALID_TO, "s." + Cols.SNAPSHOT))
            .whenNotMatched().insertExpr(insert)
            .execute();
      }
    } finally {
      spark.conf().unset(metaKey);
    }
  }

  /** The most snapshots any platform has (reads the small snapshots table). */
  private static int maxSnapshots(SparkSession spark, Workspace ws) {
    Row r = Delta.read(spark, ws.table(Tables.REF_SNAPSHOTS), "reference").groupBy(Cols.PLATFORM).count()
        .agg(max("count")).first();
    return r.isNullAt(0) ? 0 : (int) r.getLong(0);
  }

  /** The table version that holds the reference as it stood after snapshot {@code date}, or -1. */
  public static long versionAt(SparkSession spark, String location, LocalDate date) {
    List<Row> h = DeltaTable.forPath(spark, location).history()
        .filter(col("userMetadata").equalTo(SNAPSHOT_NOTE + date)).select(max("version")).collectAsList();
    return h.isEmpty() || h.get(0).isNullAt(0) ? -1 : h.get(0).getLong(0);
  }

  /**
   * Record versions: a version is a platform row's map type → token (its usable values, records'
   * {@code tokens}; rows without one are no version), identified by the row's content key, with the first
   * and last snapshot it was seen in and the platform's snapshots just before and after those.
   */
  public static Dataset<Row> refRecords(Dataset<Row> records, Dataset<Row> snapshots) {
    Dataset<Row> versions = records.filter(size(col(Cols.TOKENS)).gt(0))
        .groupBy(platformId().as(Cols.PLATFORM), col(Cols.CONTENT_KEY).as(Cols.FINGERPRINT))
        .agg(first(Cols.TOKENS).as(Cols.TOKENS), first(Cols.LEVELS).as(Cols.LEVELS), min(Cols.SNAPSHOT).as(Cols.FIRST_SEEN),
            max(Cols.SNAPSHOT).as(Cols.LAST_SEEN), countDistinct(Cols.SNAPSHOT).cast("int").as(Cols.SNAPSHOTS));
    Dataset<Row> s = snapshots.select(Cols.PLATFORM, Cols.SNAPSHOT, Cols.PREVIOUS, Cols.NEXT);
    return versions
        .join(s.select(col(Cols.PLATFORM), col(Cols.SNAPSHOT).as(Cols.FIRST_SEEN), col(Cols.PREVIOUS).as(Cols.SEEN_BEFORE)),
            new String[] {Cols.PLATFORM, Cols.FIRST_SEEN})
        .join(s.select(col(Cols.PLATFORM), col(Cols.SNAPSHOT).as(Cols.LAST_SEEN), col(Cols.NEXT).as(Cols.SEEN_AFTER)),
            new String[] {Cols.PLATFORM, Cols.LAST_SEEN})
        .selectExpr(Tables.REF_RECORDS_SCHEMA.fieldNames());
  }

  /** canaries.csv's header: one canary value per line. */
  static final String CANARY_HEADER = "platform,partner,type,value";
  /** canaries.csv's header with the record each value belongs to (lines of one record form one canary). */
  static final String CANARY_RECORD_HEADER = "platform,partner,record,type,value";

  /**
   * Reads canaries.csv into canary tokens: each value is normalized as its type and keyed-hashed like
   * every other value; the raw value is dropped. With the header {@code platform,partner,record,type,value}
   * the values of one record (same platform, partner and record) make one canary, found only where a
   * dump row holds all of them; with {@code platform,partner,type,value} each line is a canary of its own
   * (record {@code line-N}).
   */
  public static List<Row> canaries(Path file, KeyedHasher hasher, List<String> platforms) {
    List<Row> out = new ArrayList<>();
    try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String line = r.readLine();
      if (line != null && line.startsWith("\uFEFF")) {
        line = line.substring(1);
      }
      String header = line == null ? "" : line.strip().toLowerCase(java.util.Locale.ROOT);
      boolean records = header.equals(CANARY_RECORD_HEADER);
      if (!records && !header.equals(CANARY_HEADER)) {
        throw Errors.input(file + ":1", "the header is neither `" + CANARY_RECORD_HEADER + "` nor `" + CANARY_HEADER
            + "`", "start the file with one of those header lines, then one canary value per line");
      }
      int n = 1;
      while ((line = r.readLine()) != null) {
        n++;
        if (line.isBlank()) {
          continue;
        }
        out.add(canary(file, n, line, records, hasher, platforms));
      }
    } catch (IOException e) {
      throw Errors.unreadable(file.toString(), e);
    }
    return out;
  }

  private static Row canary(Path file, int n, String line, boolean records, KeyedHasher hasher,
      List<String> platforms) {
    String at = file + ":" + n;
    String[] all = line.split(",", -1);
    int width = records ? 5 : 4;
    if (all.length != width) {
      throw Errors.input(at, "has " + all.length + " fields, not " + width,
          "write " + (records ? CANARY_RECORD_HEADER : CANARY_HEADER) + " with no comma inside a value");
    }
    String record = records ? all[2].strip() : "line-" + n;
    if (record.isEmpty()) {
      throw Errors.input(at, "the record is empty", "name the canary record this value belongs to (any id)");
    }
    String[] f = records ? new String[] {all[0], all[1], all[3], all[4]} : all;
    String platform = f[0].strip();
    String partner = f[1].strip();
    if (!platforms.contains(platform)) {
      throw Errors.input(at, "platform '" + platform + "' is not a platform of the case",
          "use one of the case file's platform ids: " + String.join(", ", platforms));
    }
    if (partner.isEmpty()) {
      throw Errors.input(at, "the partner is empty", "name the partner whose copy holds this canary");
    }
    FieldType type;
    try {
      type = FieldType.of(f[2].strip());
    } catch (IllegalArgumentException e) {
      throw Errors.input(at, "'" + f[2].strip() + "' is not a field type", "use one of: " + FieldType.keys());
    }
    FieldHandler h = FieldHandlers.of(type);
    String norm = h == null ? null : h.normalize(f[3]);
    Check check = h == null ? null : h.validate(f[3]);
    // the message names the line, never the value: canaries are personal-looking data too
    if (norm == null || check == null || !(check.valid() || check.status() == Check.Status.NOT_VALIDATED)) {
      throw Errors.input(at, "the value is not a valid " + type.key(),
          "correct the value or its type; a canary must match what the planted record holds");
    }
    return RowFactory.create(platform, partner, record, type.key(), hasher.token(type, norm));
  }
}
