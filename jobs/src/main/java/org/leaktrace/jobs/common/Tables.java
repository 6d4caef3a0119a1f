package org.leaktrace.jobs.common;

import static org.apache.spark.sql.types.DataTypes.BinaryType;
import static org.apache.spark.sql.types.DataTypes.BooleanType;
import static org.apache.spark.sql.types.DataTypes.DateType;
import static org.apache.spark.sql.types.DataTypes.DoubleType;
import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.TimestampType;
import static org.apache.spark.sql.types.DataTypes.createArrayType;
import static org.apache.spark.sql.types.DataTypes.createMapType;
import static org.apache.spark.sql.types.DataTypes.createStructField;
import static org.apache.spark.sql.types.DataTypes.createStructType;

import java.util.List;
import org.apache.spark.sql.types.StructType;

/** Names and schemas of the warehouse tables, zone by zone (DESIGN.md, data flow). */
public final class Tables {

  private Tables() {}

  /** Raw zone: one row per input file (or zip entry) with its hash and line accounting. */
  public static final String CUSTODY = "raw/custody";
  /** Raw zone: every parsed line with its fields as read. */
  public static final String RAW_ROWS = "raw/raw_rows";
  /** Raw zone: every quarantined line with its reason and bytes. */
  public static final String QUARANTINE = "raw/quarantine";

  /** Analytic zone: each column's detected type, class and how it was decided. */
  public static final String COLUMNS = "analytic/columns";
  /** Analytic zone: one row per parsed row: content key, class, validity; no raw identifier. */
  public static final String RECORDS = "analytic/records";
  /** Analytic zone: one row per typed value: its keyed-hash token. */
  public static final String TOKENS = "analytic/tokens";
  /** Analytic zone: the count stage's outcome for every dump row, so that every count traces to rows. */
  public static final String COUNT_AUDIT = "analytic/count_audit";
  /** Analytic zone: the impact figures, one row per dump and one {@code case} row. */
  public static final String IMPACT = "analytic/impact";
  /** Analytic zone: Art. 11 accumulation per seller across the case's dumps. */
  public static final String IMPACT_BY_SELLER = "analytic/impact_by_seller";

  /** Reference zone: each platform token with the snapshot interval in which it existed (MERGE history). */
  public static final String REF_TOKENS = "reference/ref_tokens";
  /** Reference zone: each platform record version (type → token map) with the snapshots it was seen in. */
  public static final String REF_RECORDS = "reference/ref_records";
  /** Reference zone: each platform snapshot loaded, with its neighbours and row count. */
  public static final String REF_SNAPSHOTS = "reference/snapshots";
  /** Reference zone: canary tokens from the case's canaries.csv (never the raw value). */
  public static final String CANARIES = "reference/canaries";

  /** Analytic zone: evidence and verdict per (dump, platform); a null platform holds the unexplained share. */
  public static final String ATTRIBUTION = "analytic/attribution";
  /** Analytic zone: attribution's match model: m, u and the weight of each platform's type and level. */
  public static final String ATTRIBUTION_WEIGHTS = "analytic/attribution_weights";
  /** Analytic zone: each counted dump row with the platform it is assigned to (or null) and why. */
  public static final String ATTRIBUTION_ROWS = "analytic/attribution_rows";

  /** Analytic zone: every pair of dumps with the share of each found in the other (trace). */
  public static final String RESALE_PAIRS = "analytic/resale_pairs";
  /** Analytic zone: resale edges between dumps, kept or set aside with the reason (trace). */
  public static final String RESALE_EDGES = "analytic/resale_edges";
  /** Analytic zone: dumps tied to a partner's copy by canaries, directly or through resale edges. */
  public static final String RESALE_LINEAGE = "analytic/resale_lineage";
  /** Analytic zone: capture–recapture estimates of the size of each source's stolen table. */
  public static final String ESTIMATES = "analytic/estimates";

