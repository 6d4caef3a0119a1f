package org.leaktrace.jobs.count;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.leaktrace.jobs.common.Cols;
import org.leaktrace.jobs.rules.CountParams;
import org.leaktrace.jobs.testing.SparkExtension;

/** The figures do not depend on the number of cores: the same count on local[1] and local[2]. */
class CountCoresTest {

  /** Chains within and across dumps, duplicates, a minor: enough for every aggregate to be non-trivial. */
  private static List<List<String>> count(SparkSession spark) {
    return count(spark, CountParams.defaults());
  }

  private static List<List<String>> count(SparkSession spark, CountParams params) {
    CountFixtures.Builder b = new CountFixtures.Builder();
    for (int d = 0; d < 3; d++) {
      String ds = "dump:d" + d;
      for (int i = 0; i < 40; i++) {
        b.piece(ds, i, "k" + (i % 30), i % 7 == 0 ? "accommodation" : "other");
        b.token(ds, i, "cn_mobile", "valid", "m" + ((i + d) % 25));
        if (i % 5 == 0) {
          b.token(ds, i, "cn_resident_id", "valid", "id" + (i / 5));
        }
      }
      b.row(ds, 100, "minor", "other", true, LocalDate.parse("2010-01-01"));
    }
    List<DumpInfo> dumps = List.of(CountFixtures.dump("dump:d0", "2020-03-14"),
        CountFixtures.dump("dump:d1", "2020-04-14"), CountFixtures.dump("dump:d2", "2020-05-14"));
    try (CountResult r = CountStage.transform(b.recordsDF(spark), b.tokensDF(spark), dumps,
        CountFixtures.cnSpc2017(), params)) {
      return List.of(CountFixtures.allRows(r.auditDF()), CountFixtures.allRows(r.impactDF()),
          CountFixtures.allRows(r.bySellerDF()));
    }
  }

  @Test
  void sameFiguresOnOneCoreAndTwo() {
    List<List<String>> one;
    try {
      one = count(SparkExtension.restart("local[1]"));
    } finally {
      SparkExtension.restart("local[2]"); // the suite's usual session, for this check and the tests after it
    }
    List<List<String>> two = count(SparkExtension.spark());
    assertTrue(one.get(0).size() > 100, "the audit has every row");
    assertEquals(one, two);
  }

  @Test
  void sameFiguresByUnionFindInOneTaskAndByDistributedRounds() {
    SparkSession spark = SparkExtension.spark();
    List<List<String>> local = count(spark);
    List<List<String>> rounds = count(spark, CountParams.defaults().withLocalComponentsMaxEdges(0));
    assertTrue(local.get(0).size() > 100, "the audit has every row");
    assertEquals(rounds, local);
  }

  @Test
  void withoutDedupeEqualContentsOfOneDumpAreOneIndividualOfTheCase() {
    // two rows of equal content and no shared token: with dedupe off both are pieces; the case graph links
    // them by content (the one-dump shortcut must not skip it), the dump graph does not
    CountFixtures.Builder b = new CountFixtures.Builder();
    b.piece("dump:d0", 1, "same", "other");
    b.piece("dump:d0", 2, "same", "other");
    b.token("dump:d0", 1, "cn_mobile", "valid", "m1");
    b.token("dump:d0", 2, "cn_mobile", "valid", "m2");
    CountParams d = CountParams.defaults();
    CountParams noDedupe = new CountParams(false, d.excludeUnverifiable(), d.linkTypes(), d.linkStatuses(),
        d.linkSameContentAcrossDumps(), d.unclassifiedKey(), d.unknownParty(), d.maxRounds(),
        d.localComponentsMaxEdges());
    SparkSession spark = SparkExtension.spark();
    try (CountResult r = CountStage.transform(b.recordsDF(spark), b.tokensDF(spark),
        List.of(CountFixtures.dump("dump:d0", "2020-03-14")), CountFixtures.cnSpc2017(), noDedupe)) {
      java.util.Map<String, Row> impact = CountFixtures.byKey(r.impactDF());
      assertEquals(2L, impact.get("dump:d0").<Long>getAs(Cols.PIECES));
      assertEquals(2L, impact.get("dump:d0").<Long>getAs(Cols.INDIVIDUALS), "no token links the dump's rows");
      assertEquals(1L, impact.get("case").<Long>getAs(Cols.INDIVIDUALS), "equal content links them for the case");
    }
  }
}
