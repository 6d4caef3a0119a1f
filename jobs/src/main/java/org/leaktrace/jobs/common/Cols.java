package org.leaktrace.jobs.common;

/** Column names of the warehouse tables; internal (never written) columns start with {@code _lt_}. */
public final class Cols {

  private Cols() {}

  public static final String DATASET = "dataset";
  public static final String KIND = "kind";
  public static final String DATASET_ID = "dataset_id";
  public static final String FILE = "file";
  public static final String FILE_INDEX = "file_index";
  public static final String ENTRY = "entry";
  public static final String ENTRY_INDEX = "entry_index";
  public static final String LINE = "line";
  public static final String ROW_ID = "row_id";
  public static final String SNAPSHOT = "snapshot";
  public static final String FIELDS = "fields";
  public static final String REASON = "reason";
  public static final String DETAIL = "detail";
  public static final String RAW = "raw";
  public static final String RAW_LENGTH = "raw_length";
  public static final String INGEST_RUN = "ingest_run";
  public static final String PATH = "path";
  public static final String LOCATION = "location";
  public static final String BYTES = "bytes";
  public static final String SHA256 = "sha256";
  public static final String ENCODING = "encoding";
  public static final String FORMAT = "format";
  public static final String HEADER = "header";
  public static final String LINES_READ = "lines_read";
  public static final String ROWS_PARSED = "rows_parsed";
  public static final String ROWS_QUARANTINED = "rows_quarantined";
  public static final String QUARANTINE_BY_REASON = "quarantine_by_reason";
  public static final String READ_ERROR = "read_error";
  public static final String INGESTED_AT = "ingested_at";

  // analytic zone
  public static final String COLUMN = "column";
  public static final String POSITION = "position";
  public static final String TYPE = "type";
  public static final String CONFIDENCE = "confidence";
  public static final String CLASS = "class";
  public static final String PIPL_SENSITIVE = "pipl_sensitive";
  public static final String DECIDED_BY = "decided_by";
  public static final String SAMPLED = "sampled";
  public static final String MASKED_SAMPLES = "masked_samples";
  public static final String CONTENT_KEY = "content_key";
  public static final String TYPES = "types";
  public static final String IDENTIFYING = "identifying";
  public static final String VALIDATED_VALUES = "validated_values";
  public static final String VALID_VALUES = "valid_values";
  public static final String UNVERIFIABLE = "unverifiable";
  public static final String FAILED_CHECKS = "failed_checks";
  public static final String BIRTH_DATE = "birth_date";
  public static final String UNTYPED_VALUES = "untyped_values";
  public static final String STRENGTH = "strength";
  public static final String STATUS = "status";
  public static final String TOKEN = "token";

  // count stage (analytic/count_audit, analytic/impact, analytic/impact_by_seller)
  public static final String OUTCOME = "outcome";
  public static final String DUPLICATE_OF = "duplicate_of";
  public static final String COMPONENT = "component";
  public static final String CASE_COMPONENT = "case_component";
  public static final String MINOR = "minor";
  public static final String CASE_MINOR = "case_minor";
  public static final String ROWS = "rows";
  public static final String PIECES = "pieces";
  public static final String INDIVIDUALS = "individuals";
  public static final String MINORS_UNDER_14 = "minors_under_14";
  public static final String PIECES_BY_CLASS = "pieces_by_class";
  public static final String INDIVIDUALS_BY_CLASS = "individuals_by_class";
  public static final String ROWS_DUPLICATE = "rows_duplicate";
  public static final String ROWS_UNVERIFIABLE = "rows_unverifiable";
  public static final String ROWS_NOT_PERSONAL = "rows_not_personal";
  public static final String SEVERITY_LEVEL = "severity_level";
  public static final String RATIO_SUM = "ratio_sum";
  public static final String THRESHOLDS_HALVED = "thresholds_halved";
  public static final String SELLER = "seller";
  public static final String BUYER = "buyer";
  public static final String BUYERS = "buyers";
  public static final String DUMPS = "dumps";
  public static final String INSIDER = "insider";
  public static final String OBTAINED = "obtained";

