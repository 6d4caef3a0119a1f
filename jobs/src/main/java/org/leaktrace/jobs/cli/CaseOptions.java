package org.leaktrace.jobs.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Options every case-bound command takes. */
public final class CaseOptions {

  @Option(names = "--case", required = true, paramLabel = "CASE.yaml", description = "The case file.")
  Path caseFile;

  @Option(names = "--out", paramLabel = "DIR",
      description = "Output folder (exhibit/, report/, and warehouse/ unless the case names one). Default: out/<case_id>.")
  Path out;

  @Option(names = "--reproducible",
      description = "Leave the generation time out of summary.json, so that re-running gives a byte-identical exhibit.")
  boolean reproducible;
}
