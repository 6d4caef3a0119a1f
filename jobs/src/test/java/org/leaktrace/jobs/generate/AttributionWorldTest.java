package org.leaktrace.jobs.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The attribution scenario checked against its own files: sources recounted by style, windows, verdicts, bytes. */
class AttributionWorldTest {

  private static final int PERSONS = 1500;
  private static final List<String> REFERENCE = List.of("courier-x", "hotel-y", "rental-z", "shop-w");
  private static final List<String> DUMPS = List.of("hotel-insider", "hotel-insider-copy", "aggregate",
      "marketing-list", "cred-list", "shop-orders", "rival-courier", "courier-leak");

  /** Each platform writes a mobile its own way: the style of a row's mobile tells where the row came from. */
  private static final Map<String, Pattern> MOBILE_STYLE = new LinkedHashMap<>();

  static {
    MOBILE_STYLE.put("courier-x", Pattern.compile("1[3-9][0-9]-[0-9]{4}-[0-9]{4}"));
    MOBILE_STYLE.put("hotel-y", Pattern.compile("\\+86 1[3-9][0-9]{9}"));
    MOBILE_STYLE.put("rental-z", Pattern.compile("1[3-9][0-9] [0-9]{4} [0-9]{4}"));
    MOBILE_STYLE.put("courier-r", Pattern.compile("\\(\\+86\\)1[3-9][0-9]{9}"));
    MOBILE_STYLE.put("marketing", Pattern.compile("1[3-9][0-9]\\.[0-9]{4}\\.[0-9]{4}"));
    MOBILE_STYLE.put("plain", Pattern.compile("1[3-9][0-9]{9}"));
    MOBILE_STYLE.put("email", Pattern.compile("[^@\\s]+@[^@\\s]+\\.[a-z]{2,}"));
  }

  @TempDir
  Path dir;

