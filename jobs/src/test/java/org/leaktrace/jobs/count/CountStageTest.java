package org.leaktrace.jobs.count;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.leaktrace.jobs.count.CountFixtures.audit;
import static org.leaktrace.jobs.count.CountFixtures.dump;
import static org.leaktrace.jobs.count.CountFixtures.nonZero;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.leaktrace.jobs.common.Cols;
import org.leaktrace.jobs.rules.CountParams;
import org.leaktrace.jobs.rules.DatasetIds;
import org.leaktrace.jobs.testing.SparkExtension;

/** Per-dump rules on one transform call: each dump of the fixture exercises one rule. */
@ExtendWith(SparkExtension.class)
class CountStageTest {

  static CountResult result;
  static Map<String, Row> impact;

  @BeforeAll
  static void count(SparkSession spark) {
    CountFixtures.Builder b = new CountFixtures.Builder();
    // Art. 11(3): three rows of equal content, listed out of order; the smallest row_id is the original
    b.piece("dump:dups", 30, "k1", "other").piece("dump:dups", 10, "k1", "other").piece("dump:dups", 20, "k1", "other")
        .unverifiable("dump:dups", 40, "k2").unverifiable("dump:dups", 50, "k2")
        .row("dump:dups", 60, "k3", null, false, null)
        .piece("dump:dups", 70, "k4", "whereabouts")
        .token("dump:dups", 10, "cn_mobile", "valid", "m1"); // same mobile as dump:link, another dump
    // linking: A-B share a mobile, B-C an ID; D's copy of the mobile is masked, D-E share an invalid
    // email, F-G share a name (not a link type); H is identifying without a class
    b.piece("dump:link", 1, "a", "other").piece("dump:link", 2, "b", "property").piece("dump:link", 3, "c", "other")
        .piece("dump:link", 4, "d", "other").piece("dump:link", 5, "e", "other").piece("dump:link", 6, "f", "other")
        .piece("dump:link", 7, "g", "other").piece("dump:link", 8, "h", null)
        .token("dump:link", 1, "cn_mobile", "valid", "m1").token("dump:link", 2, "cn_mobile", "valid", "m1")
        .token("dump:link", 2, "cn_resident_id", "valid", "i1").token("dump:link", 3, "cn_resident_id", "valid", "i1")
        .token("dump:link", 4, "cn_mobile", "masked", "m1")
        .token("dump:link", 4, "email", "invalid", "e1").token("dump:link", 5, "email", "valid", "e1")
        .token("dump:link", 6, "person_name", "valid", "n1").token("dump:link", 7, "person_name", "valid", "n1");
    // minors at 2020-03-14: 14th birthday that day (not a minor), one day before it (minor), a minor's
    // ID linked by mobile to a row without ID, an adult
    b.row("dump:minors", 1, "m-a", "other", true, LocalDate.parse("2006-03-14"))
        .row("dump:minors", 2, "m-b", "other", true, LocalDate.parse("2006-03-15"))
        .piece("dump:minors", 3, "m-c", "other")
        .row("dump:minors", 4, "m-d", "other", true, LocalDate.parse("2010-01-01"))
        .row("dump:minors", 5, "m-e", "other", true, LocalDate.parse("2000-01-01"))
        .token("dump:minors", 3, "cn_mobile", "valid", "m5").token("dump:minors", 4, "cn_mobile", "valid", "m5");
    // Art. 5 wiring
    b.pieces("dump:sev-w49", 1, 49, "whereabouts").pieces("dump:sev-w50", 1, 50, "whereabouts")
        .pieces("dump:sev-r1", 1, 25, "whereabouts").pieces("dump:sev-r1", 100, 250, "accommodation")
        .pieces("dump:sev-r0", 1, 24, "whereabouts").pieces("dump:sev-r0", 100, 250, "accommodation")
        .pieces("dump:sev-ins", 1, 25, "whereabouts").pieces("dump:sev-x10", 1, 250, "whereabouts");
    // platforms are reference data: never counted, never linking
    b.piece("platform:courier-x", 1, "a", "other").token("platform:courier-x", 1, "cn_mobile", "valid", "m1");

    List<DumpInfo> dumps = List.of(dump("dump:dups", "2020-01-01"), dump("dump:link", "2020-01-01"),
        dump("dump:minors", "2020-03-14"), dump("dump:sev-w49", "2020-01-01"), dump("dump:sev-w50", "2020-01-01"),
        dump("dump:sev-r1", "2020-01-01"), dump("dump:sev-r0", "2020-01-01"),
        new DumpInfo("dump:sev-ins", LocalDate.parse("2020-01-01"), null, null, true),
        new DumpInfo("dump:sev-x10", LocalDate.parse("2020-01-01"), null, null, true));
    result = CountStage.transform(b.recordsDF(spark), b.tokensDF(spark), dumps, CountFixtures.cnSpc2017(),
        CountParams.defaults());
    impact = CountFixtures.byKey(result.impactDF());
  }

