package org.leaktrace.jobs.common;

import static org.apache.spark.sql.types.DataTypes.BinaryType;
import static org.apache.spark.sql.types.DataTypes.DateType;
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
