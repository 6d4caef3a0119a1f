package org.leaktrace.jobs.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import org.leaktrace.jobs.config.Format;
import org.leaktrace.jobs.rules.InputLimits;

/**
 * Parses the lines of one file (or zip entry) with a known {@link Layout}: every physical line becomes
 * exactly one {@link LineRecord}, parsed or quarantined with a {@link Reason}. Streams: holds one line
 * at a time. Counts what it emits so that the caller can check lines = parsed + quarantined.
 */
final class UnitParser implements Iterator<LineRecord> {

  /** Lines longer than this are quarantined (and kept truncated to this length). */
  static final int MAX_LINE_BYTES = InputLimits.MAX_LINE_BYTES;

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Layout layout;
  private final LineSplitter lines;
  private final CharsetDecoder decoder;
  private final Map<String, Integer> jsonKeys = new LinkedHashMap<>();
  private final Map<String, Long> reasons = new LinkedHashMap<>();
  private List<String> header;
  private boolean headerPending;
  private LineRecord next;
  private long parsed;
  private long quarantined;
  private String readError;
  private boolean stopped;

  UnitParser(InputStream in, Layout layout) {
    this.layout = layout;
    this.lines = new LineSplitter(in, layout.unit(), layout.bigEndian(), MAX_LINE_BYTES);
    this.decoder = Sniffer.strict(layout.charset());
    this.headerPending = layout.header();
  }

  @Override
  public boolean hasNext() {
    if (next == null && readError == null && !stopped) {
      try {
        if (lines.next()) {
          next = parse(lines.number(), lines.bytes(), lines.length());
          if (next.parsed()) {
            parsed++;
          } else {
            quarantined++;
            reasons.merge(next.reason().key(), 1L, Long::sum);
          }
        }
      } catch (IOException e) {
        // a truncated or corrupt file: what was read is kept and the error is reported with it
        readError = e.getClass().getSimpleName() + ": " + e.getMessage();
      }
    }
    return next != null;
  }

  @Override
  public LineRecord next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    LineRecord r = next;
    next = null;
    return r;
  }

  /** Reads no further: a sample has what it needs (the accounting is of what was read). */
  void stop() {
    stopped = true;
    next = null;
  }

  long linesRead() {
    return lines.number();
  }

  long parsed() {
    return parsed;
  }

  long quarantined() {
    return quarantined;
  }

  Map<String, Long> reasons() {
    return reasons;
  }

  /** The header's column names, or for JSON lines the keys in order of first appearance; null if none. */
  List<String> header() {
    if (layout.format().kind() == Format.Kind.JSONL) {
      return jsonKeys.isEmpty() ? null : new ArrayList<>(jsonKeys.keySet());
    }
    return header;
  }

  /** Why reading stopped before the end of the file, or null when it was read to the end. */
  String readError() {
    return readError;
  }

  private LineRecord parse(long no, byte[] raw, long length) {
    if (length > MAX_LINE_BYTES) {
      return quarantine(no, Reason.LINE_TOO_LONG, "line of " + length + " bytes; first " + MAX_LINE_BYTES + " kept", raw, length);
    }
    byte[] b = raw;
    if (no == 1 && layout.bomBytes() > 0 && b.length >= layout.bomBytes()) {
      b = Arrays.copyOfRange(b, layout.bomBytes(), b.length);
    }
    String binary = binary(b);
    if (binary != null) {
      return quarantine(no, Reason.BINARY_CONTENT, binary, raw, length);
    }
    String text;
    try {
      decoder.reset();
      text = decoder.decode(ByteBuffer.wrap(b)).toString();
    } catch (CharacterCodingException e) {
      return quarantine(no, Reason.INVALID_ENCODING, "not valid " + layout.encoding(), raw, length);
    }
    if (text.isBlank()) {
      return quarantine(no, Reason.EMPTY_LINE, null, raw, length);
    }
    if (layout.format().kind() == Format.Kind.JSONL) {
      return json(no, text, raw, length);
    }
    List<String> fields = FieldSplitter.split(text, layout.format());
    if (fields == FieldSplitter.UNBALANCED) {
      return quarantine(no, Reason.UNBALANCED_QUOTE, null, raw, length);
    }
    if (headerPending) {
      headerPending = false;
      header = List.copyOf(fields);
      return quarantine(no, Reason.HEADER, fields.size() + " columns", raw, length);
    }
    int expected = header != null ? header.size() : layout.expectedFields();
    if (fields.size() != expected) {
      return quarantine(no, Reason.WRONG_FIELD_COUNT, "expected " + expected + " fields, found " + fields.size(), raw, length);
    }
    return new LineRecord(no, fields.toArray(new String[0]), null, null, null, length);
  }

  private LineRecord json(long no, String text, byte[] b, long length) {
    JsonNode node;
    try {
      node = JSON.readTree(text);
    } catch (JsonProcessingException e) {
      // the parser's message can quote the content: report only where it broke
      String at = e.getLocation() == null ? "" : " at column " + e.getLocation().getColumnNr();
      return quarantine(no, Reason.INVALID_JSON, "malformed JSON" + at, b, length);
    }
    if (node == null || !node.isObject()) {
      return quarantine(no, Reason.INVALID_JSON, "not a JSON object", b, length);
    }
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      jsonKeys.putIfAbsent(it.next(), jsonKeys.size());
    }
    // fields in order of first appearance across the file; keys first seen later extend the array
    String[] fields = new String[jsonKeys.size()];
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      JsonNode v = e.getValue();
      fields[jsonKeys.get(e.getKey())] = v.isNull() ? null : v.isValueNode() ? v.asText() : v.toString();
    }
    return new LineRecord(no, fields, null, null, null, length);
  }

  /** Null for text; else why the bytes look binary. UTF-16 text is checked for NUL code units. */
  private String binary(byte[] b) {
    if (layout.unit() == 2) {
      for (int i = 0; i + 1 < b.length; i += 2) {
        if (b[i] == 0 && b[i + 1] == 0) {
          return "NUL character at byte " + i;
        }
      }
      return null;
    }
    int control = 0;
    for (int i = 0; i < b.length; i++) {
      int c = b[i] & 0xFF;
      if (c == 0) {
        return "NUL byte at offset " + i;
      }
      if (c < 0x20 && c != '\t' && c != '\r' && c != 0x1B && c != '\f') {
        control++;
      }
    }
    return b.length >= 8 && control * 10 > b.length ? control + " control bytes of " + b.length : null;
  }

  private static LineRecord quarantine(long no, Reason reason, String detail, byte[] b, long length) {
    return new LineRecord(no, null, reason, detail, b, length);
  }
}