  /**
   * Resale pairs: one row per unordered pair of dumps ({@code dump_a < dump_b}). {@code rows_*} are the
   * counted rows (pieces) of each, {@code shared_a} the rows of A with a matching record in B (and
   * {@code shared_b} the converse), {@code a_in_b = shared_a / rows_a}; {@code id_a_in_b} is the share
   * of A's rows with a strong identifier B also holds (the same people, not necessarily the same records).
   */
  public static final StructType RESALE_PAIRS_SCHEMA = createStructType(List.of(
      createStructField(Cols.DUMP_A, StringType, false),
      createStructField(Cols.DUMP_B, StringType, false),
      createStructField(Cols.ROWS_A, LongType, false),
      createStructField(Cols.ROWS_B, LongType, false),
      createStructField(Cols.SHARED_A, LongType, false),
      createStructField(Cols.SHARED_B, LongType, false),
      createStructField(Cols.A_IN_B, DoubleType, false),
      createStructField(Cols.B_IN_A, DoubleType, false),
      createStructField(Cols.ID_A_IN_B, DoubleType, false),
      createStructField(Cols.ID_B_IN_A, DoubleType, false)));

  /**
   * Resale edges: {@code from_dump} is the earlier or larger dump, {@code to_dump} the one that derives
   * from it or shares its source; {@code relation} is the to-dump's relation to the from-dump (same,
   * subset, superset, overlap); {@code containment} the share of the smaller found in the larger; {@code
   * derivation} is true for same/subset/superset. {@code kept} false marks an edge implied by a chain of
   * kept edges or explained by an ancestor's overlap, with the reason in {@code note}.
   */
  public static final StructType RESALE_EDGES_SCHEMA = createStructType(List.of(
      createStructField(Cols.FROM_DUMP, StringType, false),
      createStructField(Cols.TO_DUMP, StringType, false),
      createStructField(Cols.RELATION, StringType, false),
      createStructField(Cols.CONTAINMENT, DoubleType, false),
      createStructField(Cols.SHARED_ROWS, LongType, false),
      createStructField(Cols.FROM_IN_TO, DoubleType, false),
      createStructField(Cols.TO_IN_FROM, DoubleType, false),
      createStructField(Cols.DERIVATION, BooleanType, false),
      createStructField(Cols.KEPT, BooleanType, false),
      createStructField(Cols.NOTE, StringType, true)));

  /**
   * Resale lineage: a dump tied to a partner's copy of a platform; {@code canary_hits} are the canaries
   * found in this dump itself, {@code via} the chain of dumps from the one holding the canaries to this
   * one (just this dump when it holds them).
   */
  public static final StructType RESALE_LINEAGE_SCHEMA = createStructType(List.of(
      createStructField(Cols.DUMP, StringType, false),
      createStructField(Cols.PLATFORM, StringType, false),
      createStructField(Cols.PARTNER, StringType, false),
      createStructField(Cols.CANARY_HITS, LongType, false),
      createStructField(Cols.VIA, createArrayType(StringType, false), false)));

  /**
   * Estimates: one row per source (a reference platform, or {@code unknown-N} for a group of dumps of
   * one unknown source) and method. {@code samples} are the independent dumps used with their counted
   * rows in {@code sample_rows}; {@code recaptured} the rows common to both; {@code excluded} the
   * derived dumps left out and why. Null estimate: fewer than two independent samples.
   */
  public static final StructType ESTIMATES_SCHEMA = createStructType(List.of(
      createStructField(Cols.SOURCE, StringType, false),
      createStructField(Cols.PLATFORM, StringType, true),
      createStructField(Cols.METHOD, StringType, false),
      createStructField(Cols.SAMPLES, createArrayType(StringType, false), false),
      createStructField(Cols.SAMPLE_ROWS, createArrayType(LongType, false), false),
      createStructField(Cols.RECAPTURED, LongType, true),
      createStructField(Cols.ESTIMATE, LongType, true),
      createStructField(Cols.CHAPMAN, DoubleType, true),
      createStructField(Cols.CI_LOW, LongType, true),
      createStructField(Cols.CI_HIGH, LongType, true),
      createStructField(Cols.ROBSON_REGIER_VALID, BooleanType, true),
      createStructField(Cols.REFERENCE_SIZE, LongType, true),
      createStructField(Cols.REFERENCE_SNAPSHOT, DateType, true),
      createStructField(Cols.EXCLUDED, createArrayType(createStructType(List.of(
          createStructField(Cols.DUMP, StringType, false),
          createStructField(Cols.REASON, StringType, false))), false), false),
      createStructField(Cols.WARNING, StringType, true)));

