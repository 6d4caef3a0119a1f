package org.leaktrace.jobs.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The scorer on hand-made truth and job rows: each kind of mismatch, and a clean run. */
class AttributionScoreTest {

  private static final AttributionTruth.Window MARCH = new AttributionTruth.Window("2020-03-01", "2020-04-01");
  private static final AttributionTruth.Window MAY = new AttributionTruth.Window("2020-05-01", "2020-06-01");

  private static AttributionTruth truth() {
    AttributionTruth.DumpTruth leak = new AttributionTruth.DumpTruth("courier-leak", "single_source", "2020-04-20",
        "vendor-1", "undercover-1", false, "csv", "utf-8", true, List.of("dumps/courier-leak/a.csv"), 100,
        "attributed", List.of(new AttributionTruth.Source("courier-x", "courier-x", 100, 1.0, "2020-03-15", MARCH)),
        "2020-03-15", MARCH, null, Map.of());
    AttributionTruth.DumpTruth mix = new AttributionTruth.DumpTruth("aggregate", "mixture", "2020-06-20",
        "vendor-2", "undercover-1", false, "jsonl", "utf-8", false, List.of("dumps/aggregate/a.jsonl"), 100,
        "mixture", List.of(
            new AttributionTruth.Source("courier-x", "courier-x", 40, 0.40, "2020-03-12", MARCH),
            new AttributionTruth.Source("rental-z", "rental-z", 30, 0.30, "2020-05-18", MAY),
            new AttributionTruth.Source(null, "marketing", 30, 0.30, null, null)),
        "2020-03-12", MARCH, null, Map.of());
    AttributionTruth.DumpTruth creds = new AttributionTruth.DumpTruth("cred-list", "unknown", "2020-05-02",
        "vendor-3", "undercover-2", false, "delimited:----", "utf-8", false, List.of("dumps/cred-list/c.txt"), 50,
        "unknown", List.of(new AttributionTruth.Source(null, "forum-creds", 50, 1.0, null, null)), null, null, null,
        Map.of());
    return new AttributionTruth(AttributionTruth.SCHEMA, AttributionWorld.CASE_ID, 1L, 1000,
        List.of("2020-03-01", "2020-04-01", "2020-05-01", "2020-06-01"), List.of(), List.of(leak, mix, creds));
  }

  private static AttributionScore.Row row(String dump, String platform, double share, boolean candidate,
      String verdict, String from, String to) {
    return new AttributionScore.Row(dump, platform, share, candidate, verdict,
        from == null ? null : LocalDate.parse(from), to == null ? null : LocalDate.parse(to));
  }

  private static List<AttributionScore.Row> right() {
    return List.of(
        row("courier-leak", "courier-x", 0.99, true, "attributed", "2020-03-01", "2020-04-01"),
        row("courier-leak", null, 0.01, false, "attributed", null, null),
        row("aggregate", "courier-x", 0.41, true, "mixture", "2020-03-01", "2020-04-01"),
        row("aggregate", "rental-z", 0.28, true, "mixture", "2020-04-01", "2020-06-01"),
        row("aggregate", "hotel-y", 0.0, false, "mixture", null, null),
        row("aggregate", null, 0.31, false, "mixture", null, null),
        row("cred-list", null, 1.0, false, "unknown", null, null));
  }

  @Test
  void rowsThatAgreeWithTheTruthScoreClean() {
    AttributionScore.Result r = AttributionScore.score(truth(), right());
    assertEquals(List.of(), r.mismatches());
    assertTrue(r.ok());
    assertEquals(3, r.dumpsRight());
    assertEquals("attribution score: 3 of 3 dumps right; 0 mismatches: 0 verdicts, 0 top sources, "
        + "0 false attributions, 0 shares off by more than 0.03, 0 windows", r.summary());
  }

