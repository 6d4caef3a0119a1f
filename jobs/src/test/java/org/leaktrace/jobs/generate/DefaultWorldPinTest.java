package org.leaktrace.jobs.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The default world's bytes for one seed, pinned before the attribution scenario was added beside it. */
class DefaultWorldPinTest {

  /** sha256 over every file's relative path and bytes, in path order, for 300 persons and seed 11. */
  private static final String PINNED = "cb2e2f3c10499161a16586bd94fdb40f07c62e43263ed1700426c23739e2f0cf";

  @TempDir
  Path dir;

  @Test
  void defaultWorldIsByteIdenticalToThePinnedOne() throws IOException {
    Generator.generate(dir, 300, 11L);
    assertEquals(PINNED, digest(dir));
  }

  static String digest(Path root) throws IOException {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      List<Path> files;
      try (Stream<Path> s = Files.walk(root)) {
        files = s.filter(Files::isRegularFile).map(root::relativize).sorted().toList();
      }
      for (Path f : files) {
        md.update(f.toString().replace('\\', '/').getBytes(StandardCharsets.UTF_8));
        md.update((byte) 0);
        byte[] b = Files.readAllBytes(root.resolve(f));
        md.update(Long.toString(b.length).getBytes(StandardCharsets.UTF_8));
        md.update((byte) 0);
        md.update(b);
      }
      return HexFormat.of().formatHex(md.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
