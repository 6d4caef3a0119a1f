package org.leaktrace.jobs.e2e;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.leaktrace.jobs.common.Cols;
import org.leaktrace.jobs.common.Tables;
import org.leaktrace.jobs.common.Workspace;
import org.leaktrace.jobs.config.CaseFile;
import org.leaktrace.jobs.generate.Generator;
import org.leaktrace.jobs.ingest.IngestStage;
import org.leaktrace.jobs.report.ReportStage;
import org.leaktrace.jobs.testing.SparkExtension;

/** generate → ingest → report on a fixed seed: the line accounting equals truth.json, file by file. */
@ExtendWith(SparkExtension.class)
class GeneratedCaseIngestTest {

  @TempDir static Path dir;
  static JsonNode truth;
  static JsonNode summary;
  static Workspace ws;

  @BeforeAll
  static void run(SparkSession spark) throws Exception {
    Path caseDir = dir.resolve("case");
    Generator.generate(caseDir, 400, 7L);
    ObjectMapper m = new ObjectMapper();
    truth = m.readTree(caseDir.resolve("truth.json").toFile());
    CaseFile c = CaseFile.load(caseDir.resolve("case.yaml"));
    ws = Workspace.of(c, dir.resolve("out"));
    IngestStage.run(spark, c, ws, List.of());
    ReportStage.run(spark, c, ws);
    summary = m.readTree(ws.exhibit().resolve("summary.json").toFile());
  }

  @Test
  void everyFileIsAccountedForAsTheTruthSays(SparkSession spark) {
    Map<String, Row> custody = new HashMap<>();
    for (Row r : spark.read().format("delta").load(ws.table(Tables.CUSTODY))
        .filter(col(Cols.KIND).equalTo("dump")).collectAsList()) {
      custody.put(r.getAs(Cols.PATH), r);
    }
    int files = 0;
    for (JsonNode d : truth.get("dumps")) {
      for (JsonNode f : d.get("files")) {
        Row r = custody.get(f.get("path").asText());
        assertTrue(r != null, "no custody row for " + f.get("path"));
        assertEquals(f.get("lines_read").asLong(), (Long) r.getAs(Cols.LINES_READ), f.get("path").asText());
        assertEquals(f.get("rows_parsed").asLong(), (Long) r.getAs(Cols.ROWS_PARSED), f.get("path").asText());
        assertEquals(f.get("rows_quarantined").asLong(), (Long) r.getAs(Cols.ROWS_QUARANTINED), f.get("path").asText());
        Map<String, Long> expected = new HashMap<>();
        f.get("quarantine_by_reason").fields().forEachRemaining(e -> expected.put(e.getKey(), e.getValue().asLong()));
        assertEquals(expected, new HashMap<>(r.<String, Long>getJavaMap(r.fieldIndex(Cols.QUARANTINE_BY_REASON))),
            f.get("path").asText());
        files++;
      }
    }
    assertEquals(custody.size(), files, "the truth and the warehouse list the same dump files");
  }

  @Test
  void summaryTotalsAndQuarantinedLinesMatchTheTruth() {
    Map<String, JsonNode> byId = new HashMap<>();
    summary.get("dumps").forEach(d -> byId.put(d.get("id").asText(), d));
    for (JsonNode t : truth.get("dumps")) {
      JsonNode s = byId.get(t.get("id").asText());
      for (String k : List.of("lines_read", "rows_parsed", "rows_quarantined")) {
        assertEquals(t.get(k).asLong(), s.get(k).asLong(), t.get("id").asText() + " " + k);
      }
      assertEquals(t.get("rows_quarantined").asLong(), s.get("quarantined_lines").size());
      for (JsonNode q : s.get("quarantined_lines")) {
        assertTrue(q.get("line").asLong() > 0 && !q.get("reason").asText().isEmpty());
        assertTrue(q.get("file").asText().startsWith("dumps/" + t.get("id").asText() + "/"));
      }
    }
  }

  @Test
  void inputsListEveryFileWithItsHash() throws Exception {
    int checked = 0;
    for (JsonNode in : summary.get("inputs")) {
      Path f = dir.resolve("case").resolve(in.get("path").asText());
      assertEquals(org.leaktrace.jobs.ingest.IngestStageTest.sha256sum(f), in.get("sha256").asText());
      checked++;
    }
    assertTrue(checked > 20, "platform snapshots and dump files are all listed");
  }
}