  @Test
  void aFalseAttributionIsFlaggedApartWithItsVerdictTopAndShares() {
    // the job takes the credential list for rental-z's: a false attribution, the wrong verdict and top source
    List<AttributionScore.Row> rows = new java.util.ArrayList<>(right().subList(0, 6));
    rows.add(row("cred-list", "rental-z", 0.95, true, "attributed", "2020-02-01", "2020-03-01"));
    rows.add(row("cred-list", null, 0.05, false, "attributed", null, null));
    AttributionScore.Result r = AttributionScore.score(truth(), rows);
    assertEquals(1, r.falseAttributions());
    assertEquals(1, r.verdictsWrong());
    assertEquals(1, r.topWrong());
    assertEquals(1, r.sharesOff());
    assertEquals(2, r.dumpsRight());
    assertTrue(r.mismatches().contains("FALSE ATTRIBUTION cred-list: candidate rental-z (share 0.950) is not a "
        + "source; true sources unexplained 1.000"), r.mismatches().toString());
    assertTrue(r.mismatches().contains("cred-list: verdict attributed, true unknown"), r.mismatches().toString());
    assertTrue(r.mismatches().contains("cred-list: top source rental-z (0.950), true unexplained (1.000)"),
        r.mismatches().toString());
    assertTrue(r.mismatches().contains("cred-list: share of unexplained 0.050, true 1.000 (off by 0.950 > 0.03)"),
        r.mismatches().toString());
  }

  @Test
  void sharesOffWindowsWrongAndMissingDumpsAreMismatches() {
    List<AttributionScore.Row> rows = List.of(
        // the leak's window misses the extraction date and ends after the dump was obtained
        row("courier-leak", "courier-x", 1.0, true, "attributed", "2020-04-01", "2020-05-01"),
        // the mix attributed to courier-x alone: verdict, the rental-z share and the unexplained share are off
        row("aggregate", "courier-x", 0.92, true, "attributed", "2020-03-01", "2020-04-01"),
        row("aggregate", null, 0.08, false, "attributed", null, null),
        row("other-dump", null, 1.0, false, "unknown", null, null));
    AttributionScore.Result r = AttributionScore.score(truth(), rows);
    List<String> m = r.mismatches();
    assertTrue(m.contains("courier-leak: window of courier-x [2020-04-01 .. 2020-05-01] does not contain the "
        + "extraction date 2020-03-15 (true window 2020-03-01 .. 2020-04-01)"), m.toString());
    assertTrue(m.contains("courier-leak: window of courier-x [2020-04-01 .. 2020-05-01] ends after the dump was "
        + "obtained on 2020-04-20"), m.toString());
    assertTrue(m.contains("aggregate: verdict attributed, true mixture"), m.toString());
    assertTrue(m.contains("aggregate: share of courier-x 0.920, true 0.400 (off by 0.520 > 0.03)"), m.toString());
    assertTrue(m.contains("aggregate: share of rental-z 0.000, true 0.300 (off by 0.300 > 0.03)"), m.toString());
    assertTrue(m.contains("cred-list: no attribution rows (true verdict unknown)"), m.toString());
    assertTrue(m.contains("other-dump: attribution rows for a dump that is not in the truth"), m.toString());
    assertEquals(0, r.falseAttributions());
    assertEquals(2, r.windowsWrong());
    assertEquals(0, r.dumpsRight());
  }

  @Test
  void scoresAGeneratedTruthRereadFromItsFile() throws Exception {
    java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("attr-score");
    try {
      AttributionTruth t = Generator.generateAttribution(dir.resolve("case"), 600, 4L);
      // the truth restated as job rows scores clean
      List<AttributionScore.Row> rows = new java.util.ArrayList<>();
      for (AttributionTruth.DumpTruth d : t.dumps()) {
        for (AttributionTruth.Source s : d.sources()) {
          rows.add(new AttributionScore.Row(d.id(), s.platform(), s.share(), s.platform() != null, d.verdict(),
              s.window() == null ? null : LocalDate.parse(s.window().from()),
              s.window() == null || s.window().to() == null ? null : LocalDate.parse(s.window().to())));
        }
      }
      AttributionScore.Result r = AttributionScore.score(
          AttributionTruth.read(dir.resolve("case").resolve(AttributionTruth.FILE)), rows);
      assertTrue(r.ok(), r.mismatches().toString());
      assertEquals(8, r.dumpsRight());
    } finally {
      try (var s = java.nio.file.Files.walk(dir)) {
        for (java.nio.file.Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
          java.nio.file.Files.delete(p);
        }
      }
    }
  }
}
