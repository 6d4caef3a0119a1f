package org.leaktrace.udf.id;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.leaktrace.udf.types.Check;

/** Bank cards: length, Luhn, BIN plausibility, masks; all numbers synthetic. */
class BankCardHandlerTest {

  /** Synthetic UnionPay 19-digit number with a correct Luhn digit. */
  private static final String CARD = "6222021234567890128";

  private final BankCardHandler h = new BankCardHandler();

  @ParameterizedTest
  @ValueSource(strings = {"6222021234567890128", "6222 0212 3456 7890 128", "6222-0212-3456-7890-128",
      "６２２２０２１２３４５６７８９０１２８"})
  void spellingsNormalizeAndValidate(String raw) {
    assertEquals(CARD, h.normalize(raw));
    assertEquals(Check.VALID, h.validate(raw));
  }

  @ParameterizedTest
  @ValueSource(strings = {"4111111111111111", "62284800000000000", "9558801234567890128", "2223000000000007"})
  void otherValidIssuersAndLengths(String raw) {
    assertEquals(Check.VALID, h.validate(raw));
  }

  @Test
  void luhnFailure() {
    assertEquals(Check.invalid("luhn"), h.validate("6222021234567890127"));
    assertEquals(Check.invalid("luhn"), h.validate("4111111111111112"));
    // An adjacent transposition is caught ...
    assertEquals(Check.invalid("luhn"), h.validate("6222021243567890128"));
    // ... except 09 <-> 90, Luhn's known blind spot: such a typo still passes.
    assertEquals(Check.VALID, h.validate("6222021234567809128"));
    assertEquals("6222021234567890127", h.normalize("6222021234567890127"));
  }

  @Test
  void binFailure() {
    // Each passes Luhn; the issuer prefix is implausible.
    assertTrue(BankCardHandler.luhn("1234567890123452"));
    assertEquals(Check.invalid("bin"), h.validate("1234567890123452"));
    assertEquals(Check.invalid("bin"), h.validate("7000000000000005"));
    assertEquals(Check.invalid("bin"), h.validate("2000000000000006"));
    assertEquals(Check.invalid("bin"), h.validate("0000000000000000"));
  }

  @Test
  void lengthAndFormat() {
    assertEquals(Check.invalid("length"), h.validate("622202123456789"));
    assertEquals(Check.invalid("length"), h.validate("62220212345678901234"));
    assertEquals(Check.invalid("format"), h.validate("6222O21234567890128"));
    assertNull(h.normalize("622202123456789"));
    assertEquals(Check.EMPTY, h.validate(null));
    assertEquals(Check.EMPTY, h.validate(" "));
  }

  @Test
  void maskedCards() {
    assertEquals(Check.MASKED, h.validate("6222 **** **** 1234"));
    assertEquals(Check.MASKED, h.validate("622202******1234"));
    assertFalse(h.validate("****************").valid());
  }

  @Test
  void luhnHelper() {
    assertTrue(BankCardHandler.luhn("79927398713"));
    assertFalse(BankCardHandler.luhn("79927398710"));
    assertFalse(BankCardHandler.luhn(null));
    assertFalse(BankCardHandler.luhn("12a4"));
  }

  @Test
  void maskKeepsBinAndLastFour() {
    assertEquals("622202*********0128", h.mask("6222 0212 3456 7890 128"));
    assertNull(h.mask(null));
  }

  @Test
  void detect() {
    assertTrue(h.detect(CARD) > 0.9);
    assertTrue(h.detect("6222021234567890127") < 0.5);
    assertEquals(0.0, h.detect("hello"));
  }
}
