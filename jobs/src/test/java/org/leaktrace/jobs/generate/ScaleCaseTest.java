package org.leaktrace.jobs.generate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The scale case's snapshots churn as stated, its later dumps are resales of earlier ones, and a seed fixes its bytes. */
class ScaleCaseTest {

  private static final int ROWS = 4000;
  private static final int SNAPSHOTS = 3;
  private static final int DUMPS = 3;

  @TempDir
  Path dir;

  @Test
  void theSameSeedWritesTheSameBytesWhateverTheThreads() throws IOException {
    Path a = new ScaleCase(600, 4, 5, SNAPSHOTS, DUMPS).write(dir.resolve("a"), 250, 2, n -> { }).getParent();
    Path b = new ScaleCase(600, 4, 5, SNAPSHOTS, DUMPS).write(dir.resolve("b"), 250, 1, n -> { }).getParent();
    List<Path> files = files(a);
    assertEquals(files, files(b));
    for (Path f : files) {
      assertArrayEquals(Files.readAllBytes(a.resolve(f)), Files.readAllBytes(b.resolve(f)), f.toString());
    }
    Path c = new ScaleCase(600, 4, 6, SNAPSHOTS, DUMPS).write(dir.resolve("c"), 250, 2, n -> { }).getParent();
    assertNotEquals(Files.readString(a.resolve("dumps/bench-dump-3/part-00001.csv")),
        Files.readString(c.resolve("dumps/bench-dump-3/part-00001.csv")));
  }

  @Test
  void eachPlatformHasItsSnapshotsMonthlyWithTheStatedChurn() throws IOException {
    long[] written = {0};
    Path c = new ScaleCase(ROWS, 4, 11, SNAPSHOTS, DUMPS).write(dir, 1_000_000, 2,
        n -> written[0] = Math.max(written[0], n)).getParent();
    long lines = 0;
    for (int k = 0; k < 4; k++) {
      Path folder = c.resolve("platforms").resolve(ScaleCase.platformId(k));
      List<String> names = files(folder).stream().map(Path::toString).toList();
      assertEquals(List.of("2020-01-01.part-00001.csv", "2020-02-01.part-00001.csv", "2020-03-01.part-00001.csv"),
          names, "one file per snapshot, a month apart, the last on " + ScaleCase.LAST_SNAPSHOT);
      for (String n : names) {
        lines += Files.readAllLines(folder.resolve(n)).size() - 1;
      }
    }
    for (int d = 1; d <= DUMPS; d++) {
      lines += rows(c.resolve("dumps").resolve(ScaleCase.dumpId(d))).size();
    }
    assertEquals(lines, written[0], "the progress ends at every row written");

    // courier-x and shop-w have a record id in column 0: compare each snapshot with the one before
    for (int k : new int[] {0, 3}) {
      String[] types = ScaleCase.platformTypes(k);
      List<Map<String, List<String>>> snapshots = new ArrayList<>();
      for (Path f : files(c.resolve("platforms").resolve(ScaleCase.platformId(k)))) {
        Map<String, List<String>> byId = new LinkedHashMap<>();
        for (String[] r : rows(c.resolve("platforms").resolve(ScaleCase.platformId(k)), f)) {
          byId.put(r[0], List.of(r));
        }
        snapshots.add(byId);
      }
      for (int s = 1; s < SNAPSHOTS; s++) {
        Map<String, List<String>> before = snapshots.get(s - 1);
        Map<String, List<String>> now = snapshots.get(s);
        long added = now.keySet().stream().filter(id -> !before.containsKey(id)).count();
        long deleted = before.keySet().stream().filter(id -> !now.containsKey(id)).count();
        long updated = 0;
        for (Map.Entry<String, List<String>> e : now.entrySet()) {
          List<String> old = before.get(e.getKey());
          if (old != null && !old.equals(e.getValue())) {
            updated++;
            for (int i = 0; i < types.length; i++) {
              if (!old.get(i).equals(e.getValue().get(i))) {
                assertTrue(types[i].equals("cn_mobile") || types[i].equals("address"),
                    "an update changes a mobile or an address, not " + types[i]);
              }
            }
          }
        }
        String where = ScaleCase.platformId(k) + " snapshot " + s;
        assertEquals(Math.round(ROWS * ScaleCase.ADDED), added, where + ": added");
        assertAbout(ScaleCase.DELETED * before.size(), deleted, where + ": deleted");
        assertAbout(ScaleCase.UPDATED * (before.size() - deleted), updated, where + ": updated");
      }
    }
  }