  // reference zone
  public static final String PLATFORM = "platform";
  public static final String PARTNER = "partner";
  /** The canary record a canary value belongs to. */
  public static final String RECORD = "record";
  public static final String VALID_FROM = "valid_from";
  public static final String VALID_TO = "valid_to";
  public static final String FINGERPRINT = "fingerprint";
  public static final String TOKENS = "tokens";
  /** Comparison-level tokens of a record (written form, meaning and written prefix by granularity). */
  public static final String LEVELS = "levels";

  // attribution's match model
  public static final String LEVEL = "level";
  public static final String M = "m";
  public static final String M_PAIRS = "m_pairs";
  public static final String U = "u";
  public static final String U_SOURCE = "u_source";
  public static final String U_PAIRS = "u_pairs";
  public static final String WEIGHT = "weight";
  public static final String COPY_SHARE = "copy_share";
  public static final String FIRST_SEEN = "first_seen";
  public static final String LAST_SEEN = "last_seen";
  public static final String SEEN_BEFORE = "seen_before";
  public static final String SEEN_AFTER = "seen_after";
  public static final String PREVIOUS = "previous";
  public static final String NEXT = "next";
  public static final String SNAPSHOTS = "snapshots";

  // attribution
  public static final String DUMP = "dump";
  public static final String AGREEING_ROWS = "agreeing_rows";
  public static final String FINGERPRINT_AGREEMENT = "fingerprint_agreement";
  public static final String BACKGROUND = "background";
  public static final String P_VALUE = "p_value";
  public static final String SCORE = "score";
  public static final String CONTAINMENT = "containment";
  public static final String EXCLUSIVE_ROWS = "exclusive_rows";
  public static final String CANARY_HITS = "canary_hits";
  public static final String CANARY_PARTNERS = "canary_partners";
  public static final String WINDOW_FROM = "window_from";
  public static final String WINDOW_TO = "window_to";
  public static final String CANDIDATE = "candidate";
  public static final String SHARE = "share";
  public static final String VERDICT = "verdict";
  public static final String EVIDENCE = "evidence";
  public static final String AGREEING_PLATFORMS = "agreeing_platforms";

  // trace (analytic/resale_*)
  public static final String DUMP_A = "dump_a";
  public static final String DUMP_B = "dump_b";
  public static final String ROWS_A = "rows_a";
  public static final String ROWS_B = "rows_b";
  public static final String SHARED_A = "shared_a";
  public static final String SHARED_B = "shared_b";
  public static final String A_IN_B = "a_in_b";
  public static final String B_IN_A = "b_in_a";
  public static final String ID_A_IN_B = "id_a_in_b";
  public static final String ID_B_IN_A = "id_b_in_a";
  public static final String FROM_DUMP = "from_dump";
  public static final String TO_DUMP = "to_dump";
  public static final String RELATION = "relation";
  public static final String SHARED_ROWS = "shared_rows";
  public static final String FROM_IN_TO = "from_in_to";
  public static final String TO_IN_FROM = "to_in_from";
  public static final String DERIVATION = "derivation";
  public static final String KEPT = "kept";
  public static final String NOTE = "note";
  public static final String VIA = "via";

  // estimate (analytic/estimates)
  public static final String SOURCE = "source";
  public static final String METHOD = "method";
  public static final String SAMPLES = "samples";
  public static final String SAMPLE_ROWS = "sample_rows";
  public static final String RECAPTURED = "recaptured";
  public static final String ESTIMATE = "estimate";
  public static final String CHAPMAN = "chapman";
  public static final String CI_LOW = "ci_low";
  public static final String CI_HIGH = "ci_high";
  public static final String ROBSON_REGIER_VALID = "robson_regier_valid";
  public static final String REFERENCE_SIZE = "reference_size";
  public static final String REFERENCE_SNAPSHOT = "reference_snapshot";
  public static final String EXCLUDED = "excluded";
  public static final String WARNING = "warning";

  /** Internal: what a row of the ingest output is (a line, a quarantined line, a file's accounting). */
  public static final String REC = "_lt_rec";
}
