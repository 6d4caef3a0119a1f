package org.leaktrace.jobs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.leaktrace.jobs.Pipeline;
import org.leaktrace.jobs.common.Errors;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/** The per-stage commands are made from the stage list and keep the names, options and exit codes users rely on. */
class StageCommandsTest {

  private static String[] run(String... args) {
    CommandLine cl = LeaktraceCommand.commandLine();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cl.setOut(new PrintWriter(out));
    cl.setErr(new PrintWriter(err));
    int code = cl.execute(args);
    return new String[] {Integer.toString(code), out.toString(), err.toString()};
  }

  @Test
  void everyStageIsACommandInDataFlowOrderBetweenRunAndTheTools() {
    List<String> names = new ArrayList<>(LeaktraceCommand.commandLine().getSubcommands().keySet());
    assertEquals(List.of("demo", "run", "ingest", "classify", "reference", "attribute", "count", "trace", "estimate",
        "report", "pdf", "generate", "tokenize", "bench", "evaluate"), names);
  }

  @Test
  void eachStageCommandTakesTheCaseOptionsAndIngestAlsoDataset() {
    for (Pipeline.Stage s : Pipeline.all()) {
      CommandLine sub = LeaktraceCommand.commandLine().getSubcommands().get(s.key());
      Set<String> options = new TreeSet<>();
      for (OptionSpec o : sub.getCommandSpec().options()) {
        options.add(o.longestName());
      }
      Set<String> expected = new TreeSet<>(Set.of("--case", "--out", "--reproducible", "--help", "--version"));
      if (s == Pipeline.Stage.INGEST) {
        expected.add("--dataset");
      }
      assertEquals(expected, options, s.key());
      assertTrue(sub.getCommandSpec().findOption("--case").required(), s.key());
    }
  }

  @Test
  void helpShowsTheStagesOwnTextAndExitsZero() {
    String[] r = run("estimate", "--help");
    assertEquals("0", r[0]);
    assertTrue(r[1].startsWith("Usage: leaktrace estimate [-hV] [--reproducible] --case=CASE.yaml [--out=DIR]"), r[1]);
    assertTrue(r[1].contains("bootstrap 95% interval"), r[1]);
    String[] ingest = run("ingest", "--help");
    assertEquals("0", ingest[0]);
    assertTrue(ingest[1].contains("[--dataset=ID]...") && ingest[1].contains("Ingest only this dump or platform"),
        ingest[1]);
  }

  @Test
  void aMissingCaseOrUnknownOptionIsBadUsage() {
    String[] r = run("classify");
    assertEquals(Integer.toString(Errors.EXIT_CONFIG), r[0]);
    assertTrue(r[2].startsWith("Missing required option: '--case=CASE.yaml'"), r[2]);
    assertEquals(Integer.toString(Errors.EXIT_CONFIG), run("count", "--case", "c.yaml", "--dataset", "x")[0]);
  }
}
