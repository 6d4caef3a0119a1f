package org.leaktrace.udf.id;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.leaktrace.udf.types.Check;
import org.leaktrace.udf.types.FieldHandler;

/** Resident ID rules on synthetic numbers whose check characters were computed independently. */
class ResidentIdsTest {

  /** Synthetic: region 110105 (朝阳区), born 1990-03-07, sequence 123 (odd: male). */
  private static final String ID = "110105199003071239";

  private static final LocalDate AS_OF = LocalDate.of(2024, 6, 1);

  @Test
  void checkCharFollowsIso7064Mod112() {
    assertEquals('9', ResidentIds.checkChar("11010519900307123"));
    assertEquals('X', ResidentIds.checkChar("32050219880715108"));
    assertEquals('0', ResidentIds.checkChar("44030620000229456"));
    assertThrows(IllegalArgumentException.class, () -> ResidentIds.checkChar("1101051990030712"));
  }

  @Test
  void validIdPasses() {
    assertEquals(Check.VALID, ResidentIds.validate(ID, AS_OF));
    assertEquals(ID, ResidentIds.normalize(ID));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "32050219880715108x|32050219880715108X",
        "32050219880715108X|32050219880715108X",
        "１１０１０５１９９００３０７１２３９|110105199003071239",
        "110105 19900307 1239|110105199003071239",
        "110105-19900307-1239|110105199003071239",
        " 110105\u3000199003071239 |110105199003071239",
        "110105900307123|110105199003071239"
      })
  void normalizeFoldsSeparatorsWidthCaseAndUpgrades15(String raw, String expected) {
    assertEquals(expected, ResidentIds.normalize(raw));
  }

  @Test
  void lowerCaseXIsValid() {
    assertEquals(Check.VALID, ResidentIds.validate("32050219880715108x", AS_OF));
  }

  @Test
  void legacy15UpgradesWithComputedCheckAndValidates() {
    String upgraded = ResidentIds.normalize("110105900307123");
    assertEquals("110105199003071239", upgraded);
    assertEquals(Check.VALID, ResidentIds.validate("110105900307123", AS_OF));
    assertEquals(LocalDate.of(1990, 3, 7), ResidentIds.birthDate("110105900307123"));
  }

  @Test
  void legacy15WithImpossibleDateIsInvalid() {
    assertEquals(Check.invalid("birth_date"), ResidentIds.validate("110105900230123", AS_OF));
  }

  @Test
  void wrongCheckCharIsInvalidButStillNormalizes() {
    String wrong = "110105199003071238";
    assertEquals(Check.invalid("check_char"), ResidentIds.validate(wrong, AS_OF));
    assertEquals(wrong, ResidentIds.normalize(wrong));
  }

  @Test
  void feb29OnlyInLeapYears() {
    // 2000-02-29 exists (leap year divisible by 400).
    assertEquals(Check.VALID, ResidentIds.validate("440306200002294560", AS_OF));
    // 1900-02-29 does not (1900 is not a leap year); check char made right so the date is what fails.
    String body = "11010519000229123";
    assertEquals(Check.invalid("birth_date"), ResidentIds.validate(body + ResidentIds.checkChar(body), AS_OF));
  }

  @Test
  void impossibleAndOutOfRangeDatesAreInvalid() {
    for (String date : new String[] {"19900230", "19901301", "19900001", "19900431", "18991231"}) {
      String body = "110105" + date + "123";
      assertEquals(
          Check.invalid("birth_date"),
          ResidentIds.validate(body + ResidentIds.checkChar(body), AS_OF),
          "birth date " + date);
    }
  }

  @Test
  void futureBirthDateIsInvalidAgainstTheReferenceDate() {
    String body = "11010520240602123";
    String id = body + ResidentIds.checkChar(body);
    assertEquals(Check.invalid("birth_date"), ResidentIds.validate(id, AS_OF));
    assertEquals(Check.VALID, ResidentIds.validate(id, LocalDate.of(2024, 6, 2)));
    String farFuture = "11010521000101123";
    assertEquals(
        Check.invalid("birth_date"), ResidentIds.validate(farFuture + ResidentIds.checkChar(farFuture)));
  }

  @Test
  void unknownProvinceIsInvalid() {
    for (String region : new String[] {"000000", "100101", "160101", "240101", "390101", "720101", "990101"}) {
      String body = region + "19900307123";
      assertEquals(
          Check.invalid("province"),
          ResidentIds.validate(body + ResidentIds.checkChar(body), AS_OF),
          "region " + region);
    }
  }

  @Test
  void residencePermitPrefixesAreRealProvinces() {
    for (String region : new String[] {"810000", "820000", "830000", "710000"}) {
      String body = region + "19900307123";
      assertEquals(Check.VALID, ResidentIds.validate(body + ResidentIds.checkChar(body), AS_OF), region);
    }
  }

  @Test
  void abolishedDistrictIsValidButNotKnown() {
    // 110228 (密云县, became a district in 2015) and 320502 (沧浪区, merged in 2012) left the list.
    String miyun = "110228196507150025";
    assertEquals(Check.VALID, ResidentIds.validate(miyun, AS_OF));
    assertFalse(ResidentIds.regionKnown(miyun));
    assertEquals(Check.VALID, ResidentIds.validate("32050219880715108X", AS_OF));
    assertFalse(ResidentIds.regionKnown("32050219880715108X"));
    assertTrue(ResidentIds.regionKnown(ID));
    assertEquals("朝阳区", ResidentIds.regionName(ID));
    assertNull(ResidentIds.regionName(miyun));
    assertFalse(ResidentIds.regionKnown(null));
  }

  @Test
  void lengthAndFormatReasons() {
    assertEquals(Check.invalid("length"), ResidentIds.validate("11010519900307123", AS_OF));
    assertEquals(Check.invalid("length"), ResidentIds.validate("1101051990030712399", AS_OF));
    assertEquals(Check.invalid("length"), ResidentIds.validate("1101051990030712X", AS_OF));
    assertEquals(Check.invalid("format"), ResidentIds.validate("11010519900307123Y", AS_OF));
    assertEquals(Check.invalid("format"), ResidentIds.validate("1101051990O3071239", AS_OF));
    assertEquals(Check.invalid("format"), ResidentIds.validate("11010590030712X", AS_OF));
    assertEquals(Check.invalid("format"), ResidentIds.validate("abc", AS_OF));
    assertNull(ResidentIds.normalize("11010519900307123Y"));
  }

  @Test
  void emptyAndNull() {
    assertEquals(Check.EMPTY, ResidentIds.validate(null, AS_OF));
    assertEquals(Check.EMPTY, ResidentIds.validate("  ", AS_OF));
    assertNull(ResidentIds.normalize(null));
    assertNull(ResidentIds.birthDate(null));
    assertNull(ResidentIds.sex(null));
    assertNull(ResidentIds.mask(null));
  }

  @Test
  void maskedIdsAreRecognised() {
    assertEquals(Check.MASKED, ResidentIds.validate("110105********1239", AS_OF));
    assertEquals(Check.MASKED, ResidentIds.validate("1101051990****123X", AS_OF));
    assertEquals(Check.invalid("format"), ResidentIds.validate("******************", AS_OF));
  }

  @Test
  void birthDateAndSex() {
    assertEquals(LocalDate.of(1990, 3, 7), ResidentIds.birthDate(ID));
    assertEquals(ResidentIds.Sex.MALE, ResidentIds.sex(ID));
    assertEquals(ResidentIds.Sex.FEMALE, ResidentIds.sex("440306200002294560"));
    assertEquals(ResidentIds.Sex.FEMALE, ResidentIds.sex("32050219880715108X"));
    assertNull(ResidentIds.birthDate("110105199002301231"));
  }

  @Test
  void maskHidesDistrictAndBirthDate() {
    String m = ResidentIds.mask("110105 19900307 1239");
    assertEquals("110***********1239", m);
    assertFalse(m.contains("1990"));
    assertEquals("320***********108X", ResidentIds.mask("32050219880715108x"));
    assertEquals(18, ResidentIds.mask("110105900307123").length());
  }

  @Test
  void handlerDetectsValidHighShapeModerate() {
    FieldHandler h = new ResidentIdHandler();
    assertTrue(h.detect(ID) > 0.95);
    double wrongCheck = h.detect("110105199003071238");
    assertTrue(wrongCheck >= 0.4 && wrongCheck < 0.8);
    assertTrue(h.detect("110105********1239") > 0.4);
    assertEquals(0.0, h.detect("hello"));
    assertEquals(0.0, h.detect(null));
    assertEquals(0.0, h.detect("13800138000"));
  }
}
