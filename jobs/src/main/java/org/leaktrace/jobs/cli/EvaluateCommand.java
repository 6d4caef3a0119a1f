package org.leaktrace.jobs.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.commons.io.FileUtils;
import org.apache.spark.sql.SparkSession;
import org.leaktrace.jobs.common.Errors;
import org.leaktrace.jobs.common.Sessions;
import org.leaktrace.jobs.evaluate.ScenarioEvaluation;
import org.leaktrace.jobs.generate.Generator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code leaktrace evaluate}: the attribution world of each seed generated, run and scored against its
 * truth; exit 0 when every seed's every dump is right, 1 otherwise.
 */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
    description = "Generate the attribution world (docs/GENERATE.md) for each seed, run ingest, classify, reference "
        + "attribute and trace on it, and score every dump against the generator's truth: verdict, top source, "
        + "shares (within 0.03), windows, false attributions, resale edges and their direction. Prints one line per seed and every mismatch; exit 1 when "
        + "any seed has one.")
public final class EvaluateCommand implements Callable<Integer> {

  @Option(names = "--seeds", defaultValue = "1-20", paramLabel = "LIST",
      description = "Seeds: a range 1-20, a list 3,7,9, or both 1-5,9 (default: ${DEFAULT-VALUE}).")
  String seeds;

  @Option(names = "--persons", defaultValue = "1500", paramLabel = "N",
      description = "Persons per world (default: ${DEFAULT-VALUE}).")
  int persons;

  @Option(names = "--out", defaultValue = "out/evaluate", paramLabel = "DIR",
      description = "Folder for each seed's case and warehouse, replaced seed by seed (default: ${DEFAULT-VALUE}).")
  Path out;

  @Option(names = "--keep", description = "Keep each seed's case and warehouse (default: only the last one's).")
  boolean keep;

  @Override
  public Integer call() throws IOException {
    List<Long> list = parseSeeds(seeds);
    if (persons < Generator.MIN_PERSONS_ATTRIBUTION) {
      throw Errors.usage("--persons " + persons + " is too small",
          "use at least " + Generator.MIN_PERSONS_ATTRIBUTION + " persons");
    }
    SparkSession spark = Sessions.forJob("leaktrace evaluate");
    int bad = 0;
    int dumps = 0;
    int right = 0;
    int falseAttributions = 0;
    Path previous = null;
    try {
      for (long seed : list) {
        Path dir = out.resolve("seed-" + seed);
        FileUtils.deleteDirectory(dir.toFile());
        if (previous != null && !keep) {
          FileUtils.deleteDirectory(previous.toFile());
        }
        ScenarioEvaluation.Outcome o = ScenarioEvaluation.attribution(spark, Files.createDirectories(dir), persons, seed);
        System.out.println("seed " + seed + ": " + o.score().summary());
        o.score().mismatches().forEach(m -> System.out.println("  " + m));
        o.resale().forEach(m -> System.out.println("  " + m));
        bad += o.ok() ? 0 : 1;
        dumps += o.score().dumps();
        right += o.score().dumpsRight();
        falseAttributions += o.score().falseAttributions();
        previous = dir;
      }
    } finally {
      spark.stop();
    }
    System.out.printf("evaluate: %d seeds, %d of %d dumps right, %d false attributions, %d seeds with a mismatch%n",
        list.size(), right, dumps, falseAttributions, bad);
    return bad == 0 ? 0 : 1;
  }

  /** {@code 1-20}, {@code 3,7,9} or both; each seed once, in the order given. */
  static List<Long> parseSeeds(String spec) {
    List<Long> out = new ArrayList<>();
    for (String part : spec.split(",")) {
      String p = part.strip();
      try {
        int dash = p.indexOf('-', 1);
        if (dash > 0) {
          long a = Long.parseLong(p.substring(0, dash).strip());
          long b = Long.parseLong(p.substring(dash + 1).strip());
          if (b < a) {
            throw new NumberFormatException();
          }
          for (long s = a; s <= b; s++) {
            if (!out.contains(s)) {
              out.add(s);
            }
          }
        } else if (!out.contains(Long.parseLong(p))) {
          out.add(Long.parseLong(p));
        }
      } catch (NumberFormatException e) {
        throw Errors.usage("--seeds '" + spec + "': '" + p + "' is not a seed or a range",
            "write seeds as 1-20, 3,7,9 or 1-5,9");
      }
    }
    return out;
  }
}