  /**
   * Reference tokens: one row per interval of consecutive snapshots of {@code platform} in which the
   * token existed: {@code valid_from} is the first snapshot of the interval, {@code valid_to} the last
   * (inclusive). Only usable values (valid or not validated) are kept.
   */
  public static final StructType REF_TOKENS_SCHEMA = createStructType(List.of(
      createStructField(Cols.PLATFORM, StringType, false),
      createStructField(Cols.TYPE, StringType, false),
      createStructField(Cols.STRENGTH, StringType, false),
      createStructField(Cols.TOKEN, StringType, false),
      createStructField(Cols.VALID_FROM, DateType, false),
      createStructField(Cols.VALID_TO, DateType, false)));

  /**
   * Reference records: one row per record version ({@code fingerprint} = the row's content key,
   * {@code tokens} = type → token of its usable values, several values of one type joined sorted);
   * {@code seen_before}/{@code seen_after} are the platform's snapshots just before the first and just
   * after the last snapshot holding the version (null at the ends of the history).
   */
  public static final StructType REF_RECORDS_SCHEMA = createStructType(List.of(
      createStructField(Cols.PLATFORM, StringType, false),
      createStructField(Cols.FINGERPRINT, StringType, false),
      createStructField(Cols.TOKENS, createMapType(StringType, StringType, false), false),
      createStructField(Cols.LEVELS, createMapType(StringType, StringType, false), false),
      createStructField(Cols.FIRST_SEEN, DateType, false),
      createStructField(Cols.LAST_SEEN, DateType, false),
      createStructField(Cols.SEEN_BEFORE, DateType, true),
      createStructField(Cols.SEEN_AFTER, DateType, true),
      createStructField(Cols.SNAPSHOTS, IntegerType, false)));

  public static final StructType REF_SNAPSHOTS_SCHEMA = createStructType(List.of(
      createStructField(Cols.PLATFORM, StringType, false),
      createStructField(Cols.SNAPSHOT, DateType, false),
      createStructField(Cols.PREVIOUS, DateType, true),
      createStructField(Cols.NEXT, DateType, true),
      createStructField(Cols.ROWS, LongType, false)));

  public static final StructType CANARIES_SCHEMA = createStructType(List.of(
      createStructField(Cols.PLATFORM, StringType, false),
      createStructField(Cols.PARTNER, StringType, false),
      createStructField(Cols.RECORD, StringType, false),
      createStructField(Cols.TYPE, StringType, false),
      createStructField(Cols.TOKEN, StringType, false)));

  /**
   * Attribution: one row per (dump, reference platform) with the evidence, and one row per dump with a
   * null platform whose {@code share} is the unexplained remainder. {@code verdict} repeats the dump's
   * verdict on every row.
   */
  /**
   * The match model: for each platform, field type and comparison level, m (share of copies at that
   * level, by EM, over {@code m_pairs} dump candidate pairs carrying the type; 0 pairs: the prior), u (share of non-copies, measured), where u was measured ({@code background}: other
   * platforms' records of the same person; {@code random}: random pairs of the platform's records;
   * {@code prior}: a person or credential type nobody else holds) on how many comparisons, the weight
   * log2(m/u) before term-frequency adjustment, and the platform's share of copies among its candidate
   * pairs (EM's λ).
   */
  public static final StructType ATTRIBUTION_WEIGHTS_SCHEMA = createStructType(List.of(
      createStructField(Cols.PLATFORM, StringType, false),
      createStructField(Cols.TYPE, StringType, false),
      createStructField(Cols.LEVEL, StringType, false),
      createStructField(Cols.M, DoubleType, false),
      createStructField(Cols.M_PAIRS, LongType, false),
      createStructField(Cols.U, DoubleType, false),
      createStructField(Cols.U_SOURCE, StringType, false),
      createStructField(Cols.U_PAIRS, LongType, false),
      createStructField(Cols.WEIGHT, DoubleType, false),
      createStructField(Cols.COPY_SHARE, DoubleType, false)));

