package org.leaktrace.jobs.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.leaktrace.jobs.common.Errors;
import org.leaktrace.jobs.common.LeaktraceException;
import org.leaktrace.jobs.common.Version;
import org.leaktrace.jobs.generate.ScaleCase;

/**
 * {@code leaktrace bench}: generates (or reuses, by rows, platforms, seed, snapshots and dumps) a scale
 * case and measures, in one run and each in a JVM of its own, leaktrace's {@code run} end to end, the
 * DuckDB peer, the plain-Java floor and the Spark floor; writes {@code bench.json} and prints a table.
 * Where leaktrace's run is short the figures are the median of several runs.
 */
public final class Bench {

  /** Runs shorter than this are repeated (median of {@link #SHORT_RUNS}) when no run count is given. */
  static final double SHORT_SECONDS = 120;
  static final int SHORT_RUNS = 3;

  private static final String INPUT_ROWS = "input_rows";

  /** What to measure. */
  public record Options(long rows, int platforms, long seed, int snapshots, int dumps, Path out, int runs,
      int partRows, List<String> parts, boolean profile) {

    /** One snapshot per platform and one dump. */
    public Options(long rows, int platforms, long seed, Path out, int runs, int partRows, List<String> parts,
        boolean profile) {
      this(rows, platforms, seed, 1, 1, out, runs, partRows, parts, profile);
    }

    /** {@code case-NxK-sSEED}, with {@code -snapS-dumpD} when the case has more than one of either. */
    String caseFolder() {
      return "case-" + rows + "x" + platforms + "-s" + seed
          + (snapshots == 1 && dumps == 1 ? "" : "-snap" + snapshots + "-dump" + dumps);
    }
  }

  /** A written or reused case: the seconds it took to write (0 when reused) and its rows. */
  private record PreparedCase(double seconds, long inputRows) {}

  private final Options o;
  private final PrintStream log;
  private final ObjectMapper json = new ObjectMapper();

  public Bench(Options o, PrintStream log) {
    this.o = o;
    this.log = log;
  }

  /** Runs the benchmark and returns bench.json's content (also written to OUT/bench.json). */
  public Map<String, Object> run() throws IOException, InterruptedException {
    Files.createDirectories(o.out());
    double[] load0 = loadAverage();
    Path caseDir = o.out().resolve(o.caseFolder());
    PreparedCase prepared = prepareCase(caseDir);

    Map<String, List<JsonNode>> results = new LinkedHashMap<>();
    int runs = o.runs() > 0 ? o.runs() : 1;
    for (int i = 1; i <= runs; i++) {
      for (String part : o.parts()) {
        JsonNode r = measure(part, caseDir, i);
        results.computeIfAbsent(part, k -> new ArrayList<>()).add(r);
        if (o.runs() <= 0 && i == 1 && part.equals("leaktrace") && r.get("seconds").asDouble() < SHORT_SECONDS) {
          runs = SHORT_RUNS;
        }
      }
    }
    Map<String, Object> bench = summarize(results, caseDir, prepared, load0);
    Path file = o.out().resolve("bench.json");
    Files.writeString(file, json.writerWithDefaultPrettyPrinter().writeValueAsString(bench) + "\n");
    printTable(bench);
    log.println("bench.json: " + file);
    return bench;
  }

  /**
   * Writes the case unless one of the same rows, platforms, seed, snapshots, dumps and part rows is there
   * (bench-case.json holds those and the rows written).
   */
  private PreparedCase prepareCase(Path caseDir) throws IOException {
    Path done = caseDir.resolve("bench-case.json");
    Map<String, Object> want = new LinkedHashMap<>();
    want.put("rows", o.rows());
    want.put("platforms", o.platforms());
    want.put("seed", o.seed());
    want.put("snapshots", o.snapshots());
    want.put("dumps", o.dumps());
    want.put("part_rows", o.partRows());
    if (Files.exists(done)) {
      JsonNode had = json.readTree(done.toFile());
      if (had instanceof ObjectNode h && h.has(INPUT_ROWS)) {
        long inputRows = h.remove(INPUT_ROWS).asLong();
        // compared as read back, so that a number written from a long equals the one read as an int
        if (json.readTree(json.writeValueAsString(want)).equals(h)) {
          log.println("bench: reusing the case in " + caseDir);
          return new PreparedCase(0, inputRows);
        }
      }
    }
    deleteTree(caseDir);
    ScaleCase scale = new ScaleCase(o.rows(), o.platforms(), o.seed(), o.snapshots(), o.dumps());
    long total = approximateRows(scale);
    log.printf(Locale.ROOT, "bench: writing a case of %d dumps (%,d rows in the first) and %d platforms of about "
        + "%,d rows in each of %d snapshots into %s%n", o.dumps(), o.rows(), o.platforms(), o.rows(), o.snapshots(),
        caseDir);
    long t0 = System.nanoTime();
    long[] next = {total / 10};
    long[] written = {0};
    scale.write(caseDir, o.partRows(), Runtime.getRuntime().availableProcessors(), n -> {
      synchronized (next) {
        written[0] = Math.max(written[0], n);
        if (n >= next[0]) {
          log.printf(Locale.ROOT, "bench:   %,d of about %,d rows written%n", n, total);
          next[0] = n + total / 10;
        }
      }
    });
    double seconds = (System.nanoTime() - t0) / 1e9;
    Map<String, Object> record = new LinkedHashMap<>(want);
    record.put(INPUT_ROWS, written[0]);
    Files.writeString(done, json.writeValueAsString(record));
    log.printf(Locale.ROOT, "bench: case of %,d rows written in %.1f s%n", written[0], seconds);
    return new PreparedCase(seconds, written[0]);
  }

