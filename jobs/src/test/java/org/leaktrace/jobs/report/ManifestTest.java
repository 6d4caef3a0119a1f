package org.leaktrace.jobs.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** MANIFEST.sha256: exhibit files and inputs by relative path, checkable by coreutils' sha256sum -c. */
class ManifestTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path out;

  /** A case folder and an exhibit beside it, the layout of {@code bin/leaktrace demo}. */
  private ObjectNode layout() throws Exception {
    Path caseDir = out.resolve("case");
    Files.createDirectories(caseDir.resolve("dumps/中文 dump"));
    Files.writeString(caseDir.resolve("dumps/a.csv"), "id,name\n1,x\n");
    Files.writeString(caseDir.resolve("dumps/中文 dump/b.csv"), "col\nv\n");
    ObjectNode s = JSON.createObjectNode().put("schema", "leaktrace.summary/1").put("case_id", "t");
    ArrayNode inputs = s.putArray("inputs");
    for (String p : List.of("dumps/a.csv", "dumps/中文 dump/b.csv")) {
      inputs.addObject().put("dataset", "dump:x").put("path", p)
          .put("bytes", Files.size(caseDir.resolve(p))).put("sha256", Manifest.sha256(caseDir.resolve(p)));
    }
    inputs.addObject().put("dataset", "dump:remote").put("path", "hdfs://nn/dumps/c.csv").put("sha256", "00");
    Path exhibit = out.resolve("exhibit");
    Files.createDirectories(exhibit);
    JSON.writeValue(exhibit.resolve("summary.json").toFile(), s);
    Files.writeString(exhibit.resolve("METHOD.md"), "# Method\n");
    Files.writeString(exhibit.resolve("counts.csv"), "\uFEFFdump,class\r\n");
    return s;
  }

  @Test
  void listsExhibitFilesThenInputsByRelativePath() throws Exception {
    ObjectNode s = layout();
    Path m = Manifest.write(out.resolve("exhibit"), s, out.resolve("case"));
    List<String> lines = Files.readAllLines(m, StandardCharsets.UTF_8);
    assertEquals(List.of("METHOD.md", "counts.csv", "summary.json", "../case/dumps/a.csv", "../case/dumps/中文 dump/b.csv"),
        lines.stream().filter(l -> !l.startsWith("#")).map(l -> l.substring(66)).toList());
    assertTrue(lines.get(lines.size() - 1).startsWith("# not local"), "remote input listed as a comment");
    assertFalse(lines.stream().anyMatch(l -> l.endsWith(Manifest.FILE)), "not itself");
    String again = Files.readString(Manifest.write(out.resolve("exhibit"), s, out.resolve("case")));
    assertEquals(String.join("\n", lines) + "\n", again, "same files, same manifest");
  }

  @Test
  void sha256sumChecksIt() throws Exception {
    Assumptions.assumeTrue(new File("/usr/bin/sha256sum").canExecute(), "coreutils sha256sum not installed");
    ObjectNode s = layout();
    Manifest.write(out.resolve("exhibit"), s, out.resolve("case"));
    assertEquals(0, sha256sumCheck(), "sha256sum -c passes");
    Files.writeString(out.resolve("case/dumps/a.csv"), "id,name\n1,y\n");
    assertEquals(1, sha256sumCheck(), "a changed input fails the check");
  }

  @Test
  void escapedNamesFollowSha256sum() throws Exception {
    Assumptions.assumeTrue(new File("/usr/bin/sha256sum").canExecute(), "coreutils sha256sum not installed");
    Path exhibit = out.resolve("exhibit");
    Files.createDirectories(exhibit);
    Files.writeString(exhibit.resolve("odd\\name.csv"), "x");
    Manifest.write(exhibit, JSON.createObjectNode(), out);
    assertTrue(Files.readString(exhibit.resolve(Manifest.FILE)).startsWith("\\"));
    assertEquals(0, sha256sumCheck());
  }

  @Test
  void anInputChangedSinceIngestIsAnError() throws Exception {
    ObjectNode s = layout();
    Files.writeString(out.resolve("case/dumps/a.csv"), "changed\n");
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> Manifest.write(out.resolve("exhibit"), s, out.resolve("case")));
    assertTrue(e.getMessage().contains("dumps/a.csv") && e.getMessage().contains("re-run ingest"));
  }

  @Test
  void reproducibleModeLeavesNoTimeInTheSummary() throws Exception {
    ObjectNode s = JSON.createObjectNode().put("case_id", "t");
    Instant now = Instant.parse("2024-05-06T07:08:09.123Z");
    assertEquals("2024-05-06T07:08:09Z", Reproducible.stamp(s.deepCopy(), false, now).get("generated_at").asText());
    ObjectNode r = Reproducible.stamp(s.deepCopy().put("generated_at", "x"), true, now);
    assertFalse(r.has("generated_at"));
    assertEquals(s, r);
  }

  private int sha256sumCheck() throws Exception {
    Process p = new ProcessBuilder("/usr/bin/sha256sum", "--quiet", "-c", Manifest.FILE)
        .directory(out.resolve("exhibit").toFile()).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    assertTrue(p.waitFor(60, TimeUnit.SECONDS));
    return p.exitValue();
  }
}
