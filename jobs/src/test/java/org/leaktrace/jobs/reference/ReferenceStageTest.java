package org.leaktrace.jobs.reference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Date;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.leaktrace.jobs.common.Cols;
import org.leaktrace.jobs.common.LeaktraceException;
import org.leaktrace.jobs.common.Tables;
import org.leaktrace.jobs.testing.SparkExtension;
import org.leaktrace.udf.hash.KeyedHasher;

/** Token history (one pass; or append, then MERGE per date) on two tiny in-memory platforms, and canaries.csv parsing. */
@ExtendWith(SparkExtension.class)
class ReferenceStageTest {

  @TempDir Path dir;

  private static final KeyedHasher HASHER = new KeyedHasher("0123456789abcdef0123456789abcdef".getBytes());

  private static Date d(String s) {
    return Date.valueOf(s);
  }

  @Test
  void aTokenThatLeavesAndReturnsHasTwoIntervals(SparkSession spark) {
    StructType present = new StructType().add(Cols.PLATFORM, DataTypes.StringType).add(Cols.SNAPSHOT, DataTypes.DateType)
        .add(Cols.TYPE, DataTypes.StringType).add(Cols.STRENGTH, DataTypes.StringType).add(Cols.TOKEN, DataTypes.StringType);
    Dataset<Row> p = spark.createDataFrame(List.of(
        RowFactory.create("p", d("2020-01-01"), "cn_mobile", "STRONG", "a"),
        RowFactory.create("p", d("2020-02-01"), "cn_mobile", "STRONG", "a"),
        RowFactory.create("p", d("2020-02-01"), "cn_mobile", "STRONG", "b"),
        RowFactory.create("p", d("2020-03-01"), "cn_mobile", "STRONG", "b"),
        RowFactory.create("p", d("2020-04-01"), "cn_mobile", "STRONG", "a"),
        // platform q starts on a date where p has a previous snapshot: that date is merged, not appended
        RowFactory.create("q", d("2020-03-01"), "cn_mobile", "STRONG", "a"),
        RowFactory.create("q", d("2020-04-01"), "cn_mobile", "STRONG", "a")), present);
    Dataset<Row> snapshots = spark.createDataFrame(List.of(
        RowFactory.create("p", d("2020-01-01"), null, d("2020-02-01"), 1L),
        RowFactory.create("p", d("2020-02-01"), d("2020-01-01"), d("2020-03-01"), 2L),
        RowFactory.create("p", d("2020-03-01"), d("2020-02-01"), d("2020-04-01"), 1L),
        RowFactory.create("p", d("2020-04-01"), d("2020-03-01"), null, 1L),
        RowFactory.create("q", d("2020-03-01"), null, d("2020-04-01"), 1L),
        RowFactory.create("q", d("2020-04-01"), d("2020-03-01"), null, 1L)), Tables.REF_SNAPSHOTS_SCHEMA);
    String loc = dir.resolve("ref_tokens").toString();
    List<LocalDate> dates = List.of(LocalDate.of(2020, 1, 1), LocalDate.of(2020, 2, 1), LocalDate.of(2020, 3, 1),
        LocalDate.of(2020, 4, 1));
    ReferenceStage.loadTokenHistory(spark, p, snapshots, dates, loc);
    List<String> expected = List.of("p a 2020-01-01..2020-02-01", "p a 2020-04-01..2020-04-01",
        "p b 2020-02-01..2020-03-01", "q a 2020-03-01..2020-04-01");
    assertEquals(expected, intervals(spark.read().format("delta").load(loc)));
    // the one-pass history (the default) has the same rows, repeated tokens within a snapshot included:
    // by snapshot bitmasks (up to 63 snapshots a platform) and by the window kept for more
    for (int maxSnapshots : new int[] {4, ReferenceStage.MASK_SNAPSHOTS + 1}) {
      assertEquals(expected, intervals(ReferenceStage.tokenIntervals(p.union(p), snapshots, maxSnapshots)),
          "one pass, " + maxSnapshots + " snapshots at most");
      assertEquals(List.of("q a 2020-03-01..2020-03-01"), intervals(ReferenceStage.tokenIntervals(
          p.filter("platform = 'q' AND snapshot = DATE'2020-03-01'"),
          snapshots.filter("platform = 'q' AND snapshot = DATE'2020-03-01'"), 1)),
          "one snapshot: one interval per token");
    }
    long v = ReferenceStage.versionAt(spark, loc, LocalDate.of(2020, 2, 1));
    assertEquals(List.of("p a 2020-01-01..2020-02-01", "p b 2020-02-01..2020-02-01"),
        intervals(spark.read().format("delta").option("versionAsOf", v).load(loc)),
        "time travel to the 2020-02-01 load shows that state");
    // one commit per date: the first date (no platform has a previous snapshot) appended, the others merged
    List<String> ops = io.delta.tables.DeltaTable.forPath(spark, loc).history()
        .filter(org.apache.spark.sql.functions.col("userMetadata").startsWith(ReferenceStage.SNAPSHOT_NOTE))
        .orderBy("version").collectAsList().stream()
        .map(r -> r.<String>getAs("userMetadata").substring(ReferenceStage.SNAPSHOT_NOTE.length()) + " "
            + r.getAs("operation")).collect(Collectors.toList());
    assertEquals(List.of("2020-01-01 WRITE", "2020-02-01 MERGE", "2020-03-01 MERGE", "2020-04-01 MERGE"), ops);
  }

