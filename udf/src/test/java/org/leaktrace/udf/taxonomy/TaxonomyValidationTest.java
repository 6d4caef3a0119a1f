package org.leaktrace.udf.taxonomy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TaxonomyValidationTest {

  private static final String SEVERITY =
      "severity: {serious_multiplier: 1, particularly_serious_multiplier: 10, insider_factor: 0.5, ratio_rule: true}\n";

  @TempDir Path dir;

  private String error(String yaml) throws Exception {
    Path f = dir.resolve("bad.yaml");
    Files.writeString(f, yaml, StandardCharsets.UTF_8);
    TaxonomyException e = assertThrows(TaxonomyException.class, () -> Taxonomy.load(f));
    assertTrue(e.getMessage().contains("bad.yaml"), "names the file: " + e.getMessage());
    return e.getMessage();
  }

  @Test
  void unknownFieldTypeListsTheValidOnes() throws Exception {
    String m = error(SEVERITY + "classes: [{key: other, tier: 5000}]\nfields:\n  mobile: {class: other}\n");
    assertTrue(m.contains("fields.mobile") && m.contains("cn_mobile"), m);
  }

  @Test
  void classWithoutATier() throws Exception {
    String m = error(SEVERITY + "classes: [{key: a, tier: 50}, {key: b}]\n");
    assertTrue(m.contains("classes[1].tier") && m.contains("'b'"), m);
  }

  @Test
  void duplicateClass() throws Exception {
    String m = error(SEVERITY + "classes: [{key: a, tier: 50}, {key: a, tier: 500}]\n");
    assertTrue(m.contains("duplicate class 'a'"), m);
  }

  @Test
  void duplicateFieldKey() throws Exception {
    String m = error(SEVERITY + "classes: [{key: a, tier: 50}]\nfields:\n  gps: {class: a}\n  gps: {class: a}\n");
    assertTrue(m.contains("gps"), m);
  }

  @Test
  void ruleNamingAnUnknownTypeOrClass() throws Exception {
    String base = SEVERITY + "classes: [{key: a, tier: 50}]\n";
    String type = error(base + "rules: [{key: r, row_all: [gps, when], class: a}]\n");
    assertTrue(type.contains("rules[0].row_all") && type.contains("'when'"), type);
    String cls = error(base + "rules: [{key: r, row_all: [gps], class: b}]\n");
    assertTrue(cls.contains("rules[0].class") && cls.contains("valid classes: a"), cls);
    String none = error(base + "rules: [{key: r, dataset_any: [gps], class: a}]\n");
    assertTrue(none.contains("row_all or row_any"), none);
  }

  @Test
  void unknownKeysAreRejected() throws Exception {
    String top = error(SEVERITY + "classes: [{key: a, tier: 50}]\nthreshold: 5\n");
    assertTrue(top.contains("unknown key 'threshold'") && top.contains("classes"), top);
    String nested = error(SEVERITY + "classes: [{key: a, tiers: 50}]\n");
    assertTrue(nested.contains("classes[0]") && nested.contains("'tiers'") && nested.contains("tier"), nested);
  }

  @Test
  void severityBlockMatchesTheTiers() throws Exception {
    assertTrue(error("classes: [{key: a, tier: 50}]\n").contains("severity"));
    assertTrue(error(SEVERITY + "classes: [{key: a}]\n").contains("no class has a tier"));
    String factor = error(SEVERITY.replace("0.5", "2") + "classes: [{key: a, tier: 50}]\n");
    assertTrue(factor.contains("insider_factor"), factor);
  }

  @Test
  void minimalTaxonomyWithoutTiers() throws Exception {
    Path f = dir.resolve("tiny.yaml");
    Files.writeString(f, "classes: [{key: a}]\nfields:\n  gps: {class: a, sensitive: location}\n");
    Taxonomy t = Taxonomy.load(f);
    assertEquals("tiny", t.name());
    assertEquals("a", t.classOf(org.leaktrace.udf.types.FieldType.GPS));
  }
}
