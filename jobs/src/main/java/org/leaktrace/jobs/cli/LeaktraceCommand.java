package org.leaktrace.jobs.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The top-level {@code leaktrace} command; subcommands are the stages and tools. */
@Command(
    name = "leaktrace",
    mixinStandardHelpOptions = true,
    version = "leaktrace 0.1.0",
    description = "Attribute, count, trace and size personal-data leaks on Apache Spark.")
public final class LeaktraceCommand implements Runnable {

  @Override
  public void run() {
    CommandLine.usage(this, System.out);
  }

  /** Runs the command line and returns the exit code (0 done, 2 usage/config, 3 input, 1 internal). */
  public static int execute(String... args) {
    return new CommandLine(new LeaktraceCommand()).execute(args);
  }
}