  /** For progress: about rows per platform snapshot (churn keeps it near N), and the dumps' rows exactly. */
  private long approximateRows(ScaleCase scale) {
    long rows = o.rows() * o.platforms() * o.snapshots();
    for (int d = 1; d <= o.dumps(); d++) {
      rows += scale.dumpRows(d);
    }
    return rows;
  }

  /** Runs one part in a JVM of its own with this JVM's options and class path; returns its JSON. */
  private JsonNode measure(String part, Path caseDir, int run) throws IOException, InterruptedException {
    Path work = o.out().resolve("work");
    deleteTree(work);
    Files.createDirectories(work);
    Path logs = Files.createDirectories(o.out().resolve("logs"));
    Path result = work.resolve(part + ".json");
    Path logFile = logs.resolve(part + "-" + run + ".log");
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    for (String a : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      if (!a.startsWith("-agentlib") && !a.startsWith("-javaagent")) {
        cmd.add(a);
      }
    }
    if (o.profile() && part.equals("leaktrace")) {
      // Java Flight Recorder's sampling profile of the whole run (see docs/BENCHMARKS.md: reading it)
      cmd.add("-XX:StartFlightRecording=filename=" + logs.resolve(part + "-" + run + ".jfr") + ",settings=profile");
    }
    cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), BenchPart.class.getName(), part,
        caseDir.toString(), Integer.toString(o.platforms()), work.toString(), result.toString()));
    log.printf(Locale.ROOT, "bench: %s, run %d ...%n", part, run);
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(logFile.toFile()).start();
    int exit = p.waitFor();
    if (exit != 0 || !Files.exists(result)) {
      throw failed(part, exit, logFile);
    }
    JsonNode r = json.readTree(result.toFile());
    log.printf(Locale.ROOT, "bench: %s, run %d: %.1f s, peak RSS %s%n", part, run, r.get("seconds").asDouble(),
        bytes(r.get("peak_rss_bytes").asLong()));
    if (part.equals("leaktrace") || part.equals("spark")) {
      deleteTree(work.resolve(part)); // its tables and Spark's local folder
    }
    return r;
  }

  /** Why a part failed, from its log: a full disk said plainly, else the first error line. */
  static LeaktraceException failed(String part, int exit, Path logFile) throws IOException {
    List<String> lines = Files.readAllLines(logFile, java.nio.charset.StandardCharsets.UTF_8);
    if (lines.stream().anyMatch(l -> l.contains("No space left on device"))) {
      return Errors.input(logFile.toString(), "the " + part + " part ran out of disk (No space left on device) in --out",
          "free space or give --out a disk with more room: the run needs the free disk docs/BENCHMARKS.md gives"
              + " per input size (bench.json's peak_disk_bytes at a smaller N, times the growth)");
    }
    String first = lines.stream().filter(l -> l.contains(" ERROR ") || l.startsWith("Exception in thread"))
        .findFirst().orElse("no error line");
    return Errors.input(logFile.toString(), "the " + part + " part failed (exit " + exit + "): " + first,
        "read the log for the cause; rerun with --only " + part + " once it is fixed");
  }

  private Map<String, Object> summarize(Map<String, List<JsonNode>> results, Path caseDir, PreparedCase prepared,
      double[] load0) throws IOException {
    Map<String, Object> b = new LinkedHashMap<>();
    b.put("rows", o.rows());
    b.put("platforms", o.platforms());
    List<JsonNode> lt = results.getOrDefault("leaktrace", List.of());
    Map<String, Double> stages = stageMedians(lt, "stages");
    b.put("stages", stages);
    Double leaktrace = seconds(results, "leaktrace");
    Double duckdb = seconds(results, "duckdb");
    Double floor = seconds(results, "floor");
    Double spark = seconds(results, "spark");
    b.put("leaktrace_seconds", leaktrace);
    b.put("duckdb_seconds", duckdb);
    b.put("floor_seconds", floor);
    b.put("spark_seconds", spark);
    b.put("ratio_vs_duckdb", leaktrace == null || duckdb == null ? null : round(leaktrace / duckdb));
    b.put("ratio_vs_floor", leaktrace == null || floor == null ? null : round(leaktrace / floor));
    b.put("ratio_vs_spark", leaktrace == null || spark == null ? null : round(leaktrace / spark));
    long inputRows = prepared.inputRows();
    b.put("rows_per_second", leaktrace == null ? null : Math.round(inputRows / leaktrace));
    b.put("peak_driver_heap_bytes", lt.isEmpty() ? null : max(lt, "peak_live_heap_bytes"));
    b.put("peak_rss_bytes", lt.isEmpty() ? null : max(lt, "peak_rss_bytes"));
    b.put("peak_disk_bytes", lt.isEmpty() ? null : max(lt, "peak_disk_bytes"));
    b.put("stage_peak_disk_bytes", stageMaxima(lt, "stage_peak_disk_bytes"));
    b.put("gc_seconds", lt.isEmpty() ? null : round(median(lt.stream().map(r -> r.get("gc_seconds").asDouble())
        .toList())));
    b.put("stage_gc_seconds", stageMedians(lt, "stage_gc_seconds"));
    b.put("cores", Runtime.getRuntime().availableProcessors());
    b.put("memory_bytes", memoryBytes());
    // extensions: what the figures mean and how noisy the machine was
    b.put("snapshots", o.snapshots());
    b.put("dumps", o.dumps());
    b.put("input_rows", inputRows);
    b.put("input_bytes", treeBytes(caseDir.resolve("dumps")) + treeBytes(caseDir.resolve("platforms")));
    b.put("seed", o.seed());
    b.put("runs", results.values().stream().mapToInt(List::size).max().orElse(0));
    b.put("case_seconds", round(prepared.seconds()));
    Map<String, Object> parts = new LinkedHashMap<>();
    for (Map.Entry<String, List<JsonNode>> e : results.entrySet()) {
      Map<String, Object> p = new LinkedHashMap<>();
      p.put("seconds_each_run", e.getValue().stream().map(r -> round(r.get("seconds").asDouble())).toList());
      p.put("peak_rss_bytes", max(e.getValue(), "peak_rss_bytes"));
      p.put("peak_live_heap_bytes", max(e.getValue(), "peak_live_heap_bytes"));
      p.put("peak_heap_used_bytes", max(e.getValue(), "peak_heap_used_bytes"));
      p.put("max_heap_bytes", e.getValue().get(0).get("max_heap_bytes").asLong());
      p.put("peak_disk_bytes", max(e.getValue(), "peak_disk_bytes"));
      p.put("disk_free_bytes_before", e.getValue().get(0).path("disk_free_bytes_before").asLong());
      p.put("gc_seconds_each_run", e.getValue().stream().map(r -> round(r.get("gc_seconds").asDouble())).toList());
      p.put("gc_collections_each_run", e.getValue().stream().map(r -> r.get("gc_collections").asLong()).toList());
      if (e.getValue().get(0).has("stages")) {
        p.put("stage_gc_seconds_each_run", e.getValue().stream().map(r -> r.get("stage_gc_seconds")).toList());
        p.put("stage_peak_disk_bytes_each_run",
            e.getValue().stream().map(r -> r.get("stage_peak_disk_bytes")).toList());
      }
      if (e.getValue().get(0).has("phases")) {
        p.put("phases", stageMedians(e.getValue(), "phases"));
      }
      if (e.getValue().get(0).has("figures")) {
        p.put("figures", e.getValue().get(0).get("figures"));
      }
      parts.put(e.getKey(), p);
    }
    b.put("parts", parts);
    b.put("load_average_before", load0);
    b.put("load_average_after", loadAverage());
    b.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
    b.put("leaktrace_version", Version.TOOL);
    b.put("spark_version", org.apache.spark.package$.MODULE$.SPARK_VERSION());
    return b;
  }

  private void printTable(Map<String, Object> b) {
    log.println();
    log.printf(Locale.ROOT, "%-22s %s%n", "rows", String.format(Locale.ROOT,
        "%d dumps (the first %,d) + %d platforms x %d snapshots: %,d input rows", o.dumps(), o.rows(), o.platforms(),
        o.snapshots(), (Long) b.get("input_rows")));
    @SuppressWarnings("unchecked")
    Map<String, Double> stages = (Map<String, Double>) b.get("stages");
    @SuppressWarnings("unchecked")
    Map<String, Long> disk = (Map<String, Long>) b.get("stage_peak_disk_bytes");
    @SuppressWarnings("unchecked")
    Map<String, Double> gc = (Map<String, Double>) b.get("stage_gc_seconds");
    for (Map.Entry<String, Double> e : stages.entrySet()) {
      log.printf(Locale.ROOT, "  %-20s %8.1f s  gc %6.1f s  disk %s%n", e.getKey(), e.getValue(),
          gc.getOrDefault(e.getKey(), 0.0), bytes(disk.get(e.getKey())));
    }
    row("leaktrace run", b.get("leaktrace_seconds"), " s");
    row("duckdb peer", b.get("duckdb_seconds"), " s");
    row("floor", b.get("floor_seconds"), " s");
    row("spark floor", b.get("spark_seconds"), " s");
    row("leaktrace / duckdb", b.get("ratio_vs_duckdb"), "");
    row("leaktrace / floor", b.get("ratio_vs_floor"), "");
    row("leaktrace / spark", b.get("ratio_vs_spark"), "");
    log.printf(Locale.ROOT, "%-22s %s%n", "rows per second", b.get("rows_per_second"));
    row("leaktrace gc", b.get("gc_seconds"), " s");
    log.printf(Locale.ROOT, "%-22s %s%n", "peak driver heap", bytes(b.get("peak_driver_heap_bytes")));
    log.printf(Locale.ROOT, "%-22s %s%n", "peak RSS", bytes(b.get("peak_rss_bytes")));
    log.printf(Locale.ROOT, "%-22s %s%n", "peak disk", bytes(b.get("peak_disk_bytes")));
    log.printf(Locale.ROOT, "%-22s %s cores, %s%n", "machine", b.get("cores"), bytes(b.get("memory_bytes")));
  }

  private void row(String label, Object v, String unit) {
    log.printf(Locale.ROOT, "%-22s %s%n", label, v == null ? "-" : String.format(Locale.ROOT, "%.2f%s", v, unit));
  }

  /** Stage → the median over runs of a per-stage figure, in run order (empty without runs). */
  private static Map<String, Double> stageMedians(List<JsonNode> runs, String field) {
    Map<String, Double> out = new LinkedHashMap<>();
    if (!runs.isEmpty()) {
      for (Iterator<String> it = runs.get(0).get(field).fieldNames(); it.hasNext(); ) {
        String s = it.next();
        out.put(s, round(median(runs.stream().map(r -> r.get(field).get(s).asDouble()).toList())));
      }
    }
    return out;
  }

  /** Stage → the largest over runs of a per-stage figure, in run order (empty without runs). */
  private static Map<String, Long> stageMaxima(List<JsonNode> runs, String field) {
    Map<String, Long> out = new LinkedHashMap<>();
    if (!runs.isEmpty()) {
      for (Iterator<String> it = runs.get(0).get(field).fieldNames(); it.hasNext(); ) {
        String s = it.next();
        out.put(s, runs.stream().mapToLong(r -> r.get(field).get(s).asLong()).max().orElse(-1));
      }
    }
    return out;
  }

  private static Double seconds(Map<String, List<JsonNode>> results, String part) {
    List<JsonNode> r = results.get(part);
    return r == null || r.isEmpty() ? null : round(median(r.stream().map(n -> n.get("seconds").asDouble()).toList()));
  }

  static double median(List<Double> values) {
    List<Double> s = values.stream().sorted().toList();
    int n = s.size();
    return n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
  }

  private static long max(List<JsonNode> runs, String field) {
    return runs.stream().mapToLong(r -> r.get(field).asLong()).max().orElse(-1);
  }

  private static double round(double v) {
    return Math.round(v * 100) / 100.0;
  }

  private static long memoryBytes() {
    if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
      return os.getTotalMemorySize();
    }
    return -1;
  }

  private static double[] loadAverage() {
    try {
      String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
      return new double[] {Double.parseDouble(f[0]), Double.parseDouble(f[1]), Double.parseDouble(f[2])};
    } catch (IOException | RuntimeException e) {
      return new double[] {ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()};
    }
  }

  static String bytes(Object v) {
    if (!(v instanceof Number n) || n.longValue() < 0) {
      return "-";
    }
    double b = n.doubleValue();
    return b >= 1L << 30 ? String.format(Locale.ROOT, "%.2f GiB", b / (1L << 30))
        : String.format(Locale.ROOT, "%.0f MiB", b / (1L << 20));
  }

  private static long treeBytes(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return 0;
    }
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
