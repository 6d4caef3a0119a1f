package org.leaktrace.jobs.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Splits a byte stream into physical lines without decoding it: on {@code \n} (in the code-unit
 * width of the encoding, so UTF-16 newlines are found at even offsets), a trailing {@code \r} stripped.
 * A final newline does not start another line. Lines longer than {@code maxBytes} keep only their first
 * {@code maxBytes} bytes; {@link #length()} still reports the full length.
 */
final class LineSplitter {

  private final InputStream in;
  private final int unit;
  private final boolean bigEndian;
  private final int maxBytes;
  private final byte[] buf = new byte[1 << 16];
  private int pos;
  private int lim;
  private boolean eof;

  private byte[] line = new byte[256];
  private int kept;
  private long length;
  private long number;

  /**
   * @param unit 1 for byte encodings (UTF-8, GB18030), 2 for UTF-16
   * @param bigEndian for UTF-16: byte order
   */
  LineSplitter(InputStream in, int unit, boolean bigEndian, int maxBytes) {
    this.in = in;
    this.unit = unit;
    this.bigEndian = bigEndian;
    this.maxBytes = maxBytes;
  }

  /** Advances to the next line; false at the end of the stream. */
  boolean next() throws IOException {
    kept = 0;
    length = 0;
    boolean any = false;
    while (true) {
      if (pos + unit > lim) {
        if (!fill()) {
          if (any || length > 0) {
            finish();
            return true;
          }
          return false;
        }
        continue;
      }
      any = true;
      if (unit == 1) {
        int start = pos;
        int end = start;
        while (end < lim && buf[end] != '\n') {
          end++;
        }
        append(start, end - start);
        if (end < lim) {
          pos = end + 1;
          finish();
          return true;
        }
        pos = end;
      } else {
        byte hi = bigEndian ? buf[pos] : buf[pos + 1];
        byte lo = bigEndian ? buf[pos + 1] : buf[pos];
        if (hi == 0 && lo == '\n') {
          pos += 2;
          finish();
          return true;
        }
        append(pos, 2);
        pos += 2;
      }
    }
  }

  /** The line's bytes without terminator, at most maxBytes of them (a fresh array). */
  byte[] bytes() {
    return Arrays.copyOf(line, kept);
  }

  /** The full length of the line in bytes, terminator excluded. */
  long length() {
    return length;
  }

  /** 1-based number of the current line. */
  long number() {
    return number;
  }

  private void finish() {
    number++;
    // strip one trailing CR (CRLF files); only when the line was kept whole
    if (kept == length && kept >= unit) {
      boolean cr = unit == 1
          ? line[kept - 1] == '\r'
          : (bigEndian ? line[kept - 2] == 0 && line[kept - 1] == '\r'
              : line[kept - 2] == '\r' && line[kept - 1] == 0);
      if (cr) {
        kept -= unit;
        length -= unit;
      }
    }
  }

  private void append(int from, int n) {
    length += n;
    int room = maxBytes - kept;
    int take = Math.min(room, n);
    if (take <= 0) {
      return;
    }
    if (kept + take > line.length) {
      line = Arrays.copyOf(line, Math.max(kept + take, Math.min(maxBytes, line.length * 2)));
    }
    System.arraycopy(buf, from, line, kept, take);
    kept += take;
  }

  /** Refills the buffer with at least one code unit; false at the end (a stray odd byte joins the line). */
  private boolean fill() throws IOException {
    if (eof) {
      return false;
    }
    int rest = lim - pos;
    System.arraycopy(buf, pos, buf, 0, rest);
    pos = 0;
    lim = rest;
    while (lim < unit) {
      int n = in.read(buf, lim, buf.length - lim);
      if (n < 0) {
        eof = true;
        if (lim > 0) {
          append(0, lim);
          pos = lim;
        }
        return false;
      }
      lim += n;
    }
    return true;
  }
}
