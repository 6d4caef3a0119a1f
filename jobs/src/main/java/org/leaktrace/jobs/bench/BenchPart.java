package org.leaktrace.jobs.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;
import org.leaktrace.jobs.Pipeline;
import org.leaktrace.jobs.common.Sessions;
import org.leaktrace.jobs.common.Workspace;
import org.leaktrace.jobs.config.CaseFile;
import org.leaktrace.jobs.config.DatasetSpec;
import org.leaktrace.jobs.generate.ScaleCase;
import org.leaktrace.jobs.report.ReportStage;
import org.leaktrace.udf.hash.KeyedHasher;

/**
 * One measured part of the benchmark, in a JVM of its own (so that its peak memory is its own):
 * {@code leaktrace}, {@code duckdb}, {@code floor} or {@code spark} (the Spark floor) on a scale case. Writes
 * a JSON file with its seconds, the seconds, collection seconds and largest work folder of each stage
 * (leaktrace), its figures, the Spark floor's phases, its memory peaks and its collection time.
 *
 * <p>Usage: {@code BenchPart PART CASE_DIR PLATFORMS WORK_DIR OUT_JSON}
 */
public final class BenchPart {

  public static final List<String> PARTS = List.of("floor", "duckdb", "spark", "leaktrace");

  /** How often the leaktrace part measures its work folder (a walk of a few thousand files). */
  static final Duration DISK_SAMPLE_PERIOD = Duration.ofSeconds(2);

  private BenchPart() {}

  public static void main(String[] args) throws Exception {
    if (args.length != 5 || !PARTS.contains(args[0])) {
      System.err.println("usage: BenchPart floor|duckdb|spark|leaktrace CASE_DIR PLATFORMS WORK_DIR OUT_JSON");
      System.exit(2);
    }
    String part = args[0];
    Path caseDir = Path.of(args[1]);
    int platforms = Integer.parseInt(args[2]);
    Path work = Path.of(args[3]);
    Path out = Path.of(args[4]);
    int cores = Runtime.getRuntime().availableProcessors();
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("part", part);
    try (Probe probe = new Probe(work)) {
      long t0 = System.nanoTime();
      long gc0 = Probe.gcMillis();
      long collections0 = Probe.gcCount();
      switch (part) {
        case "floor" -> result.put("figures", floor(caseDir, platforms, cores).toMap());
        case "duckdb" -> result.put("figures", DuckPeer.run(dumpSets(caseDir), platformSets(caseDir, platforms),
            key(caseDir), cores, Files.createDirectories(work.resolve("duckdb-tmp"))));
        case "spark" -> result.putAll(spark(caseDir, platforms, work));
        default -> result.putAll(leaktrace(caseDir, work).toMap());
      }
      result.put("seconds", (System.nanoTime() - t0) / 1e9);
      result.put("gc_seconds", (Probe.gcMillis() - gc0) / 1e3);
      result.put("gc_collections", Probe.gcCount() - collections0);
      result.put("peak_live_heap_bytes", probe.peakLiveHeap());
      result.put("peak_heap_used_bytes", probe.peakUsedHeap());
      result.put("peak_disk_bytes", probe.peakDiskUsed());
      result.put("disk_free_bytes_before", probe.freeDiskAtStart());
    }
    result.put("max_heap_bytes", Probe.maxHeap());
    result.put("peak_rss_bytes", Probe.peakRss());
    result.put("cores", cores);
    Files.writeString(out, new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(result));
    System.exit(0); // DuckDB and Spark leave non-daemon threads
  }

  static Floor.Result floor(Path caseDir, int platforms, int threads) throws IOException {
    List<Floor.Input> inputs = new ArrayList<>();
    for (String id : dumpIds(caseDir)) {
      inputs.addAll(Floor.inputs(dumpFolder(caseDir, id), ScaleCase.dumpTypes()));
    }
    for (int k = 0; k < platforms; k++) {
      inputs.addAll(Floor.inputs(platformFolder(caseDir, k), ScaleCase.platformTypes(k)));
    }
    return Floor.run(inputs, new KeyedHasher(keyBytes(caseDir)), threads);
  }

  /**
   * The Spark floor on leaktrace's session ({@link Sessions#forJob}, shuffle partitions sized from the input
   * as {@code run} sizes them): its figures, and its phases' seconds — the session's start, the tokens (read,
   * tokenize, Delta write) and the figures' queries.
   */
  static Map<String, Object> spark(Path caseDir, int platforms, Path work) throws IOException {
    Path folder = work.resolve("spark");
    if (System.getProperty("spark.local.dir") == null && System.getenv("SPARK_LOCAL_DIRS") == null) {
      System.setProperty("spark.local.dir", folder.resolve("spark-local").toString());
    }
    long t0 = System.nanoTime();
    SparkSession spark = Sessions.forJob("leaktrace bench spark floor");
    Sessions.sizeShuffle(spark, inputBytes(caseDir));
    double session = (System.nanoTime() - t0) / 1e9;
    try {
      SparkFloor.Result r = SparkFloor.run(spark, dumpSets(caseDir), platformSets(caseDir, platforms),
          new KeyedHasher(keyBytes(caseDir)), folder.resolve("tokens"));
      Map<String, Object> phases = new LinkedHashMap<>();
      phases.put("session_seconds", session);
      phases.put("tokens_seconds", r.tokensSeconds());
      phases.put("figures_seconds", r.figuresSeconds());
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("figures", r.figures());
      m.put("phases", phases);
      return m;
    } finally {
      spark.stop();
    }
  }

