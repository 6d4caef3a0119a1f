package org.leaktrace.jobs.ingest;

import java.io.Serializable;
import java.nio.charset.Charset;
import org.leaktrace.jobs.config.Format;

/**
 * How one file (or zip entry) is read: its encoding, code-unit width, format and whether its first
 * line is a header. Decided per file from the case file, or sniffed when the case says {@code auto}.
 *
 * @param expectedFields fields per row for delimited data without header (the modal count); with a
 *     header, the header's count
 */
record Layout(String encoding, int bomBytes, Format format, boolean header, int expectedFields)
    implements Serializable {

  Charset charset() {
    return Charset.forName(encoding);
  }

  int unit() {
    return encoding.startsWith("UTF-16") ? 2 : 1;
  }

  boolean bigEndian() {
    return encoding.equals("UTF-16BE");
  }
}
