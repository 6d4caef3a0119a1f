package org.leaktrace.jobs;

import org.leaktrace.jobs.cli.LeaktraceCommand;

/** Entry point for {@code bin/leaktrace} and {@code spark-submit --class org.leaktrace.jobs.Main}. */
public final class Main {

  private Main() {}

  public static void main(String[] args) {
    System.exit(LeaktraceCommand.execute(args));
  }
}