  /** The bytes of the case's input files (dumps and platforms). */
  private static long inputBytes(Path caseDir) throws IOException {
    long bytes = 0;
    for (String sub : List.of("dumps", "platforms")) {
      try (Stream<Path> s = Files.walk(caseDir.resolve(sub))) {
        bytes += s.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
      }
    }
    return bytes;
  }

  /** Seconds, collection seconds and the largest work folder of each stage, by stage key in run order. */
  record Stages(Map<String, Double> seconds, Map<String, Double> gcSeconds, Map<String, Long> peakDiskBytes) {
    Map<String, Object> toMap() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("stages", seconds);
      m.put("stage_gc_seconds", gcSeconds);
      m.put("stage_peak_disk_bytes", peakDiskBytes);
      return m;
    }
  }

  static Stages leaktrace(Path caseDir, Path work) {
    CaseFile c = CaseFile.load(caseDir.resolve("case.yaml"));
    Path folder = work.resolve("leaktrace");
    Workspace ws = Workspace.of(c, folder);
    if (System.getProperty("spark.local.dir") == null && System.getenv("SPARK_LOCAL_DIRS") == null) {
      // Spark's spill and shuffle files beside the warehouse (under --out, removed with it), not in /tmp
      System.setProperty("spark.local.dir", folder.resolve("spark-local").toString());
    }
    SparkSession spark = Sessions.forJob("leaktrace bench " + c.caseId());
    ReportStage.Options report = new ReportStage.Options(true,
        "bin/leaktrace run --case " + c.file() + " --out " + ws.out() + " --reproducible");
    Map<String, Double> seconds = new LinkedHashMap<>();
    try (StageProbe probe = new StageProbe(folder, DISK_SAMPLE_PERIOD)) {
      // one step at a time, so that each sample of the folder is the running step's
      for (List<Pipeline.Stage> step : steps()) {
        probe.begin(step.get(0).key());
        seconds.putAll(Pipeline.run(spark, c, ws, step, report));
        probe.end();
      }
      // a stage run inside another's step (classify in ingest's scan): no collection time of its own, the
      // step's largest work folder
      Map<String, Double> gc = new LinkedHashMap<>();
      Map<String, Long> disk = new LinkedHashMap<>();
      for (List<Pipeline.Stage> step : steps()) {
        String first = step.get(0).key();
        for (Pipeline.Stage s : step) {
          gc.put(s.key(), s.key().equals(first) ? probe.gcSeconds().get(first) : 0.0);
          disk.put(s.key(), probe.peakBytes().get(first));
        }
      }
      return new Stages(seconds, gc, disk);
    } finally {
      spark.stop();
    }
  }

  /**
   * The stages as {@code run} does them: ingest and classify together (one scan of the inputs, timed, sampled
   * and collected as ingest's; classify's time is then nil), every other stage alone.
   */
  static List<List<Pipeline.Stage>> steps() {
    List<List<Pipeline.Stage>> steps = new ArrayList<>();
    steps.add(List.of(Pipeline.Stage.INGEST, Pipeline.Stage.CLASSIFY));
    for (Pipeline.Stage s : Pipeline.all()) {
      if (s != Pipeline.Stage.INGEST && s != Pipeline.Stage.CLASSIFY) {
        steps.add(List.of(s));
      }
    }
    return steps;
  }

  /** The first dump. */
  static DuckPeer.Dataset dumpSet(Path caseDir) {
    return dumpSets(caseDir).get(0);
  }

  /** Every dump of the case, in case-file order. */
  static List<DuckPeer.Dataset> dumpSets(Path caseDir) {
    return dumpIds(caseDir).stream().map(id -> new DuckPeer.Dataset(id, dumpFolder(caseDir, id).resolve("*.csv"),
        ScaleCase.dumpTypes())).toList();
  }

  static List<DuckPeer.Dataset> platformSets(Path caseDir, int platforms) {
    List<DuckPeer.Dataset> out = new ArrayList<>();
    for (int k = 0; k < platforms; k++) {
      out.add(new DuckPeer.Dataset(ScaleCase.platformId(k), platformFolder(caseDir, k).resolve("*.csv"),
          ScaleCase.platformTypes(k)));
    }
    return out;
  }

  private static List<String> dumpIds(Path caseDir) {
    return CaseFile.load(caseDir.resolve("case.yaml")).dumps().stream().map(DatasetSpec::id).toList();
  }

  private static Path dumpFolder(Path caseDir, String id) {
    return caseDir.resolve("dumps").resolve(id);
  }

  private static Path platformFolder(Path caseDir, int k) {
    return caseDir.resolve("platforms").resolve(ScaleCase.platformId(k));
  }

  private static byte[] keyBytes(Path caseDir) {
    return CaseFile.load(caseDir.resolve("case.yaml")).readKey();
  }

  private static String key(Path caseDir) {
    return java.util.HexFormat.of().formatHex(keyBytes(caseDir));
  }
}