  @AfterAll
  static void release() {
    result.close();
  }

  @Test
  void duplicatesKeepTheFirstRowAndUnverifiableRowsAreReportedNotCounted() {
    assertEquals(List.of(
        "10|counted|null|other|10|false",
        "20|duplicate|10|other|null|null",
        "30|duplicate|10|other|null|null",
        "40|unverifiable|null|other|null|null",
        "50|duplicate|40|other|null|null",
        "60|not_personal|null|null|null|null",
        "70|counted|null|whereabouts|70|false"), audit(result.auditDF(), "dump:dups"));
    Row r = impact.get("dump:dups");
    assertEquals(List.of(7L, 2L, 2L, 3L, 1L, 1L), List.of(r.getAs(Cols.ROWS), r.getAs(Cols.PIECES),
        r.getAs(Cols.INDIVIDUALS), r.getAs(Cols.ROWS_DUPLICATE), r.getAs(Cols.ROWS_UNVERIFIABLE),
        r.getAs(Cols.ROWS_NOT_PERSONAL)));
    assertEquals(Map.of("other", 1L, "whereabouts", 1L), nonZero(r, Cols.PIECES_BY_CLASS));
  }

  @Test
  void sharedValidStrongTokensLinkTransitivelyAndNothingElseDoes() {
    assertEquals(List.of(
        "1|counted|null|other|1|false",
        "2|counted|null|property|1|false",
        "3|counted|null|other|1|false",
        "4|counted|null|other|4|false",
        "5|counted|null|other|5|false",
        "6|counted|null|other|6|false",
        "7|counted|null|other|7|false",
        "8|counted|null|null|8|false"), audit(result.auditDF(), "dump:link"));
    Row r = impact.get("dump:link");
    assertEquals(6L, (Long) r.getAs(Cols.INDIVIDUALS));
    assertEquals(8L, (Long) r.getAs(Cols.PIECES));
    // the unclassified piece is reported under "none", never dropped, and stays out of the severity sum
    assertEquals(Map.of("other", 6L, "property", 1L, "none", 1L), nonZero(r, Cols.PIECES_BY_CLASS));
    assertEquals(Map.of("other", 5L, "property", 1L, "none", 1L), nonZero(r, Cols.INDIVIDUALS_BY_CLASS));
    assertEquals(0.0212, (Double) r.getAs(Cols.RATIO_SUM), 0.0);
  }

  @Test
  void minorsAreUnder14AtTheObtainedDateAndLinkedRowsShareIt() {
    assertEquals(List.of(
        "1|counted|null|other|1|false",
        "2|counted|null|other|2|true",
        "3|counted|null|other|3|true",
        "4|counted|null|other|3|true",
        "5|counted|null|other|5|false"), audit(result.auditDF(), "dump:minors"));
    Row r = impact.get("dump:minors");
    assertEquals(4L, (Long) r.getAs(Cols.INDIVIDUALS));
    assertEquals(2L, (Long) r.getAs(Cols.MINORS_UNDER_14));
  }

  @Test
  void severityPerDumpComesFromTheTaxonomyWithTheDumpsInsiderFlag() {
    assertEquals("none|0.98|false", severity("dump:sev-w49"));
    assertEquals("serious|1.0|false", severity("dump:sev-w50"));
    assertEquals("serious|1.0|false", severity("dump:sev-r1"));
    assertEquals("none|0.98|false", severity("dump:sev-r0"));
    assertEquals("serious|1.0|true", severity("dump:sev-ins"));
    assertEquals("particularly_serious|10.0|true", severity("dump:sev-x10"));
    assertEquals("none|0.0212|false", severity("dump:link"));
  }

  @Test
  void platformsAreNotCountedAndTheCaseRowAddsUpTheDumps() {
    assertEquals(0L, result.auditDF().filter(result.auditDF().col(Cols.DATASET).startsWith("platform:")).count());
    assertEquals(10, impact.size(), "nine dumps and the case row");
    Row c = impact.get(DatasetIds.CASE_ROW);
    long rows = impact.entrySet().stream().filter(e -> !e.getKey().equals(DatasetIds.CASE_ROW))
        .mapToLong(e -> e.getValue().<Long>getAs(Cols.ROWS)).sum();
    assertEquals(rows, (Long) c.getAs(Cols.ROWS));
    assertEquals(rows, result.auditDF().count());
    assertNull(c.getAs(Cols.SEVERITY_LEVEL));
  }

  private static String severity(String dataset) {
    Row r = impact.get(dataset);
    return r.getAs(Cols.SEVERITY_LEVEL) + "|" + r.getAs(Cols.RATIO_SUM) + "|" + r.getAs(Cols.THRESHOLDS_HALVED);
  }
}
