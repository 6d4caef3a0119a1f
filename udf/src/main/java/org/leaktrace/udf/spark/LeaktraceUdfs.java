package org.leaktrace.udf.spark;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.UDFRegistration;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.api.java.UDF2;
import org.apache.spark.sql.types.DataTypes;
import org.leaktrace.udf.hash.KeyedHasher;
import org.leaktrace.udf.id.BankCardHandler;
import org.leaktrace.udf.id.EmailHandler;
import org.leaktrace.udf.id.Mobiles;
import org.leaktrace.udf.id.ResidentIds;
import org.leaktrace.udf.types.FieldHandlers;
import org.leaktrace.udf.types.FieldType;

/** Registers the leaktrace SQL functions: thin adapters over the plain-Java handlers, NULL in → NULL out. */
public final class LeaktraceUdfs {

  public static final String NORM_CN_ID = "lt_norm_cn_id";
  public static final String VALID_CN_ID = "lt_valid_cn_id";
  public static final String CN_ID_BIRTH_DATE = "lt_cn_id_birth_date";
  public static final String NORM_MOBILE = "lt_norm_mobile";
  public static final String VALID_MOBILE = "lt_valid_mobile";
  public static final String NORM_CARD = "lt_norm_card";
  public static final String VALID_CARD = "lt_valid_card";
  public static final String NORM_EMAIL = "lt_norm_email";
  public static final String VALID_EMAIL = "lt_valid_email";
  public static final String NORM = "lt_norm";
  public static final String VALID = "lt_valid";
  public static final String MASK = "lt_mask";
  public static final String TOKEN = "lt_token";

  /** Contract key → type, so that a per-row type argument costs one map lookup. */
  private static final Map<String, FieldType> TYPES = new HashMap<>();

  static {
    for (FieldType t : FieldType.values()) {
      TYPES.put(t.key(), t);
    }
  }

  private static final BankCardHandler CARD = new BankCardHandler();
  private static final EmailHandler EMAIL = new EmailHandler();

  private LeaktraceUdfs() {}

  /**
   * Registers every function on {@code spark}; {@code lt_token} only when {@code hasher} is not null
   * (a session without the case key cannot tokenize).
   */
  public static void register(SparkSession spark, KeyedHasher hasher) {
    if (spark == null) {
      throw new IllegalArgumentException("register: SparkSession is missing");
    }
    UDFRegistration udf = spark.udf();
    udf.register(NORM_CN_ID, (UDF1<String, String>) ResidentIds::normalize, DataTypes.StringType);
    udf.register(VALID_CN_ID, (UDF1<String, Boolean>) v -> v == null ? null : ResidentIds.validate(v).valid(),
        DataTypes.BooleanType);
    udf.register(CN_ID_BIRTH_DATE, (UDF1<String, LocalDate>) ResidentIds::birthDate, DataTypes.DateType);
    udf.register(NORM_MOBILE, (UDF1<String, String>) Mobiles::normalize, DataTypes.StringType);
    udf.register(VALID_MOBILE, (UDF1<String, Boolean>) v -> v == null ? null : Mobiles.validate(v).valid(),
        DataTypes.BooleanType);
    udf.register(NORM_CARD, (UDF1<String, String>) LeaktraceUdfs::normCard, DataTypes.StringType);
    udf.register(VALID_CARD, (UDF1<String, Boolean>) LeaktraceUdfs::validCard, DataTypes.BooleanType);
    udf.register(NORM_EMAIL, (UDF1<String, String>) LeaktraceUdfs::normEmail, DataTypes.StringType);
    udf.register(VALID_EMAIL, (UDF1<String, Boolean>) LeaktraceUdfs::validEmail, DataTypes.BooleanType);
    udf.register(NORM, (UDF2<String, String, String>) LeaktraceUdfs::norm, DataTypes.StringType);
    udf.register(VALID, (UDF2<String, String, String>) LeaktraceUdfs::valid, DataTypes.StringType);
    udf.register(MASK, (UDF2<String, String, String>) LeaktraceUdfs::mask, DataTypes.StringType);
    if (hasher != null) {
      udf.register(TOKEN, (UDF2<String, String, String>) (type, value) ->
          type == null || value == null ? null : hasher.token(type(type), value), DataTypes.StringType);
    }
  }

  static String normCard(String v) {
    return CARD.normalize(v);
  }

  static Boolean validCard(String v) {
    return v == null ? null : CARD.validate(v).valid();
  }

  static String normEmail(String v) {
    return EMAIL.normalize(v);
  }

  static Boolean validEmail(String v) {
    return v == null ? null : EMAIL.validate(v).valid();
  }

  /** {@code lt_norm(type, value)}: the type's canonical form. */
  static String norm(String type, String value) {
    return type == null || value == null ? null : FieldHandlers.of(type(type)).normalize(value);
  }

  /** {@code lt_valid(type, value)}: the check status name (VALID, INVALID, MASKED, EMPTY, NOT_VALIDATED). */
  static String valid(String type, String value) {
    return type == null || value == null ? null : FieldHandlers.of(type(type)).validate(value).status().name();
  }

  /** {@code lt_mask(type, value)}: the type's display mask. */
  static String mask(String type, String value) {
    return type == null || value == null ? null : FieldHandlers.of(type(type)).mask(value);
  }

  /** A type name from SQL; an unknown name fails the query with the list of valid names. */
  static FieldType type(String key) {
    FieldType t = TYPES.get(key);
    if (t == null) {
      t = TYPES.get(key.trim().toLowerCase(Locale.ROOT));
    }
    return t != null ? t : FieldType.of(key);
  }
}
