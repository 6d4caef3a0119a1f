package org.leaktrace.jobs;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.apache.spark.SparkContext;
import org.apache.spark.sql.SparkSession;
import org.leaktrace.jobs.common.Checkpoints;
import org.leaktrace.jobs.common.Sessions;
import org.leaktrace.jobs.common.Workspace;
import org.leaktrace.jobs.config.CaseFile;
import org.leaktrace.jobs.attribute.AttributeStage;
import org.leaktrace.jobs.classify.ClassifyStage;
import org.leaktrace.jobs.count.CountStage;
import org.leaktrace.jobs.estimate.EstimateStage;
import org.leaktrace.jobs.ingest.IngestStage;
import org.leaktrace.jobs.reference.ReferenceStage;
import org.leaktrace.jobs.report.ReportStage;
import org.leaktrace.jobs.trace.TraceStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The stages in data-flow order; {@code run} executes them all, each can run alone. */
public final class Pipeline {

  private static final Logger LOG = LoggerFactory.getLogger(Pipeline.class);

  // SparkContext's local properties behind setJobGroup (read back to restore them)
  static final String JOB_GROUP_ID = "spark.jobGroup.id";
  static final String JOB_DESCRIPTION = "spark.job.description";
  static final String JOB_INTERRUPT_ON_CANCEL = "spark.job.interruptOnCancel";

  /** A stage: reads only what earlier stages wrote to the warehouse (ingest reads the input files). */
  public enum Stage {
    INGEST("every dataset into the raw zone",
        "Read every dump and platform snapshot into the raw zone (custody, raw_rows, quarantine); "
            + "every line is parsed or quarantined with a reason."),
    CLASSIFY("column types, records and tokens",
        "Detect column types, validate and normalize values, and write the analytic zone "
            + "(columns, records, tokens): keyed-hash tokens, no raw identifier."),
    REFERENCE("platform history and canaries",
        "Build the platforms' reference tables: token history by snapshot (intervals of consecutive "
            + "snapshots, computed in one pass), record versions, and the canaries as tokens."),
    ATTRIBUTE("dumps against platform history",
        "Attribute each dump to its likely source platform(s): record agreement against every "
            + "platform at once, calibrated against background, canaries, extraction window; verdict attributed, "
            + "mixture or unknown."),
    COUNT("pieces, individuals and severity",
        "Count, per dump and for the case: duplicates, unverifiable rows, pieces and individuals by "
            + "legal class, minors under 14, severity under Art. 5 and the Art. 11 accumulation by seller; "
            + "every row's outcome goes to the audit table."),
    TRACE("resale between the dumps",
        "Trace resale between the case's dumps: shared records of every pair in one self-join, "
            + "relations same/subset/superset/overlap with direction from containment and obtained dates, "
            + "canary lineage through the edges."),
    ESTIMATE("size of the stolen tables",
        // a picocli format string: %% is one percent sign
        "Estimate the size of each source's stolen table from independent samples of it (Chapman, "
            + "bootstrap 95%% interval, Robson-Regier check); dumps derived from another are excluded and named."),
    REPORT("exhibit",
        "Write the exhibit (summary.json, quarantine.csv) from the warehouse tables.");

    private final String job;
    private final String help;

    Stage(String job, String help) {
      this.job = job;
      this.help = help;
    }

    /** The command name and the Spark job group. */
    public String key() {
      return name().toLowerCase(Locale.ROOT);
    }

    /** The command's help text (picocli format: {@code %%} is a percent sign). */
    public String help() {
      return help;
    }

    /** What the Spark UI and logs show while the stage runs on the case. */
    public String jobDescription(String caseId) {
      return key() + ": " + job + " of case " + caseId;
    }
  }

  private Pipeline() {}

  public static Map<String, Double> run(SparkSession spark, CaseFile c, Workspace ws, List<Stage> stages) {
    return run(spark, c, ws, stages, ReportStage.Options.DEFAULT);
  }

  /** Runs the stages in order; returns the seconds each took, by stage key, in run order. */
  public static Map<String, Double> run(SparkSession spark, CaseFile c, Workspace ws, List<Stage> stages,
      ReportStage.Options reportOptions) {
    Duration period = Progress.period();
    // on a cluster: this run's reliable checkpoints under the warehouse, removed when it ends
    String checkpoints = Checkpoints.begin(spark, ws);
    long inputBytes = inputBytes(c);
    LOG.info("shuffle partitions {}", Sessions.sizeShuffle(spark, inputBytes));
    try {
      return runStages(spark, c, ws, stages, reportOptions, inputBytes, period);
    } finally {
      Checkpoints.end(spark, checkpoints);
    }
  }

  /** The case's input size (0 when a dataset's files cannot be listed: ingest then says why). */
  private static long inputBytes(CaseFile c) {
    try {
      return IngestStage.inputBytes(c, List.of());
    } catch (RuntimeException e) {
      return 0;
    }
  }

