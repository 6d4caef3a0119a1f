package org.leaktrace.jobs.attribute;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.leaktrace.jobs.common.Cols;
import org.leaktrace.jobs.common.Tables;
import org.leaktrace.jobs.common.Workspace;
import org.leaktrace.jobs.reference.ReferenceStage;
import org.leaktrace.jobs.testing.SparkExtension;

/**
 * generate → ingest → classify → reference → attribute on a generated case ({@link AttributionCase}):
 * each dump's verdict, shares and window against truth.json, a rival courier's dump that shares phones
 * and addresses with courier-x but is not its copy, and the same case with every platform given as
 * token files from {@code tokenize} giving the very same evidence and verdicts. Prints aggregates
 * only, never a token.
 */
@ExtendWith(SparkExtension.class)
class AttributionEndToEndTest {

  static final String RIVAL = AttributionCase.RIVAL;
  static final List<String> PLATFORMS = AttributionCase.PLATFORMS;

  static AttributionCase fixture;
  static JsonNode truth;
  static Map<String, ObjectNode> raw;
  static Workspace ws;

  @BeforeAll
  static void run(SparkSession spark) throws Exception {
    fixture = AttributionCase.get(spark);
    truth = fixture.truth;
    raw = fixture.rawVerdicts;
    ws = fixture.raw;
    raw.forEach((d, a) -> System.out.println("attribution seed " + fixture.seed + " " + d + ": " + a));
  }

  private static JsonNode truthOf(String dump) {
    for (JsonNode d : truth.get("dumps")) {
      if (d.get("id").asText().equals(dump)) {
        return d;
      }
    }
    throw new AssertionError("no truth for " + dump);
  }

  private static JsonNode top(String dump) {
    JsonNode cands = raw.get(dump).get("candidates");
    assertTrue(cands.size() > 0, dump + " has a candidate");
    return cands.get(0);
  }

  private static double share(JsonNode attribution, String platform) {
    for (JsonNode m : attribution.get("mixture")) {
      if (platform == null ? m.get("platform").isNull() : platform.equals(m.get("platform").asText(null))) {
        return m.get("share").asDouble();
      }
    }
    return 0.0;
  }

  @Test
  void singleSourceLeakIsAttributedWithinTheSnapshotInterval() {
    ObjectNode a = raw.get("courier-leak");
    assertEquals("attributed", a.get("verdict").asText());
    JsonNode c = top("courier-leak");
    assertEquals("courier-x", c.get("platform").asText());
    assertTrue(c.get("score").asDouble() > 0.9, "score " + c.get("score"));
    JsonNode t = truthOf("courier-leak");
    LocalDate ext = LocalDate.parse(t.get("extraction_date").asText());
    assertFalse(c.get("window").get("from").isNull() || c.get("window").get("to").isNull(), "window is closed");
    LocalDate from = LocalDate.parse(c.get("window").get("from").asText());
    LocalDate to = LocalDate.parse(c.get("window").get("to").asText());
    assertTrue(!from.isAfter(ext) && !to.isBefore(ext), "window " + from + ".." + to + " holds " + ext);
    assertFalse(from.isBefore(LocalDate.parse(t.get("extraction_window").get("from").asText())));
    assertFalse(to.isAfter(LocalDate.parse(t.get("extraction_window").get("to").asText())));
  }

  @Test
  void resoldSubsetIsAttributedToTheSamePlatform() {
    assertEquals("attributed", raw.get("courier-resold").get("verdict").asText());
    assertEquals("courier-x", top("courier-resold").get("platform").asText());
  }

  @Test
  void mixtureSharesMatchTheTruth() {
    ObjectNode a = raw.get("hotel-mix");
    assertEquals("mixture", a.get("verdict").asText());
    double truthShare = 0;
    for (JsonNode s : truthOf("hotel-mix").get("sources")) {
      if ("hotel-y".equals(s.get("platform").asText(null))) {
        truthShare = s.get("share").asDouble();
      }
    }
    assertEquals(truthShare, share(a, "hotel-y"), 0.03, "hotel-y share");
    assertTrue(share(a, null) > 0.2, "the gym rows stay unexplained");
    double sum = 0;
    for (JsonNode m : a.get("mixture")) {
      sum += m.get("share").asDouble();
    }
    assertEquals(1.0, sum, 1e-3);
  }

  @Test
  void partnerCopyNamesTheCanaryPartner() {
    assertEquals("attributed", raw.get("shop-partner3").get("verdict").asText());
    JsonNode c = top("shop-partner3");
    assertEquals("shop-w", c.get("platform").asText());
    // the three canary records of partner-3 planted in its copy, each found whole
    assertEquals(3, c.get("canary_hits").asInt());
    assertEquals("partner-3", c.get("canary_partners").get(0).asText());
    assertEquals(1, c.get("canary_partners").size());
  }