  public static final StructType ATTRIBUTION_SCHEMA = createStructType(List.of(
      createStructField(Cols.DUMP, StringType, false),
      createStructField(Cols.PLATFORM, StringType, true),
      createStructField(Cols.ROWS, LongType, false),
      createStructField(Cols.AGREEING_ROWS, LongType, false),
      createStructField(Cols.FINGERPRINT_AGREEMENT, DoubleType, false),
      createStructField(Cols.BACKGROUND, DoubleType, false),
      createStructField(Cols.P_VALUE, DoubleType, false),
      createStructField(Cols.SCORE, DoubleType, false),
      createStructField(Cols.CONTAINMENT, DoubleType, false),
      createStructField(Cols.EXCLUSIVE_ROWS, LongType, false),
      createStructField(Cols.CANARY_HITS, LongType, false),
      createStructField(Cols.CANARY_PARTNERS, createArrayType(StringType, false), false),
      createStructField(Cols.WINDOW_FROM, DateType, true),
      createStructField(Cols.WINDOW_TO, DateType, true),
      createStructField(Cols.CANDIDATE, BooleanType, false),
      createStructField(Cols.SHARE, DoubleType, false),
      createStructField(Cols.VERDICT, StringType, false)));

  /** Attribution rows: each counted row of a dump (a piece), its platform (null: unexplained) and evidence. */
  public static final StructType ATTRIBUTION_ROWS_SCHEMA = createStructType(List.of(
      createStructField(Cols.DUMP, StringType, false),
      createStructField(Cols.ROW_ID, LongType, false),
      createStructField(Cols.PLATFORM, StringType, true),
      createStructField(Cols.EVIDENCE, StringType, false),
      createStructField(Cols.AGREEING_PLATFORMS, IntegerType, false)));

  public static final StructType COLUMNS_SCHEMA = createStructType(List.of(
      createStructField(Cols.DATASET, StringType, false),
      createStructField(Cols.COLUMN, StringType, false),
      createStructField(Cols.POSITION, IntegerType, false),
      createStructField(Cols.TYPE, StringType, false),
      createStructField(Cols.CONFIDENCE, DoubleType, false),
      createStructField(Cols.CLASS, StringType, true),
      createStructField(Cols.PIPL_SENSITIVE, BooleanType, false),
      createStructField(Cols.DECIDED_BY, StringType, false),
      createStructField(Cols.SAMPLED, IntegerType, false),
      createStructField(Cols.MASKED_SAMPLES, createArrayType(StringType, false), true)));

  /**
   * Records: {@code row_id} orders rows by file, then line (it packs both); {@code content_key} is the
   * keyed hash of the row's normalized typed content (equal keys = duplicate rows); {@code class} is
   * the most sensitive class of the row's non-empty fields (null: none); {@code birth_date} comes from
   * a valid resident ID; {@code untyped_values} counts the non-empty values of columns without a type
   * (content, but no token); {@code tokens} is the row's usable values (valid or not validated) as type →
   * token, several tokens of one type joined with {@code ;} in token order: what reference, attribute
   * and trace compare rows by, written once here instead of re-aggregated from the tokens table.
   */
  public static final StructType RECORDS_SCHEMA = createStructType(List.of(
      createStructField(Cols.DATASET, StringType, false),
      createStructField(Cols.ROW_ID, LongType, false),
      createStructField(Cols.FILE, StringType, false),
      createStructField(Cols.LINE, LongType, false),
      createStructField(Cols.SNAPSHOT, DateType, true),
      createStructField(Cols.CONTENT_KEY, StringType, false),
      createStructField(Cols.CLASS, StringType, true),
      createStructField(Cols.TYPES, createArrayType(StringType, false), false),
      createStructField(Cols.IDENTIFYING, BooleanType, false),
      createStructField(Cols.VALIDATED_VALUES, IntegerType, false),
      createStructField(Cols.VALID_VALUES, IntegerType, false),
      createStructField(Cols.UNVERIFIABLE, BooleanType, false),
      createStructField(Cols.FAILED_CHECKS, createArrayType(StringType, false), false),
      createStructField(Cols.BIRTH_DATE, DateType, true),
      createStructField(Cols.UNTYPED_VALUES, IntegerType, false),
      createStructField(Cols.TOKENS, createMapType(StringType, StringType, false), false),
      createStructField(Cols.LEVELS, createMapType(StringType, StringType, false), false)));

