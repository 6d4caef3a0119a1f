package org.leaktrace.jobs.report;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.leaktrace.jobs.common.Errors;

/**
 * A PDF of the report for filing, printed by headless Chromium from {@code report/index.html} as a reader
 * sees it (charts drawn, one language per file). Chromium runs with a fresh profile, no network (every name
 * lookup fails) and the page's own CSP; the PDF is not part of the exhibit's byte-for-byte promise (it
 * carries its creation time), so it sits beside the report and its sha256 is printed.
 */
public final class ReportPdf {

  /** The report's languages and the browser locale that selects each. */
  public static final List<String> LANGUAGES = List.of("zh", "en");

  private static final List<String> CANDIDATES = List.of("chromium", "chromium-browser", "google-chrome",
      "google-chrome-stable");
  private static final long TIMEOUT_SECONDS = 180;

  private ReportPdf() {}

  /** The file the PDF of one language goes to, beside the report. */
  public static Path pdfOf(Path indexHtml, String lang) {
    return indexHtml.resolveSibling("report." + lang + ".pdf");
  }

  /**
   * The Chromium to use: {@code explicit} when given, else {@code LEAKTRACE_CHROMIUM}, else the first of
   * chromium, chromium-browser, google-chrome on the PATH.
   */
  public static Path findChromium(Path explicit) {
    if (explicit != null) {
      if (!Files.isExecutable(explicit)) {
        throw Errors.usage("--chromium " + explicit + " is not an executable file",
            "give the path of a Chromium or Chrome binary, e.g. /usr/bin/chromium");
      }
      return explicit;
    }
    String env = System.getenv("LEAKTRACE_CHROMIUM");
    if (env != null && !env.isBlank()) {
      return findChromium(Path.of(env));
    }
    String path = System.getenv("PATH");
    for (String name : CANDIDATES) {
      for (String dir : path == null ? new String[0] : path.split(java.io.File.pathSeparator)) {
        Path p = Path.of(dir.isEmpty() ? "." : dir, name);
        if (Files.isExecutable(p)) {
          return p;
        }
      }
    }
    throw Errors.usage("no Chromium found on the PATH (looked for " + String.join(", ", CANDIDATES) + ")",
        "install it (Debian: apt-get install chromium fonts-wqy-zenhei, the font for the Chinese page) or "
            + "give --chromium PATH");
  }

  /**
   * Chromium headless with a fresh profile and no network: the flags every run of the report in a browser
   * uses (this class's printing and the browser test), for the report's language {@code lang} (zh, en).
   */
  static List<String> headless(Path chromium, Path profile, String lang) {
    String locale = lang.equals("zh") ? "zh-CN" : "en-US";
    return new ArrayList<>(List.of(chromium.toString(), "--headless", "--no-sandbox", "--disable-gpu",
        "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
        "--disable-quic", "--user-data-dir=" + profile, "--lang=" + locale, "--accept-lang=" + locale,
        // any name lookup fails: nothing of the case can leave the machine
        "--host-resolver-rules=MAP * ~NOTFOUND", "--virtual-time-budget=5000"));
  }

  /** The command line that prints {@code page} in {@code lang} to {@code pdf}, with a fresh profile. */
  static List<String> command(Path chromium, Path profile, String lang, Path page, Path pdf) {
    List<String> cmd = headless(chromium, profile, lang);
    cmd.addAll(List.of("--no-pdf-header-footer", "--print-to-pdf=" + pdf.toAbsolutePath()));
    cmd.add(page.toAbsolutePath().toUri().toString());
    return cmd;
  }

  /** Prints the report in every language; returns the PDFs written. */
  public static List<Path> print(Path chromium, Path indexHtml) {
    if (!Files.isRegularFile(indexHtml)) {
      throw Errors.input(indexHtml.toString(), "no report here yet",
          "run the report stage first (bin/leaktrace report --case CASE.yaml, or run), then pdf");
    }
    List<Path> out = new ArrayList<>();
    for (String lang : LANGUAGES) {
      out.add(print(chromium, indexHtml, lang, pdfOf(indexHtml, lang)));
    }
    return out;
  }

  /** Prints the report in one language to {@code pdf}; a failure names Chromium's last words. */
  public static Path print(Path chromium, Path indexHtml, String lang, Path pdf) {
    Path profile = null;
    try {
      profile = Files.createTempDirectory("leaktrace-chromium-");
      Files.deleteIfExists(pdf);
      Path log = profile.resolve("chromium.log");
      Process p = new ProcessBuilder(command(chromium, profile.resolve("profile"), lang, indexHtml, pdf))
          .redirectErrorStream(true).redirectOutput(log.toFile()).start();
      if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw Errors.input(chromium.toString(), "did not print the report in " + TIMEOUT_SECONDS + " s",
            "check that this Chromium starts headless on this machine (" + chromium + " --headless --version)");
      }
      if (p.exitValue() != 0 || !isPdf(pdf)) {
        throw Errors.input(chromium.toString(), "did not print " + pdf.getFileName() + " (exit " + p.exitValue()
            + "): " + lastLines(log), "check that this Chromium starts headless on this machine");
      }
      return pdf;
    } catch (IOException e) {
      throw Errors.input(pdf.toString(), "cannot print the report (" + e.getMessage() + ")",
          "check that the report folder is writable");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while printing the report", e);
    } finally {
      deleteQuietly(profile);
    }
  }

  private static boolean isPdf(Path pdf) throws IOException {
    if (!Files.isRegularFile(pdf) || Files.size(pdf) < 1000) {
      return false;
    }
    byte[] head = new byte[5];
    try (InputStream in = Files.newInputStream(pdf)) {
      return in.readNBytes(head, 0, 5) == 5 && new String(head, StandardCharsets.US_ASCII).equals("%PDF-");
    }
  }

  private static String lastLines(Path log) throws IOException {
    List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8).stream().filter(l -> !l.isBlank()).toList();
    return lines.isEmpty() ? "no output" : String.join(" | ", lines.subList(Math.max(0, lines.size() - 3), lines.size()));
  }

  private static void deleteQuietly(Path dir) {
    if (dir == null) {
      return;
    }
    try (Stream<Path> s = Files.walk(dir)) {
      s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // a temporary profile left behind is harmless
    }
  }
}
