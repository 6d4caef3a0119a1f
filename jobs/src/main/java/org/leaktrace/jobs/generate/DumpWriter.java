package org.leaktrace.jobs.generate;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Writes a planned dump's files byte for byte: BOM, lines with their line ends, gzip or zip. */
final class DumpWriter {

  /** A fixed entry time so a zip is byte-identical across runs and time zones. */
  private static final LocalDateTime ZIP_TIME = LocalDateTime.of(2020, 5, 1, 0, 0);

  private DumpWriter() {}

  static void write(Path caseDir, Dump d) throws IOException {
    for (Dump.File f : d.files) {
      Path path = caseDir.resolve(f.path);
      Files.createDirectories(path.getParent());
      try (OutputStream file = new BufferedOutputStream(Files.newOutputStream(path), 1 << 16)) {
        switch (f.compression) {
          case GZIP:
            // GZIPOutputStream writes a zero mtime, so the bytes depend on the content only.
            try (GZIPOutputStream gz = new GZIPOutputStream(file, 1 << 16)) {
              writeLines(gz, d, f);
            }
            break;
          case ZIP:
            try (ZipOutputStream zip = new ZipOutputStream(file, StandardCharsets.UTF_8)) {
              String name = path.getFileName().toString().replaceFirst("\\.zip$", ".csv");
              ZipEntry e = new ZipEntry(name);
              e.setTimeLocal(ZIP_TIME);
              zip.putNextEntry(e);
              writeLines(zip, d, f);
              zip.closeEntry();
            }
            break;
          default:
            writeLines(file, d, f);
        }
      }
    }
  }

  private static void writeLines(OutputStream out, Dump d, Dump.File f) throws IOException {
    if (d.bom) {
      out.write(d.encode("\uFEFF"));
    }
    byte[] eol = d.encode(f.eol);
    for (Dump.Line line : f.lines) {
      out.write(line.bytes());
      out.write(eol);
    }
  }
}
