package org.leaktrace.udf.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Arrays;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.leaktrace.udf.hash.KeyedHasher;
import org.leaktrace.udf.types.FieldType;

/** SQL-level check of every registered function: one real value, one NULL. */
class LeaktraceUdfsTest {

  private static final KeyedHasher HASHER =
      new KeyedHasher("test-key-0123456789abcdef-not-secret".getBytes(StandardCharsets.US_ASCII));

  private static SparkSession spark;

  @BeforeAll
  static void start() {
    spark =
        SparkSession.builder()
            .master("local[1]")
            .appName("leaktrace-udf-test")
            .config("spark.ui.enabled", "false")
            .config("spark.driver.host", "127.0.0.1")
            .config("spark.sql.shuffle.partitions", "1")
            .getOrCreate();
    LeaktraceUdfs.register(spark, HASHER);
  }

  @AfterAll
  static void stop() {
    if (spark != null) {
      spark.stop();
    }
  }

  /** Evaluates {@code fn(args)} and {@code fn} with its last argument NULL, in one query. */
  private static Row call(String fn, String... args) {
    String[] nullArgs = args.clone();
    nullArgs[nullArgs.length - 1] = "CAST(NULL AS STRING)";
    return spark
        .sql("SELECT " + fn + "(" + String.join(", ", args) + "), "
            + fn + "(" + String.join(", ", nullArgs) + ")")
        .first();
  }

  private static String lit(String s) {
    return "'" + s.replace("'", "''") + "'";
  }

  @Test
  void normCnId() {
    Row r = call(LeaktraceUdfs.NORM_CN_ID, lit("110105900307123"));
    assertEquals("110105199003071239", r.getString(0));
    assertTrue(r.isNullAt(1));
  }

  @Test
  void validCnId() {
    Row r = call(LeaktraceUdfs.VALID_CN_ID, lit("32050219880715108x"));
    assertTrue(r.getBoolean(0));
    assertTrue(r.isNullAt(1));
    assertFalse(call(LeaktraceUdfs.VALID_CN_ID, lit("110105199003071238")).getBoolean(0));
  }

  @Test
  void cnIdBirthDate() {
    Row r = call(LeaktraceUdfs.CN_ID_BIRTH_DATE, lit("110105199003071239"));
    assertEquals(LocalDate.of(1990, 3, 7), r.getDate(0).toLocalDate());
    assertTrue(r.isNullAt(1));
  }

  @Test
  void normMobile() {
    Row r = call(LeaktraceUdfs.NORM_MOBILE, lit("+86 138-0013-8000"));
    assertEquals("13800138000", r.getString(0));
    assertTrue(r.isNullAt(1));
  }

  @Test
  void validMobile() {
    Row r = call(LeaktraceUdfs.VALID_MOBILE, lit("0086 138 0013 8000"));
    assertTrue(r.getBoolean(0));
    assertTrue(r.isNullAt(1));
    assertFalse(call(LeaktraceUdfs.VALID_MOBILE, lit("138****1234")).getBoolean(0));
  }

  @Test
  void normCard() {
    Row r = call(LeaktraceUdfs.NORM_CARD, lit("6222 0212 3456 7890 128"));
    assertEquals("6222021234567890128", r.getString(0));
    assertTrue(r.isNullAt(1));
  }

  @Test
  void validCard() {
    Row r = call(LeaktraceUdfs.VALID_CARD, lit("6222021234567890128"));
    assertTrue(r.getBoolean(0));
    assertTrue(r.isNullAt(1));
  }

  @Test
  void normEmail() {
    Row r = call(LeaktraceUdfs.NORM_EMAIL, lit(" Alice@Example.COM "));
    assertEquals("alice@example.com", r.getString(0));
    assertTrue(r.isNullAt(1));
  }

  @Test
  void validEmail() {
    Row r = call(LeaktraceUdfs.VALID_EMAIL, lit("alice@example.com"));
    assertTrue(r.getBoolean(0));
    assertTrue(r.isNullAt(1));
  }

  @Test
  void norm() {
    Row r = call(LeaktraceUdfs.NORM, lit("cn_mobile"), lit("138-0013-8000"));
    assertEquals("13800138000", r.getString(0));
    assertTrue(r.isNullAt(1));
  }

  @Test
  void valid() {
    Row r = call(LeaktraceUdfs.VALID, lit("cn_resident_id"), lit("110105199003071238"));
    assertEquals("INVALID", r.getString(0));
    assertTrue(r.isNullAt(1));
    assertEquals("MASKED", call(LeaktraceUdfs.VALID, lit("cn_mobile"), lit("138****1234")).getString(0));
  }

  @Test
  void mask() {
    Row r = call(LeaktraceUdfs.MASK, lit("cn_mobile"), lit("13800138000"));
    assertEquals("138****8000", r.getString(0));
    assertTrue(r.isNullAt(1));
  }

  @Test
  void token() {
    Row r = call(LeaktraceUdfs.TOKEN, lit("cn_mobile"), lit("13800138000"));
    assertEquals(HASHER.token(FieldType.CN_MOBILE, "13800138000"), r.getString(0));
    assertTrue(r.isNullAt(1));
  }

  @Test
  void unknownTypeFailsTheQuery() {
    Exception e = assertThrows(Exception.class, () -> call(LeaktraceUdfs.NORM, lit("no_such_type"), lit("x")));
    assertTrue(causes(e).contains("unknown field type"), "message chain: " + causes(e));
  }

  @Test
  void tokenIsNotRegisteredWithoutAHasher() {
    SparkSession other = spark.newSession();
    LeaktraceUdfs.register(other, null);
    assertEquals("13800138000", other.sql("SELECT lt_norm_mobile('138 0013 8000')").first().getString(0));
    assertTrue(Arrays.stream(other.catalog().listFunctions().collectAsList().toArray())
        .noneMatch(f -> f.toString().contains(LeaktraceUdfs.TOKEN)));
    assertThrows(Exception.class, () -> other.sql("SELECT lt_token('cn_mobile', '13800138000')").first());
  }

  @Test
  void nullTypeGivesNull() {
    assertNull(spark.sql("SELECT lt_norm(CAST(NULL AS STRING), '13800138000')").first().get(0));
  }

  private static String causes(Throwable t) {
    StringBuilder b = new StringBuilder();
    for (Throwable c = t; c != null; c = c.getCause()) {
      b.append(c.getMessage()).append(" | ");
    }
    return b.toString();
  }
}
