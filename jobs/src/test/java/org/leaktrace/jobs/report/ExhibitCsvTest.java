package org.leaktrace.jobs.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Exhibit CSVs: BOM, CRLF, and no cell a spreadsheet would run as a formula. */
class ExhibitCsvTest {

  @TempDir Path tmp;

  @Test
  void neutralisesFormulaCells() {
    assertEquals("'=HYPERLINK(\"http://x\")", ExhibitCsv.neutralise("=HYPERLINK(\"http://x\")"));
    assertEquals("'+cmd|' /C calc'!A0", ExhibitCsv.neutralise("+cmd|' /C calc'!A0"));
    assertEquals("'-2+3+cmd|' /C calc'!A0", ExhibitCsv.neutralise("-2+3+cmd|' /C calc'!A0"));
    assertEquals("'@SUM(1+1)", ExhibitCsv.neutralise("@SUM(1+1)"));
    assertEquals("'\t=1+1", ExhibitCsv.neutralise("\t=1+1"));
    assertEquals("'\r=1+1", ExhibitCsv.neutralise("\r=1+1"));
    assertEquals("'-", ExhibitCsv.neutralise("-"));
  }

  @Test
  void keepsNumbersAndOrdinaryText() {
    assertEquals("-12", ExhibitCsv.neutralise("-12"));
    assertEquals("-0.5", ExhibitCsv.neutralise("-0.5"));
    assertEquals("+86", ExhibitCsv.neutralise("+86"));
    assertEquals("courier-x", ExhibitCsv.neutralise("courier-x"));
    assertEquals("收件人", ExhibitCsv.neutralise("收件人"));
    assertEquals("", ExhibitCsv.neutralise(""));
  }

  @Test
  void writesBomCrlfAndNeutralisedCells() throws Exception {
    Path f = tmp.resolve("exhibit/x.csv");
    try (ExhibitCsv csv = new ExhibitCsv(f, "dump", "column", "n")) {
      csv.row("=1+1", "<script>alert(1)</script>", -3L);
      csv.row("@dump", "收件人", 0.5);
      csv.row("-1", "\t=cmd", "-x");
    }
    byte[] bytes = Files.readAllBytes(f);
    assertArrayEquals(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, Arrays.copyOf(bytes, 3), "UTF-8 BOM");
    String text = new String(bytes, 3, bytes.length - 3, StandardCharsets.UTF_8);
    assertEquals("dump,column,n\r\n"
        + "'=1+1,<script>alert(1)</script>,-3\r\n"
        + "'@dump,收件人,0.5\r\n"
        + "-1,'\t=cmd,'-x\r\n", text);
  }
}