  @ParameterizedTest
  @ValueSource(longs = {3L, 17L, 2024L})
  void truthMatchesTheFilesOnDisk(long seed) throws IOException {
    Path caseDir = dir.resolve("case");
    long start = System.nanoTime();
    AttributionTruth t = Generator.generateAttribution(caseDir, PERSONS, seed);
    double seconds = (System.nanoTime() - start) / 1e9;
    assertTrue(seconds < 30, "generation took " + seconds + " s");

    AttributionTruth read = AttributionTruth.read(caseDir.resolve(AttributionTruth.FILE));
    assertEquals(t, read, "the file reads back as the returned truth");
    assertEquals(AttributionTruth.SCHEMA, t.schema());
    assertEquals(DUMPS, t.dumps().stream().map(AttributionTruth.DumpTruth::id).toList());

    JsonNode y = new YAMLMapper().readTree(caseDir.resolve("case.yaml").toFile());
    List<String> platformIds = new ArrayList<>();
    y.get("platforms").forEach(p -> platformIds.add(p.get("id").asText()));
    assertEquals(REFERENCE, platformIds.stream().sorted().toList());
    assertEquals(DUMPS.size(), y.get("dumps").size());
    assertEquals("platform,partner,record,type,value\n", Files.readString(caseDir.resolve("canaries.csv")));
    for (String id : REFERENCE) {
      for (String snap : t.snapshots()) {
        assertTrue(Files.isRegularFile(caseDir.resolve("platforms/" + id + "/" + snap + ".csv")), id + " " + snap);
      }
    }

    Map<String, AttributionTruth.DumpTruth> byId = new HashMap<>();
    for (AttributionTruth.DumpTruth d : t.dumps()) {
      byId.put(d.id(), d);
      List<String[]> rows = rows(caseDir, d);
      assertEquals(d.rows(), rows.size(), d.id() + ": rows on disk");
      Set<String> distinct = new HashSet<>();
      for (String[] r : rows) {
        assertTrue(distinct.add(String.join("\u0001", r)), d.id() + ": a row appears twice");
      }
      // recount the sources from the files: the mobile's style names the platform
      Map<String, Integer> recount = new TreeMap<>();
      for (String[] r : rows) {
        recount.merge(source(d.id(), r), 1, Integer::sum);
      }
      Map<String, Integer> truthRows = new TreeMap<>();
      double sum = 0;
      for (AttributionTruth.Source s : d.sources()) {
        truthRows.put(s.actual(), s.rows());
        sum += s.share();
        assertEquals((double) s.rows() / d.rows(), s.share(), 1e-6, d.id() + " " + s.actual());
        assertEquals(REFERENCE.contains(s.actual()) ? s.actual() : null, s.platform(), d.id());
        if (s.platform() != null) {
          LocalDate ext = LocalDate.parse(s.extractionDate());
          LocalDate obtained = LocalDate.parse(d.obtained());
          assertTrue(!LocalDate.parse(s.window().from()).isAfter(ext), d.id() + ": window starts after extraction");
          if (s.window().to() == null) {
            assertTrue(ext.isAfter(LocalDate.parse(t.snapshots().get(t.snapshots().size() - 1))), d.id());
          } else {
            assertTrue(LocalDate.parse(s.window().to()).isAfter(ext), d.id() + ": window ends before extraction");
            assertTrue(!LocalDate.parse(s.window().to()).isAfter(obtained), d.id() + ": window ends after obtained");
          }
          assertTrue(ext.isBefore(obtained), d.id() + ": extracted before obtained");
        } else {
          assertNull(s.extractionDate());
          assertNull(s.window());
        }
      }
      assertEquals(truthRows, recount, d.id() + ": rows per source");
      assertEquals(1.0, sum, 1e-5, d.id() + ": shares sum to 1");
      assertEquals(expectedVerdict(d), d.verdict(), d.id());
    }

    assertEquals("attributed", byId.get("hotel-insider").verdict());
    assertEquals("hotel-y", byId.get("hotel-insider").sources().get(0).platform());
    assertTrue(byId.get("hotel-insider").insider());
    assertEquals(byId.get("hotel-insider").buyer(), byId.get("hotel-insider-copy").seller(), "resold by its buyer");
    AttributionTruth.DumpTruth copy = byId.get("hotel-insider-copy");
    assertEquals("attributed", copy.verdict());
    assertEquals("hotel-insider", copy.derivedFrom());
    assertTrue(LocalDate.parse(copy.obtained()).isBefore(LocalDate.parse(byId.get("hotel-insider").obtained())),
        "the copy was bought first");
    assertEquals(byId.get("hotel-insider").extractionDate(), copy.extractionDate());
    double copied = (double) copy.rows() / byId.get("hotel-insider").rows();
    assertTrue(copied > 0.3 && copied < 0.7, "copy share " + copied);

    AttributionTruth.DumpTruth agg = byId.get("aggregate");
    assertEquals("mixture", agg.verdict());
    Map<String, Double> shares = new HashMap<>();
    agg.sources().forEach(s -> shares.put(s.actual(), s.share()));
    assertEquals(Set.of("courier-x", "rental-z", "marketing"), shares.keySet());
    assertTrue(shares.get("courier-x") >= 0.34 && shares.get("courier-x") <= 0.46, shares.toString());
    assertTrue(shares.get("rental-z") >= 0.24 && shares.get("rental-z") <= 0.36, shares.toString());
    assertTrue(agg.variations().getOrDefault("names_honorific", 0) > 0, agg.variations().toString());
    assertTrue(agg.variations().getOrDefault("addresses_truncated", 0) > 0, agg.variations().toString());
    assertNotEquals(agg.sources().stream().filter(s -> s.actual().equals("courier-x")).findFirst().get().window(),
        null);

    for (String unknown : List.of("marketing-list", "cred-list", "rival-courier")) {
      assertEquals("unknown", byId.get(unknown).verdict(), unknown);
      assertNull(byId.get(unknown).window(), unknown);
    }
    assertEquals("shop-w", byId.get("shop-orders").sources().get(0).platform());
    assertEquals(1, byId.get("shop-orders").sources().size(), "shop-orders is shop-w's alone, not courier-x's");
    assertEquals("courier-x", byId.get("courier-leak").sources().get(0).platform());
    checkShipments(caseDir, byId.get("shop-orders"));
    checkPasswordReuse(caseDir, byId.get("cred-list"));
  }

