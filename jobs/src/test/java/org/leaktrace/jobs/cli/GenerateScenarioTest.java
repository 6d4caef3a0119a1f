package org.leaktrace.jobs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.leaktrace.jobs.common.Errors;
import picocli.CommandLine;

/** {@code generate --scenario}: the attribution world on request, and a message naming the choices otherwise. */
class GenerateScenarioTest {

  @TempDir
  Path dir;

  private static String[] run(String... args) {
    CommandLine cl = LeaktraceCommand.commandLine();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cl.setOut(new PrintWriter(out));
    cl.setErr(new PrintWriter(err));
    // as LeaktraceCommand.execute: a LeaktraceException becomes its message and exit code
    cl.setExecutionExceptionHandler((ex, line, parsed) -> LeaktraceCommand.report(ex, line.getErr()));
    int code = cl.execute(args);
    return new String[] {Integer.toString(code), out.toString(), err.toString()};
  }

  @Test
  void theAttributionScenarioWritesItsOwnTruth() {
    Path out = dir.resolve("attr");
    String[] r = run("generate", "--scenario", "attribution", "--out", out.toString(), "--persons", "600",
        "--seed", "9");
    assertEquals("0", r[0], r[2]);
    assertTrue(Files.isRegularFile(out.resolve("attribution-truth.json")));
    assertTrue(Files.isRegularFile(out.resolve("case.yaml")));
    assertFalse(Files.exists(out.resolve("truth.json")));
  }

  @Test
  void anUnknownScenarioIsBadUsageNamingTheChoices() {
    String[] r = run("generate", "--scenario", "attrib", "--out", dir.resolve("x").toString());
    assertEquals(Integer.toString(Errors.EXIT_CONFIG), r[0]);
    assertTrue(r[2].contains("--scenario 'attrib'") && r[2].contains("default, attribution"), r[2]);
    assertFalse(Files.exists(dir.resolve("x")));
  }

  @Test
  void tooFewPersonsForTheAttributionScenarioIsBadUsage() {
    String[] r = run("generate", "--scenario", "attribution", "--out", dir.resolve("y").toString(), "--persons", "200");
    assertEquals(Integer.toString(Errors.EXIT_CONFIG), r[0]);
    assertTrue(r[2].contains("--persons 200") && r[2].contains("500"), r[2]);
  }
}
