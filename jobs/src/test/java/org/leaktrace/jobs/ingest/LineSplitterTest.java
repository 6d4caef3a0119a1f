package org.leaktrace.jobs.ingest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LineSplitterTest {

  private static List<String> lines(byte[] data, int unit, boolean be) throws IOException {
    LineSplitter s = new LineSplitter(new ByteArrayInputStream(data), unit, be, 1 << 20);
    List<String> out = new ArrayList<>();
    while (s.next()) {
      out.add(new String(s.bytes(), unit == 1 ? StandardCharsets.UTF_8
          : be ? StandardCharsets.UTF_16BE : StandardCharsets.UTF_16LE));
      assertEquals(out.size(), s.number());
    }
    return out;
  }

  @Test
  void splitsOnNewlineAndStripsCarriageReturn() throws IOException {
    assertEquals(List.of("a", "b", "", "c"), lines("a\r\nb\n\nc".getBytes(StandardCharsets.UTF_8), 1, false));
  }

  @Test
  void finalNewlineDoesNotStartALine() throws IOException {
    assertEquals(List.of("a", "b"), lines("a\nb\n".getBytes(StandardCharsets.UTF_8), 1, false));
    assertEquals(List.of(), lines(new byte[0], 1, false));
    assertEquals(List.of(""), lines("\n".getBytes(StandardCharsets.UTF_8), 1, false));
  }

  @Test
  void loneCarriageReturnInsideALineIsKept() throws IOException {
    assertEquals(List.of("a\rb"), lines("a\rb\n".getBytes(StandardCharsets.UTF_8), 1, false));
  }

  @Test
  void utf16FindsNewlinesOnCodeUnitBoundaries() throws IOException {
    // U+0A0A is a character whose bytes look like two newlines when read byte by byte
    String text = "x\u0A0Ay\r\nz\n";
    assertEquals(List.of("x\u0A0Ay", "z"), lines(text.getBytes(StandardCharsets.UTF_16LE), 2, false));
    assertEquals(List.of("x\u0A0Ay", "z"), lines(text.getBytes(StandardCharsets.UTF_16BE), 2, true));
  }

  @Test
  void longLinesAreTruncatedButMeasured() throws IOException {
    byte[] data = ("1234567890\nab").getBytes(StandardCharsets.UTF_8);
    LineSplitter s = new LineSplitter(new ByteArrayInputStream(data), 1, false, 4);
    assertTrue(s.next());
    assertArrayEquals("1234".getBytes(StandardCharsets.UTF_8), s.bytes());
    assertEquals(10, s.length());
    assertTrue(s.next());
    assertEquals(2, s.length());
    assertFalse(s.next());
  }

  @Test
  void linesLongerThanTheBufferArriveWhole() throws IOException {
    String big = "x".repeat(200_000);
    assertEquals(List.of(big, "y"), lines((big + "\ny").getBytes(StandardCharsets.UTF_8), 1, false));
  }
}
