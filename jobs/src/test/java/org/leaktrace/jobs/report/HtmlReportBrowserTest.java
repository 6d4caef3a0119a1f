package org.leaktrace.jobs.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The report in real headless Chromium: headline figures in the rendered text, charts drawn, no console
 * error (CSP violations included), no resource fetched, hostile strings inert. Screenshots go to
 * {@code target/report-browser/}. Without Chromium the test is skipped, or fails when {@code CI} is set.
 */
class HtmlReportBrowserTest {

  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static final Path SHOTS = Path.of("target", "report-browser");

  @TempDir Path tmp;

  @BeforeAll
  static void chromium() {
    if (!Files.isExecutable(CHROMIUM)) {
      if (System.getenv("CI") != null) {
        fail("CI is set but " + CHROMIUM + " is missing: install it (apt-get install -y chromium)");
      }
      Assumptions.abort(CHROMIUM + " not found: skipping the browser test (apt-get install -y chromium to run it)");
    }
  }

  @Test
  void headlineFiguresChartsNoErrorsNoRequests() throws Exception {
    Path page = page(Summaries.full());
    Run r = chromium(page, "en-US", "--dump-dom");
    String text = r.out.replaceAll("<[^>]*>", " ");
    for (String figure : List.of("187", "201", "serious circumstances", "courier-x", "shop-w", "partner-3",
        "Read 4 dumps and 5 input files, 246 lines in all")) {
      assertTrue(text.contains(figure), "rendered text holds " + figure);
    }
    for (String chart : List.of("chart-classes", "chart-thresholds", "chart-resale", "chart-timeline", "chart-accounting")) {
      Matcher m = Pattern.compile("id=\"" + chart + "\"[^>]*>.{0,400}?<svg", Pattern.DOTALL).matcher(r.out);
      assertTrue(m.find(), chart + " drawn by ECharts");
    }
    assertTrue(r.out.contains("class=\"l-en\""), "English for an English browser");
    assertTrue(r.out.contains("data-resources=\"0\""), "no resource fetched (Resource Timing)");
    assertNoConsoleErrors(r);

    Files.createDirectories(SHOTS);
    Path shot = SHOTS.resolve("report-en.png").toAbsolutePath();
    assertNoConsoleErrors(chromium(page, "en-US", "--screenshot=" + shot, "--window-size=1200,3200"));
    assertTrue(Files.size(shot) > 10_000, "screenshot written");
  }

  @Test
  void chineseForAChineseBrowser() throws Exception {
    Path page = page(Summaries.full());
    Run r = chromium(page, "zh-CN", "--dump-dom");
    assertTrue(r.out.contains("class=\"l-zh\""), "Chinese chosen from navigator.language");
    assertNoConsoleErrors(r);
    Files.createDirectories(SHOTS);
    Path shot = SHOTS.resolve("report-zh.png").toAbsolutePath();
    assertNoConsoleErrors(chromium(page, "zh-CN", "--screenshot=" + shot, "--window-size=1200,3200"));
  }

  @Test
  void hostileStringsStayText() throws Exception {
    Run r = chromium(page(Summaries.hostile()), "en-US", "--dump-dom");
    assertEquals(3, count(r.out, "</script>"), "no script element injected");
    // the markup outside the three scripts (ECharts' own source mentions <img)
    String markup = r.out.replaceAll("(?s)<script\\b[^>]*>.*?</script>", "");
    assertFalse(Pattern.compile("(?i)<img\\b").matcher(markup).find(), "no element injected");
    assertTrue(markup.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), "shown as text");
    assertTrue(markup.contains("{{7*7}}"), "template syntax shown as text");
    assertTrue(r.out.contains("data-resources=\"0\""));
    assertNoConsoleErrors(r);
  }

  private Path page(ObjectNode summary) throws IOException {
    Path file = tmp.resolve("report/index.html");
    HtmlReport.render(summary, file);
    return file;
  }

  private record Run(String out, List<String> console) {}

  private Run chromium(Path page, String lang, String... mode) throws Exception {
    Path profile = Files.createTempDirectory(tmp, "profile");
    // the report's own headless flags (fresh profile, every name lookup failing), with the console logged
    List<String> cmd = ReportPdf.headless(CHROMIUM, profile, lang.startsWith("zh") ? "zh" : "en");
    cmd.addAll(List.of("--enable-logging=stderr", "--v=0"));
    cmd.addAll(List.of(mode));
    cmd.add(page.toUri().toString());
    Path out = tmp.resolve("stdout.txt");
    Path err = tmp.resolve("stderr.txt");
    Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      fail("chromium did not finish in 120 s");
    }
    List<String> console = new ArrayList<>();
    for (String line : Files.readAllLines(err, StandardCharsets.UTF_8)) {
      if (line.contains(":CONSOLE") || line.contains("Refused to") || line.contains("net::ERR")) {
        console.add(line);
      }
    }
    return new Run(Files.readString(out, StandardCharsets.UTF_8), console);
  }

  private static void assertNoConsoleErrors(Run r) {
    assertTrue(r.console.isEmpty(), "console messages or blocked requests: " + r.console);
  }

  private static int count(String s, String what) {
    int n = 0;
    for (int i = s.indexOf(what); i >= 0; i = s.indexOf(what, i + 1)) {
      n++;
    }
    return n;
  }
}
