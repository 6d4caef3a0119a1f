package org.leaktrace.jobs.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import org.leaktrace.jobs.Pipeline;
import org.leaktrace.jobs.bench.BenchCommand;
import org.leaktrace.jobs.common.Errors;
import org.leaktrace.jobs.common.LeaktraceException;
import org.leaktrace.jobs.tokenize.TokenizeCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The top-level {@code leaktrace} command; subcommands are the stages and tools. */
@Command(
    name = "leaktrace",
    mixinStandardHelpOptions = true,
    versionProvider = LeaktraceCommand.VersionProvider.class,
    description = "Attribute, count, trace and size personal-data leaks on Apache Spark.")
public final class LeaktraceCommand implements Runnable {

  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  /** Runs the command line and returns the exit code (0 done, 2 usage/config, 3 input, 1 internal). */
  public static int execute(String... args) {
    CommandLine cl = commandLine();
    cl.setExecutionExceptionHandler((ex, line, parsed) -> report(ex, line.getErr()));
    return cl.execute(args);
  }

  /** The command tree, subcommands in help order: demo, run, one per stage in data-flow order, then the tools. */
  static CommandLine commandLine() {
    CommandLine cl = new CommandLine(new LeaktraceCommand());
    cl.addSubcommand(ToolCommands.Demo.class);
    cl.addSubcommand(StageCommands.Run.class);
    for (Pipeline.Stage stage : Pipeline.all()) {
      cl.addSubcommand(StageCommands.command(stage));
    }
    cl.addSubcommand(ToolCommands.Pdf.class);
    cl.addSubcommand(ToolCommands.Generate.class);
    cl.addSubcommand(TokenizeCommand.class);
    cl.addSubcommand(BenchCommand.class);
    cl.addSubcommand(EvaluateCommand.class);
    return cl;
  }

  private static final String DISK_FULL = "No space left on device";

  /** Maps a failure to its exit code and prints one clear message (the stack only for bugs). */
  static int report(Throwable ex, PrintWriter err) {
    for (Throwable t = ex; t != null; t = t.getCause()) {
      if (t instanceof LeaktraceException le) {
        err.println("leaktrace: " + le.getMessage());
        err.flush();
        return le.exitCode();
      }
    }
    for (Throwable t = ex; t != null; t = t.getCause()) {
      // Spark reports a task's failure as text inside its own exception: look at every message
      if (String.valueOf(t.getMessage()).contains(DISK_FULL)) {
        err.println("leaktrace: the disk is full (" + DISK_FULL + "). Fix: free space, or put the output folder"
            + " (--out, which holds the warehouse) and Spark's spill folder (-Dspark.local.dir in"
            + " LEAKTRACE_JAVA_OPTS, by default the system's temporary folder) on a disk with more room;"
            + " docs/BENCHMARKS.md gives the disk a run takes. Stages that finished keep their tables: run"
            + " the remaining stages one by one to go on");
        err.flush();
        return Errors.EXIT_INPUT;
      }
    }
    for (Throwable t = ex; t != null; t = t.getCause()) {
      if (t instanceof UncheckedIOException || t instanceof IOException) {
        String cause = t.getCause() == null ? "" : " (" + t.getCause() + ")";
        err.println("leaktrace: input problem: " + t.getMessage() + cause
            + ". Fix: check that the file exists, is readable and is complete");
        err.flush();
        return Errors.EXIT_INPUT;
      }
    }
    err.println("leaktrace: internal error: " + ex + ". This is a bug in leaktrace: please report it with the trace below");
    ex.printStackTrace(err);
    err.flush();
    return Errors.EXIT_INTERNAL;
  }

  /** Reads the version from the build. */
  static final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"leaktrace " + org.leaktrace.jobs.common.Version.TOOL};
    }
  }
}
