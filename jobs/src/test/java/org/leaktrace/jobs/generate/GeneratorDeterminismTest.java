package org.leaktrace.jobs.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Same seed, same bytes; another seed, another world; a small world still has every dump. */
class GeneratorDeterminismTest {

  @TempDir
  Path dir;

  @Test
  void sameSeedGivesIdenticalBytesAndAnotherSeedDiffers() throws IOException {
    Path a = dir.resolve("a");
    Path b = dir.resolve("b");
    Path c = dir.resolve("c");
    Generator.generate(a, 300, 11L);
    Generator.generate(b, 300, 11L);
    Generator.generate(c, 300, 12L);
    List<Path> files = files(a);
    assertEquals(files, files(b));
    assertTrue(files.contains(Path.of("truth.json")));
    for (Path f : files) {
      assertTrue(Arrays.equals(Files.readAllBytes(a.resolve(f)), Files.readAllBytes(b.resolve(f))), f.toString());
    }
    assertFalse(Arrays.equals(Files.readAllBytes(a.resolve("truth.json")), Files.readAllBytes(c.resolve("truth.json"))));
    assertFalse(Arrays.equals(Files.readAllBytes(a.resolve("keys/case.key")), Files.readAllBytes(c.resolve("keys/case.key"))));
  }

  @Test
  void regeneratingIntoTheSameFolderReplacesItAndForeignFoldersAreRefused() throws IOException {
    Path a = dir.resolve("a");
    Generator.generate(a, 200, 3L);
    byte[] first = Files.readAllBytes(a.resolve("truth.json"));
    Generator.generate(a, 200, 3L);
    assertTrue(Arrays.equals(first, Files.readAllBytes(a.resolve("truth.json"))), "same truth after regenerating");
    Path foreign = Files.createDirectories(dir.resolve("foreign"));
    Files.writeString(foreign.resolve("notes.txt"), "keep me");
    assertThrows(IOException.class, () -> Generator.generate(foreign, 200, 3L));
    assertThrows(IllegalArgumentException.class, () -> Generator.generate(dir.resolve("tiny"), 10, 3L));
  }

  @Test
  void twoHundredPersonsFinishAndAreConsistent() throws IOException {
    Path a = dir.resolve("small");
    Truth t = Generator.generate(a, 200, 42L);
    JsonNode truth = CaseFiles.truth(a);
    assertEquals(200, truth.get("persons").asInt());
    assertEquals(7, t.dumps().size());
    for (Truth.DumpTruth d : t.dumps()) {
      assertTrue(d.rowsParsed() > 0, d.id() + " has rows");
      assertEquals(d.linesRead(), d.rowsParsed() + d.rowsQuarantined(), d.id());
      assertEquals(d.rowsParsed(), d.pieces() + d.rowsDuplicate() + d.rowsUnverifiable() + d.rowsWithoutIdentifier(),
          d.id());
    }
    Truth.DumpTruth leak = t.dumps().get(0);
    assertTrue(leak.windowEvidence().get("created_after_from") > 0 && leak.windowEvidence().get("deleted_before_to") > 0);
    assertTrue(t.caseImpact().individuals() <= t.caseImpact().pieces());
  }

  private static List<Path> files(Path root) throws IOException {
    try (Stream<Path> s = Files.walk(root)) {
      return s.filter(Files::isRegularFile).map(root::relativize).sorted().toList();
    }
  }
}
