package org.leaktrace.jobs.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.leaktrace.jobs.common.LeaktraceException;
import org.leaktrace.udf.types.FieldType;

class CaseFileTest {

  @TempDir Path dir;

  private static final String GOOD = """
      case_id: demo-2020
      taxonomy: cn-spc-2017
      key_file: keys/case.key
      platforms:
        - id: courier-x
          sector: courier
          path: platforms/courier-x
      canaries: canaries.csv
      dumps:
        - id: forum-2020-03
          path: dumps/forum
          obtained: 2020-03-14
          seller: vendor-17
          insider: true
          format: delimited:----
          encoding: gbk
          columns: {3: stay_checkin, je: amount}
      """;

  @BeforeEach
  void files() throws IOException {
    Files.createDirectories(dir.resolve("keys"));
    Files.writeString(dir.resolve("keys/case.key"), "0123456789abcdef0123456789abcdef\n");
    Files.createDirectories(dir.resolve("platforms/courier-x"));
    Files.createDirectories(dir.resolve("dumps/forum"));
    Files.writeString(dir.resolve("canaries.csv"), "platform,partner,type,value\n");
  }

  private CaseFile load(String yaml) throws IOException {
    Path f = dir.resolve("case.yaml");
    Files.writeString(f, yaml, StandardCharsets.UTF_8);
    return CaseFile.load(f);
  }

  private LeaktraceException fails(String yaml) {
    return assertThrows(LeaktraceException.class, () -> load(yaml));
  }

  @Test
  void parsesTheContractExample() throws IOException {
    CaseFile c = load(GOOD);
    assertEquals("demo-2020", c.caseId());
    assertEquals(1, c.platforms().size());
    DatasetSpec d = c.dumps().get(0);
    assertEquals("dump:forum-2020-03", d.dataset());
    assertEquals(LocalDate.of(2020, 3, 14), d.obtained());
    assertTrue(d.insider());
    assertEquals("delimited:----", d.format().label());
    assertEquals("GB18030", d.encoding());
    assertEquals(FieldType.STAY_CHECKIN, d.columns().get("3"));
    assertEquals(FieldType.AMOUNT, d.columns().get("je"));
    assertEquals(dir.resolve("dumps/forum").toString(), d.path());
    assertEquals(32, c.readKey().length);
    assertTrue(c.keySource().contains("case.key"));
  }

  @Test
  void unknownKeyNamesTheKeyAndTheFix() {
    LeaktraceException e = fails(GOOD.replace("    seller:", "    sellr:"));
    assertEquals(2, e.exitCode());
    assertTrue(e.getMessage().contains("dumps[0].sellr"), e.getMessage());
    assertTrue(e.getMessage().contains("Fix:"), e.getMessage());
    assertTrue(e.getMessage().contains("seller"), e.getMessage());
  }

  @Test
  void missingRequiredKey() {
    LeaktraceException e = fails(GOOD.replace("    obtained: 2020-03-14\n", ""));
    assertEquals(2, e.exitCode());
    assertTrue(e.getMessage().contains("dumps[0].obtained"), e.getMessage());
    assertTrue(e.getMessage().contains("is missing"), e.getMessage());
  }

  @Test
  void missingPathNamesTheValue() {
    LeaktraceException e = fails(GOOD.replace("path: dumps/forum", "path: dumps/nowhere"));
    assertEquals(2, e.exitCode());
    assertTrue(e.getMessage().contains("dumps[0].path"), e.getMessage());
    assertTrue(e.getMessage().contains("dumps/nowhere"), e.getMessage());
  }

  @Test
  void globMatchingNothing() {
    LeaktraceException e = fails(GOOD.replace("path: dumps/forum", "path: dumps/forum/*.csv"));
    assertTrue(e.getMessage().contains("matches no file"), e.getMessage());
  }

  @Test
  void badDate() {
    LeaktraceException e = fails(GOOD.replace("2020-03-14", "2020-02-30"));
    assertEquals(2, e.exitCode());
    assertTrue(e.getMessage().contains("dumps[0].obtained"), e.getMessage());
    assertTrue(e.getMessage().contains("2020-02-30"), e.getMessage());
    assertTrue(e.getMessage().contains("YYYY-MM-DD"), e.getMessage());
  }

  @Test
  void duplicateIds() {
    String twice = GOOD + "  - id: forum-2020-03\n    path: dumps/forum\n    obtained: 2020-04-01\n";
    LeaktraceException e = fails(twice);
    assertEquals(2, e.exitCode());
    assertTrue(e.getMessage().contains("dumps[1].id"), e.getMessage());
    assertTrue(e.getMessage().contains("earlier entry"), e.getMessage());
  }

  @Test
  void unreadableOrShortKeyNeverPrintsTheKey() throws IOException {
    Files.writeString(dir.resolve("keys/case.key"), "short-secret");
    LeaktraceException e = fails(GOOD);
    assertEquals(2, e.exitCode());
    assertTrue(e.getMessage().contains("key_file"), e.getMessage());
    assertTrue(!e.getMessage().contains("short-secret"), "the key must not appear in messages");
    Files.delete(dir.resolve("keys/case.key"));
    LeaktraceException gone = fails(GOOD);
    assertTrue(gone.getMessage().contains("cannot be read"), gone.getMessage());
  }

  @Test
  void keyFileAndKeyEnvTogether() {
    LeaktraceException e = fails(GOOD.replace("key_file: keys/case.key", "key_file: keys/case.key\nkey_env: K"));
    assertTrue(e.getMessage().contains("both key_file and key_env"), e.getMessage());
  }

  @Test
  void badFormatEncodingAndColumnType() {
    assertTrue(fails(GOOD.replace("format: delimited:----", "format: excel")).getMessage()
        .contains("dumps[0].format"));
    assertTrue(fails(GOOD.replace("encoding: gbk", "encoding: klingon")).getMessage()
        .contains("dumps[0].encoding"));
    LeaktraceException e = fails(GOOD.replace("je: amount", "je: money"));
    assertTrue(e.getMessage().contains("dumps[0].columns.je"), e.getMessage());
    assertTrue(e.getMessage().contains("cn_resident_id"), e.getMessage());
  }

  @Test
  void invalidYamlAndBadId() {
    assertTrue(fails("case_id: [unclosed").getMessage().contains("not valid YAML"));
    assertTrue(fails(GOOD.replace("case_id: demo-2020", "case_id: \"demo 2020\"")).getMessage()
        .contains("case_id"));
  }
}
