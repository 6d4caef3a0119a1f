package org.leaktrace.jobs.trace;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.leaktrace.jobs.attribute.AttributionCase;
import org.leaktrace.jobs.common.Cols;
import org.leaktrace.jobs.common.Tables;
import org.leaktrace.jobs.estimate.Chapman;
import org.leaktrace.jobs.report.ReportStage;
import org.leaktrace.jobs.rules.ResaleEdge;
import org.leaktrace.jobs.testing.SparkExtension;

/**
 * trace and estimate on the shared generated case ({@link AttributionCase}): every true resale edge of
 * truth.json and of the derived dumps (a re-formatted copy, a re-sample of a re-sample, a merge, a
 * partner copy resold without its canaries) with its direction, no other edge, lineage through the
 * edges, and the hidden platform's size estimated without the derived copies.
 */
@ExtendWith(SparkExtension.class)
class TraceEndToEndTest {

  static AttributionCase fixture;
  static List<ResaleEdge> edges;
  static JsonNode summary;

  @BeforeAll
  static void run(SparkSession spark) throws Exception {
    fixture = AttributionCase.get(spark);
    edges = ResaleEdge.read(spark, fixture.raw);
    ReportStage.run(spark, fixture.rawCase, fixture.raw);
    summary = new ObjectMapper().readTree(fixture.raw.exhibit().resolve("summary.json").toFile());
    edges.forEach(e -> System.out.println("trace seed " + fixture.seed + ": " + e));
  }

  private static ResaleEdge edge(String from, String to) {
    return edges.stream().filter(e -> e.from().equals(from) && e.to().equals(to)).findFirst()
        .orElseThrow(() -> new AssertionError("no edge " + from + " -> " + to + " in " + edges));
  }

  @Test
  void everyTrueEdgeIsFoundWithItsDirectionAndNoOther() {
    Set<String> expected = new TreeSet<>();
    for (JsonNode e : fixture.truth.get("resale_edges")) {
      expected.add(e.get("from").asText() + " -> " + e.get("to").asText() + " " + e.get("relation").asText());
      assertEquals(e.get("shared_rows").asLong(), edge(e.get("from").asText(), e.get("to").asText()).sharedRows(),
          "shared rows of " + e);
    }
    expected.add("hidden-a -> " + AttributionCase.COPY + " same");
    expected.add("courier-resold -> " + AttributionCase.RESAMPLE + " subset");
    expected.add("hidden-b -> " + AttributionCase.MERGE + " superset");
    expected.add("loan-unknown -> " + AttributionCase.MERGE + " superset");
    expected.add("shop-partner3 -> " + AttributionCase.PARTNER_RESOLD + " subset");
    Set<String> kept = new TreeSet<>();
    edges.stream().filter(ResaleEdge::kept).forEach(e -> kept.add(e.from() + " -> " + e.to() + " " + e.relation()));
    assertEquals(expected, kept);
  }

  @Test
  void aReSampleOfAReSampleIsNotAlsoTiedToTheFirstDump() {
    ResaleEdge e = edge("courier-leak", AttributionCase.RESAMPLE);
    assertFalse(e.kept());
    assertEquals("implied by courier-leak -> courier-resold -> " + AttributionCase.RESAMPLE, e.note());
    assertEquals(1.0, edge("hidden-a", AttributionCase.COPY).containment(), 0.0, "the copy holds every record");
  }

  @Test
  void canariesFollowTheEdgesToTheResold() {
    JsonNode lineage = summary.get("resale").get("lineage");
    JsonNode resold = null;
    JsonNode copy = null;
    for (JsonNode l : lineage) {
      if (l.get("dump").asText().equals(AttributionCase.PARTNER_RESOLD)) {
        resold = l;
      } else if (l.get("dump").asText().equals("shop-partner3")) {
        copy = l;
      }
    }
    assertNotNull(copy, "the partner copy holds the canaries: " + lineage);
    assertEquals("partner-3", copy.get("partner").asText());
    assertTrue(copy.get("canary_hits").asLong() > 0);
    assertNotNull(resold, "its resale inherits the partner: " + lineage);
    assertEquals("partner-3", resold.get("partner").asText());
    assertEquals(0, resold.get("canary_hits").asLong(), "the resale holds no canary itself");
    assertEquals("[\"shop-partner3\",\"" + AttributionCase.PARTNER_RESOLD + "\"]", resold.get("via").toString());
  }

