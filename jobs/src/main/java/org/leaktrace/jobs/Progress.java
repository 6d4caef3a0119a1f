package org.leaktrace.jobs;

import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.apache.spark.SparkContext;
import org.apache.spark.scheduler.AccumulableInfo;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerExecutorMetricsUpdate;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.scheduler.SparkListenerStageSubmitted;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.leaktrace.jobs.common.Errors;
import org.leaktrace.jobs.common.ProgressLine;
import org.leaktrace.jobs.common.ReadCounters;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.Tuple4;
import scala.jdk.javaapi.CollectionConverters;

/**
 * A running stage's progress, from Spark's listener events: the tasks of its job group's Spark stages and
 * what ingest's scan read ({@link ReadCounters}: task ends, and executor heartbeats for running tasks),
 * logged as a {@link ProgressLine} every period by a daemon thread. Registered by {@link Pipeline} only.
 */
final class Progress extends SparkListener implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(Progress.class);

  /** The system property with the seconds between two progress lines; 0 for none. */
  static final String SECONDS_PROPERTY = "leaktrace.progress.seconds";
  static final Duration DEFAULT_PERIOD = Duration.ofSeconds(30);
  /** The shortest period but none: more often floods the log and costs the driver a thread's wake-ups. */
  static final double MIN_SECONDS = 0.1;

  private final SparkContext sc;
  private final String stage;
  private final String group;
  private final long bytesTotal;
  private final Consumer<String> sink;
  private final long startNanos = System.nanoTime();
  /** The Spark stages of the group's jobs: only their tasks count. */
  private final Set<Integer> sparkStages = ConcurrentHashMap.newKeySet();
  private final AtomicLong tasksTotal = new AtomicLong();
  private final AtomicLong tasksDone = new AtomicLong();
  private final AtomicLong linesDone = new AtomicLong();
  private final AtomicLong bytesDone = new AtomicLong();
  /** The lines and bytes running tasks had read at their last heartbeat, by task id. */
  private final Map<Long, long[]> running = new ConcurrentHashMap<>();
  /** Ended tasks: a heartbeat delivered after a task's end must not bring it back. */
  private final Set<Long> ended = ConcurrentHashMap.newKeySet();
  /** When each Spark stage of the group was submitted (nano time), by stage id. */
  private final Map<Integer, Long> submitted = new ConcurrentHashMap<>();
  /** When the Spark stage that read the first counted lines was submitted; 0 before: the scan's rate. */
  private volatile long scanStartNanos;
  private final ScheduledExecutorService timer;

  private Progress(SparkContext sc, String stage, String group, long bytesTotal, Duration period,
      Consumer<String> sink) {
    this.sc = sc;
    this.stage = stage;
    this.group = group;
    this.bytesTotal = bytesTotal;
    this.sink = sink;
    this.timer = period.isZero() ? null : Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "leaktrace-progress-" + stage);
      t.setDaemon(true);
      return t;
    });
    if (timer != null) {
      timer.scheduleAtFixedRate(this::log, period.toNanos(), period.toNanos(), TimeUnit.NANOSECONDS);
    }
  }

  /**
   * Starts counting the jobs of Spark job group {@code group} and logging to {@code sink} every {@code
   * period} (none when zero) until {@link #close}; {@code bytesTotal} is the input ingest reads (0: none).
   */
  static Progress start(SparkContext sc, String stage, String group, long bytesTotal, Duration period,
      Consumer<String> sink) {
    Progress p = new Progress(sc, stage, group, bytesTotal, period, sink);
    sc.addSparkListener(p);
    return p;
  }

  /** The period from {@code -Dleaktrace.progress.seconds} (default 30 s; 0: no progress lines). */
  static Duration period() {
    String v = System.getProperty(SECONDS_PROPERTY);
    if (v == null) {
      return DEFAULT_PERIOD;
    }
    double s;
    try {
      s = Double.parseDouble(v.trim());
    } catch (NumberFormatException e) {
      s = Double.NaN;
    }
    if (s != 0 && !(s >= MIN_SECONDS && s <= Duration.ofDays(1).toSeconds())) {
      throw Errors.usage("-D" + SECONDS_PROPERTY + "=" + v + " is not a number of seconds between two progress "
          + "lines (0, or " + MIN_SECONDS + " to one day)", "set it to e.g. -D" + SECONDS_PROPERTY + "=30 (the "
          + "default), or 0 for no progress lines; bin/leaktrace takes it in LEAKTRACE_JAVA_OPTS");
    }
    return Duration.ofNanos(Math.round(s * 1e9));
  }

  /** What is done so far. */
  ProgressLine.Counts counts() {
    long lines = linesDone.get();
    long bytes = bytesDone.get();
    for (long[] r : running.values()) {
      lines += r[0];
      bytes += r[1];
    }
    return new ProgressLine.Counts(tasksDone.get(), tasksTotal.get(), lines, bytes, bytesTotal);
  }

  /** For the stage's "finished" line: {@code  (12 tasks, 1,234 lines read)}, or empty when nothing ran. */
  String summary() {
    ProgressLine.Counts c = counts();
    if (c.tasksDone() == 0) {
      return "";
    }
    return " (" + ProgressLine.count(c.tasksDone()) + " tasks"
        + (c.linesRead() > 0 ? ", " + ProgressLine.count(c.linesRead()) + " lines read" : "") + ")";
  }

  private void log() {
    try {
      ProgressLine.Counts c = counts();
      if (c.tasksTotal() > 0 || c.linesRead() > 0) {
        // lines read are rated over the scan's time: ingest plans and samples the files before it
        long since = c.linesRead() > 0 && scanStartNanos != 0 ? scanStartNanos : startNanos;
        sink.accept(ProgressLine.format(stage, c, Duration.ofNanos(System.nanoTime() - since)));
      }
    } catch (RuntimeException e) {
      // a progress line is never worth a failed run; the next one may succeed
      LOG.debug("progress line failed", e);
    }
  }

  @Override
  public void onJobStart(SparkListenerJobStart jobStart) {
    Properties p = jobStart.properties();
    if (p != null && group.equals(p.getProperty(Pipeline.JOB_GROUP_ID))) {
      for (Object id : CollectionConverters.asJava(jobStart.stageIds())) {
        sparkStages.add((Integer) id);
      }
    }
  }

  @Override
  public void onStageSubmitted(SparkListenerStageSubmitted submitted) {
    // a job's skipped stages (their shuffle output exists) are never submitted: their tasks do not count
    if (sparkStages.contains(submitted.stageInfo().stageId())) {
      this.submitted.putIfAbsent(submitted.stageInfo().stageId(), System.nanoTime());
      tasksTotal.addAndGet(submitted.stageInfo().numTasks());
    }
  }

  @Override
  public void onTaskEnd(SparkListenerTaskEnd taskEnd) {
    if (!sparkStages.contains(taskEnd.stageId())) {
      return;
    }
    long id = taskEnd.taskInfo().taskId();
    ended.add(id);
    running.remove(id);
    if (taskEnd.taskInfo().successful()) {
      tasksDone.incrementAndGet();
      // a failed task's reads are read again by its retry
      long before = linesDone.get();
      for (AccumulableInfo a : CollectionConverters.asJava(taskEnd.taskInfo().accumulables())) {
        addTo(a, linesDone, bytesDone);
      }
      if (linesDone.get() > before) {
        scanStarted(taskEnd.stageId());
      }
    }
  }

  @Override
  public void onExecutorMetricsUpdate(SparkListenerExecutorMetricsUpdate update) {
    for (Tuple4<Object, Object, Object, scala.collection.immutable.Seq<AccumulableInfo>> t
        : CollectionConverters.asJava(update.accumUpdates())) {
      long id = (Long) t._1();
      if (!sparkStages.contains((Integer) t._2()) || ended.contains(id)) {
        continue;
      }
      AtomicLong lines = new AtomicLong();
      AtomicLong bytes = new AtomicLong();
      for (AccumulableInfo a : CollectionConverters.asJava(t._4())) {
        addTo(a, lines, bytes);
      }
      if (lines.get() > 0 || bytes.get() > 0) {
        running.put(id, new long[] {lines.get(), bytes.get()});
        scanStarted((Integer) t._2());
      }
    }
  }

  private void scanStarted(int sparkStage) {
    if (scanStartNanos == 0) {
      scanStartNanos = submitted.getOrDefault(sparkStage, System.nanoTime());
    }
  }

  /** Adds a task's update of the read counters (found by name) to {@code lines} or {@code bytes}. */
  private static void addTo(AccumulableInfo a, AtomicLong lines, AtomicLong bytes) {
    if (a.name().isEmpty() || a.update().isEmpty() || !(a.update().get() instanceof Number n)) {
      return;
    }
    String name = a.name().get();
    if (ReadCounters.LINES.equals(name)) {
      lines.addAndGet(n.longValue());
    } else if (ReadCounters.BYTES.equals(name)) {
      bytes.addAndGet(n.longValue());
    }
  }

  /** Stops the lines and the counting. */
  @Override
  public void close() {
    if (timer != null) {
      timer.shutdownNow();
    }
    sc.removeSparkListener(this);
  }
}
