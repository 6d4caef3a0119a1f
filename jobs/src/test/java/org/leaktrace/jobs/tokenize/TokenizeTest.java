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
import org.leaktrace.jobs.attribute.AttributionCase;
import org.leaktrace.jobs.common.Cols;
import org.leaktrace.jobs.common.Tables;
import org.leaktrace.jobs.common.Workspace;
import org.leaktrace.jobs.testing.SparkExtension;

/**
 * Each platform tokenizes its export on its premises; the case reads the token files in place of the
 * raw exports and gets the very same records and tokens, row by row (all that reference and attribute
 * read of a platform), and the token files hold no raw identifier. Runs on the shared {@link
 * AttributionCase}, whose attribution test checks the verdicts too.
 */
@ExtendWith(SparkExtension.class)
class TokenizeTest {

  static AttributionCase fixture;

  @BeforeAll
  static void shared(SparkSession spark) throws Exception {
    fixture = AttributionCase.get(spark);
  }

  private static Set<String> rows(SparkSession spark, Workspace w, String table, String... cols) {
    return spark.read().format("delta").load(w.table(table))
        .filter(col(Cols.DATASET).startsWith("platform:"))
        .selectExpr("concat_ws('|', " + Cols.DATASET + ", " + String.join(", ", cols) + ")").collectAsList().stream()
        .map(r -> r.getString(0)).collect(Collectors.toSet());
  }

  @Test
  void tokenFilesGiveTheSameRecordsAndTokensAsTheRawExport(SparkSession spark) {
    Set<String> rawRecords = rows(spark, fixture.raw, Tables.RECORDS, "string(snapshot)", "content_key", "class");
    assertEquals(rawRecords, rows(spark, fixture.tok, Tables.RECORDS, "string(snapshot)", "content_key", "class"));
    assertTrue(rawRecords.size() > 400);
    Set<String> rawTokens = rows(spark, fixture.raw, Tables.TOKENS, "type", "status", "token");
    assertEquals(rawTokens, rows(spark, fixture.tok, Tables.TOKENS, "type", "status", "token"));
    assertEquals(rows(spark, fixture.raw, Tables.COLUMNS, "column", "type"),
        rows(spark, fixture.tok, Tables.COLUMNS, "column", "type"));
  }

  /**
   * Row by row: each snapshot row's content key and its full set of (type, status, token) are the same,
   * which is everything the reference and attribute stages read of a platform.
   */
  @Test
  void everyRowCarriesTheSameTokensEitherWay(SparkSession spark) {
    String perRow = "concat_ws('|', dataset, string(snapshot), content_key, coalesce(class, ''), "
        + "array_join(array_sort(t), ','))";
    java.util.function.Function<Workspace, Set<String>> rowsOf = w -> {
      org.apache.spark.sql.Dataset<Row> rec = spark.read().format("delta").load(w.table(Tables.RECORDS))
          .filter(col(Cols.DATASET).startsWith("platform:"));
      org.apache.spark.sql.Dataset<Row> tok = spark.read().format("delta").load(w.table(Tables.TOKENS))
          .groupBy(Cols.DATASET, Cols.ROW_ID)
          .agg(org.apache.spark.sql.functions.collect_list(
              org.apache.spark.sql.functions.concat_ws(":", col(Cols.TYPE), col(Cols.STATUS), col(Cols.TOKEN))).as("t"));
      return rec.join(tok, new String[] {Cols.DATASET, Cols.ROW_ID}).selectExpr(perRow).collectAsList().stream()
          .map(r -> r.getString(0)).collect(Collectors.toSet());
    };
    Set<String> raw = rowsOf.apply(fixture.raw);
    assertTrue(raw.size() > 400);
    assertEquals(raw, rowsOf.apply(fixture.tok));
  }

  @Test
  void tokenFilesHoldNoRawIdentifier() throws Exception {
    for (String p : AttributionCase.PLATFORMS) {
      Set<String> raw = new HashSet<>();
      try (Stream<Path> s = Files.list(fixture.caseDir.resolve("platforms/" + p))) {
        for (Path f : s.toList()) {
          for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
            for (String field : line.split("[,\t]")) {
              if (field.matches("1[3-9][0-9]{9}|[0-9]{17}[0-9Xx]")) {
                raw.add(field);
              }
            }
          }
        }
      }
      assertTrue(raw.size() > 50, p + ": the export's mobiles and IDs are known to the scan");
      List<Path> outputs;
      try (Stream<Path> s = Files.list(fixture.tokenDirs.get(p))) {
        outputs = s.sorted().toList();
      }
      assertEquals(7, outputs.size(), p + ": six snapshots and tokenize.json");
      for (Path f : outputs) {
        String text = Files.readString(f, StandardCharsets.UTF_8);
        for (String v : raw) {
          assertFalse(text.contains(v), "a raw identifier in " + p + "/" + f.getFileName());
        }
      }
      assertTrue(Files.readString(fixture.tokenDirs.get(p).resolve("tokenize.json")).contains("\"key_check\""));
    }
  }

  @Test
  void tokenFileRowsAreTypedByTheirHeader(SparkSession spark) {
    List<Row> cols = spark.read().format("delta")
        .load(fixture.tok.table(Tables.COLUMNS))
        .filter(col(Cols.DATASET).equalTo("platform:courier-x").and(col(Cols.DECIDED_BY).equalTo("tokenized")))
        .collectAsList();
    assertEquals(5, cols.size());
  }
}
