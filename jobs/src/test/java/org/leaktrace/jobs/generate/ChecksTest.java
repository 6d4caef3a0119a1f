package org.leaktrace.jobs.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Check characters of resident IDs (ISO 7064 MOD 11-2) and bank cards (Luhn) on published examples. */
class ChecksTest {

  @Test
  void residentIdCheckCharMatchesTheStandardExample() {
    // GB 11643-1999's own example number.
    assertEquals('X', Checks.idCheckChar("11010519491231002"));
    assertTrue(Checks.idCheckOk("11010519491231002X"));
    assertFalse(Checks.idCheckOk("110105194912310021"));
    assertFalse(Checks.idCheckOk("11010519491231002"));
  }

  @Test
  void legacyIdUpgradesToEighteen() {
    assertEquals("11010519491231002X", Checks.upgradeId15("110105491231002"));
  }

  @Test
  void luhnOnKnownNumbers() {
    assertEquals('3', Checks.luhnDigit("7992739871"));
    assertTrue(Checks.luhnOk("79927398713"));
    assertFalse(Checks.luhnOk("79927398710"));
    assertFalse(Checks.luhnOk("7992739871a"));
  }
}