  private static Map<String, Double> runStages(SparkSession spark, CaseFile c, Workspace ws, List<Stage> stages,
      ReportStage.Options reportOptions, long inputBytes, Duration period) {
    return runStages(spark, c.caseId(), stages, inputBytes, period, s -> {
      switch (s) {
        // ingest and classify in one scan when both run: each line is read, classified and tokenized once
        case INGEST -> IngestStage.run(spark, c, ws, List.of(), stages.contains(Stage.CLASSIFY));
        case CLASSIFY -> {
          if (stages.contains(Stage.INGEST)) {
            LOG.info("classify: done in ingest's scan");
          } else {
            ClassifyStage.run(spark, c, ws);
          }
        }
        case REFERENCE -> ReferenceStage.run(spark, c, ws);
        case ATTRIBUTE -> AttributeStage.run(spark, c, ws);
        case COUNT -> CountStage.run(spark, c, ws);
        case TRACE -> TraceStage.run(spark, c, ws);
        case ESTIMATE -> EstimateStage.run(spark, c, ws);
        case REPORT -> ReportStage.run(spark, c, ws, reportOptions);
        default -> throw new IllegalStateException(s.name());
      }
    });
  }

  /** {@link #runStages(SparkSession, String, List, long, Duration, Consumer)} with progress as set by -D. */
  static Map<String, Double> runStages(SparkSession spark, String caseId, List<Stage> stages, Consumer<Stage> body) {
    return runStages(spark, caseId, stages, 0, Progress.period(), body);
  }

  /**
   * Runs each stage through {@code body} inside its job group, logging its progress every {@code period}
   * (none when zero; ingest's out of {@code inputBytes}); the seconds each took, by key, in run order.
   */
  static Map<String, Double> runStages(SparkSession spark, String caseId, List<Stage> stages, long inputBytes,
      Duration period, Consumer<Stage> body) {
    Map<String, Double> seconds = new LinkedHashMap<>();
    for (Stage s : stages) {
      long t0 = System.nanoTime();
      LOG.info("{}: starting (case {})", s.key(), caseId);
      String counted = withProgress(spark, s.key(), s == Stage.INGEST ? inputBytes : 0, period, () -> {
        withJobGroup(spark, s.key(), s.jobDescription(caseId), () -> {
          body.accept(s);
          return null;
        });
        // also waits for the listener queues to deliver the stage's last task ends
        Sessions.releaseEndedShuffles(spark);
      }).summary();
      double took = (System.nanoTime() - t0) / 1e9;
      seconds.put(s.key(), took);
      LOG.info("{}: finished in {} s{}", s.key(), String.format(Locale.ROOT, "%.1f", took), counted);
    }
    return seconds;
  }

  /**
   * Runs {@code body} with a {@link Progress} listener counting the jobs of Spark job group {@code group}
   * (the stage's key) and logging a progress line every {@code period}; returns the listener, removed.
   */
  private static Progress withProgress(SparkSession spark, String group, long inputBytes, Duration period,
      Runnable body) {
    Progress progress = Progress.start(spark.sparkContext(), group, group, inputBytes, period, LOG::info);
    try {
      body.run();
    } finally {
      progress.close();
    }
    return progress;
  }

  /**
   * Ingests only the named datasets (ids or dataset names; all when empty) inside ingest's job group and
   * returns the run id: their earlier rows are replaced, the other datasets' stay.
   */
  public static String ingest(SparkSession spark, CaseFile c, Workspace ws, List<String> only) {
    String description = only.isEmpty() ? Stage.INGEST.jobDescription(c.caseId())
        : "ingest: " + String.join(", ", only) + " into the raw zone of case " + c.caseId();
    Duration period = Progress.period();
    String[] runId = new String[1];
    String counted = withProgress(spark, Stage.INGEST.key(), IngestStage.inputBytes(c, only), period, () -> {
      runId[0] = withJobGroup(spark, Stage.INGEST.key(), description, () -> IngestStage.run(spark, c, ws, only));
      Sessions.releaseEndedShuffles(spark);
    }).summary();
    LOG.info("ingest: finished{}", counted);
    return runId[0];
  }

  /**
   * Runs {@code body} with the Spark job group and description set, so that the Spark UI and logs say
   * which stage runs, then puts back the group and description set before (none: cleared), also when
   * {@code body} throws. The one place that sets job groups (as Iceberg's {@code withJobGroupInfo}).
   */
  public static <T> T withJobGroup(SparkSession spark, String group, String description, Supplier<T> body) {
    SparkContext sc = spark.sparkContext();
    String previousGroup = sc.getLocalProperty(JOB_GROUP_ID);
    String previousDescription = sc.getLocalProperty(JOB_DESCRIPTION);
    String previousInterrupt = sc.getLocalProperty(JOB_INTERRUPT_ON_CANCEL);
    // interruptOnCancel off, Spark's default: HDFS may take an interrupted reader's datanode for dead (HDFS-1208)
    sc.setJobGroup(group, description, false);
    try {
      return body.get();
    } finally {
      if (previousGroup == null) {
        sc.clearJobGroup();
        sc.setJobDescription(previousDescription);
      } else {
        sc.setJobGroup(previousGroup, previousDescription, Boolean.parseBoolean(previousInterrupt));
      }
    }
  }

  public static List<Stage> all() {
    return List.of(Stage.values());
  }
}
