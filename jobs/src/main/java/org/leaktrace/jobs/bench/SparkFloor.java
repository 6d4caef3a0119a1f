package org.leaktrace.jobs.bench;

import static org.apache.spark.sql.functions.bit_or;
import static org.apache.spark.sql.functions.call_udf;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.regexp_replace;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.leaktrace.jobs.Pipeline;
import org.leaktrace.jobs.generate.Csv;
import org.leaktrace.udf.hash.KeyedHasher;
import org.leaktrace.udf.spark.LeaktraceUdfs;
import org.leaktrace.udf.types.FieldType;

/**
 * The Spark floor: the least a job on leaktrace's stack (Spark, Delta, leaktrace's session and keyed hash)
 * does to answer the DuckDB peer's question — every CSV read by Spark's reader with its known schema, one
 * mobile token per row written once as a Delta table, then the peer's figures by one aggregation by token.
 */
public final class SparkFloor {

  /** The token table's columns: the dataset's name, its dump number (null for a platform), the mobile token. */
  static final String DATASET = "dataset";
  static final String DUMP = "dump";
  static final String TOKEN = "mobile_token";

  /** Internal columns of the figures' aggregation: the platforms holding a token, its rows in dump i. */
  private static final String MASK = "_sf_platforms";
  private static final String IN_DUMP = "_sf_in_dump_";

  /** The peer's figures and the seconds of the two timed phases (tokens: read, tokenize, Delta write). */
  public record Result(Map<String, Object> figures, double tokensSeconds, double figuresSeconds) {}

  private SparkFloor() {}

  /**
   * Reads the dumps and platforms, writes their mobile tokens to a Delta table at {@code table} and returns
   * DuckPeer's figures (same names, same shape) computed from that table.
   */
  public static Result run(SparkSession spark, List<DuckPeer.Dataset> dumps, List<DuckPeer.Dataset> platforms,
      KeyedHasher hasher, Path table) {
    LeaktraceUdfs.register(spark, hasher);
    long t0 = System.nanoTime();
    Pipeline.withJobGroup(spark, "spark-floor", "Spark floor: read, tokenize, write the mobile tokens", () -> {
      tokens(spark, dumps, platforms).write().format("delta").mode("overwrite").save(table.toString());
      return null;
    });
    long t1 = System.nanoTime();
    Map<String, Object> figures = Pipeline.withJobGroup(spark, "spark-floor", "Spark floor: the peer's figures",
        () -> figures(spark.read().format("delta").load(table.toString()), dumps, platforms));
    return new Result(figures, (t1 - t0) / 1e9, (System.nanoTime() - t1) / 1e9);
  }

  /** One row per input row: dataset, dump number, mobile token (null where the peer gives none). */
  static Dataset<Row> tokens(SparkSession spark, List<DuckPeer.Dataset> dumps, List<DuckPeer.Dataset> platforms) {
    Dataset<Row> out = null;
    for (int i = 0; i < dumps.size() + platforms.size(); i++) {
      boolean dump = i < dumps.size();
      DuckPeer.Dataset d = dump ? dumps.get(i) : platforms.get(i - dumps.size());
      Dataset<Row> one = read(spark, d).select(lit(d.name()).as(DATASET),
          (dump ? lit(i) : lit(null).cast(DataTypes.IntegerType)).as(DUMP),
          mobileToken(col("c" + DuckPeer.index(d.types(), FieldType.CN_MOBILE.key()))).as(TOKEN));
      out = out == null ? one : out.unionAll(one);
    }
    return out;
  }

  /**
   * Spark's CSV reader over the dataset's files, every column a string, named by the first file's header so
   * that the reader's header check passes quietly, then renamed c0, c1, … by position as the peer names them.
   */
  static Dataset<Row> read(SparkSession spark, DuckPeer.Dataset d) {
    String[] header = header(d);
    if (header.length != d.types().length) {
      throw new IllegalArgumentException(d.name() + ": the header has " + header.length + " columns, the types "
          + d.types().length);
    }
    StructType schema = new StructType();
    String[] names = new String[header.length];
    for (int i = 0; i < header.length; i++) {
      schema = schema.add(header[i], DataTypes.StringType);
      names[i] = "c" + i;
    }
    return spark.read().schema(schema).option("header", "true")
        .option("escape", "\"") // RFC 4180: a quote inside a quoted field is doubled, as the generator writes it
        // the folder with a file-name filter: a glob path makes Spark look for a streaming sink's metadata in it
        .option("pathGlobFilter", d.glob().getFileName().toString())
        .csv(d.glob().getParent().toString()).toDF(names);
  }

  /** The header of the dataset's first file (its files share one). */
  private static String[] header(DuckPeer.Dataset d) {
    Path folder = d.glob().getParent();
    try (Stream<Path> files = Files.list(folder)) {
      Path first = files.filter(f -> f.getFileName().toString().endsWith(".csv")).sorted().findFirst()
          .orElseThrow(() -> new IllegalArgumentException(d.name() + ": no CSV file in " + folder));
      try (BufferedReader r = Files.newBufferedReader(first, StandardCharsets.UTF_8)) {
        String line = r.readLine();
        String[] fields = line == null ? null : Csv.fields(line, ',');
        if (fields == null) {
          throw new IllegalArgumentException(d.name() + ": " + first + " has no header line");
        }
        return fields;
      }
    } catch (IOException e) {
      throw new UncheckedIOException(folder + ": " + e.getMessage(), e);
    }
  }

