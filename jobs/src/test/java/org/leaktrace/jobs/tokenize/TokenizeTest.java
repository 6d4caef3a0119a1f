package org.leaktrace.jobs.tokenize;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.leaktrace.jobs.classify.ClassifyStage;
import org.leaktrace.jobs.common.Cols;
import org.leaktrace.jobs.common.Tables;
import org.leaktrace.jobs.common.Workspace;
import org.leaktrace.jobs.config.CaseFile;
import org.leaktrace.jobs.generate.Generator;
import org.leaktrace.jobs.ingest.IngestStage;
import org.leaktrace.jobs.testing.SparkExtension;

/**
 * A platform tokenizes its export on its premises; the case reads the token files in place of the raw
 * export and gets the very same records and tokens, row by row (all that reference and attribute read
 * of a platform), and the token files hold no raw identifier.
 */
@ExtendWith(SparkExtension.class)
class TokenizeTest {

  @TempDir static Path dir;
  static Path caseDir;
  static Path tokens;

  @BeforeAll
  static void tokenizeAndIngestBoth(SparkSession spark) throws Exception {
    caseDir = dir.resolve("case");
    Generator.generate(caseDir, 150, 3L);
    tokens = dir.resolve("courier-x-tokens");
    CaseFile platformSide = CaseFile.forTokenize(caseDir.resolve("keys/case.key"), "courier-x",
        caseDir.resolve("platforms/courier-x"));
    TokenizeCommand.tokenize(spark, platformSide, new Workspace(dir.resolve("scratch"),
        dir.resolve("scratch/warehouse").toString()), tokens);

    // the investigator's side: the same case twice, with the raw export and with the token files
    CaseFile raw = CaseFile.load(caseDir.resolve("case.yaml"));
    String yaml = Files.readString(caseDir.resolve("case.yaml"), StandardCharsets.UTF_8)
        .replace("path: platforms/courier-x", "path: " + tokens);
    Files.writeString(caseDir.resolve("case-tokens.yaml"), yaml, StandardCharsets.UTF_8);
    CaseFile tok = CaseFile.load(caseDir.resolve("case-tokens.yaml"));
    for (CaseFile c : List.of(raw, tok)) {
      Workspace ws = Workspace.of(c, dir.resolve(c == raw ? "out-raw" : "out-tok"));
      IngestStage.run(spark, c, ws, List.of("courier-x"));
      ClassifyStage.run(spark, c, ws);
    }
  }

  private static Set<String> rows(SparkSession spark, String out, String table, String... cols) {
    return spark.read().format("delta").load(dir.resolve(out).resolve("warehouse").resolve(table).toString())
        .filter(col(Cols.DATASET).equalTo("platform:courier-x"))
        .selectExpr("concat_ws('|', " + String.join(", ", cols) + ")").collectAsList().stream()
        .map(r -> r.getString(0)).collect(Collectors.toSet());
  }

  @Test
  void tokenFilesGiveTheSameRecordsAndTokensAsTheRawExport(SparkSession spark) {
    Set<String> rawRecords = rows(spark, "out-raw", Tables.RECORDS, "string(snapshot)", "content_key", "class");
    assertEquals(rawRecords, rows(spark, "out-tok", Tables.RECORDS, "string(snapshot)", "content_key", "class"));
    assertTrue(rawRecords.size() > 100);
    Set<String> rawTokens = rows(spark, "out-raw", Tables.TOKENS, "type", "status", "token");
    assertEquals(rawTokens, rows(spark, "out-tok", Tables.TOKENS, "type", "status", "token"));
    assertEquals(rows(spark, "out-raw", Tables.COLUMNS, "column", "type"),
        rows(spark, "out-tok", Tables.COLUMNS, "column", "type"));
  }

  /**
   * Row by row: each snapshot row's content key and its full set of (type, status, token) are the same,
   * which is everything the reference and attribute stages read of a platform.
   */
  @Test
  void everyRowCarriesTheSameTokensEitherWay(SparkSession spark) {
    String perRow = "concat_ws('|', string(snapshot), content_key, coalesce(class, ''), "
        + "array_join(array_sort(t), ','))";
    java.util.function.Function<String, Set<String>> rowsOf = out -> {
      org.apache.spark.sql.Dataset<Row> rec = spark.read().format("delta")
          .load(dir.resolve(out).resolve("warehouse").resolve(Tables.RECORDS).toString());
      org.apache.spark.sql.Dataset<Row> tok = spark.read().format("delta")
          .load(dir.resolve(out).resolve("warehouse").resolve(Tables.TOKENS).toString())
          .groupBy(Cols.DATASET, Cols.ROW_ID)
          .agg(org.apache.spark.sql.functions.collect_list(
              org.apache.spark.sql.functions.concat_ws(":", col(Cols.TYPE), col(Cols.STATUS), col(Cols.TOKEN))).as("t"));
      return rec.join(tok, new String[] {Cols.DATASET, Cols.ROW_ID}).selectExpr(perRow).collectAsList().stream()
          .map(r -> r.getString(0)).collect(Collectors.toSet());
    };
    Set<String> raw = rowsOf.apply("out-raw");
    assertTrue(raw.size() > 100);
    assertEquals(raw, rowsOf.apply("out-tok"));
  }

  @Test
  void tokenFilesHoldNoRawIdentifier() throws Exception {
    Set<String> raw = new HashSet<>();
    try (Stream<Path> s = Files.list(caseDir.resolve("platforms/courier-x"))) {
      for (Path f : s.toList()) {
        for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
          for (String field : line.split(",")) {
            if (field.matches("1[3-9][0-9]{9}")) {
              raw.add(field);
            }
          }
        }
      }
    }
    assertTrue(raw.size() > 50, "the export's mobiles are known to the scan");
    List<Path> outputs;
    try (Stream<Path> s = Files.list(tokens)) {
      outputs = s.sorted().toList();
    }
    assertEquals(7, outputs.size(), "six snapshots and tokenize.json");
    for (Path f : outputs) {
      String text = Files.readString(f, StandardCharsets.UTF_8);
      for (String v : raw) {
        assertFalse(text.contains(v), "a raw mobile in " + f.getFileName());
      }
    }
    assertTrue(Files.readString(tokens.resolve("tokenize.json")).contains("\"key_check\""));
  }

  @Test
  void tokenFileRowsAreTypedByTheirHeader(SparkSession spark) {
    List<Row> cols = spark.read().format("delta")
        .load(dir.resolve("out-tok/warehouse").resolve(Tables.COLUMNS).toString())
        .filter(col(Cols.DECIDED_BY).equalTo("tokenized")).collectAsList();
    assertEquals(5, cols.size());
  }
}
