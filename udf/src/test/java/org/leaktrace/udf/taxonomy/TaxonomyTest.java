package org.leaktrace.udf.taxonomy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.leaktrace.udf.types.FieldType;

class TaxonomyTest {

  /** The repository's conf/ folder (tests run in the udf module). */
  static final Path CONF = Path.of("..", "conf").toAbsolutePath().normalize();

  private final Taxonomy spc = Taxonomy.named("cn-spc-2017", CONF);

  @Test
  void classesInOrderWithTiers() {
    assertEquals("cn-spc-2017", spc.name());
    assertEquals(
        List.of("whereabouts", "communication_content", "credit", "property", "accommodation",
            "communication_records", "health", "transaction", "other"),
        spc.classes());
    assertEquals(50L, spc.tierOf("property"));
    assertEquals(500L, spc.tierOf("health"));
    assertEquals(5000L, spc.threshold("other"));
    assertEquals(0, new BigDecimal("25").compareTo(spc.threshold("whereabouts", true)));
    assertEquals(0, spc.rank("whereabouts"));
    assertEquals(8, spc.rank("other"));
    assertEquals(14, spc.minorsAge());
    assertTrue(spc.hasTiers());
    assertThrows(IllegalArgumentException.class, () -> spc.rank("secret"));
  }

  @Test
  void fieldTypesMapAsInTheDesignTable() {
    for (FieldType t : List.of(FieldType.CN_RESIDENT_ID, FieldType.CN_MOBILE, FieldType.PHONE, FieldType.EMAIL,
        FieldType.PASSPORT, FieldType.USCC, FieldType.PLATE_NUMBER, FieldType.PERSON_NAME, FieldType.NICKNAME,
        FieldType.USER_ID, FieldType.ADDRESS, FieldType.GENDER, FieldType.BIRTH_DATE, FieldType.IP_ADDRESS,
        FieldType.WAYBILL_NO, FieldType.PASSWORD, FieldType.PASSWORD_HASH)) {
      assertEquals("other", spc.classOf(t), t.key());
    }
    assertEquals("property", spc.classOf(FieldType.BANK_CARD));
    assertEquals("whereabouts", spc.classOf(FieldType.GPS));
    assertEquals("accommodation", spc.classOf(FieldType.STAY_CHECKIN));
    assertEquals("accommodation", spc.classOf(FieldType.HOTEL));
    assertEquals("transaction", spc.classOf(FieldType.AMOUNT));
    assertEquals("communication_records", spc.classOf(FieldType.CALL_RECORD));
    assertEquals("communication_content", spc.classOf(FieldType.MESSAGE_TEXT));
    assertEquals("credit", spc.classOf(FieldType.CREDIT_RECORD));
    assertEquals("health", spc.classOf(FieldType.BIOMETRIC));
    assertNull(spc.classOf(FieldType.DATETIME));
    assertNull(spc.classOf(FieldType.FREE_TEXT));
    assertNull(spc.classOf(FieldType.UNKNOWN));
  }

  @Test
  void piplSensitiveTypes() {
    for (FieldType t : List.of(FieldType.BANK_CARD, FieldType.GPS, FieldType.MEDICAL_RECORD, FieldType.BIOMETRIC,
        FieldType.CN_RESIDENT_ID, FieldType.PASSPORT, FieldType.STAY_CHECKIN, FieldType.STAY_CHECKOUT,
        FieldType.HOTEL, FieldType.CALL_RECORD, FieldType.MESSAGE_TEXT, FieldType.CREDIT_RECORD,
        FieldType.PASSWORD)) {
      assertTrue(spc.piplSensitive(t), t.key());
    }
    for (FieldType t : List.of(FieldType.CN_MOBILE, FieldType.PERSON_NAME, FieldType.ADDRESS, FieldType.AMOUNT,
        FieldType.DATETIME)) {
      assertFalse(spc.piplSensitive(t), t.key());
    }
    assertEquals("financial_account", spc.sensitiveCategory(FieldType.BANK_CARD));
  }