  /** The peer's mobile rule (DuckPeer's n_mobile and tok: an empty value has no token), then the keyed hash. */
  static Column mobileToken(Column raw) {
    Column digits = regexp_replace(regexp_replace(raw, DuckPeer.MOBILE_NON_DIGITS, ""), DuckPeer.MOBILE_PREFIXED,
        "$1");
    return when(digits.notEqual(lit("")), call_udf(LeaktraceUdfs.TOKEN, lit(FieldType.CN_MOBILE.key()), digits));
  }

  /**
   * DuckPeer's figures from the token table: rows, individuals, containment per dump and overall, overlaps.
   * One aggregation by token (the platforms holding it as a bit mask, its rows in each dump), then one over
   * those: the only shuffle is the first aggregation's.
   */
  static Map<String, Object> figures(Dataset<Row> tokensDF, List<DuckPeer.Dataset> dumps,
      List<DuckPeer.Dataset> platforms) {
    int dumpCount = dumps.size();
    int platformCount = platforms.size();
    if (platformCount > 63) {
      throw new IllegalArgumentException("the Spark floor's mask holds 63 platforms, not " + platformCount);
    }
    Column platformBit = lit(0L);
    for (int p = platformCount - 1; p >= 0; p--) {
      platformBit = when(col(DATASET).equalTo(platforms.get(p).name()).and(col(DUMP).isNull()), lit(1L << p))
          .otherwise(platformBit);
    }
    List<Column> perToken = new ArrayList<>();
    for (int i = 0; i < dumpCount; i++) {
      perToken.add(sum(when(col(DUMP).equalTo(i), lit(1L)).otherwise(lit(0L))).as(IN_DUMP + i));
    }
    // rows whose token is null group together: they count as rows, never as individuals or shared
    Dataset<Row> byToken = tokensDF.groupBy(col(TOKEN))
        .agg(bit_or(platformBit).as(MASK), perToken.toArray(Column[]::new));

    Column known = col(TOKEN).isNotNull();
    Column inAnyDump = lit(false);
    for (int i = 0; i < dumpCount; i++) {
      inAnyDump = inAnyDump.or(col(IN_DUMP + i).gt(0));
    }
    List<Column> totals = new ArrayList<>();
    totals.add(sum(when(known.and(inAnyDump), lit(1L)).otherwise(lit(0L))));
    for (int i = 0; i < dumpCount; i++) {
      Column n = col(IN_DUMP + i);
      totals.add(sum(n));
      totals.add(sum(when(known.and(n.gt(0)), lit(1L)).otherwise(lit(0L))));
      for (int p = 0; p < platformCount; p++) {
        totals.add(sum(when(known.and(col(MASK).bitwiseAND(lit(1L << p)).notEqual(0)), n).otherwise(lit(0L))));
      }
      for (int e = 0; e < i; e++) {
        totals.add(sum(when(known.and(col(IN_DUMP + e).gt(0)), n).otherwise(lit(0L))));
      }
    }
    Row t = byToken.agg(totals.get(0), totals.subList(1, totals.size()).toArray(Column[]::new)).first();

    // the sums, in the order added above (a sum over no row is null: 0)
    int at = 0;
    long allIndividuals = value(t, at++);
    long[] rows = new long[dumpCount];
    long[] individuals = new long[dumpCount];
    Map<String, Long> within = new HashMap<>();
    for (int i = 0; i < dumpCount; i++) {
      rows[i] = value(t, at++);
      individuals[i] = value(t, at++);
      for (int p = 0; p < platformCount; p++) {
        within.put(i + "/" + platforms.get(p).name(), value(t, at++));
      }
      for (int e = 0; e < i; e++) {
        within.put(i + "/" + dumps.get(e).name(), value(t, at++));
      }
    }

    long allRows = 0;
    long[] contained = new long[platforms.size()];
    Map<String, Object> perDump = new LinkedHashMap<>();
    List<Map<String, Object>> overlaps = new ArrayList<>();
    for (int i = 0; i < dumps.size(); i++) {
      long[] in = new long[platforms.size()];
      for (int k = 0; k < platforms.size(); k++) {
        in[k] = within.getOrDefault(i + "/" + platforms.get(k).name(), 0L);
        contained[k] += in[k];
      }
      allRows += rows[i];
      perDump.put(dumps.get(i).name(), DuckPeer.figures(rows[i], individuals[i], in, platforms));
      for (int e = 0; e < i; e++) {
        long shared = within.getOrDefault(i + "/" + dumps.get(e).name(), 0L);
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("from", dumps.get(e).name());
        o.put("to", dumps.get(i).name());
        o.put("shared_rows", shared);
        o.put("containment", DuckPeer.share(shared, rows[i]));
        overlaps.add(o);
      }
    }
    Map<String, Object> out = DuckPeer.figures(allRows, allIndividuals, contained, platforms);
    out.put("dumps", perDump);
    out.put("overlaps", overlaps);
    return out;
  }

  private static long value(Row r, int i) {
    return r.isNullAt(i) ? 0L : r.getLong(i);
  }
}
