package org.leaktrace.jobs.attribute;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.leaktrace.jobs.classify.ClassifyStage;
import org.leaktrace.jobs.common.Tables;
import org.leaktrace.jobs.common.Workspace;
import org.leaktrace.jobs.config.CaseFile;
import org.leaktrace.jobs.estimate.EstimateStage;
import org.leaktrace.jobs.generate.Generator;
import org.leaktrace.jobs.ingest.IngestStage;
import org.leaktrace.jobs.reference.ReferenceStage;
import org.leaktrace.jobs.report.AttributionSummaries;
import org.leaktrace.jobs.tokenize.TokenizeCommand;
import org.leaktrace.jobs.trace.TraceStage;

/**
 * One generated case run twice through ingest → classify → reference → attribute, once per JVM and
 * shared by the test classes that read it: with the platforms' raw exports, and with token files each
 * platform made with {@code tokenize} on its own premises. Adds a rival courier's dump that shares
 * people, phones and addresses with courier-x but is not its copy, and dumps derived from the generated
 * ones as resellers make them (a re-formatted copy, a re-sample of a re-sample, a merge, a partner copy's
 * resale without its canaries); trace and estimate run on the raw-export workspace. Seed {@code
 * -Dleaktrace.attr.seed} (default 7), persons {@code -Dleaktrace.attr.persons} (default 300).
 */
public final class AttributionCase {

  public static final String RIVAL = "rival-courier";
  /** hidden-a re-formatted: JSON lines, other keys and order, +86 mobiles. */
  public static final String COPY = "hidden-a-copy";
  /** Every other line of courier-resold, itself a re-sample of courier-leak. */
  public static final String RESAMPLE = "courier-resold-2";
  /** hidden-b and loan-unknown merged into one table. */
  public static final String MERGE = "merged-b-loan";
  /** Half of shop-partner3 without its canary rows. */
  public static final String PARTNER_RESOLD = "shop-partner3-resold";
  public static final List<String> PLATFORMS = List.of("courier-x", "hotel-y", "rental-z", "shop-w");

  public final long seed;
  public final Path dir;
  public final Path caseDir;
  public final JsonNode truth;
  /** The case with raw exports, and its workspace and summary fragments. */
  public final Workspace raw;
  public final CaseFile rawCase;
  public final Map<String, ObjectNode> rawVerdicts;
  /** The same case with token files in place of every platform's export. */
  public final Workspace tok;
  public final Map<String, ObjectNode> tokVerdicts;
  /** Each platform's token folder (what {@code tokenize} wrote). */
  public final Map<String, Path> tokenDirs = new LinkedHashMap<>();

  private static AttributionCase instance;

  /** The shared case, built on first use. */
  public static synchronized AttributionCase get(SparkSession spark) throws Exception {
    if (instance == null) {
      instance = new AttributionCase(spark);
    }
    return instance;
  }