  @Test
  void sameSeedSameBytesAnotherSeedAnotherWorld() throws IOException {
    Generator.generateAttribution(dir.resolve("a"), 1000, 5L);
    Generator.generateAttribution(dir.resolve("b"), 1000, 5L);
    Generator.generateAttribution(dir.resolve("c"), 1000, 6L);
    assertEquals(DefaultWorldPinTest.digest(dir.resolve("a")), DefaultWorldPinTest.digest(dir.resolve("b")));
    assertNotEquals(DefaultWorldPinTest.digest(dir.resolve("a")), DefaultWorldPinTest.digest(dir.resolve("c")));
    // regenerating into a generated case replaces it; a foreign folder is refused
    Generator.generateAttribution(dir.resolve("a"), 1000, 5L);
    assertEquals(DefaultWorldPinTest.digest(dir.resolve("a")), DefaultWorldPinTest.digest(dir.resolve("b")));
    Path foreign = Files.createDirectories(dir.resolve("foreign"));
    Files.writeString(foreign.resolve("notes.txt"), "keep me");
    assertThrows(IOException.class, () -> Generator.generateAttribution(foreign, 1000, 5L));
    assertThrows(IllegalArgumentException.class, () -> Generator.generateAttribution(dir.resolve("tiny"), 100, 5L));
  }

  @Test
  void twentySeedsAreTwentyWorlds() throws IOException {
    Set<String> worlds = new HashSet<>();
    Set<String> layouts = new HashSet<>();
    for (long seed = 100; seed < 120; seed++) {
      Path caseDir = dir.resolve("w" + seed);
      AttributionTruth t = Generator.generateAttribution(caseDir, 500, seed);
      StringBuilder sig = new StringBuilder();
      for (AttributionTruth.DumpTruth d : t.dumps()) {
        sig.append(d.id()).append(d.format()).append(d.obtained()).append(d.extractionDate()).append(d.rows());
        layouts.add(d.format() + "/" + d.header() + "/" + d.encoding());
        assertFalse(d.sources().isEmpty(), d.id());
      }
      worlds.add(sig.toString());
      delete(caseDir);
    }
    assertEquals(20, worlds.size());
    assertTrue(layouts.size() >= 6, "layouts drawn: " + layouts);
  }

  private static String expectedVerdict(AttributionTruth.DumpTruth d) {
    boolean reference = false;
    for (AttributionTruth.Source s : d.sources()) {
      if (s.platform() != null) {
        reference = true;
        if (s.share() >= 0.9) {
          return "attributed";
        }
      }
    }
    return reference ? "mixture" : "unknown";
  }

  /** The platform a row was copied from, told by the style of its mobile (plain: shop-w, or the forum's list). */
  private static String source(String dump, String[] row) {
    String found = null;
    for (String f : row) {
      for (Map.Entry<String, Pattern> e : MOBILE_STYLE.entrySet()) {
        if (e.getValue().matcher(f).matches()) {
          assertNull(found, dump + ": two identifying styles in " + String.join("|", row));
          found = e.getKey();
        }
      }
    }
    assertNotNull(found, dump + ": no styled mobile in " + String.join("|", row));
    if (found.equals("email") || (found.equals("plain") && dump.equals("cred-list"))) {
      return "forum-creds";
    }
    return found.equals("plain") ? "shop-w" : found;
  }