  /**
   * Tokens: one per non-empty typed value. {@code status} is valid / invalid / masked /
   * not_validated; {@code token} is HMAC-SHA256 (128 bits, hex) of {@code type:normalized} under the
   * case key, or of the folded raw text when the value cannot be normalized.
   */
  public static final StructType TOKENS_SCHEMA = createStructType(List.of(
      createStructField(Cols.DATASET, StringType, false),
      createStructField(Cols.ROW_ID, LongType, false),
      createStructField(Cols.COLUMN, StringType, false),
      createStructField(Cols.TYPE, StringType, false),
      createStructField(Cols.STRENGTH, StringType, false),
      createStructField(Cols.STATUS, StringType, false),
      createStructField(Cols.TOKEN, StringType, false)));

  /**
   * Count audit: one row per dump row. {@code outcome} is counted / duplicate / unverifiable /
   * not_personal; {@code duplicate_of} the row_id of the kept row; {@code component} the person within
   * the dump (smallest row_id of its pieces there); {@code case_component} the person across the case
   * (smallest (dataset, row_id) of its pieces); {@code minor} / {@code case_minor} whether that person
   * is counted under the minors age in the dump / case figure. Null for rows that are not pieces.
   */
  public static final StructType COUNT_AUDIT_SCHEMA = createStructType(List.of(
      createStructField(Cols.DATASET, StringType, false),
      createStructField(Cols.ROW_ID, LongType, false),
      createStructField(Cols.FILE, StringType, false),
      createStructField(Cols.LINE, LongType, false),
      createStructField(Cols.OUTCOME, StringType, false),
      createStructField(Cols.DUPLICATE_OF, LongType, true),
      createStructField(Cols.FAILED_CHECKS, createArrayType(StringType, false), false),
      createStructField(Cols.CLASS, StringType, true),
      createStructField(Cols.CONTENT_KEY, StringType, false),
      createStructField(Cols.COMPONENT, LongType, true),
      createStructField(Cols.CASE_COMPONENT, createStructType(List.of(
          createStructField(Cols.DATASET, StringType, true),
          createStructField(Cols.ROW_ID, LongType, true))), true),
      createStructField(Cols.MINOR, BooleanType, true),
      createStructField(Cols.CASE_MINOR, BooleanType, true)));

  /**
   * Impact: one row per dump and one row with dataset {@code case}. Maps are keyed by class, in
   * taxonomy order, with every class present; pieces without a class appear under the count
   * parameters' unclassified key. {@code minors_under_14} is null when the taxonomy sets no minors
   * age; the severity columns are null on the {@code case} row (Art. 5 is judged per dump and per
   * seller, see impact_by_seller). On the case row the row counts are summed over the dumps while
   * pieces are deduplicated across them (Art. 11).
   */
  public static final StructType IMPACT_SCHEMA = createStructType(List.of(
      createStructField(Cols.DATASET, StringType, false),
      createStructField(Cols.ROWS, LongType, false),
      createStructField(Cols.PIECES, LongType, false),
      createStructField(Cols.INDIVIDUALS, LongType, false),
      createStructField(Cols.MINORS_UNDER_14, LongType, true),
      createStructField(Cols.PIECES_BY_CLASS, createMapType(StringType, LongType, false), false),
      createStructField(Cols.INDIVIDUALS_BY_CLASS, createMapType(StringType, LongType, false), false),
      createStructField(Cols.ROWS_DUPLICATE, LongType, false),
      createStructField(Cols.ROWS_UNVERIFIABLE, LongType, false),
      createStructField(Cols.ROWS_NOT_PERSONAL, LongType, false),
      createStructField(Cols.SEVERITY_LEVEL, StringType, true),
      createStructField(Cols.RATIO_SUM, DoubleType, true),
      createStructField(Cols.THRESHOLDS_HALVED, BooleanType, true)));

