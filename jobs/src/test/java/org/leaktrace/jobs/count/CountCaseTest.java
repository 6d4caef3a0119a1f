package org.leaktrace.jobs.count;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.leaktrace.jobs.count.CountFixtures.allRows;
import static org.leaktrace.jobs.count.CountFixtures.nonZero;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.leaktrace.jobs.common.Cols;
import org.leaktrace.jobs.common.Conf;
import org.leaktrace.jobs.common.Tables;
import org.leaktrace.jobs.common.Workspace;
import org.leaktrace.jobs.config.CaseFile;
import org.leaktrace.jobs.report.CountSummaries;
import org.leaktrace.jobs.rules.CountParams;
import org.leaktrace.jobs.rules.DatasetIds;
import org.leaktrace.jobs.testing.SparkExtension;
import org.leaktrace.udf.taxonomy.Taxonomy;

/**
 * Case-wide figures over four dumps of two sellers, end to end through {@link CountStage#run} on Delta:
 * identity chains across dumps, a piece in two dumps counted once, Art. 11 by seller and buyer,
 * minors judged at each dump's date, the summary.json fragments, re-runs and determinism.
 */
@ExtendWith(SparkExtension.class)
class CountCaseTest {

  static final List<DumpInfo> DUMPS = List.of(
      new DumpInfo("dump:x", LocalDate.parse("2015-06-01"), "s1", "b1", false),
      new DumpInfo("dump:y", LocalDate.parse("2020-06-01"), "s1", "b2", true),
      new DumpInfo("dump:w", LocalDate.parse("2020-07-01"), "s1", "b1", false),
      new DumpInfo("dump:z", LocalDate.parse("2020-08-01"), null, null, false));

  private static final String PARTITIONS = "spark.sql.shuffle.partitions";

  @TempDir static Path dir;
  static CountFixtures.Builder fixture;
  static Taxonomy taxonomy;
  static CaseFile caseFile;
  static Workspace ws;
  static List<Row> audit;
  static Map<String, Row> impact;
  static Map<String, Row> sellers;
  static CountSummaries.Json json;

  /**
   * x1 -m1- y1 -i1- z1 -e1- w1 is one person across four dumps; y1 and z1 carry the same resident ID
   * (born 2005-01-01: 10 at dump x's date, 15 at the others'). kS is one piece in x and y with no
   * token (same content: same piece, same person); kT is one piece in x and w sharing an email. The
   * platform row shares tokens with both chains and must link nothing.
   */
  static CountFixtures.Builder fixture() {
    LocalDate born = LocalDate.parse("2005-01-01");
    return new CountFixtures.Builder()
        .piece("dump:x", 1, "cx1", "other").piece("dump:x", 2, "kS", "accommodation").piece("dump:x", 3, "kT", "other")
        .row("dump:y", 1, "cy1", "other", true, born).piece("dump:y", 2, "kS", "accommodation")
        .piece("dump:w", 1, "cw1", "other").piece("dump:w", 2, "kT", "other")
        .row("dump:z", 1, "cz1", "other", true, born)
        .piece("platform:courier-x", 1, "cp1", "other")
        .token("dump:x", 1, "cn_mobile", "valid", "m1").token("dump:x", 3, "email", "valid", "eP")
        .token("dump:y", 1, "cn_mobile", "valid", "m1").token("dump:y", 1, "cn_resident_id", "valid", "i1")
        .token("dump:z", 1, "cn_resident_id", "valid", "i1").token("dump:z", 1, "email", "valid", "e1")
        .token("dump:w", 1, "email", "valid", "e1").token("dump:w", 2, "email", "valid", "eP")
        .token("platform:courier-x", 1, "cn_mobile", "valid", "m1")
        .token("platform:courier-x", 1, "email", "valid", "eP");
  }

  @BeforeAll
  static void count(SparkSession spark) throws Exception {
    fixture = fixture();
    caseFile = CountFixtures.caseFile(dir, "cn-spc-2017");
    taxonomy = Conf.taxonomy(caseFile);
    ws = Workspace.of(caseFile, dir.resolve("out"));
    fixture.recordsDF(spark).write().format("delta").save(ws.table(Tables.RECORDS));
    fixture.tokensDF(spark).write().format("delta").save(ws.table(Tables.TOKENS));
    CountStage.run(spark, caseFile, ws);
    audit = table(spark, Tables.COUNT_AUDIT).orderBy(Cols.DATASET, Cols.ROW_ID).collectAsList();
    impact = CountFixtures.byKey(table(spark, Tables.IMPACT));
    sellers = CountFixtures.byKey(table(spark, Tables.IMPACT_BY_SELLER));
    json = CountSummaries.read(spark, ws, taxonomy);
  }

