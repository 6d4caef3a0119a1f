package org.leaktrace.jobs.bench;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.leaktrace.jobs.common.Errors;
import org.leaktrace.jobs.generate.ScaleCase;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code leaktrace bench}: leaktrace against DuckDB, the plain-Java floor and the Spark floor at scale. */
@Command(name = "bench", mixinStandardHelpOptions = true,
    description = "Generate (or reuse) a case of D dumps (the first of N rows) and K platforms of about N rows "
        + "in each of S snapshots, then measure "
        + "leaktrace's run end to end (seconds per stage), the same joins as SQL in DuckDB, the plain-Java "
        + "floor (read every row, tokenize its identifiers) and the Spark floor (DuckDB's question on "
        + "leaktrace's Spark and Delta session), each in its own JVM; write DIR/bench.json.")
public final class BenchCommand implements Callable<Integer> {

  @Option(names = "--rows", required = true, paramLabel = "N", description = "Dump rows, and rows per platform.")
  long rows;

  @Option(names = "--platforms", defaultValue = "4", paramLabel = "K",
      description = "Reference platforms, 1 to 4 (default: ${DEFAULT-VALUE}).")
  int platforms;

  @Option(names = "--out", defaultValue = "out/bench", paramLabel = "DIR",
      description = "Folder for the case, the logs and bench.json (default: ${DEFAULT-VALUE}).")
  Path out;

  @Option(names = "--seed", defaultValue = "1", paramLabel = "S",
      description = "Case seed; a case of the same rows, platforms, seed, snapshots and dumps is reused "
          + "(default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--snapshots", defaultValue = "1", paramLabel = "S",
      description = "Monthly snapshots per platform, each a full export with churn from the one before "
          + "(default: ${DEFAULT-VALUE}).")
  int snapshots;

  @Option(names = "--dumps", defaultValue = "1", paramLabel = "D",
      description = "Dumps: the first as with one, each later one a resold subset or merge of the one before "
          + "(default: ${DEFAULT-VALUE}).")
  int dumps;

  @Option(names = "--runs", defaultValue = "0", paramLabel = "R",
      description = "Runs of each part; 0: one, or " + Bench.SHORT_RUNS + " (median) when leaktrace's run is "
          + "shorter than " + (int) Bench.SHORT_SECONDS + " s (default: ${DEFAULT-VALUE}).")
  int runs;

  @Option(names = "--part-rows", defaultValue = "" + ScaleCase.DEFAULT_PART_ROWS, paramLabel = "ROWS",
      description = "Rows per input file (default: ${DEFAULT-VALUE}).")
  int partRows;

  @Option(names = "--only", split = ",", paramLabel = "PART",
      description = "Measure only these parts: floor, duckdb, spark, leaktrace (default: all).")
  List<String> only;

  @Option(names = "--profile",
      description = "Record leaktrace's run with Java Flight Recorder (DIR/logs/leaktrace-R.jfr).")
  boolean profile;

  @Override
  public Integer call() throws Exception {
    if (rows < 100 || rows > 1_000_000_000L) {
      throw Errors.usage("--rows " + rows + " is out of range", "use 100 to 1,000,000,000 rows");
    }
    if (platforms < 1 || platforms > ScaleCase.maxPlatforms()) {
      throw Errors.usage("--platforms " + platforms + " is out of range", "use 1 to " + ScaleCase.maxPlatforms());
    }
    if (snapshots < 1 || snapshots > ScaleCase.MAX_SNAPSHOTS) {
      throw Errors.usage("--snapshots " + snapshots + " is out of range", "use 1 to " + ScaleCase.MAX_SNAPSHOTS);
    }
    if (dumps < 1 || dumps > ScaleCase.MAX_DUMPS) {
      throw Errors.usage("--dumps " + dumps + " is out of range", "use 1 to " + ScaleCase.MAX_DUMPS);
    }
    if (partRows < 1) {
      throw Errors.usage("--part-rows " + partRows + " is out of range", "use at least 1");
    }
    List<String> parts = only == null || only.isEmpty() ? BenchPart.PARTS : only;
    for (String p : parts) {
      if (!BenchPart.PARTS.contains(p)) {
        throw Errors.usage("--only " + p + " is not a part", "use some of: " + String.join(", ", BenchPart.PARTS));
      }
    }
    new Bench(new Bench.Options(rows, platforms, seed, snapshots, dumps, out, runs, partRows, parts,
        profile), System.out).run();
    return 0;
  }
}
