package org.leaktrace.jobs.evaluate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.leaktrace.jobs.testing.SparkExtension;

/**
 * The attribution world (docs/GENERATE.md) for a few seeds through ingest, reference and attribute: every
 * verdict and top source as the truth says, shares within ±0.03, windows that contain the extraction date
 * and end by the dump's obtained date, no false attribution, and each resale found from source to copy
 * (the copy bought first included). Seeds {@code -Dleaktrace.scenario.seeds}
 * (default 1; `bin/leaktrace evaluate` runs twenty), persons {@code -Dleaktrace.scenario.persons}
 * (default 1500). Prints the scorer's lines only (dump ids, platforms, shares; never a value).
 */
@ExtendWith(SparkExtension.class)
class AttributionScenarioTest {

  @Test
  void everySeedsVerdictsSharesAndWindowsAreTrue(SparkSession spark, @TempDir Path tmp) throws Exception {
    List<Long> seeds = Arrays.stream(System.getProperty("leaktrace.scenario.seeds", "1").split(","))
        .map(String::strip).map(Long::parseLong).toList();
    int persons = Integer.getInteger("leaktrace.scenario.persons", 1500);
    List<String> failures = new ArrayList<>();
    for (long seed : seeds) {
      ScenarioEvaluation.Outcome o = ScenarioEvaluation.attribution(spark, Files.createDirectories(tmp.resolve("s" + seed)),
          persons, seed);
      System.out.println("attribution world seed " + seed + ": " + o.score().summary());
      for (String m : concat(o.score().mismatches(), o.resale())) {
        System.out.println("  " + m);
        failures.add("seed " + seed + ": " + m);
      }
    }
    assertEquals(List.of(), failures);
    assertTrue(seeds.size() > 0);
  }

  private static List<String> concat(List<String> a, List<String> b) {
    List<String> out = new ArrayList<>(a);
    out.addAll(b);
    return out;
  }
}
