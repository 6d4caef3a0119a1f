package org.leaktrace.jobs.generate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipInputStream;

/** Test-side reading of a generated case, written apart from the generator's own re-reader. */
final class CaseFiles {

  private CaseFiles() {}

  static JsonNode truth(Path caseDir) throws IOException {
    return new ObjectMapper().readTree(caseDir.resolve("truth.json").toFile());
  }

  static JsonNode dump(JsonNode truth, String id) {
    for (JsonNode d : truth.get("dumps")) {
      if (d.get("id").asText().equals(id)) {
        return d;
      }
    }
    throw new AssertionError("no dump " + id + " in truth.json");
  }

  /** The bytes of a dump file: gunzipped (.gz) or the single entry of a zip (.zip). */
  static byte[] bytes(Path file) throws IOException {
    String name = file.getFileName().toString();
    if (name.endsWith(".gz")) {
      try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
        return in.readAllBytes();
      }
    }
    if (name.endsWith(".zip")) {
      try (ZipInputStream in = new ZipInputStream(Files.newInputStream(file))) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        in.getNextEntry();
        in.transferTo(out);
        if (in.getNextEntry() != null) {
          throw new AssertionError("more than one entry in " + name);
        }
        return out.toByteArray();
      }
    }
    return Files.readAllBytes(file);
  }

  /**
   * Physical lines as byte arrays: split on LF, one trailing CR dropped, no line after a final LF.
   * UTF-16LE is split on the code unit 0x000A after dropping its BOM.
   */
  static List<byte[]> lines(byte[] data, String encoding) {
    boolean utf16 = encoding.equals("utf-16le");
    int unit = utf16 ? 2 : 1;
    int pos = 0;
    if (utf16 && data.length >= 2 && data[0] == (byte) 0xFF && data[1] == (byte) 0xFE) {
      pos = 2;
    } else if (data.length >= 3 && data[0] == (byte) 0xEF && data[1] == (byte) 0xBB && data[2] == (byte) 0xBF) {
      pos = 3;
    }
    List<byte[]> out = new ArrayList<>();
    int start = pos;
    for (int i = pos; i < data.length; i += unit) {
      boolean lf = data[i] == '\n' && (!utf16 || data[i + 1] == 0);
      if (lf) {
        int end = i;
        if (end - unit >= start && data[end - unit] == '\r' && (!utf16 || data[end - unit + 1] == 0)) {
          end -= unit;
        }
        out.add(java.util.Arrays.copyOfRange(data, start, end));
        start = i + unit;
      }
    }
    if (start < data.length) {
      out.add(java.util.Arrays.copyOfRange(data, start, data.length));
    }
    return out;
  }

  static Charset charset(String encoding) {
    switch (encoding) {
      case "gb18030":
        return Charset.forName("GB18030");
      case "utf-16le":
        return StandardCharsets.UTF_16LE;
      default:
        return StandardCharsets.UTF_8;
    }
  }

  /** Decoded lines of a dump file (lenient decoding; for content checks, not accounting). */
  static List<String> text(Path caseDir, JsonNode dump, int file) throws IOException {
    JsonNode f = dump.get("files").get(file);
    String encoding = dump.get("encoding").asText();
    List<String> out = new ArrayList<>();
    for (byte[] line : lines(bytes(caseDir.resolve(f.get("path").asText())), encoding)) {
      out.add(new String(line, charset(encoding)));
    }
    return out;
  }
}
