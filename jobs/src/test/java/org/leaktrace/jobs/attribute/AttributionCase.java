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
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.leaktrace.jobs.classify.ClassifyStage;
import org.leaktrace.jobs.common.Tables;
import org.leaktrace.jobs.common.Workspace;
import org.leaktrace.jobs.config.CaseFile;
import org.leaktrace.jobs.generate.Generator;
import org.leaktrace.jobs.ingest.IngestStage;
import org.leaktrace.jobs.reference.ReferenceStage;
import org.leaktrace.jobs.tokenize.TokenizeCommand;

/**
 * One generated case run twice through ingest → classify → reference → attribute, once per JVM and
 * shared by the test classes that read it: with the platforms' raw exports, and with token files each
 * platform made with {@code tokenize} on its own premises. Adds a rival courier's dump that shares
 * people, phones and addresses with courier-x but is not its copy. Seed {@code
 * -Dleaktrace.attr.seed} (default 7), persons {@code -Dleaktrace.attr.persons} (default 300).
 */
public final class AttributionCase {

  public static final String RIVAL = "rival-courier";
  public static final List<String> PLATFORMS = List.of("courier-x", "hotel-y", "rental-z", "shop-w");

  public final long seed;
  public final Path dir;
  public final Path caseDir;
  public final JsonNode truth;
  /** The case with raw exports, and its workspace and summary fragments. */
  public final Workspace raw;
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

    CaseFile rawCase = CaseFile.load(caseDir.resolve("case.yaml"));
    raw = Workspace.of(rawCase, dir.resolve("out-raw"));
    rawVerdicts = runAll(spark, rawCase, raw);

    // each platform tokenizes its own export; the case reads the token folders instead
    String yaml = Files.readString(caseDir.resolve("case.yaml"), StandardCharsets.UTF_8);
    for (String p : PLATFORMS) {
      Path out = dir.resolve("tokens/" + p);
      CaseFile platformSide = CaseFile.forTokenize(caseDir.resolve("keys/case.key"), p,
          caseDir.resolve("platforms/" + p));
      TokenizeCommand.tokenize(spark, platformSide,
          new Workspace(dir.resolve("scratch-" + p), dir.resolve("scratch-" + p + "/warehouse").toString()), out);
      tokenDirs.put(p, out);
      yaml = yaml.replace("path: platforms/" + p + "\n", "path: " + out + "\n");
    }
    Files.writeString(caseDir.resolve("case-tokens.yaml"), yaml, StandardCharsets.UTF_8);
    CaseFile tokCase = CaseFile.load(caseDir.resolve("case-tokens.yaml"));
    tok = Workspace.of(tokCase, dir.resolve("out-tok"));
    tokVerdicts = runAll(spark, tokCase, tok);
  }

  private static Map<String, ObjectNode> runAll(SparkSession spark, CaseFile c, Workspace w) throws Exception {
    IngestStage.run(spark, c, w, List.of());
    ClassifyStage.run(spark, c, w);
    ReferenceStage.run(spark, c, w);
    AttributeStage.run(spark, c, w);
    Dataset<Row> a = spark.read().format("delta").load(w.table(Tables.ATTRIBUTION));
    AttributeStage.writeExhibit(a, w.exhibit().resolve("attribution.csv"));
    return AttributeStage.summaryFragments(a);
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

  private static void deleteTree(Path root) {
    try (Stream<Path> s = Files.walk(root)) {
      s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
