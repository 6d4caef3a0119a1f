package org.leaktrace.jobs.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.leaktrace.jobs.common.LeaktraceException;

/**
 * The report's PDF for filing, printed by real headless Chromium: one file per language with the
 * headline figures in its text. Without Chromium the printing test is skipped, or fails when {@code CI} is set.
 */
class ReportPdfTest {

  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

  @TempDir Path tmp;

  @Test
  void printsEachLanguageWithTheHeadlineFiguresAndMaskedExamples() throws Exception {
    if (!Files.isExecutable(CHROMIUM)) {
      if (System.getenv("CI") != null) {
        fail("CI is set but " + CHROMIUM + " is missing: install it (apt-get install -y chromium)");
      }
      Assumptions.abort(CHROMIUM + " not found: skipping the PDF test");
    }
    Path page = tmp.resolve("report/index.html");
    HtmlReport.render(Summaries.full(), page);
    List<Path> pdfs = ReportPdf.print(ReportPdf.findChromium(CHROMIUM), page);
    assertEquals(List.of(page.resolveSibling("report.zh.pdf"), page.resolveSibling("report.en.pdf")), pdfs);
    String en = text(pdfs.get(1));
    for (String s : List.of("Personal-data leak case report", "187", "201", "serious circumstances", "courier-x",
        "partner-3", "138****8000")) {
      assertTrue(en.contains(s), "the English PDF holds " + s);
    }
    assertFalse(en.contains("个人信息泄露案件报告"), "one language per file");
    String zh = text(pdfs.get(0));
    for (String s : List.of("个人信息泄露案件报告", "187", "courier-x", "张*")) {
      assertTrue(zh.contains(s), "the Chinese PDF holds " + s);
    }
  }

  @Test
  void aMissingReportSaysWhatToRunFirst() {
    LeaktraceException e = assertThrows(LeaktraceException.class,
        () -> ReportPdf.print(CHROMIUM, tmp.resolve("report/index.html")));
    assertTrue(e.getMessage().contains("no report here yet") && e.getMessage().contains("report stage first"),
        e.getMessage());
  }

  @Test
  void aChromiumThatIsNotThereIsNamed() {
    LeaktraceException e = assertThrows(LeaktraceException.class,
        () -> ReportPdf.findChromium(tmp.resolve("no-such-chromium")));
    assertTrue(e.getMessage().contains("no-such-chromium") && e.getMessage().contains("--chromium"), e.getMessage());
  }

  private static String text(Path pdf) throws Exception {
    try (PDDocument doc = Loader.loadPDF(pdf.toFile())) {
      assertTrue(doc.getNumberOfPages() >= 2, pdf + ": " + doc.getNumberOfPages() + " page(s)");
      return new PDFTextStripper().getText(doc);
    }
  }
}