  /**
   * Impact by seller (Art. 11): pieces a seller provided, counted once per buyer (distinct content
   * key and buyer over the seller's dumps); severity with insider = any of the seller's dumps.
   */
  public static final StructType IMPACT_BY_SELLER_SCHEMA = createStructType(List.of(
      createStructField(Cols.SELLER, StringType, false),
      createStructField(Cols.DUMPS, createArrayType(StringType, false), false),
      createStructField(Cols.BUYERS, createArrayType(StringType, false), false),
      createStructField(Cols.INSIDER, BooleanType, false),
      createStructField(Cols.PIECES, LongType, false),
      createStructField(Cols.PIECES_BY_CLASS, createMapType(StringType, LongType, false), false),
      createStructField(Cols.SEVERITY_LEVEL, StringType, false),
      createStructField(Cols.RATIO_SUM, DoubleType, false),
      createStructField(Cols.THRESHOLDS_HALVED, BooleanType, false)));

  public static final StructType RAW_ROWS_SCHEMA = createStructType(List.of(
      createStructField(Cols.DATASET, StringType, false),
      createStructField(Cols.FILE, StringType, false),
      createStructField(Cols.FILE_INDEX, IntegerType, false),
      createStructField(Cols.ENTRY_INDEX, IntegerType, false),
      createStructField(Cols.LINE, LongType, false),
      createStructField(Cols.ROW_ID, LongType, false),
      createStructField(Cols.SNAPSHOT, DateType, true),
      createStructField(Cols.FIELDS, createArrayType(StringType, true), false),
      createStructField(Cols.INGEST_RUN, StringType, false)));

  public static final StructType QUARANTINE_SCHEMA = createStructType(List.of(
      createStructField(Cols.DATASET, StringType, false),
      createStructField(Cols.FILE, StringType, false),
      createStructField(Cols.FILE_INDEX, IntegerType, false),
      createStructField(Cols.ENTRY_INDEX, IntegerType, false),
      createStructField(Cols.LINE, LongType, false),
      createStructField(Cols.ROW_ID, LongType, false),
      createStructField(Cols.REASON, StringType, false),
      createStructField(Cols.DETAIL, StringType, true),
      createStructField(Cols.RAW, BinaryType, false),
      createStructField(Cols.RAW_LENGTH, LongType, false),
      createStructField(Cols.INGEST_RUN, StringType, false)));

  public static final StructType CUSTODY_SCHEMA = createStructType(List.of(
      createStructField(Cols.DATASET, StringType, false),
      createStructField(Cols.KIND, StringType, false),
      createStructField(Cols.DATASET_ID, StringType, false),
      createStructField(Cols.FILE, StringType, false),
      createStructField(Cols.PATH, StringType, false),
      createStructField(Cols.LOCATION, StringType, false),
      createStructField(Cols.ENTRY, StringType, true),
      createStructField(Cols.FILE_INDEX, IntegerType, false),
      createStructField(Cols.ENTRY_INDEX, IntegerType, false),
      createStructField(Cols.BYTES, LongType, false),
      createStructField(Cols.SHA256, StringType, false),
      createStructField(Cols.SNAPSHOT, DateType, true),
      createStructField(Cols.ENCODING, StringType, true),
      createStructField(Cols.FORMAT, StringType, true),
      createStructField(Cols.HEADER, createArrayType(StringType, true), true),
      createStructField(Cols.LINES_READ, LongType, false),
      createStructField(Cols.ROWS_PARSED, LongType, false),
      createStructField(Cols.ROWS_QUARANTINED, LongType, false),
      createStructField(Cols.QUARANTINE_BY_REASON, createMapType(StringType, LongType, false), false),
      createStructField(Cols.READ_ERROR, StringType, true),
      createStructField(Cols.INGEST_RUN, StringType, false),
      createStructField(Cols.INGESTED_AT, TimestampType, false)));
}
