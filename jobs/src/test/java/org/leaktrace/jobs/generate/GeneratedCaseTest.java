package org.leaktrace.jobs.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One generated world checked against its files: accounting, identifiers, windows, samples, canaries. */
class GeneratedCaseTest {

  private static final int PERSONS = 2000;
  private static final List<String> REFERENCE = List.of("courier-x", "hotel-y", "rental-z", "shop-w");

  @TempDir
  static Path dir;
  static Path caseDir;
  static JsonNode truth;

  @BeforeAll
  static void generate() throws IOException {
    caseDir = dir.resolve("case");
    Generator.generate(caseDir, PERSONS, 7L);
    truth = CaseFiles.truth(caseDir);
  }

  @Test
  void caseFileHasTheContractKeysInOrder() throws IOException {
    JsonNode y = new YAMLMapper().readTree(caseDir.resolve("case.yaml").toFile());
    assertEquals(List.of("case_id", "taxonomy", "key_file", "platforms", "canaries", "dumps"), names(y));
    assertEquals("demo-2020", y.get("case_id").asText());
    assertEquals(List.of("id", "sector", "path"), names(y.get("platforms").get(0)));
    assertEquals(List.of("id", "path", "obtained", "seller", "buyer", "insider", "format", "encoding"),
        names(y.get("dumps").get(0)));
    assertEquals(7, y.get("dumps").size());
    for (JsonNode d : y.get("dumps")) {
      assertTrue(Files.isDirectory(caseDir.resolve(d.get("path").asText())), "dump folder exists");
    }
    String key = Files.readString(caseDir.resolve(y.get("key_file").asText()), StandardCharsets.US_ASCII);
    assertTrue(key.matches("[0-9a-f]{64}"), "key file holds 64 lower-case hex characters");
  }

  @Test
  void everyReferencePlatformHasSixDatedSnapshotsWithAHeader() throws IOException {
    for (String id : REFERENCE) {
      Path folder = caseDir.resolve("platforms").resolve(id);
      List<String> files;
      try (Stream<Path> s = Files.list(folder)) {
        files = s.map(p -> p.getFileName().toString()).sorted().toList();
      }
      assertEquals(List.of("2020-01-01.csv", "2020-02-01.csv", "2020-03-01.csv", "2020-04-01.csv",
          "2020-05-01.csv", "2020-06-01.csv"), files, id);
      JsonNode p = platform(id);
      assertEquals(6, p.get("snapshots").size());
      for (String f : files) {
        List<String> lines = Files.readAllLines(folder.resolve(f), StandardCharsets.UTF_8);
        assertEquals(columnNames(p), List.of(Csv.fields(lines.get(0), ',')), id + " header");
        assertEquals(p.get("size_by_snapshot").get(f.substring(0, 10)).asInt(), lines.size() - 1, id + " size");
      }
    }
    assertFalse(Files.exists(caseDir.resolve("platforms/hidden-v")), "hidden platforms are not written");
  }

  @Test
  void identifiersPassTheirChecksAndAreUniquePerPerson() throws IOException {
    List<String> hotel = Files.readAllLines(caseDir.resolve("platforms/hotel-y/2020-06-01.csv"));
    List<String> shop = Files.readAllLines(caseDir.resolve("platforms/shop-w/2020-06-01.csv"));
    Set<String> ids = new HashSet<>();
    for (String line : hotel.subList(1, hotel.size())) {
      String id = Csv.fields(line, ',')[1];
      assertTrue(Checks.idCheckOk(id), "resident ID check character");
      assertTrue(Counter.valid("cn_resident_id", id), "resident ID region and birth date");
      assertTrue(ids.add(id), "one hotel-y record per resident ID");
    }
    Set<String> cards = new HashSet<>();
    Set<String> mobiles = new HashSet<>();
    for (String line : shop.subList(1, shop.size())) {
      String[] f = Csv.fields(line, ',');
      assertTrue(f[2].matches("1(3[0-9]|5[0-35-9]|66|7[35-8]|8[0-9]|9[89])[0-9]{8}"), "mobile in an allocated range");
      assertTrue(f[4].startsWith("62") && (f[4].length() == 16 || f[4].length() == 19), "UnionPay card length");
      assertTrue(Checks.luhnOk(f[4]), "card Luhn digit");
      assertTrue(cards.add(f[4]), "card unique");
      assertTrue(mobiles.add(f[2]), "mobile unique");
    }
  }

  @Test
  void aboutOneInTenIsUnderFourteen() throws IOException {
    List<String> rental = Files.readAllLines(caseDir.resolve("platforms/rental-z/2020-06-01.csv"));
    int minors = 0;
    for (String line : rental.subList(1, rental.size())) {
      String id = Csv.fields(line, ',')[3];
      if (!Counter.birthDate(id).plusYears(14).isBefore(java.time.LocalDate.of(2020, 6, 1))) {
        minors++;
      }
    }
    double share = minors / (double) (rental.size() - 1);
    assertTrue(share > 0.06 && share < 0.14, "about 10% under 14");
  }

