package org.leaktrace.udf.fields;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDateTime;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class DatesTest {

  @ParameterizedTest
  @CsvSource({
    "2020-03-14, 2020-03-14",
    "2020/3/14, 2020-03-14",
    "2020.03.14, 2020-03-14",
    "20200314, 2020-03-14",
    "2020年3月14日, 2020-03-14",
    "２０２０－０３－１４, 2020-03-14",
    "2020-03-14 10:22:01, 2020-03-14T10:22:01",
    "2020-03-14 10:22, 2020-03-14T10:22:00",
    "2020-03-14T10:22:01, 2020-03-14T10:22:01",
    "2020-03-14 10:22:01.123, 2020-03-14T10:22:01",
    "2020年3月14日 10时22分01秒, 2020-03-14T10:22:01",
    "20200314102201, 2020-03-14T10:22:01",
  })
  void readsLeakSpellings(String raw, String iso) {
    assertEquals(iso, Dates.read(raw).orElseThrow().iso());
  }

  @Test
  void instantsAreReadInChinaStandardTime() {
    assertEquals("2020-03-14T18:22:01", Dates.read("2020-03-14T10:22:01Z").orElseThrow().iso());
    assertEquals("2020-03-14T10:22:01", Dates.read("2020-03-14T10:22:01+08:00").orElseThrow().iso());
    assertEquals(
        Optional.of(LocalDateTime.of(2020, 3, 14, 10, 22, 1)), Dates.parse("1584152521"));
    assertEquals(
        Optional.of(LocalDateTime.of(2020, 3, 14, 10, 22, 1)), Dates.parse("1584152521999"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"2020-02-30", "2019-02-29", "2020-13-01", "2020-03-14 25:00:00", "20201301"})
  void impossibleDatesAreNotParsedButAreDateShaped(String raw) {
    assertTrue(Dates.parse(raw).isEmpty());
    assertTrue(Dates.dateShaped(raw));
  }

  @ParameterizedTest
  @ValueSource(strings = {"13800138000", "999999999", "9999999999", "hello", "12.50", "3/14"})
  void numbersOutsideThePlausibleWindowAreNotDates(String raw) {
    assertTrue(Dates.parse(raw).isEmpty());
  }

  @Test
  void nullAndBlank() {
    assertTrue(Dates.parse(null).isEmpty());
    assertTrue(Dates.parse("  ").isEmpty());
    assertFalse(Dates.dateShaped(null));
  }

  @Test
  void leapDayExists() {
    assertEquals("2020-02-29", Dates.read("2020-02-29").orElseThrow().iso());
  }
}
