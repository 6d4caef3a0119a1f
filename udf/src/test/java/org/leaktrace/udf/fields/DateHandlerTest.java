package org.leaktrace.udf.fields;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.leaktrace.udf.types.Check;
import org.leaktrace.udf.types.FieldHandler;
import org.leaktrace.udf.types.FieldHandlers;
import org.leaktrace.udf.types.FieldType;

class DateHandlerTest {

  private final FieldHandler datetime = FieldHandlers.of(FieldType.DATETIME);
  private final FieldHandler birth = FieldHandlers.of(FieldType.BIRTH_DATE);
  private final FieldHandler checkin = FieldHandlers.of(FieldType.STAY_CHECKIN);
  private final FieldHandler checkout = FieldHandlers.of(FieldType.STAY_CHECKOUT);

  @Test
  void registeredForAllFourTypes() {
    assertEquals(FieldType.DATETIME, datetime.type());
    assertEquals(FieldType.BIRTH_DATE, birth.type());
    assertEquals(FieldType.STAY_CHECKIN, checkin.type());
    assertEquals(FieldType.STAY_CHECKOUT, checkout.type());
  }

  @Test
  void normalizesToIso() {
    assertEquals("2020-03-14", datetime.normalize("2020/3/14"));
    assertEquals("2020-03-14T10:22:01", checkin.normalize("2020-03-14 10:22:01"));
    assertEquals("2020-03-15T12:00:00", checkout.normalize("2020年3月15日 12:00"));
    assertEquals("1990-01-07", birth.normalize("1990-01-07 00:00:00"));
    assertNull(datetime.normalize("2020-02-30"));
  }

  @Test
  void validatesRealDates() {
    assertEquals(Check.VALID, datetime.validate("2020-02-29"));
    assertEquals(Check.invalid("date"), datetime.validate("2021-02-29"));
    assertEquals(Check.invalid("date"), checkin.validate("not a date"));
    assertEquals(Check.invalid("birth_date"), birth.validate("1850-01-01"));
    assertEquals(Check.invalid("birth_date"), birth.validate("2999-01-01"));
    assertEquals(Check.EMPTY, birth.validate(" "));
  }

  @Test
  void plainDatetimeOutscoresTheSpecificTypesWithoutAHeader() {
    String v = "2020-03-14 10:22:01";
    assertTrue(datetime.detect(v) > checkin.detect(v));
    assertTrue(checkin.detect(v) >= 0.2, "a header must be able to pick check-in");
    assertTrue(birth.detect(v) < 0.2, "a time of day makes it an event, not a birth date");
    assertTrue(birth.detect("1990-01-07") > 0.5);
    assertTrue(datetime.detect("2020-02-30") > 0, "date-shaped but impossible still hints a date column");
    assertEquals(0.0, datetime.detect("hello"));
  }

  @Test
  void masksBirthDateToTheYear() {
    assertEquals("1990-**-**", birth.mask("1990年1月7日"));
    assertEquals("2020-03-14T10:22:01", checkin.mask("2020-03-14 10:22:01"));
  }

  @Test
  void nullSafe() {
    for (FieldHandler h : new FieldHandler[] {datetime, birth, checkin, checkout}) {
      assertEquals(0.0, h.detect(null));
      assertEquals(Check.EMPTY, h.validate(null));
      assertNull(h.normalize(null));
      assertNull(h.mask(null));
    }
  }
}
