package org.leaktrace.jobs.generate;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;

/** Generates a synthetic leak case (platforms, dumps, case.yaml) and its ground truth, deterministically. */
public final class Generator {

  /** Smallest population for which every dump still has each kind of noise. */
  public static final int MIN_PERSONS = 100;

  /** Smallest population for the attribution scenario: every dump keeps a few hundred rows. */
  public static final int MIN_PERSONS_ATTRIBUTION = 500;

  /** The scenarios {@code generate --scenario} accepts: today's world, and the attribution one. */
  public static final List<String> SCENARIOS = List.of("default", "attribution");

  private static final List<String> OUTPUTS = List.of("case.yaml", "canaries.csv", "truth.json",
      AttributionTruth.FILE, "keys", "platforms", "dumps");

  private Generator() {}

  /**
   * Writes the case directory {@code outDir} for {@code persons} people and returns its truth (also
   * written to {@code outDir/truth.json}). The same seed gives byte-identical files. A previous
   * generator output in {@code outDir} is replaced; any other non-empty folder is refused.
   */
  public static Truth generate(Path outDir, int persons, long seed) throws IOException {
    if (persons < MIN_PERSONS) {
      throw new IllegalArgumentException("persons must be at least " + MIN_PERSONS + ", got " + persons);
    }
    prepare(outDir);
    SplittableRandom root = new SplittableRandom(seed);
    Population population = new Population(persons, root.nextLong());
    Platforms platforms = new Platforms(population, root.split());
    Map<String, List<String[]>> canaries = canaries(population, platforms);
    Dumps dumps = new Dumps(platforms, canaries, root.split());

    CaseFile.writeKey(outDir, seed);
    CaseFile.writeCase(outDir, platforms.all, dumps.all, persons, seed);
    CaseFile.writeCanaries(outDir, "shop-w", platforms.get("shop-w").types, canaries);
    platforms.writeSnapshots(outDir);
    for (Dump d : dumps.all) {
      DumpWriter.write(outDir, d);
    }
    Truth truth = TruthBuilder.build(outDir, persons, seed, platforms, dumps);
    ObjectMapper json = new ObjectMapper()
        .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
        .enable(SerializationFeature.INDENT_OUTPUT);
    Files.writeString(outDir.resolve("truth.json"), json.writeValueAsString(truth) + "\n");
    return truth;
  }

  /**
   * Writes the attribution scenario into {@code outDir} for {@code persons} people: the same case layout,
   * no canaries (canaries.csv holds its header only), and {@code attribution-truth.json}, which is returned.
   * The same seed gives byte-identical files; a previous generator output in {@code outDir} is replaced.
   */
  public static AttributionTruth generateAttribution(Path outDir, int persons, long seed) throws IOException {
    if (persons < MIN_PERSONS_ATTRIBUTION) {
      throw new IllegalArgumentException(
          "persons must be at least " + MIN_PERSONS_ATTRIBUTION + " for the attribution scenario, got " + persons);
    }
    prepare(outDir);
    SplittableRandom root = new SplittableRandom(seed);
    Population population = new Population(persons, root.nextLong());
    AttributionWorld world = new AttributionWorld(population, root.split());

    CaseFile.writeKey(outDir, seed);
    CaseFile.writeCase(outDir, AttributionWorld.CASE_ID, AttributionTruth.FILE, world.platforms, world.dumps(),
        persons, seed);
    CaseFile.writeCanaries(outDir, null, List.of(), Map.of());
    Platforms.writeSnapshots(outDir, world.platforms);
    for (Dump d : world.dumps()) {
      DumpWriter.write(outDir, d);
    }
    AttributionTruth truth = world.truth(outDir, seed);
    Files.writeString(outDir.resolve(AttributionTruth.FILE),
        AttributionTruth.mapper().writeValueAsString(truth) + "\n");
    return truth;
  }

  /** Three canary records (people outside the population) for each partner copy of shop-w. */
  private static Map<String, List<String[]>> canaries(Population population, Platforms platforms) {
    Map<String, List<String[]>> out = new LinkedHashMap<>();
    int next = population.persons().size();
    for (int p = 1; p <= 3; p++) {
      List<String[]> rows = new ArrayList<>();
      for (int k = 0; k < 3; k++) {
        rows.add(platforms.newRow("shop-w", population.outsider(next++), LocalDate.of(2020, 1, 20)));
      }
      out.put("partner-" + p, rows);
    }
    return out;
  }

  /** Creates {@code outDir}, or clears a previous generator output in it. */
  private static void prepare(Path outDir) throws IOException {
    if (Files.isDirectory(outDir)) {
      try (Stream<Path> s = Files.list(outDir)) {
        List<Path> foreign = s.filter(p -> !OUTPUTS.contains(p.getFileName().toString())).toList();
        boolean generated = Files.exists(outDir.resolve("truth.json"))
            || Files.exists(outDir.resolve(AttributionTruth.FILE));
        if (!foreign.isEmpty() || (!generated && !isEmpty(outDir))) {
          throw new IOException(outDir + " is not empty and is not a generated case; choose an empty folder");
        }
      }
      for (String name : OUTPUTS) {
        delete(outDir.resolve(name));
      }
    }
    Files.createDirectories(outDir);
  }

  private static boolean isEmpty(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.findAny().isEmpty();
    }
  }

  private static void delete(Path p) throws IOException {
    if (!Files.exists(p)) {
      return;
    }
    try (Stream<Path> s = Files.walk(p)) {
      for (Path q : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(q);
      }
    }
  }
}