  @Test
  void aRecycledCanaryNumberIsNotTheCanaryRecord(SparkSession spark) {
    // loan-unknown holds partner-1's planted mobile on a real borrower's row: not partner-1's copy
    List<Row> rows = spark.read().format("delta").load(ws.table(Tables.ATTRIBUTION))
        .filter(col(Cols.DUMP).equalTo("loan-unknown")).collectAsList();
    assertFalse(rows.isEmpty());
    for (Row r : rows) {
      assertEquals(0L, r.<Long>getAs(Cols.CANARY_HITS), String.valueOf(r.<String>getAs(Cols.PLATFORM)));
    }
    assertEquals("unknown", raw.get("loan-unknown").get("verdict").asText());
  }

  @Test
  void dumpsFromPlatformsOutsideTheReferenceAreUnknown() {
    for (String d : List.of("loan-unknown", "hidden-a", "hidden-b", RIVAL)) {
      assertEquals("unknown", raw.get(d).get("verdict").asText(), d);
      assertEquals(0, raw.get(d).get("candidates").size(), d);
      assertEquals(1.0, share(raw.get(d), null), 1e-9, d);
    }
  }

  @Test
  void overlapAloneDoesNotAttribute(SparkSession spark) {
    Row rival = spark.read().format("delta").load(ws.table(Tables.ATTRIBUTION))
        .filter(col(Cols.DUMP).equalTo(RIVAL).and(col(Cols.PLATFORM).equalTo("courier-x"))).first();
    assertTrue(rival.<Double>getAs(Cols.CONTAINMENT) > 0.9, "the rival's people are all on courier-x");
    assertEquals(0L, rival.<Long>getAs(Cols.AGREEING_ROWS));
  }

  @Test
  void referenceHistoryHasOneCommitPerSnapshotAndTimeTravels(SparkSession spark) {
    String loc = ws.table(Tables.REF_TOKENS);
    long v = ReferenceStage.versionAt(spark, loc, LocalDate.of(2020, 3, 1));
    assertTrue(v > 0);
    Row then = spark.read().format("delta").option("versionAsOf", v).load(loc)
        .agg(org.apache.spark.sql.functions.max(Cols.VALID_TO)).first();
    assertEquals("2020-03-01", then.get(0).toString());
    assertEquals(6, spark.sql("DESCRIBE HISTORY delta.`" + loc + "`")
        .filter(col("userMetadata").startsWith(ReferenceStage.SNAPSHOT_NOTE)).count());
  }

  @Test
  void exhibitListsEveryPairWithoutTokens() throws Exception {
    List<String> lines = Files.readAllLines(ws.exhibit().resolve("attribution.csv"), StandardCharsets.UTF_8);
    assertTrue(lines.get(0).endsWith("dump,platform,score,containment,exclusive_rows,canary_hits,window_from,window_to"));
    assertEquals(1 + raw.size() * PLATFORMS.size(), lines.size());
    String all = String.join("\n", lines) + raw.toString();
    assertFalse(all.matches("(?s).*[0-9a-f]{32}.*"), "no token in the exhibit or the summary fragment");
  }

  @Test
  void everyCountedRowIsAssignedOnce(SparkSession spark) {
    List<Row> rows = spark.read().format("delta").load(ws.table(Tables.ATTRIBUTION_ROWS))
        .groupBy(Cols.DUMP).agg(org.apache.spark.sql.functions.count("*"),
            org.apache.spark.sql.functions.countDistinct(Cols.ROW_ID)).collectAsList();
    assertEquals(raw.size(), rows.size());
    for (Row r : rows) {
      assertEquals(r.getLong(1), r.getLong(2));
    }
    Map<String, Long> byEvidence = new LinkedHashMap<>();
    spark.read().format("delta").load(ws.table(Tables.ATTRIBUTION_ROWS))
        .filter(col(Cols.DUMP).equalTo("shop-partner3")).groupBy(Cols.EVIDENCE).count().collectAsList()
        .forEach(r -> byEvidence.put(r.getString(0), r.getLong(1)));
    assertNotNull(byEvidence.get(AttributeStage.CANARY), "canary rows are assigned by their canary");
  }

  @Test
  void tokenFilePlatformsGiveTheSameEvidenceAndVerdicts(SparkSession spark) {
    assertEquals(raw, fixture.tokVerdicts);
    String all = "concat_ws('|', " + String.join(", ", Arrays.stream(Tables.ATTRIBUTION_SCHEMA.fieldNames())
        .map(f -> "string(" + f + ")").toList()) + ")";
    java.util.function.Function<Workspace, List<String>> rowsOf = w -> spark.read().format("delta")
        .load(w.table(Tables.ATTRIBUTION)).selectExpr(all).collectAsList().stream().map(r -> r.getString(0))
        .sorted().toList();
    List<String> fromRaw = rowsOf.apply(ws);
    assertEquals(raw.size() * (PLATFORMS.size() + 1), fromRaw.size());
    assertEquals(fromRaw, rowsOf.apply(fixture.tok));
  }
}
