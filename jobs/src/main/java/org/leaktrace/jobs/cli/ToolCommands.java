package org.leaktrace.jobs.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.leaktrace.jobs.Pipeline;
import org.leaktrace.jobs.common.Errors;
import org.leaktrace.jobs.common.Workspace;
import org.leaktrace.jobs.config.CaseFile;
import org.leaktrace.jobs.generate.AttributionTruth;
import org.leaktrace.jobs.generate.Generator;
import org.leaktrace.jobs.report.Manifest;
import org.leaktrace.jobs.report.ReportPdf;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Commands that are not stages: the synthetic-case generator, the demo built on it, the report's PDF. */
final class ToolCommands {

  private ToolCommands() {}

  static Path generate(Path out, int persons, long seed) {
    return generate(out, persons, seed, "default");
  }

  /** Writes the world of {@code scenario} (one of {@link Generator#SCENARIOS}) and returns its case file. */
  static Path generate(Path out, int persons, long seed, String scenario) {
    if (!Generator.SCENARIOS.contains(scenario)) {
      throw Errors.usage("--scenario '" + scenario + "' is not a scenario",
          "use one of " + String.join(", ", Generator.SCENARIOS));
    }
    boolean attribution = scenario.equals("attribution");
    int min = attribution ? Generator.MIN_PERSONS_ATTRIBUTION : Generator.MIN_PERSONS;
    if (persons < min) {
      throw Errors.usage("--persons " + persons + " is too small", "use at least " + min + " persons"
          + (attribution ? " for --scenario attribution" : ""));
    }
    try {
      if (attribution) {
        Generator.generateAttribution(out, persons, seed);
      } else {
        Generator.generate(out, persons, seed);
      }
    } catch (IOException e) {
      throw Errors.input(out.toString(), "cannot write the generated case (" + e.getMessage() + ")",
          "choose an empty folder, or a folder holding an earlier generated case, with --out");
    }
    return out.resolve("case.yaml");
  }

  @Command(name = "generate", mixinStandardHelpOptions = true,
      description = "Write a synthetic leak case (platforms with dated snapshots, canaries, seven dumps of the "
          + "kinds real cases hold) and truth.json, the ground truth of what was generated; with --scenario "
          + "attribution, a world shaped for attribution and attribution-truth.json (docs/GENERATE.md).")
  static final class Generate implements Callable<Integer> {
    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Folder for the case.")
    Path out;

    @Option(names = "--persons", defaultValue = "10000", paramLabel = "N",
        description = "Size of the synthetic population (default: ${DEFAULT-VALUE}).")
    int persons;

    @Option(names = "--seed", defaultValue = "42", paramLabel = "S",
        description = "Random seed; the same seed writes the same bytes (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--scenario", defaultValue = "default", paramLabel = "NAME",
        description = "Which world: default (today's seven dumps, truth.json) or attribution (eight dumps shaped "
            + "for attribution, each platform writing persons in its own style; attribution-truth.json) "
            + "(default: ${DEFAULT-VALUE}).")
    String scenario;

    @Override
    public Integer call() {
      Path caseFile = generate(out, persons, seed, scenario);
      System.out.println("case:  " + caseFile);
      System.out.println("truth: " + out.resolve(scenario.equals("attribution") ? AttributionTruth.FILE : "truth.json"));
      return 0;
    }
  }

  @Command(name = "pdf", mixinStandardHelpOptions = true,
      description = "Print the case's report (report/index.html, written by report or run) to report/report.zh.pdf "
          + "and report/report.en.pdf for filing, with headless Chromium: charts as drawn, no network. Not part "
          + "of the byte-identical exhibit (a PDF carries its creation time): each file's sha256 is printed.")
  static final class Pdf implements Callable<Integer> {
    @Option(names = "--case", required = true, paramLabel = "CASE.yaml", description = "The case file.")
    Path caseFile;

    @Option(names = "--out", paramLabel = "DIR",
        description = "The case's output folder, as given to run (default: out/<case_id>).")
    Path out;

    @Option(names = "--chromium", paramLabel = "PATH",
        description = "Chromium or Chrome binary (default: $LEAKTRACE_CHROMIUM, else chromium on the PATH).")
    Path chromium;

    @Override
    public Integer call() throws IOException {
      Workspace ws = Workspace.of(CaseFile.load(caseFile), out);
      Path browser = ReportPdf.findChromium(chromium);
      for (Path pdf : ReportPdf.print(browser, ws.report().resolve("index.html"))) {
        System.out.println("pdf:       " + pdf + "  sha256 " + Manifest.sha256(pdf));
      }
      return 0;
    }
  }

  @Command(name = "demo", mixinStandardHelpOptions = true,
      description = "Generate a synthetic case into DIR/case, run every stage on it (local Spark, a local Delta "
          + "warehouse in DIR/warehouse), and print where the exhibit and report are.")
  static final class Demo implements Callable<Integer> {
    @Option(names = "--out", defaultValue = "out/demo", paramLabel = "DIR",
        description = "Output folder (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--persons", defaultValue = "10000", paramLabel = "N",
        description = "Size of the synthetic population (default: ${DEFAULT-VALUE}).")
    int persons;

    @Option(names = "--seed", defaultValue = "42", paramLabel = "S", description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Override
    public Integer call() {
      CaseOptions o = new CaseOptions();
      o.caseFile = generate(out.resolve("case"), persons, seed);
      o.out = out;
      System.out.println("case:      " + o.caseFile);
      return StageCommands.runStages(o, Pipeline.all());
    }
  }
}