  @Test
  void hiddenPlatformSizeIsEstimatedWithoutTheDerivedCopies() {
    JsonNode truth = fixture.truth.get("estimates").get(0);
    JsonNode est = null;
    for (JsonNode e : summary.get("estimates")) {
      if (e.get("samples").toString().equals("[\"hidden-a\",\"hidden-b\"]")) {
        est = e;
      }
    }
    assertNotNull(est, "an estimate from hidden-a and hidden-b: " + summary.get("estimates"));
    assertEquals("chapman", est.get("method").asText());
    assertTrue(est.get("platform").asText().startsWith("unknown-"));
    assertEquals(truth.get("m").asLong(), est.get("recaptured").asLong());
    assertEquals(truth.get("n1").asLong(), est.get("sample_rows").get(0).asLong());
    assertEquals(truth.get("n2").asLong(), est.get("sample_rows").get(1).asLong());
    long size = truth.get("true_size").asLong();
    assertTrue(est.get("ci95").get(0).asLong() <= size && size <= est.get("ci95").get(1).asLong(),
        "interval " + est.get("ci95") + " holds the true size " + size);
    Set<String> excluded = new TreeSet<>();
    est.get("excluded").forEach(x -> excluded.add(x.get("dump").asText()));
    assertEquals(Set.of(AttributionCase.COPY, AttributionCase.MERGE), excluded);

    // what the copy would have done: a "recapture" of every record, an estimate near one sample's size
    long n = est.get("sample_rows").get(0).asLong();
    Chapman biased = new Chapman(n, n, edge("hidden-a", AttributionCase.COPY).sharedRows());
    long[] ci = biased.interval(2000, 20170601L, 0.95);
    assertTrue(ci[1] < size, "with the copy the interval " + ci[0] + ".." + ci[1] + " would miss " + size);
  }

  @Test
  void derivedDumpsOfAReferencePlatformAreStatedAsExcluded() {
    JsonNode courier = null;
    for (JsonNode e : summary.get("estimates")) {
      if (e.get("platform").asText().equals("courier-x")) {
        courier = e;
      }
    }
    assertNotNull(courier, summary.get("estimates").toString());
    assertEquals("none", courier.get("method").asText());
    assertEquals("[\"courier-leak\"]", courier.get("samples").toString());
    assertEquals(2, courier.get("excluded").size());
    assertTrue(courier.get("reference_size").asLong() > 0, "the platform's own size is shown as a check");
  }

  @Test
  void pairsCoverEveryPairOfDumpsOnce(SparkSession spark) throws Exception {
    long dumps = fixture.rawCase.dumps().size();
    List<Row> pairs = spark.read().format("delta").load(fixture.raw.table(Tables.RESALE_PAIRS)).collectAsList();
    assertEquals(dumps * (dumps - 1) / 2, pairs.size());
    Row rival = spark.read().format("delta").load(fixture.raw.table(Tables.RESALE_PAIRS))
        .filter(col(Cols.DUMP_A).equalTo("courier-leak").and(col(Cols.DUMP_B).equalTo(AttributionCase.RIVAL))).first();
    assertTrue(rival.<Double>getAs(Cols.ID_B_IN_A) > 0.05, "the rival shares people with the leak");
    assertEquals(0L, rival.<Long>getAs(Cols.SHARED_B), "but no record");
    List<String> csv = Files.readAllLines(fixture.raw.exhibit().resolve("resale.csv"), StandardCharsets.UTF_8);
    assertEquals("\uFEFFfrom,to,relation,containment,shared_rows,from_in_to,to_in_from", csv.get(0));
    assertEquals(1 + summary.get("resale").get("edges").size(), csv.size());
  }
}
