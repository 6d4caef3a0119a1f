package org.leaktrace.udf.id;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.leaktrace.udf.types.Check;

/** Unified Social Credit Codes: mod-31 check characters computed independently of the implementation. */
class UsccHandlerTest {

  /** Synthetic real-format codes: authority 9 (market regulation) type 1 (enterprise) / 2 (individual business). */
  private static final String ENTERPRISE = "91110108MA01C2QR1D";

  private static final String INDIVIDUAL = "92440300L12345678R";

  private final UsccHandler h = new UsccHandler();

  @Test
  void alphabetHas31CharactersWithoutIOZSV() {
    assertEquals(31, UsccHandler.ALPHABET.length());
    for (char c : "IOZSV".toCharArray()) {
      assertEquals(-1, UsccHandler.ALPHABET.indexOf(c));
    }
  }

  @Test
  void checkChar() {
    assertEquals('D', UsccHandler.checkChar("91110108MA01C2QR1"));
    assertEquals('R', UsccHandler.checkChar("92440300L12345678"));
    assertEquals('D', UsccHandler.checkChar("12100000400000624"));
    assertThrows(IllegalArgumentException.class, () -> UsccHandler.checkChar("9111010"));
    assertThrows(IllegalArgumentException.class, () -> UsccHandler.checkChar("91110108MA01C2QI1"));
  }

  @Test
  void checkValueZeroMapsToCharZero() {
    // Find a body whose weighted sum is 0 mod 31, the "31 → 0" case, by varying the 17th character.
    String prefix = "9111010800000000";
    int hits = 0;
    for (char c : UsccHandler.ALPHABET.toCharArray()) {
      String body = prefix + c;
      char check = UsccHandler.checkChar(body);
      if (check == '0') {
        hits++;
        assertEquals(Check.VALID, h.validate(body + '0'));
      }
    }
    assertEquals(1, hits);
  }

  @Test
  void validCodes() {
    assertEquals(Check.VALID, h.validate(ENTERPRISE));
    assertEquals(Check.VALID, h.validate(INDIVIDUAL));
    assertEquals(ENTERPRISE, h.normalize("91110108ma01c2qr1d"));
    assertEquals(ENTERPRISE, h.normalize("9111 0108 MA01 C2QR 1D"));
    assertEquals(ENTERPRISE, h.normalize("９１１１０１０８ＭＡ０１Ｃ２ＱＲ１Ｄ"));
  }

  @Test
  void failingCheckIsInvalidButNormalizes() {
    assertEquals(Check.invalid("check_char"), h.validate("91110108MA01C2QR1E"));
    assertEquals("91110108MA01C2QR1E", h.normalize("91110108MA01C2QR1E"));
    assertTrue(h.detect("91110108MA01C2QR1E") > 0.0);
  }

  @Test
  void lengthAndAlphabet() {
    assertEquals(Check.invalid("length"), h.validate("91110108MA01C2QR1"));
    assertEquals(Check.invalid("format"), h.validate("91110108MA01C2QI1D"));
    assertEquals(Check.invalid("format"), h.validate("91110108MA01C2QO1D"));
    assertNull(h.normalize("91110108MA01C2QS1D"));
    assertEquals(Check.EMPTY, h.validate(null));
  }

  @Test
  void maskAndDetect() {
    assertEquals("91110108********1D", h.mask(ENTERPRISE));
    assertTrue(h.detect(ENTERPRISE) > 0.9);
    assertEquals(0.0, h.detect("hello"));
    assertNull(h.mask(null));
  }
}
