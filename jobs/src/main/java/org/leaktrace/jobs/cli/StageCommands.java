package org.leaktrace.jobs.cli;

import java.util.List;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import org.leaktrace.jobs.Pipeline;
import org.leaktrace.jobs.common.Sessions;
import org.leaktrace.jobs.common.Workspace;
import org.leaktrace.jobs.config.CaseFile;
import org.leaktrace.jobs.report.ReportStage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The case-bound commands: {@code run} and one per stage. */
final class StageCommands {

  private StageCommands() {}

  /** Runs stages on a case with a Spark session, then prints where the results are. */
  static int runStages(CaseOptions o, List<Pipeline.Stage> stages) {
    CaseFile c = CaseFile.load(o.caseFile);
    Workspace ws = Workspace.of(c, o.out);
    SparkSession spark = Sessions.forJob("leaktrace " + c.caseId());
    try {
      Pipeline.run(spark, c, ws, stages, new ReportStage.Options(o.reproducible,
          "bin/leaktrace run --case " + c.file() + " --out " + ws.out() + " --reproducible"));
    } finally {
      spark.stop();
    }
    System.out.println("warehouse: " + ws.warehouse());
    if (stages.contains(Pipeline.Stage.REPORT)) {
      System.out.println("exhibit:   " + ws.exhibit());
      System.out.println("report:    " + ws.report().resolve("index.html"));
    }
    return 0;
  }

  @Command(name = "run", mixinStandardHelpOptions = true,
      description = "Run every stage on a case, in order: ingest, classify, reference, attribute, count, trace, "
          + "estimate, report.")
  static final class Run implements Callable<Integer> {
    @Mixin CaseOptions o;

    @Override
    public Integer call() {
      return runStages(o, Pipeline.all());
    }
  }

  @Command(name = "ingest", mixinStandardHelpOptions = true,
      description = "Read every dump and platform snapshot into the raw zone (custody, raw_rows, quarantine); "
          + "every line is parsed or quarantined with a reason.")
  static final class Ingest implements Callable<Integer> {
    @Mixin CaseOptions o;

    @Option(names = "--dataset", paramLabel = "ID",
        description = "Ingest only this dump or platform (repeatable); its earlier rows are replaced.")
    List<String> only;

    @Override
    public Integer call() {
      if (only == null || only.isEmpty()) {
        return runStages(o, List.of(Pipeline.Stage.INGEST));
      }
      CaseFile c = CaseFile.load(o.caseFile);
      Workspace ws = Workspace.of(c, o.out);
      SparkSession spark = Sessions.forJob("leaktrace " + c.caseId());
      try {
        Pipeline.ingest(spark, c, ws, only);
      } finally {
        spark.stop();
      }
      System.out.println("warehouse: " + ws.warehouse());
      return 0;
    }
  }

  @Command(name = "classify", mixinStandardHelpOptions = true,
      description = "Detect column types, validate and normalize values, and write the analytic zone "
          + "(columns, records, tokens): keyed-hash tokens, no raw identifier.")
  static final class Classify implements Callable<Integer> {
    @Mixin CaseOptions o;

    @Override
    public Integer call() {
      return runStages(o, List.of(Pipeline.Stage.CLASSIFY));
    }
  }

  @Command(name = "reference", mixinStandardHelpOptions = true,
      description = "Build the platforms' reference tables: token history by snapshot (one commit per snapshot "
          + "date, a Delta MERGE or, where nothing can be extended, an append; readable by time travel), record "
          + "versions, and the canaries as tokens.")
  static final class Reference implements Callable<Integer> {
    @Mixin CaseOptions o;

    @Override
    public Integer call() {
      return runStages(o, List.of(Pipeline.Stage.REFERENCE));
    }
  }

  @Command(name = "attribute", mixinStandardHelpOptions = true,
      description = "Attribute each dump to its likely source platform(s): record agreement against every "
          + "platform at once, calibrated against background, canaries, extraction window; verdict attributed, "
          + "mixture or unknown.")
  static final class Attribute implements Callable<Integer> {
    @Mixin CaseOptions o;

    @Override
    public Integer call() {
      return runStages(o, List.of(Pipeline.Stage.ATTRIBUTE));
    }
  }

  @Command(name = "count", mixinStandardHelpOptions = true,
      description = "Count, per dump and for the case: duplicates, unverifiable rows, pieces and individuals by "
          + "legal class, minors under 14, severity under Art. 5 and the Art. 11 accumulation by seller; "
          + "every row's outcome goes to the audit table.")
  static final class Count implements Callable<Integer> {
    @Mixin CaseOptions o;

    @Override
    public Integer call() {
      return runStages(o, List.of(Pipeline.Stage.COUNT));
    }
  }

  @Command(name = "trace", mixinStandardHelpOptions = true,
      description = "Trace resale between the case's dumps: shared records of every pair in one self-join, "
          + "relations same/subset/superset/overlap with direction from containment and obtained dates, "
          + "canary lineage through the edges.")
  static final class Trace implements Callable<Integer> {
    @Mixin CaseOptions o;

    @Override
    public Integer call() {
      return runStages(o, List.of(Pipeline.Stage.TRACE));
    }
  }

  @Command(name = "estimate", mixinStandardHelpOptions = true,
      description = "Estimate the size of each source's stolen table from independent samples of it (Chapman, "
          + "bootstrap 95%% interval, Robson-Regier check); dumps derived from another are excluded and named.")
  static final class Estimate implements Callable<Integer> {
    @Mixin CaseOptions o;

    @Override
    public Integer call() {
      return runStages(o, List.of(Pipeline.Stage.ESTIMATE));
    }
  }

  @Command(name = "report", mixinStandardHelpOptions = true,
      description = "Write the exhibit (summary.json, quarantine.csv) from the warehouse tables.")
  static final class Report implements Callable<Integer> {
    @Mixin CaseOptions o;

    @Override
    public Integer call() {
      return runStages(o, List.of(Pipeline.Stage.REPORT));
    }
  }
}