  @Test
  void lineAccountingMatchesAnIndependentReRead() throws IOException {
    for (JsonNode d : truth.get("dumps")) {
      String encoding = d.get("encoding").asText();
      int dumpLines = 0;
      for (JsonNode f : d.get("files")) {
        List<byte[]> lines = CaseFiles.lines(CaseFiles.bytes(caseDir.resolve(f.get("path").asText())), encoding);
        String where = d.get("id").asText() + " file " + f.get("path").asText();
        assertEquals(lines.size(), f.get("lines_read").asInt(), where);
        assertEquals(f.get("lines_read").asInt(), f.get("rows_parsed").asInt() + f.get("rows_quarantined").asInt(), where);
        int reasons = 0;
        for (JsonNode n : f.get("quarantine_by_reason")) {
          reasons += n.asInt();
        }
        assertEquals(f.get("rows_quarantined").asInt(), reasons, where);
        int tooLong = 0;
        int nul = 0;
        int blank = 0;
        for (byte[] line : lines) {
          if (line.length > (1 << 20)) {
            tooLong++;
          } else if (contains(line, (byte) 0) && !encoding.equals("utf-16le")) {
            nul++;
          } else if (new String(line, CaseFiles.charset(encoding)).isBlank()) {
            blank++;
          }
        }
        assertEquals(tooLong, reason(f, "line_too_long"), where);
        assertEquals(nul, reason(f, "binary_content"), where);
        assertEquals(blank, reason(f, "empty_line"), where);
        assertEquals(d.get("header").asBoolean() ? 1 : 0, reason(f, "header"), where);
        dumpLines += lines.size();
      }
      assertEquals(dumpLines, d.get("lines_read").asInt());
      assertEquals(d.get("lines_read").asInt(), d.get("rows_parsed").asInt() + d.get("rows_quarantined").asInt());
    }
    JsonNode leak = CaseFiles.dump(truth, "courier-leak");
    for (String r : List.of("line_too_long", "binary_content", "invalid_encoding", "wrong_field_count", "empty_line")) {
      int n = leak.get("quarantine_by_reason").path(r).asInt();
      assertTrue(n >= 2 && n <= 5, "courier-leak has 2-5 lines of " + r);
    }
    assertTrue(leak.get("rows_duplicate").asInt() > 0 && leak.get("rows_unverifiable").asInt() > 0);
  }

  @Test
  void countsAreInternallyConsistent() {
    for (JsonNode d : truth.get("dumps")) {
      long byClass = 0;
      for (JsonNode n : d.get("pieces_by_class")) {
        byClass += n.asLong();
      }
      assertEquals(d.get("pieces").asLong(), byClass);
      assertEquals(d.get("rows_parsed").asInt(), d.get("pieces").asInt() + d.get("rows_duplicate").asInt()
          + d.get("rows_unverifiable").asInt() + d.get("rows_without_identifier").asInt());
      assertTrue(d.get("individuals").asInt() <= d.get("pieces").asInt());
      double share = 0;
      int rows = 0;
      for (JsonNode s : d.get("sources")) {
        share += s.get("share").asDouble();
        rows += s.get("rows").asInt();
      }
      assertEquals(1.0, share, 1e-5);
      assertEquals(d.get("pieces").asInt(), rows);
    }
    JsonNode mix = CaseFiles.dump(truth, "hotel-mix");
    assertEquals(0.6, mix.get("sources").get(0).get("share").asDouble(), 0.02);
    assertTrue(mix.get("sources").get(1).get("platform").isNull(), "gym-q is outside the reference set");
  }

  @Test
  void singleSourceExtractionLiesStrictlyBetweenItsWindowSnapshots() throws IOException {
    JsonNode leak = CaseFiles.dump(truth, "courier-leak");
    String date = leak.get("extraction_date").asText();
    String from = leak.get("extraction_window").get("from").asText();
    String to = leak.get("extraction_window").get("to").asText();
    assertTrue(from.compareTo(date) < 0 && date.compareTo(to) < 0, "from < extraction date < to");
    List<String> snaps = names(platform("courier-x").get("size_by_snapshot"));
    assertEquals(snaps.indexOf(from) + 1, snaps.indexOf(to), "window snapshots are consecutive");

    // The dump holds waybills missing from the earlier snapshot and waybills missing from the later one.
    Set<String> before = waybills(caseDir.resolve("platforms/courier-x/" + from + ".csv"));
    Set<String> after = waybills(caseDir.resolve("platforms/courier-x/" + to + ".csv"));
    int newer = 0;
    int gone = 0;
    for (int i = 0; i < leak.get("files").size(); i++) {
      for (String line : CaseFiles.text(caseDir, leak, i)) {
        String waybill = line.split("----", -1)[0];
        newer += !before.contains(waybill) && after.contains(waybill) ? 1 : 0;
        gone += before.contains(waybill) && !after.contains(waybill) ? 1 : 0;
      }
    }
    assertTrue(newer > 0, "some leaked records were created after the earlier snapshot");
    assertTrue(gone > 0, "some leaked records were deleted before the later snapshot");
  }