  /** Rows of a dump read back from its files (independently of the generator's re-reader). */
  static List<String[]> rows(Path caseDir, AttributionTruth.DumpTruth d) throws IOException {
    List<String[]> out = new ArrayList<>();
    ObjectMapper json = new ObjectMapper();
    for (String path : d.files()) {
      List<byte[]> lines = CaseFiles.lines(CaseFiles.bytes(caseDir.resolve(path)), d.encoding());
      for (int i = d.header() ? 1 : 0; i < lines.size(); i++) {
        String line = new String(lines.get(i), CaseFiles.charset(d.encoding()));
        String[] f;
        if (d.format().equals("jsonl")) {
          JsonNode n = json.readTree(line);
          List<String> v = new ArrayList<>();
          for (Iterator<JsonNode> it = n.elements(); it.hasNext(); ) {
            v.add(it.next().asText());
          }
          f = v.toArray(new String[0]);
        } else if (d.format().equals("csv")) {
          f = Csv.fields(line, ',');
        } else if (d.format().equals("tsv")) {
          f = Csv.fields(line, '\t');
        } else {
          f = line.split(Pattern.quote(d.format().substring("delimited:".length())), -1);
        }
        out.add(f);
      }
    }
    return out;
  }

  /** shop-orders' waybills are courier-x's, for the same person, picked up after the order was placed. */
  private static void checkShipments(Path caseDir, AttributionTruth.DumpTruth shop) throws IOException {
    Map<String, String[]> waybills = new HashMap<>();
    try (Stream<Path> s = Files.list(caseDir.resolve("platforms/courier-x"))) {
      for (Path f : s.sorted().toList()) {
        List<String> lines = Files.readAllLines(f, StandardCharsets.UTF_8);
        for (String line : lines.subList(1, lines.size())) {
          String[] r = Csv.fields(line, ',');
          waybills.put(r[0], r);
        }
      }
    }
    int withWaybill = 0;
    int samePerson = 0;
    for (String[] r : rows(caseDir, shop)) {
      String waybill = null;
      String order = null;
      String mobile = null;
      for (String f : r) {
        if (f.matches("SF[0-9]{12}")) {
          waybill = f;
        } else if (f.matches("20[0-9]{2}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2}:[0-9]{2}")) {
          order = f;
        } else if (f.matches("1[3-9][0-9]{9}")) {
          mobile = f;
        }
      }
      if (waybill == null) {
        continue;
      }
      withWaybill++;
      String[] parcel = waybills.get(waybill);
      assertNotNull(parcel, "waybill " + waybill + " is in courier-x's snapshots");
      assertTrue(parcel[4].compareTo(order) > 0, "picked up " + parcel[4] + " after the order " + order);
      // shop-orders keeps shop-w's column order: the name is the second field
      assertEquals(parcel[1], r[1], "the parcel of waybill " + waybill + " is the orderer's");
      samePerson += parcel[2].replace("-", "").equals(mobile) ? 1 : 0;
    }
    double shipped = (double) withWaybill / shop.rows();
    assertTrue(shipped > 0.55 && shipped < 0.85, "shipped share " + shipped);
    // either side may have changed the mobile since (monthly churn), never most of them
    assertTrue(samePerson > 0.8 * withWaybill, samePerson + " of " + withWaybill + " same mobile");
  }

  /** Some forum passwords are rental-z passwords, verbatim. */
  private static void checkPasswordReuse(Path caseDir, AttributionTruth.DumpTruth creds) throws IOException {
    Set<String> rental = new HashSet<>();
    for (String line : Files.readAllLines(caseDir.resolve("platforms/rental-z/2020-06-01.csv"))) {
      String[] r = Csv.fields(line, ',');
      rental.add(r[7]);
    }
    int reused = 0;
    for (String[] r : rows(caseDir, creds)) {
      reused += rental.contains(r[r.length - 1]) ? 1 : 0;
    }
    assertTrue(reused > 0.05 * creds.rows(), reused + " reused passwords of " + creds.rows());
  }

  private static void delete(Path p) throws IOException {
    try (Stream<Path> s = Files.walk(p)) {
      for (Path q : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(q);
      }
    }
  }
}
