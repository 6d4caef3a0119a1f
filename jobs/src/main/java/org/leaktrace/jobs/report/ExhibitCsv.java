package org.leaktrace.jobs.report;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * Writes exhibit CSVs: UTF-8 with a byte-order mark (so spreadsheet software reads Chinese text),
 * CRLF lines, and every cell that a spreadsheet would run as a formula neutralised with a leading
 * apostrophe (OWASP CSV injection: cells starting with {@code = + - @}, tab or CR).
 */
public final class ExhibitCsv implements AutoCloseable {

  private final CSVPrinter printer;

  public ExhibitCsv(Path file, String... header) throws IOException {
    Files.createDirectories(file.getParent());
    BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
    w.write('\uFEFF');
    printer = new CSVPrinter(w, CSVFormat.RFC4180.builder().setRecordSeparator("\r\n").get());
    printer.printRecord((Object[]) header);
  }

  public void row(Object... cells) throws IOException {
    Object[] safe = new Object[cells.length];
    for (int i = 0; i < cells.length; i++) {
      safe[i] = cells[i] instanceof String s ? neutralise(s) : cells[i];
    }
    printer.printRecord(safe);
  }

  /** Prefixes an apostrophe to text a spreadsheet would evaluate; numbers stay numbers. */
  static String neutralise(String s) {
    if (s.isEmpty()) {
      return s;
    }
    char c = s.charAt(0);
    boolean risky = c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r';
    if (risky && (c == '-' || c == '+') && isNumber(s)) {
      return s;
    }
    return risky ? "'" + s : s;
  }

  private static boolean isNumber(String s) {
    try {
      Double.parseDouble(s);
      return true;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  @Override
  public void close() throws IOException {
    printer.close(true);
  }
}