  @Test
  void laterDumpsAreResoldSubsetsAndMerges() throws IOException {
    Path c = new ScaleCase(ROWS, 4, 11, SNAPSHOTS, DUMPS).write(dir, 1000, 2, n -> { }).getParent();
    List<String> first = lines(c.resolve("dumps").resolve(ScaleCase.dumpId(1)));
    List<String> second = lines(c.resolve("dumps").resolve(ScaleCase.dumpId(2)));
    List<String> third = lines(c.resolve("dumps").resolve(ScaleCase.dumpId(3)));
    assertEquals(ROWS, first.size());
    assertEquals((int) (ROWS * ScaleCase.SUBSET), second.size());
    assertEquals(second.size(), third.size());

    Map<String, Integer> left = counts(first);
    for (String r : second) {
      assertTrue(left.merge(r, -1, Integer::sum) >= 0, "dump 2 holds rows of dump 1, each at most as often: " + r);
    }
    assertNotEquals(first.subList(0, 50), second.subList(0, 50), "dump 2 is re-ordered");
    Set<String> ofSecond = new HashSet<>(second);
    long fromSecond = third.stream().filter(ofSecond::contains).count();
    assertTrue(fromSecond >= third.size() / 2 && fromSecond < 0.6 * third.size(),
        "half of dump 3 comes from dump 2: " + fromSecond + " of " + third.size());

    String yaml = Files.readString(c.resolve("case.yaml"));
    for (int d = 1; d <= DUMPS; d++) {
      assertTrue(yaml.contains("id: " + ScaleCase.dumpId(d) + "\n    path: dumps/" + ScaleCase.dumpId(d)
          + "\n    obtained: " + ScaleCase.FIRST_OBTAINED.plusMonths(d - 1)), yaml);
    }
  }

  /** Within a third of the expected count (a binomial draw of a few hundred). */
  private static void assertAbout(double expected, long actual, String what) {
    assertTrue(actual > expected * 2 / 3 && actual < expected * 4 / 3, what + ": " + actual + ", expected about "
        + Math.round(expected));
  }

  private static Map<String, Integer> counts(List<String> lines) {
    Map<String, Integer> m = new HashMap<>();
    lines.forEach(l -> m.merge(l, 1, Integer::sum));
    return m;
  }

  private static List<Path> files(Path root) throws IOException {
    try (Stream<Path> s = Files.walk(root)) {
      return s.filter(Files::isRegularFile).map(root::relativize).sorted().toList();
    }
  }

  /** The data lines of every file of a folder, in file order (headers skipped). */
  private static List<String> lines(Path folder) throws IOException {
    List<String> out = new ArrayList<>();
    for (Path f : files(folder)) {
      List<String> l = Files.readAllLines(folder.resolve(f));
      out.addAll(l.subList(1, l.size()));
    }
    return out;
  }

  private static List<String[]> rows(Path folder) throws IOException {
    List<String[]> out = new ArrayList<>();
    for (Path f : files(folder)) {
      out.addAll(rows(folder, f));
    }
    return out;
  }

  private static List<String[]> rows(Path folder, Path file) throws IOException {
    List<String> l = Files.readAllLines(folder.resolve(file));
    return l.subList(1, l.size()).stream().map(x -> Csv.fields(x, ',')).toList();
  }
}
