package org.leaktrace.udf.id;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.leaktrace.udf.types.Check;

/** Landline and foreign phone numbers: E.164-ish normal form, length validation. */
class PhoneHandlerTest {

  private final PhoneHandler h = new PhoneHandler();

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "010-12345678|+861012345678",
        "(010) 1234 5678|+861012345678",
        "０１０－１２３４５６７８|+861012345678",
        "+86 10 1234 5678|+861012345678",
        "0086-10-12345678|+861012345678",
        "0755-1234567|+867551234567",
        "010-12345678转801|+861012345678",
        "+1 650-253-0000|+16502530000",
        "001 650 253 0000|+16502530000",
        "+44 20 7946 0958|+442079460958",
        "+86 138-0013-8000|+8613800138000",
        "86 138 0013 8000|+8613800138000",
        "12345678|12345678"
      })
  void normalize(String raw, String expected) {
    assertEquals(expected, h.normalize(raw));
  }

  @Test
  void validation() {
    assertEquals(Check.VALID, h.validate("010-12345678"));
    assertEquals(Check.VALID, h.validate("+1 650-253-0000"));
    assertEquals(Check.VALID, h.validate("1234567"));
    assertEquals(Check.invalid("length"), h.validate("123456"));
    assertEquals(Check.invalid("length"), h.validate("+1234567890123456"));
    assertEquals(Check.invalid("length"), h.validate("+1 650"));
    assertEquals(Check.invalid("format"), h.validate("call me"));
    assertEquals(Check.MASKED, h.validate("010-****5678"));
    assertEquals(Check.MASKED, h.validate("138****1234"));
    assertEquals(Check.EMPTY, h.validate(null));
    assertNull(h.normalize("123456"));
    assertNull(h.normalize(null));
  }

  @Test
  void detectPrefersPlaceableNumbers() {
    assertTrue(h.detect("010-12345678") > h.detect("12345678"));
    assertEquals(0.0, h.detect("abc"));
  }

  @Test
  void maskKeepsCountryCodeAndLastDigits() {
    assertEquals("+86********78", h.mask("010-12345678"));
    assertNull(h.mask(null));
  }
}
