package org.leaktrace.udf.id;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.leaktrace.udf.types.Check;

/** Passport and licence-plate formats. */
class PassportAndPlateTest {

  private final PassportHandler passport = new PassportHandler();
  private final PlateHandler plate = new PlateHandler();

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {"E12345678|E12345678", "e 1234 5678|E12345678", "G12345678|G12345678", "EA1234567|EA1234567",
        "ｅｊ１２３４５６７|EJ1234567"})
  void chinesePassports(String raw, String expected) {
    assertEquals(expected, passport.normalize(raw));
    assertEquals(Check.VALID, passport.validate(raw));
    assertTrue(passport.detect(raw) > 0.8);
  }

  @ParameterizedTest
  // E + 7 digits is not a Chinese passport but fits the generic 1-letter + 7-digit shape.
  @ValueSource(strings = {"AB1234567", "K12345678", "P1234567", "E1234567"})
  void genericPassportsValidWithLowerConfidence(String raw) {
    assertEquals(Check.VALID, passport.validate(raw));
    assertTrue(passport.detect(raw) > 0.0 && passport.detect(raw) < 0.8);
  }

  @ParameterizedTest
  @ValueSource(strings = {"E123456", "E123456789", "ABC1234567", "123456789", "EI1234567X", "E1234567A", "护照E1234567"})
  void notPassports(String raw) {
    assertEquals(Check.invalid("format"), passport.validate(raw));
    assertNull(passport.normalize(raw));
  }

  @Test
  void chinesePassportSecondLetterExcludesIAndO() {
    assertTrue(PassportHandler.chinese("EB1234567"));
    assertTrue(!PassportHandler.chinese("EI1234567") && !PassportHandler.chinese("EO1234567"));
  }

  @Test
  void passportMaskAndNull() {
    assertEquals("E*****678", passport.mask("E12345678"));
    assertEquals("EA****567", passport.mask("EA1234567"));
    assertEquals(Check.EMPTY, passport.validate(null));
    assertNull(passport.mask(null));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "京A12345|京A12345",
        "京A·12345|京A12345",
        "京a 1234x|京A1234X",
        "粤B-D12345|粤BD12345",
        "沪AF1234G|沪AF1234G",
        "苏E12345D|苏E12345D",
        "京Ａ１２３４５|京A12345",
        "粤B1234学|粤B1234学",
        "粤Z1234港|粤Z1234港",
        "粤O12345|粤O12345"
      })
  void plates(String raw, String expected) {
    assertEquals(expected, plate.normalize(raw));
    assertEquals(Check.VALID, plate.validate(raw));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "AA12345|province",
        "港A12345|province",
        "京12345|format",
        "京A1234|format",
        "京A123456|format",
        "京AI2345|format",
        "京A1O345|format",
        "京A12345X|format",
        "京A1234警5|format"
      })
  void notPlates(String raw, String reason) {
    assertEquals(Check.invalid(reason), plate.validate(raw));
    assertNull(plate.normalize(raw));
  }

  @Test
  void plateMaskDetectAndNull() {
    assertEquals("京A***45", plate.mask("京A·12345"));
    assertTrue(plate.detect("粤BD12345") > 0.9);
    assertEquals(0.0, plate.detect("12345"));
    assertEquals(Check.EMPTY, plate.validate(""));
    assertNull(plate.mask(null));
  }
}