  static Dataset<Row> table(SparkSession spark, String name) {
    return spark.read().format("delta").load(ws.table(name));
  }

  @Test
  void chainsAcrossDumpsAreOneIndividualForTheCaseButNotPerDump() {
    assertEquals(List.of(3L, 2L, 2L, 1L), DUMPS.stream()
        .map(d -> impact.get(d.dataset()).<Long>getAs(Cols.INDIVIDUALS)).collect(Collectors.toList()));
    Row c = impact.get(DatasetIds.CASE_ROW);
    assertEquals(3L, (Long) c.getAs(Cols.INDIVIDUALS));
    // the case component is the smallest (dataset, row_id) of the person's pieces
    List<String> components = audit.stream()
        .map(r -> r.getAs(Cols.DATASET) + "/" + r.getAs(Cols.ROW_ID) + "->"
            + r.<Row>getAs(Cols.CASE_COMPONENT).get(0) + "/" + r.<Row>getAs(Cols.CASE_COMPONENT).get(1))
        .collect(Collectors.toList());
    assertEquals(List.of("dump:w/1->dump:w/1", "dump:w/2->dump:w/2", "dump:x/1->dump:w/1", "dump:x/2->dump:x/2",
        "dump:x/3->dump:w/2", "dump:y/1->dump:w/1", "dump:y/2->dump:x/2", "dump:z/1->dump:w/1"), components);
  }

  @Test
  void aPieceInTwoDumpsIsOnePieceForTheCase() {
    Row c = impact.get(DatasetIds.CASE_ROW);
    assertEquals(6L, (Long) c.getAs(Cols.PIECES));
    assertEquals(Map.of("other", 5L, "accommodation", 1L), nonZero(c, Cols.PIECES_BY_CLASS));
    assertEquals(Map.of("other", 2L, "accommodation", 1L), nonZero(c, Cols.INDIVIDUALS_BY_CLASS));
    assertEquals(8L, (Long) c.getAs(Cols.ROWS));
  }

  @Test
  void minorsForTheCaseAreJudgedAtEachDumpsObtainedDate() {
    assertEquals(List.of(0L, 0L, 0L, 0L), DUMPS.stream()
        .map(d -> impact.get(d.dataset()).<Long>getAs(Cols.MINORS_UNDER_14)).collect(Collectors.toList()));
    assertEquals(1L, (Long) impact.get(DatasetIds.CASE_ROW).getAs(Cols.MINORS_UNDER_14));
  }

  @Test
  void bySellerCountsAPieceOncePerBuyer() {
    assertEquals(List.of("s1", "unknown"), List.copyOf(sellers.keySet()));
    Row s1 = sellers.get("s1");
    // kS went to b1 and b2: twice; kT went to b1 through x and w: once
    assertEquals(6L, (Long) s1.getAs(Cols.PIECES));
    assertEquals(Map.of("other", 4L, "accommodation", 2L), nonZero(s1, Cols.PIECES_BY_CLASS));
    assertEquals(List.of("b1", "b2"), s1.getList(s1.fieldIndex(Cols.BUYERS)));
    assertEquals(List.of("dump:w", "dump:x", "dump:y"), s1.getList(s1.fieldIndex(Cols.DUMPS)));
    // one of s1's dumps is insider: its thresholds are halved (4/2500 + 2/250)
    assertEquals("none|0.0096|true", s1.getAs(Cols.SEVERITY_LEVEL) + "|" + s1.getAs(Cols.RATIO_SUM) + "|"
        + s1.getAs(Cols.THRESHOLDS_HALVED));
    Row unknown = sellers.get("unknown");
    assertEquals(1L, (Long) unknown.getAs(Cols.PIECES));
    assertEquals(List.of("unknown"), unknown.getList(unknown.fieldIndex(Cols.BUYERS)));
  }