  @Test
  void rowClassIsTheMostSensitiveAndRulesApply() {
    assertEquals("property",
        spc.classOfRow(EnumSet.of(FieldType.PERSON_NAME, FieldType.BANK_CARD), Set.of()));
    assertEquals("accommodation",
        spc.classOfRow(EnumSet.of(FieldType.CN_MOBILE, FieldType.STAY_CHECKIN, FieldType.AMOUNT), null));
    // A password is "other" alone, "property" in a table that holds bank cards.
    assertEquals("other", spc.classOfRow(EnumSet.of(FieldType.CN_MOBILE, FieldType.PASSWORD), null));
    assertEquals("property", spc.classOfRow(EnumSet.of(FieldType.CN_MOBILE, FieldType.PASSWORD),
        EnumSet.of(FieldType.CN_MOBILE, FieldType.PASSWORD, FieldType.BANK_CARD)));
    assertEquals("whereabouts", spc.classOfRow(EnumSet.of(FieldType.GPS, FieldType.DATETIME), null));
    // address + datetime -> whereabouts is disabled by default (courts differ).
    assertEquals("other", spc.classOfRow(EnumSet.of(FieldType.ADDRESS, FieldType.DATETIME), null));
    assertFalse(spc.rules().stream().filter(r -> r.key().equals("address_and_time")).findFirst()
        .orElseThrow().enabled());
    assertNull(spc.classOfRow(EnumSet.of(FieldType.DATETIME, FieldType.FREE_TEXT), null));
    assertNull(spc.classOfRow(Set.of(), null));
  }

  private Severity.Level level(Map<String, Long> pieces, boolean insider) {
    return spc.severity(pieces, insider).level();
  }

  @Test
  void tiersAtTheirBoundaries() {
    assertEquals(Severity.Level.NONE, level(Map.of("whereabouts", 49L), false));
    assertEquals(Severity.Level.SERIOUS, level(Map.of("whereabouts", 50L), false));
    assertEquals(Severity.Level.NONE, level(Map.of("accommodation", 499L), false));
    assertEquals(Severity.Level.SERIOUS, level(Map.of("accommodation", 500L), false));
    assertEquals(Severity.Level.NONE, level(Map.of("other", 4999L), false));
    assertEquals(Severity.Level.SERIOUS, level(Map.of("other", 5000L), false));
    assertEquals(Severity.Level.NONE, level(Map.of(), false));
  }

  @Test
  void ratioRuleAddsTiersUpExactly() {
    // 25/50 + 250/500 = 1.0 exactly: serious.
    Severity one = spc.severity(Map.of("whereabouts", 25L, "accommodation", 250L), false);
    assertEquals(Severity.Level.SERIOUS, one.level());
    assertEquals(1.0, one.ratioSum());
    // 24/50 + 255/500 = 0.99: not serious.
    Severity below = spc.severity(Map.of("whereabouts", 24L, "accommodation", 255L), false);
    assertEquals(Severity.Level.NONE, below.level());
    assertEquals(0.99, below.ratioSum());
    // 1/3 + 1/3 + 1/3 would round to 0.9999999 in floating point; the tiers here are decimal, so use
    // three tiers summing to exactly 1: 10/50 + 200/500 + 2000/5000.
    assertEquals(Severity.Level.SERIOUS,
        level(Map.of("credit", 10L, "health", 200L, "other", 2000L), false));
    // One piece short of 1 by 1/5000: truncated, never shown as 1.0.
    Severity shy = spc.severity(Map.of("credit", 10L, "health", 200L, "other", 1999L), false);
    assertEquals(Severity.Level.NONE, shy.level());
    assertEquals(0.9998, shy.ratioSum());
  }

