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
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The case-bound commands: {@code run} and one per stage, made from {@link Pipeline.Stage}. */
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

  /**
   * The command that runs one stage alone: its name is the stage's key, its help the stage's; ingest
   * also takes {@code --dataset}.
   */
  static CommandSpec command(Pipeline.Stage stage) {
    StageCommand command = new StageCommand(stage);
    CommandSpec spec = CommandSpec.forAnnotatedObject(command);
    spec.name(stage.key());
    spec.usageMessage().description(stage.help());
    if (stage == Pipeline.Stage.INGEST) {
      spec.addMixin("dataset", CommandSpec.forAnnotatedObject(command.datasets));
    }
    return spec;
  }

  /** One stage on a case ({@link #command} names it and adds its own options). */
  @Command(mixinStandardHelpOptions = true)
  static final class StageCommand implements Callable<Integer> {
    @Mixin CaseOptions o;

    private final Pipeline.Stage stage;
    private final DatasetOption datasets = new DatasetOption();

    StageCommand(Pipeline.Stage stage) {
      this.stage = stage;
    }

    @Override
    public Integer call() {
      if (datasets.only == null || datasets.only.isEmpty()) {
        return runStages(o, List.of(stage));
      }
      CaseFile c = CaseFile.load(o.caseFile);
      Workspace ws = Workspace.of(c, o.out);
      SparkSession spark = Sessions.forJob("leaktrace " + c.caseId());
      try {
        Pipeline.ingest(spark, c, ws, datasets.only);
      } finally {
        spark.stop();
      }
      System.out.println("warehouse: " + ws.warehouse());
      return 0;
    }
  }

  /** Ingest's {@code --dataset}: re-reads chosen datasets and leaves the others. */
  static final class DatasetOption {
    @Option(names = "--dataset", paramLabel = "ID",
        description = "Ingest only this dump or platform (repeatable); its earlier rows are replaced.")
    List<String> only;
  }
}