  @Test
  void runsAreFoundInEverySnapshotOfALongHistory(SparkSession spark) {
    // 63 monthly snapshots (the most one bitmask holds); token a in 0-1, 3, 5-61 and 62, token b in 62 only
    StructType present = new StructType().add(Cols.PLATFORM, DataTypes.StringType).add(Cols.SNAPSHOT, DataTypes.DateType)
        .add(Cols.TYPE, DataTypes.StringType).add(Cols.STRENGTH, DataTypes.StringType).add(Cols.TOKEN, DataTypes.StringType);
    List<Row> rows = new java.util.ArrayList<>();
    List<Row> snaps = new java.util.ArrayList<>();
    for (int i = 0; i < ReferenceStage.MASK_SNAPSHOTS; i++) {
      LocalDate day = LocalDate.of(2015, 1, 1).plusMonths(i);
      snaps.add(RowFactory.create("p", Date.valueOf(day), i == 0 ? null : Date.valueOf(day.minusMonths(1)),
          i == ReferenceStage.MASK_SNAPSHOTS - 1 ? null : Date.valueOf(day.plusMonths(1)), 1L));
      if (i != 2 && i != 4) {
        rows.add(RowFactory.create("p", Date.valueOf(day), "cn_mobile", "STRONG", "a"));
      }
    }
    rows.add(RowFactory.create("p", Date.valueOf(LocalDate.of(2015, 1, 1).plusMonths(62)), "email", "STRONG", "b"));
    Dataset<Row> p = spark.createDataFrame(rows, present);
    Dataset<Row> snapshots = spark.createDataFrame(snaps, Tables.REF_SNAPSHOTS_SCHEMA);
    List<String> expected = List.of("p a 2015-01-01..2015-02-01", "p a 2015-04-01..2015-04-01",
        "p a 2015-06-01..2020-03-01", "p b 2020-03-01..2020-03-01");
    assertEquals(expected, intervals(ReferenceStage.tokenIntervals(p, snapshots, ReferenceStage.MASK_SNAPSHOTS)));
    assertEquals(expected, intervals(ReferenceStage.tokenIntervals(p, snapshots, ReferenceStage.MASK_SNAPSHOTS + 1)));
  }

  private static List<String> intervals(Dataset<Row> t) {
    return t.orderBy(Cols.PLATFORM, Cols.TOKEN, Cols.VALID_FROM).collectAsList().stream()
        .map(r -> r.getAs(Cols.PLATFORM) + " " + r.getAs(Cols.TOKEN) + " " + r.getAs(Cols.VALID_FROM) + ".."
            + r.getAs(Cols.VALID_TO))
        .collect(Collectors.toList());
  }

  @Test
  void canariesAreTokensAndBadLinesNameTheLine() throws Exception {
    Path f = dir.resolve("canaries.csv");
    Files.writeString(f, "platform,partner,type,value\nshop-w,partner-1,cn_mobile,+86 138-0013-8000\n"
        + "shop-w,partner-1,email,A@Example.com\n", StandardCharsets.UTF_8);
    List<Row> rows = ReferenceStage.canaries(f, HASHER, List.of("shop-w"));
    assertEquals(2, rows.size());
    assertEquals(HASHER.token("cn_mobile", "13800138000"), rows.get(0).getString(4));
    assertFalse(rows.toString().contains("13800138000"), "the raw value is not kept");
    // without a record column each line is a canary record of its own
    assertEquals(List.of("line-2", "line-3"), rows.stream().map(r -> r.getString(2)).toList());

    // with one, the values of a record make one canary
    Files.writeString(f, "platform,partner,record,type,value\nshop-w,partner-1,c1,cn_mobile,13800138000\n"
        + "shop-w,partner-1,c1,person_name,张伟\nshop-w,partner-1,c2,cn_mobile,13900139000\n", StandardCharsets.UTF_8);
    rows = ReferenceStage.canaries(f, HASHER, List.of("shop-w"));
    assertEquals(List.of("c1", "c1", "c2"), rows.stream().map(r -> r.getString(2)).toList());
    assertEquals("person_name", rows.get(1).getString(3));
    Files.writeString(f, "platform,partner,record,type,value\nshop-w,partner-1,cn_mobile,13800138000\n",
        StandardCharsets.UTF_8);
    LeaktraceException bad = assertThrows(LeaktraceException.class,
        () -> ReferenceStage.canaries(f, HASHER, List.of("shop-w")));
    assertTrue(bad.getMessage().contains("canaries.csv:2") && bad.getMessage().contains("not 5"), bad.getMessage());

    Files.writeString(f, "platform,partner,type,value\nshop-w,partner-1,cn_mobile,1380013800\n", StandardCharsets.UTF_8);
    LeaktraceException e = assertThrows(LeaktraceException.class,
        () -> ReferenceStage.canaries(f, HASHER, List.of("shop-w")));
    assertTrue(e.getMessage().contains("canaries.csv:2") && e.getMessage().contains("Fix:"), e.getMessage());
    assertFalse(e.getMessage().contains("1380013800"), "the message does not repeat the value");

    Files.writeString(f, "platform,partner,type,value\nbank-q,partner-1,cn_mobile,13800138000\n", StandardCharsets.UTF_8);
    e = assertThrows(LeaktraceException.class, () -> ReferenceStage.canaries(f, HASHER, List.of("shop-w")));
    assertTrue(e.getMessage().contains("canaries.csv:2") && e.getMessage().contains("shop-w"), e.getMessage());
  }
}
