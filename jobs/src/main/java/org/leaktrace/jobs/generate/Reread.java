package org.leaktrace.jobs.generate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipInputStream;

/** Reads a written dump file back under the ingest line rules: every physical line parsed or quarantined with one reason. */
final class Reread {

  static final int MAX_LINE_BYTES = 1 << 20;

  /** One file's line accounting and its parsed rows, in line order. */
  record Result(int linesRead, Map<String, Integer> reasons, List<String[]> rows) {
    int quarantined() {
      return linesRead - rows.size();
    }
  }

  private static final ObjectMapper JSON = new ObjectMapper();

  private Reread() {}

  static Result read(Path caseDir, Dump d, Dump.File f) throws IOException {
    byte[] data = content(caseDir.resolve(f.path), f.compression);
    boolean utf16 = d.charset.equals(StandardCharsets.UTF_16LE);
    int unit = utf16 ? 2 : 1;
    int start = 0;
    if (utf16 && data.length >= 2 && (data[0] & 0xFF) == 0xFF && (data[1] & 0xFF) == 0xFE) {
      start = 2;
    } else if (!utf16 && data.length >= 3 && (data[0] & 0xFF) == 0xEF && (data[1] & 0xFF) == 0xBB
        && (data[2] & 0xFF) == 0xBF) {
      start = 3;
    }
    Pattern literal = d.separator == null ? null : Pattern.compile(Pattern.quote(d.separator));
    CharsetDecoder decoder = d.charset.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    Map<String, Integer> reasons = new TreeMap<>();
    List<String[]> rows = new ArrayList<>();
    int lines = 0;
    int pos = start;
    while (pos < data.length) {
      int end = pos;
      while (end < data.length && !isUnit(data, end, utf16, '\n')) {
        end += unit;
      }
      int stop = end;
      if (stop - unit >= pos && isUnit(data, stop - unit, utf16, '\r')) {
        stop -= unit;
      }
      String reason = classify(d, literal, decoder, data, pos, stop, lines == 0, utf16, rows);
      if (reason != null) {
        reasons.merge(reason, 1, Integer::sum);
      }
      lines++;
      pos = end + unit;
    }
    return new Result(lines, reasons, rows);
  }

  /** The quarantine reason of one line, or null after adding its fields to {@code rows}. */
  private static String classify(Dump d, Pattern literal, CharsetDecoder decoder, byte[] data, int from, int to, boolean first, boolean utf16,
      List<String[]> rows) {
    if (first && d.header) {
      return "header";
    }
    if (to - from > MAX_LINE_BYTES) {
      return "line_too_long";
    }
    for (int i = from; i < to; i += utf16 ? 2 : 1) {
      if (data[i] == 0 && (!utf16 || data[i + 1] == 0)) {
        return "binary_content";
      }
    }
    String text;
    try {
      text = decoder.decode(ByteBuffer.wrap(data, from, to - from)).toString();
    } catch (CharacterCodingException e) {
      return "invalid_encoding";
    }
    // A blank line is empty_line even though it also has the wrong field count.
    if (text.isBlank()) {
      return "empty_line";
    }
    String[] fields;
    if (d.separator == null) {
      fields = jsonFields(text, d.columns);
      if (fields == null) {
        return "invalid_json";
      }
    } else if (d.separator.length() == 1) {
      fields = Csv.fields(text, d.separator.charAt(0));
      if (fields == null) {
        return "unbalanced_quote";
      }
    } else {
      fields = literal.split(text, -1);
    }
    if (fields.length != d.types.size()) {
      return "wrong_field_count";
    }
    rows.add(fields);
    return null;
  }

  private static boolean isUnit(byte[] data, int i, boolean utf16, char c) {
    return utf16 ? i + 1 < data.length && data[i] == c && data[i + 1] == 0 : data[i] == c;
  }

  /** The values of {@code keys} in a JSON object line (missing → empty); null when not an object. */
  private static String[] jsonFields(String line, List<String> keys) {
    JsonNode node;
    try {
      node = JSON.readTree(line);
    } catch (IOException e) {
      return null;
    }
    if (node == null || !node.isObject()) {
      return null;
    }
    String[] out = new String[keys.size()];
    for (int i = 0; i < out.length; i++) {
      JsonNode v = node.get(keys.get(i));
      out[i] = v == null || v.isNull() ? "" : v.asText();
    }
    return out;
  }

  /** The file's bytes, gunzipped or taken from the zip's single entry. */
  static byte[] content(Path path, Dump.Compression compression) throws IOException {
    switch (compression) {
      case GZIP:
        try (InputStream in = new GZIPInputStream(Files.newInputStream(path))) {
          return in.readAllBytes();
        }
      case ZIP:
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(path))) {
          ByteArrayOutputStream out = new ByteArrayOutputStream();
          if (in.getNextEntry() != null) {
            in.transferTo(out);
          }
          return out.toByteArray();
        }
      default:
        return Files.readAllBytes(path);
    }
  }
}
