package org.leaktrace.jobs.count;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.leaktrace.jobs.common.Cols;
import org.leaktrace.jobs.common.Conf;
import org.leaktrace.jobs.common.Tables;
import org.leaktrace.jobs.config.CaseFile;
import org.leaktrace.udf.taxonomy.Taxonomy;

/**
 * Builders of tiny analytic-zone tables for the count tests. Tokens are synthetic labels (m1, i1...),
 * never real identifiers; assertions compare figures and row ids, never print a token.
 */
final class CountFixtures {

  private CountFixtures() {}

  /** The repository's default taxonomy, found the way the stage finds it. */
  static Taxonomy cnSpc2017() {
    return Taxonomy.load(Conf.dir().resolve("taxonomy/cn-spc-2017.yaml"));
  }

  /**
   * Writes a case folder for the dumps of {@link CountCaseTest} (x, y, w, z; empty dump folders and a
   * key file) with the given taxonomy value, and loads it.
   */
  static CaseFile caseFile(Path dir, String taxonomy) throws IOException {
    Files.createDirectories(dir.resolve("keys"));
    Files.writeString(dir.resolve("keys/case.key"), "0123456789abcdef0123456789abcdef");
    StringBuilder y = new StringBuilder("case_id: count-test\ntaxonomy: " + taxonomy
        + "\nkey_file: keys/case.key\nwarehouse: warehouse\ndumps:\n");
    for (DumpInfo d : CountCaseTest.DUMPS) {
      String id = d.dataset().substring("dump:".length());
      Files.createDirectories(dir.resolve("dumps/" + id));
      y.append("  - id: ").append(id).append("\n    path: dumps/").append(id)
          .append("\n    obtained: ").append(d.obtained()).append("\n    insider: ").append(d.insider()).append('\n');
      if (d.seller() != null) {
        y.append("    seller: ").append(d.seller()).append('\n');
      }
      if (d.buyer() != null) {
        y.append("    buyer: ").append(d.buyer()).append('\n');
      }
    }
    Path file = dir.resolve("case.yaml");
    Files.writeString(file, y);
    return CaseFile.load(file);
  }

  /** Collects records and tokens, then makes the two DataFrames. */
  static final class Builder {
    /** Count reads no token map (attribution and trace do). */
    private static final scala.collection.Map<String, String> NO_TOKENS = scala.collection.immutable.Map$.MODULE$.empty();
    final List<Row> records = new ArrayList<>();
    final List<Row> tokens = new ArrayList<>();

    /** A verifiable row; {@code identifying} false makes it not personal. */
    Builder row(String dataset, long rowId, String contentKey, String cls, boolean identifying, LocalDate birth) {
      records.add(RowFactory.create(dataset, rowId, "f.csv", rowId, null, contentKey, cls,
          List.of(identifying ? "cn_mobile" : "datetime"), identifying, identifying ? 1 : 0, identifying ? 1 : 0,
          false, List.of(), birth == null ? null : Date.valueOf(birth), 0, NO_TOKENS, NO_TOKENS));
      return this;
    }

    Builder piece(String dataset, long rowId, String contentKey, String cls) {
      return row(dataset, rowId, contentKey, cls, true, null);
    }

    /** An identifying row whose validated values all fail their checks. */
    Builder unverifiable(String dataset, long rowId, String contentKey) {
      records.add(RowFactory.create(dataset, rowId, "f.csv", rowId, null, contentKey, "other",
          List.of("cn_mobile"), true, 1, 0, true, List.of("cn_mobile:prefix"), null, 0, NO_TOKENS, NO_TOKENS));
      return this;
    }

    /** {@code n} distinct pieces of one class, row ids from {@code firstRow}. */
    Builder pieces(String dataset, long firstRow, int n, String cls) {
      for (int i = 0; i < n; i++) {
        piece(dataset, firstRow + i, dataset + "/" + cls + "/" + i, cls);
      }
      return this;
    }

    Builder token(String dataset, long rowId, String type, String status, String token) {
      tokens.add(RowFactory.create(dataset, rowId, "c0", type, "STRONG", status, token));
      return this;
    }

    Dataset<Row> recordsDF(SparkSession spark) {
      return spark.createDataFrame(records, Tables.RECORDS_SCHEMA);
    }

    Dataset<Row> tokensDF(SparkSession spark) {
      return spark.createDataFrame(tokens, Tables.TOKENS_SCHEMA);
    }
  }

  static DumpInfo dump(String dataset, String obtained) {
    return new DumpInfo(dataset, LocalDate.parse(obtained), null, null, false);
  }

  /** Audit rows as {@code dataset|row_id|outcome|duplicate_of|class|component|minor}, sorted. */
  static List<String> audit(Dataset<Row> auditDF, String dataset) {
    return auditDF.filter(auditDF.col(Cols.DATASET).equalTo(dataset))
        .orderBy(Cols.ROW_ID).collectAsList().stream()
        .map(r -> r.getAs(Cols.ROW_ID) + "|" + r.getAs(Cols.OUTCOME) + "|" + r.getAs(Cols.DUPLICATE_OF) + "|"
            + r.getAs(Cols.CLASS) + "|" + r.getAs(Cols.COMPONENT) + "|" + r.getAs(Cols.MINOR))
        .collect(Collectors.toList());
  }

  /** Every row as text (maps sorted by key), sorted: for comparing runs. */
  static List<String> allRows(Dataset<Row> df) {
    return allRows(df.collectAsList());
  }

  static List<String> allRows(java.util.Collection<Row> rows) {
    return rows.stream().map(CountFixtures::text).sorted().collect(Collectors.toList());
  }

  private static String text(Object v) {
    if (v instanceof Row r) {
      List<String> parts = new ArrayList<>();
      for (int i = 0; i < r.size(); i++) {
        parts.add(text(r.get(i)));
      }
      return "(" + String.join(",", parts) + ")";
    }
    if (v instanceof scala.collection.Map<?, ?> m) {
      Map<String, String> sorted = new TreeMap<>();
      scala.jdk.javaapi.CollectionConverters.asJava(m).forEach((k, x) -> sorted.put(String.valueOf(k), text(x)));
      return sorted.toString();
    }
    if (v instanceof scala.collection.Seq<?> s) {
      return scala.jdk.javaapi.CollectionConverters.asJava(s).stream().map(CountFixtures::text)
          .collect(Collectors.joining(",", "[", "]"));
    }
    return String.valueOf(v);
  }

  /** Impact (or by-seller) rows by their first column, collected once: the tables are a few rows. */
  static Map<String, Row> byKey(Dataset<Row> df) {
    Map<String, Row> out = new TreeMap<>();
    for (Row r : df.collectAsList()) {
      if (out.put(r.getString(0), r) != null) {
        throw new AssertionError("two rows for " + r.getString(0));
      }
    }
    return out;
  }

  /** The non-zero entries of a class map, sorted by key. */
  static Map<String, Long> nonZero(Row r, String column) {
    Map<String, Long> out = new TreeMap<>();
    r.<String, Long>getJavaMap(r.fieldIndex(column)).forEach((k, v) -> {
      if (v != 0L) {
        out.put(k, v);
      }
    });
    return out;
  }
}