  @Test
  void hiddenSamplesAreIndependentDraws() throws IOException {
    JsonNode a = CaseFiles.dump(truth, "hidden-a");
    JsonNode b = CaseFiles.dump(truth, "hidden-b");
    Set<String> ma = new HashSet<>();
    for (String line : CaseFiles.text(caseDir, a, 0)) {
      ma.add(line.split("\\|", -1)[0]);
    }
    List<String> linesB = CaseFiles.text(caseDir, b, 0);
    Set<String> mb = new HashSet<>();
    for (String line : linesB.subList(1, linesB.size())) {
      mb.add(line.split("\t", -1)[0]);
    }
    Set<String> both = new HashSet<>(ma);
    both.retainAll(mb);
    JsonNode est = truth.get("estimates").get(0);
    int size = est.get("true_size").asInt();
    assertEquals(size, platform("hidden-v").get("size").asInt());
    assertEquals(ma.size(), est.get("n1").asInt());
    assertEquals(mb.size(), est.get("n2").asInt());
    assertEquals(both.size(), est.get("m").asInt());
    // Independent draws: the overlap is close to n1*n2/N (within 4 standard deviations).
    double expected = (double) ma.size() * mb.size() / size;
    double sd = Math.sqrt(expected * (1 - ma.size() / (double) size) * (1 - mb.size() / (double) size));
    assertTrue(Math.abs(both.size() - expected) < 4 * sd + 1, "overlap consistent with independence");
    assertTrue(both.size() < ma.size() && both.size() < mb.size(), "neither sample contains the other");
  }

  @Test
  void partnerThreeCanariesAreInItsCopyAndOnlyThere() throws IOException {
    List<String> canaries = Files.readAllLines(caseDir.resolve("canaries.csv"), StandardCharsets.UTF_8);
    assertEquals("platform,partner,record,type,value", canaries.get(0));
    // three partners, three canary records each, every one of shop-w's nine fields
    assertEquals(3 * 3 * 9, canaries.size() - 1);
    JsonNode copy = CaseFiles.dump(truth, "shop-partner3");
    Set<String> values = new HashSet<>();
    ObjectMapper json = new ObjectMapper();
    for (String line : CaseFiles.text(caseDir, copy, 0)) {
      try {
        JsonNode o = json.readTree(line);
        values.add(o.get("mobile").asText());
        values.add(o.get("email").asText());
      } catch (IOException truncated) {
        // The two invalid_json lines are not rows.
      }
    }
    Set<String> population = waybillsAndValues(caseDir.resolve("platforms/shop-w/2020-06-01.csv"));
    Set<String> partner3 = new HashSet<>();
    for (String line : canaries.subList(1, canaries.size())) {
      String[] f = line.split(",", -1);
      assertEquals("shop-w", f[0]);
      assertTrue(f[2].startsWith(f[1] + "-"), "record ids name their partner");
      if (!f[3].equals("cn_mobile") && !f[3].equals("email") && !f[3].equals("order_id")) {
        continue;
      }
      assertFalse(population.contains(f[4]), "canary identifiers are not in shop-w's export");
      if (!f[3].equals("order_id")) {
        boolean inCopy = values.contains(f[4]);
        assertEquals(f[1].equals("partner-3"), inCopy, "canary of " + f[1] + " in shop-partner3");
        if (inCopy) {
          partner3.add(f[2]);
        }
      }
    }
    assertEquals(3, partner3.size());
    assertEquals("partner-3", copy.get("canary_partner").asText());
  }

  private static JsonNode platform(String id) {
    for (JsonNode p : truth.get("platforms")) {
      if (p.get("id").asText().equals(id)) {
        return p;
      }
    }
    throw new AssertionError("no platform " + id);
  }

  private static List<String> columnNames(JsonNode p) {
    List<String> out = new ArrayList<>();
    for (JsonNode c : p.get("columns")) {
      out.add(c.get("column").asText());
    }
    return out;
  }

  private static List<String> names(JsonNode o) {
    List<String> out = new ArrayList<>();
    for (Iterator<String> it = o.fieldNames(); it.hasNext(); ) {
      out.add(it.next());
    }
    return out;
  }

  private static Set<String> waybills(Path snapshot) throws IOException {
    Set<String> out = new HashSet<>();
    for (String line : Files.readAllLines(snapshot, StandardCharsets.UTF_8)) {
      out.add(line.substring(0, line.indexOf(',')));
    }
    return out;
  }

  private static Set<String> waybillsAndValues(Path snapshot) throws IOException {
    Set<String> out = new HashSet<>();
    for (String line : Files.readAllLines(snapshot, StandardCharsets.UTF_8)) {
      out.addAll(List.of(Csv.fields(line, ',')));
    }
    return out;
  }

  private static int reason(JsonNode file, String reason) {
    return file.get("quarantine_by_reason").path(reason).asInt(0);
  }

  private static boolean contains(byte[] line, byte b) {
    for (byte x : line) {
      if (x == b) {
        return true;
      }
    }
    return false;
  }
}
