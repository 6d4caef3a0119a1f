package org.leaktrace.jobs.report;

import static org.leaktrace.jobs.report.ReportModel.list;
import static org.leaktrace.jobs.report.ReportModel.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Writes {@code exhibit/MANIFEST.sha256} in {@code sha256sum -c} format: every exhibit file (not the
 * manifest itself) and every input file of summary.json, each by its path relative to the exhibit folder
 * (inputs as {@code ../case/dumps/...}), so that {@code cd exhibit && sha256sum -c MANIFEST.sha256} checks
 * them all. Inputs on a non-local file system (hdfs://, s3a://) are listed in a comment line instead.
 */
public final class Manifest {

  public static final String FILE = "MANIFEST.sha256";

  private Manifest() {}

  /**
   * Hashes the files and writes the manifest. Fails when an input's bytes no longer match the sha256
   * that ingest recorded in summary.json: the exhibit would then describe other data than the inputs.
   */
  public static Path write(Path exhibitDir, ObjectNode summary, Path caseDir) throws IOException {
    Path exhibit = exhibitDir.toAbsolutePath().normalize();
    Path cases = caseDir.toAbsolutePath().normalize();
    Path manifest = exhibit.resolve(FILE);
    TreeMap<String, String> exhibitFiles = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(exhibit)) {
      for (Path p : walk.filter(Files::isRegularFile).sorted().toList()) {
        if (!p.equals(manifest)) {
          exhibitFiles.put(rel(exhibit, p), sha256(p));
        }
      }
    }
    List<String> lines = new ArrayList<>();
    exhibitFiles.forEach((path, hash) -> lines.add(line(hash, path)));
    Set<String> seen = new TreeSet<>(exhibitFiles.keySet());
    List<String> remote = new ArrayList<>();
    for (JsonNode in : list(summary.get("inputs"))) {
      String path = text(in, "path");
      if (path == null) {
        continue;
      }
      if (path.matches("^[A-Za-z][A-Za-z0-9+.-]*://.*") && !path.startsWith("file://")) {
        remote.add("# not local, not checked here: " + oneLine(path) + "  " + text(in, "sha256"));
        continue;
      }
      Path file = cases.resolve(path.startsWith("file://") ? path.substring("file://".length()) : path).normalize();
      String r = rel(exhibit, file);
      if (!seen.add(r)) {
        continue;
      }
      String hash = sha256(file);
      String recorded = text(in, "sha256");
      if (recorded != null && !recorded.equalsIgnoreCase(hash)) {
        throw new IllegalStateException("input " + path + " has changed since ingest: sha256 " + hash
            + ", summary.json records " + recorded + "; re-run ingest on the case, or restore the file");
      }
      lines.add(line(hash, r));
    }
    lines.addAll(remote);
    Files.writeString(manifest, String.join("\n", lines) + (lines.isEmpty() ? "" : "\n"), StandardCharsets.UTF_8);
    return manifest;
  }

  /** One {@code sha256sum} line; a name holding a backslash or newline uses sha256sum's escaped form. */
  static String line(String hash, String path) {
    if (path.indexOf('\\') < 0 && path.indexOf('\n') < 0) {
      return hash + "  " + path;
    }
    String escaped = path.replace("\\", "\\\\").replace("\n", "\\n");
    return "\\" + hash + "  " + escaped;
  }

  /** The sha256 of a file, in lower-case hex. */
  public static String sha256(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      byte[] buf = new byte[1 << 16];
      for (int n; (n = in.read(buf)) > 0;) {
        md.update(buf, 0, n);
      }
      return HexFormat.of().formatHex(md.digest()).toLowerCase(Locale.ROOT);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String rel(Path from, Path to) {
    List<String> parts = new ArrayList<>();
    from.relativize(to).forEach(p -> parts.add(p.toString()));
    return String.join("/", parts);
  }

  private static String oneLine(String s) {
    return s.replace('\n', ' ').replace('\r', ' ');
  }
}