  @Test
  void insiderHalvesTheThresholds() {
    Severity s = spc.severity(Map.of("whereabouts", 25L), true);
    assertEquals(Severity.Level.SERIOUS, s.level());
    assertTrue(s.thresholdsHalved());
    assertEquals(1.0, s.ratioSum());
    assertEquals(Severity.Level.NONE, level(Map.of("whereabouts", 24L), true));
    assertEquals(Severity.Level.NONE, level(Map.of("whereabouts", 25L), false));
    assertEquals(Severity.Level.SERIOUS, level(Map.of("other", 2500L), true));
    // 10x of the halved thresholds: 250 whereabouts.
    assertEquals(Severity.Level.PARTICULARLY_SERIOUS, level(Map.of("whereabouts", 250L), true));
    assertEquals(Severity.Level.SERIOUS, level(Map.of("whereabouts", 249L), true));
  }

  @Test
  void particularlySeriousAtTenTimes() {
    assertEquals(Severity.Level.PARTICULARLY_SERIOUS, level(Map.of("whereabouts", 500L), false));
    assertEquals(Severity.Level.SERIOUS, level(Map.of("whereabouts", 499L), false));
    assertEquals(Severity.Level.PARTICULARLY_SERIOUS, level(Map.of("other", 50_000L), false));
    assertEquals(Severity.Level.SERIOUS, level(Map.of("other", 49_999L), false));
    // By ratio over the 10x thresholds: 250/500 + 2500/5000 = 1.
    assertEquals(Severity.Level.PARTICULARLY_SERIOUS,
        level(Map.of("whereabouts", 250L, "accommodation", 2500L), false));
    assertEquals(10.0, spc.severity(Map.of("whereabouts", 250L, "accommodation", 2500L), false).ratioSum());
  }

  @Test
  void severityRejectsUnknownClassesAndNegativeCounts() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> spc.severity(Map.of("location", 5L), false));
    assertTrue(e.getMessage().contains("whereabouts"), "lists the valid classes");
    assertThrows(IllegalArgumentException.class, () -> spc.severity(Map.of("other", -1L), false));
  }

  @Test
  void anotherTaxonomyFileChangesTheClassesWithoutCodeChanges() {
    Taxonomy gdpr = Taxonomy.named("gdpr-art9", CONF);
    assertEquals("gdpr-art9", gdpr.name());
    assertEquals("other", spc.classOf(FieldType.CN_MOBILE));
    assertEquals("contact", gdpr.classOf(FieldType.CN_MOBILE));
    assertEquals("property", spc.classOf(FieldType.BANK_CARD));
    assertEquals("financial", gdpr.classOf(FieldType.BANK_CARD));
    assertEquals("health", gdpr.classOf(FieldType.MEDICAL_RECORD));
    assertEquals("biometric", gdpr.classOf(FieldType.BIOMETRIC));
    assertTrue(gdpr.piplSensitive(FieldType.BIOMETRIC));
    assertFalse(gdpr.piplSensitive(FieldType.GPS));
    assertFalse(gdpr.hasTiers());
    assertNull(gdpr.tierOf("health"));
    assertNull(gdpr.threshold("health"));
    assertEquals(Severity.Level.NOT_APPLICABLE, gdpr.severity(Map.of("health", 1_000_000L), false).level());
    assertTrue(gdpr.classes().contains("criminal"));
  }

  @Test
  void namedAcceptsAPathAndListsNamesWhenMissing(@TempDir Path dir) throws Exception {
    Path copy = dir.resolve("my-view.yaml");
    Files.copy(CONF.resolve("taxonomy/cn-spc-2017.yaml"), copy);
    assertEquals("cn-spc-2017", Taxonomy.named(copy.toString(), CONF).name());
    TaxonomyException e = assertThrows(TaxonomyException.class, () -> Taxonomy.named("cn-spc-2018", CONF));
    assertTrue(e.getMessage().contains("cn-spc-2017") && e.getMessage().contains("gdpr-art9"), e.getMessage());
  }
}
