package org.leaktrace.udf.id;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberType;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.leaktrace.udf.types.Check;
import org.leaktrace.udf.types.FieldHandler;

/** Mainland mobile parsing, masking and libphonenumber range checks. */
class MobilesTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "13800138000",
        "+86 138-0013-8000",
        "+8613800138000",
        "0086 138 0013 8000",
        "008613800138000",
        "86 13800138000",
        "8613800138000",
        "(+86) 138.0013.8000",
        "138-0013-8000",
        "１３８００１３８０００",
        "＋８６　１３８ ００１３ ８０００",
        "  13800138000\t"
      })
  void allSpellingsNormalizeToElevenDigits(String raw) {
    assertEquals("13800138000", Mobiles.normalize(raw));
    assertEquals(Check.VALID, Mobiles.validate(raw));
  }

  @ParameterizedTest
  @ValueSource(strings = {"138****1234", "138xxxx1234", "138XXXX1234", "138-****-1234", "+86 138****1234",
      "1381234****", "138#####234"})
  void maskedNumbersAreMasked(String raw) {
    assertTrue(Mobiles.masked(raw));
    assertEquals(Check.MASKED, Mobiles.validate(raw));
    assertNull(Mobiles.normalize(raw));
  }

  @ParameterizedTest
  @ValueSource(strings = {"***********", "12****1234", "138**1*1234", "138*1234", "13**********"})
  void notMasked(String raw) {
    assertFalse(Mobiles.masked(raw));
  }

  @Test
  void oneLibphonenumberCallDecidesAsTheFormerTwoDid() {
    // every 1xxxx block, 20 numbers each (the block's ends and 18 spread between): same verdict as
    // getNumberType followed by isValidNumberForRegion(CN)
    PhoneNumberUtil util = PhoneNumberUtil.getInstance();
    int assigned = 0;
    for (int block = 10000; block < 20000; block++) {
      for (int k = 0; k < 20; k++) {
        long suffix = k == 19 ? 999_999L : k * 52_631L;
        String n = block + String.format(Locale.ROOT, "%06d", suffix);
        PhoneNumber p = new PhoneNumber().setCountryCode(86).setNationalNumber(Long.parseLong(n));
        PhoneNumberType t = util.getNumberType(p);
        boolean former = (t == PhoneNumberType.MOBILE || t == PhoneNumberType.FIXED_LINE_OR_MOBILE)
            && util.isValidNumberForRegion(p, "CN");
        assertEquals(former, Mobiles.assigned(n), "block " + block);
        assigned += former ? 1 : 0;
      }
    }
    assertTrue(assigned > 20_000, "the blocks cover assigned and unassigned numbers: " + assigned);
  }

  @Test
  void unassignedBlocksFailTheRangeCheck() {
    // Mobile-shaped but not assigned in libphonenumber's CN metadata (154, 140, 174 blocks).
    for (String n : new String[] {"15400000000", "14012345678", "17412345678"}) {
      assertEquals(Check.invalid("range"), Mobiles.validate(n), n);
      assertEquals(n, Mobiles.normalize(n));
    }
    // Newer real blocks are valid.
    for (String n : new String[] {"19912345678", "16612345678", "14512345678", "19212345678"}) {
      assertEquals(Check.VALID, Mobiles.validate(n), n);
    }
  }

  @Test
  void lengthAndFormatReasons() {
    assertEquals(Check.invalid("length"), Mobiles.validate("1380013800"));
    assertEquals(Check.invalid("length"), Mobiles.validate("138001380001"));
    assertEquals(Check.invalid("format"), Mobiles.validate("12800138000"));
    assertEquals(Check.invalid("format"), Mobiles.validate("23800138000"));
    assertEquals(Check.invalid("format"), Mobiles.validate("1380013800a"));
    assertEquals(Check.invalid("format"), Mobiles.validate("phone"));
    assertNull(Mobiles.normalize("010-12345678"));
    assertNull(Mobiles.normalize("+1 650 253 0000"));
    assertEquals(Check.EMPTY, Mobiles.validate(null));
    assertEquals(Check.EMPTY, Mobiles.validate(""));
  }

  @Test
  void mask() {
    assertEquals("138****8000", Mobiles.mask("+86 138-0013-8000"));
    assertEquals("138****1234", Mobiles.mask("138xxxx1234"));
    assertNull(Mobiles.mask(null));
  }

  @Test
  void handlerDetectsMaskedColumnsModerately() {
    FieldHandler h = new MobileHandler();
    assertTrue(h.detect("13800138000") > 0.9);
    double masked = h.detect("138****1234");
    assertTrue(masked >= 0.5 && masked < 0.9);
    assertTrue(h.detect("15400000000") > 0.0 && h.detect("15400000000") < 0.9);
    assertEquals(0.0, h.detect("010-12345678"));
    assertEquals(0.0, h.detect(null));
  }
}