  private AttributionCase(SparkSession spark) throws Exception {
    seed = Long.getLong("leaktrace.attr.seed", 7L);
    int persons = Integer.getInteger("leaktrace.attr.persons", 300);
    dir = Files.createTempDirectory("leaktrace-attribution-");
    Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(dir)));
    caseDir = dir.resolve("case");
    Generator.generate(caseDir, persons, seed);
    truth = new ObjectMapper().readTree(caseDir.resolve("truth.json").toFile());
    writeRivalCourier(caseDir, seed);
    writeResaleVariants(caseDir);

    rawCase = CaseFile.load(caseDir.resolve("case.yaml"));
    raw = Workspace.of(rawCase, dir.resolve("out-raw"));
    // the raw case is ingested and classified in one scan and loads the reference one commit per snapshot
    // date (its time-travel test); the token case is classified from raw_rows and its reference built in
    // one pass: the two must give the same verdicts
    rawVerdicts = runAll(spark, rawCase, raw, true);
    TraceStage.run(spark, rawCase, raw);
    EstimateStage.run(spark, rawCase, raw);

    // each platform tokenizes its own export (the four at once, as four platforms would: each its own
    // scratch warehouse, Spark jobs from four threads); the case reads the token folders instead
    String yaml = Files.readString(caseDir.resolve("case.yaml"), StandardCharsets.UTF_8);
    ExecutorService platforms = Executors.newFixedThreadPool(PLATFORMS.size());
    try {
      List<Future<?>> done = new ArrayList<>();
      for (String p : PLATFORMS) {
        Path out = dir.resolve("tokens/" + p);
        CaseFile platformSide = CaseFile.forTokenize(caseDir.resolve("keys/case.key"), p,
            caseDir.resolve("platforms/" + p));
        done.add(platforms.submit(() -> {
          TokenizeCommand.tokenize(spark, platformSide,
              new Workspace(dir.resolve("scratch-" + p), dir.resolve("scratch-" + p + "/warehouse").toString()), out);
          return null;
        }));
        tokenDirs.put(p, out);
        yaml = yaml.replace("path: platforms/" + p + "\n", "path: " + out + "\n");
      }
      for (Future<?> f : done) {
        f.get();
      }
    } finally {
      platforms.shutdownNow();
    }
    Files.writeString(caseDir.resolve("case-tokens.yaml"), yaml, StandardCharsets.UTF_8);
    CaseFile tokCase = CaseFile.load(caseDir.resolve("case-tokens.yaml"));
    tok = Workspace.of(tokCase, dir.resolve("out-tok"));
    tokVerdicts = runAll(spark, tokCase, tok, false);
  }

  private static Map<String, ObjectNode> runAll(SparkSession spark, CaseFile c, Workspace w, boolean perDateVersions)
      throws Exception {
    if (perDateVersions) {
      // as `run` does it: ingest and classify in one scan
      IngestStage.run(spark, c, w, List.of(), true);
    } else {
      IngestStage.run(spark, c, w, List.of());
      ClassifyStage.run(spark, c, w);
    }
    ReferenceStage.run(spark, c, w, perDateVersions);
    AttributeStage.run(spark, c, w);
    Dataset<Row> a = spark.read().format("delta").load(w.table(Tables.ATTRIBUTION));
    AttributionSummaries.writeExhibit(a, w.exhibit().resolve("attribution.csv"));
    return AttributionSummaries.summaryFragments(a);
  }

  /**
   * A rival courier's table: the same people, phones and addresses as courier-x's latest snapshot, but
   * its own waybill numbers and order times. Overlap with courier-x is near total; it is not a copy.
   */
  private static void writeRivalCourier(Path caseDir, long seed) throws IOException {
    List<String> lines = Files.readAllLines(caseDir.resolve("platforms/courier-x/2020-06-01.csv"), StandardCharsets.UTF_8);
    SplittableRandom rnd = new SplittableRandom(seed * 31 + 1);
    StringBuilder b = new StringBuilder("运单号,收件人,手机号,地址,下单时间\n");
    for (String line : lines.subList(1, lines.size())) {
      String[] f = line.split(",", -1);
      if (f.length != 5 || line.contains("\"") || rnd.nextDouble() > 0.7) {
        continue;
      }
      String waybill = "YT" + (1 + rnd.nextInt(9)) + String.format("%012d", rnd.nextLong(1_000_000_000_000L));
      String when = LocalDate.of(2020, 1, 1).plusDays(rnd.nextInt(150)) + " "
          + String.format("%02d:%02d:%02d", rnd.nextInt(24), rnd.nextInt(60), rnd.nextInt(60));
      b.append(waybill).append(',').append(f[1]).append(',').append(f[2]).append(',').append(f[3]).append(',')
          .append(when).append('\n');
    }
    Path d = Files.createDirectories(caseDir.resolve("dumps/" + RIVAL));
    Files.writeString(d.resolve("rival.csv"), b.toString(), StandardCharsets.UTF_8);
    Files.writeString(caseDir.resolve("case.yaml"), Files.readString(caseDir.resolve("case.yaml"))
        + "  - id: " + RIVAL + "\n    path: dumps/" + RIVAL + "\n    obtained: 2020-06-20\n", StandardCharsets.UTF_8);
  }

  /** Dumps derived from the generated ones, as resellers make them (same, subset of a subset, merge). */
  private static void writeResaleVariants(Path caseDir) throws IOException {
    StringBuilder yaml = new StringBuilder();
    // re-formatted copy of hidden-a (mobile|name|id|password)
    StringBuilder copy = new StringBuilder();
    for (String line : Files.readAllLines(caseDir.resolve("dumps/hidden-a/dump.txt"), StandardCharsets.UTF_8)) {
      String[] f = line.split("\\|", -1);
      if (f.length != 4) {
        continue;
      }
      copy.append("{\"pwd\": ").append(json(f[3])).append(", \"sfz\": ").append(json(f[2]))
          .append(", \"tel\": ").append(json(f[0].matches("1[0-9]{10}") ? "+86 " + f[0] : f[0]))
          .append(", \"姓名\": ").append(json(f[1])).append("}\n");
    }
    yaml.append(variant(caseDir, COPY, "copy.jsonl", copy.toString(), "2020-07-10"));

    // every other line of courier-resold (a zip holding one csv)
    List<String> resold;
    try (java.util.zip.ZipInputStream z = new java.util.zip.ZipInputStream(
        Files.newInputStream(caseDir.resolve("dumps/courier-resold/courier-resold.zip")))) {
      z.getNextEntry();
      resold = new String(z.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
    }
    StringBuilder sample = new StringBuilder(resold.get(0)).append('\n');
    for (int i = 1; i < resold.size(); i += 2) {
      sample.append(resold.get(i)).append('\n');
    }
    yaml.append(variant(caseDir, RESAMPLE, "sample.csv", sample.toString(), "2020-06-01"));

    // hidden-b (UTF-16LE TSV: mobile, name, id, password) and loan-unknown (name, mobile, id_no, amount)
    StringBuilder merged = new StringBuilder("name,mobile,id_no,password,loan_amount\n");
    String b = new String(Files.readAllBytes(caseDir.resolve("dumps/hidden-b/export.tsv")), StandardCharsets.UTF_16LE)
        .replace("\uFEFF", "");
    for (String line : b.lines().skip(1).toList()) {
      String[] f = line.split("\t", -1);
      if (f.length == 4 && !line.contains(",") && !line.contains("\"")) {
        merged.append(f[1]).append(',').append(f[0]).append(',').append(f[2]).append(',').append(f[3]).append(",\n");
      }
    }
    List<String> loan = Files.readAllLines(caseDir.resolve("dumps/loan-unknown/borrowers.csv"), StandardCharsets.UTF_8);
    for (String line : loan.subList(1, loan.size())) {
      String[] f = line.split(",", -1);
      if (f.length == 4 && !line.contains("\"")) {
        merged.append(f[0]).append(',').append(f[1]).append(',').append(f[2]).append(",,").append(f[3]).append('\n');
      }
    }
    yaml.append(variant(caseDir, MERGE, "merged.csv", merged.toString(), "2020-07-20"));

    // half of shop-partner3, without the lines holding a canary value
    List<String> canaryValues = Files.readAllLines(caseDir.resolve("canaries.csv"), StandardCharsets.UTF_8).stream()
        .skip(1).map(l -> l.substring(l.lastIndexOf(',') + 1)).filter(v -> !v.isBlank()).toList();
    StringBuilder half = new StringBuilder();
    int k = 0;
    for (String line : Files.readAllLines(caseDir.resolve("dumps/shop-partner3/orders.jsonl"), StandardCharsets.UTF_8)) {
      if (canaryValues.stream().noneMatch(line::contains) && k++ % 2 == 0) {
        half.append(line).append('\n');
      }
    }
    yaml.append(variant(caseDir, PARTNER_RESOLD, "orders.jsonl", half.toString(), "2020-05-01"));
    Files.writeString(caseDir.resolve("case.yaml"), Files.readString(caseDir.resolve("case.yaml")) + yaml,
        StandardCharsets.UTF_8);
  }

  private static String variant(Path caseDir, String id, String file, String text, String obtained)
      throws IOException {
    Path d = Files.createDirectories(caseDir.resolve("dumps/" + id));
    Files.writeString(d.resolve(file), text, StandardCharsets.UTF_8);
    return "  - id: " + id + "\n    path: dumps/" + id + "\n    obtained: " + obtained + "\n";
  }

  private static String json(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  private static void deleteTree(Path root) {
    try (Stream<Path> s = Files.walk(root)) {
      s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