  @Test
  void summariesHaveTheContractShape() {
    assertEquals(List.of("dump:w", "dump:x", "dump:y", "dump:z"), List.copyOf(json.dumps().keySet()));
    ObjectNode y = json.dumps().get("dump:y");
    assertEquals("{\"rows_duplicate\":0,\"rows_unverifiable\":0,\"rows_not_personal\":0,\"impact\":{"
        + "\"individuals\":2,\"minors_under_14\":0,\"pieces\":2,"
        + "\"pieces_by_class\":{\"whereabouts\":0,\"communication_content\":0,\"credit\":0,\"property\":0,"
        + "\"accommodation\":1,\"communication_records\":0,\"health\":0,\"transaction\":0,\"other\":1},"
        + "\"individuals_by_class\":{\"whereabouts\":0,\"communication_content\":0,\"credit\":0,\"property\":0,"
        + "\"accommodation\":1,\"communication_records\":0,\"health\":0,\"transaction\":0,\"other\":1},"
        + "\"severity\":{\"level\":\"none\",\"ratio_sum\":0.0044,\"thresholds_halved\":true}}}", y.toString());
    ObjectNode c = json.caseImpact();
    assertEquals(List.of("individuals", "minors_under_14", "pieces", "pieces_by_class", "individuals_by_class",
        "by_seller"), iterable(c.fieldNames()));
    assertEquals(3, c.get("individuals").asInt());
    assertEquals("{\"seller\":\"s1\",\"buyers\":[\"b1\",\"b2\"],\"dumps\":[\"dump:w\",\"dump:x\",\"dump:y\"],"
        + "\"pieces\":6,\"pieces_by_class\":{\"whereabouts\":0,\"communication_content\":0,\"credit\":0,"
        + "\"property\":0,\"accommodation\":2,\"communication_records\":0,\"health\":0,\"transaction\":0,"
        + "\"other\":4},\"severity\":{\"level\":\"none\",\"ratio_sum\":0.0096,\"thresholds_halved\":true}}",
        c.get("by_seller").get(0).toString());
  }

  @Test
  void auditHasTheTableSchemaAndLeavesPlatformsOut() {
    assertEquals(8, audit.size());
    assertEquals(List.of(Tables.COUNT_AUDIT_SCHEMA.fieldNames()), List.of(audit.get(0).schema().fieldNames()));
  }

  /**
   * Same rows whatever the number of shuffle partitions: a re-run of the stage with 64 replaces the
   * tables with identical rows (not twice as many), and the pure transform with 1 gives them too.
   * Adaptive execution stays on as configured: the map side still hashes into 1 or 64 buckets, and
   * turning coalescing off made this one test cost more than all the others on the shared 2-core
   * machine. The number of cores (local[1] vs local[2]) needs a second SparkSession, which the shared
   * test JVM does not create; every id is a minimum and every figure a distinct count, so neither
   * depends on task order.
   */
  @Test
  void aReRunReplacesTheTablesAndFiguresDoNotDependOnPartitioning(SparkSession spark) {
    List<String> auditRows = allRows(audit);
    List<String> impactRows = allRows(impact.values());
    List<String> sellerRows = allRows(sellers.values());
    String partitions = spark.conf().get(PARTITIONS);
    try {
      spark.conf().set(PARTITIONS, "64");
      CountStage.run(spark, caseFile, ws);
      assertEquals(auditRows, allRows(table(spark, Tables.COUNT_AUDIT)), "audit after a re-run with 64 partitions");
      assertEquals(impactRows, allRows(table(spark, Tables.IMPACT)), "impact after a re-run with 64 partitions");
      assertEquals(sellerRows, allRows(table(spark, Tables.IMPACT_BY_SELLER)), "by seller after a re-run");
      spark.conf().set(PARTITIONS, "1");
      try (CountResult r = CountStage.transform(fixture.recordsDF(spark), fixture.tokensDF(spark), DUMPS, taxonomy,
          CountParams.defaults())) {
        assertEquals(auditRows, allRows(r.auditDF()), "audit with 1 partition");
        assertEquals(impactRows, allRows(r.impactDF()), "impact with 1 partition");
        assertEquals(sellerRows, allRows(r.bySellerDF()), "by seller with 1 partition");
      }
    } finally {
      spark.conf().set(PARTITIONS, partitions);
    }
  }

  private static List<String> iterable(java.util.Iterator<String> it) {
    List<String> out = new java.util.ArrayList<>();
    it.forEachRemaining(out::add);
    return out;
  }
}
