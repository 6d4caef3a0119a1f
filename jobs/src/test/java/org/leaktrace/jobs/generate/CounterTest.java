package org.leaktrace.jobs.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The ground-truth counting rules on hand-made rows (synthetic values only). */
class CounterTest {

  private static final LocalDate OBTAINED = LocalDate.of(2020, 3, 25);
  private static final List<String> TYPES = List.of("person_name", "cn_mobile", "cn_resident_id", "hotel", "datetime");

  private static Counter.DumpCount count(List<String[]> rows) {
    return Counter.count(TYPES, OBTAINED, rows, rows.stream().map(r -> "p").toList());
  }

  @Test
  void phoneFormatsAreOneValueSoTheRepeatIsADuplicate() {
    Counter.DumpCount c = count(List.of(
        new String[] {"甲", "13800138000", "", "", ""},
        new String[] {" 甲 ", "+86 138-0013-8000", "", "", ""},
        new String[] {"甲", "００８６１３８００１３８０００", "", "", ""}));
    assertEquals(2, c.duplicates);
    assertEquals(1, c.pieces.size());
  }

  @Test
  void rowWithOnlyInvalidIdentifiersIsUnverifiable() {
    Counter.DumpCount c = count(List.of(
        new String[] {"乙", "138****8000", "110105194912310021", "", ""},
        new String[] {"丙", "1380013800", "", "", ""},
        new String[] {"丁", "138****8001", "11010519491231002x", "", ""}));
    assertEquals(2, c.unverifiable);
    assertEquals(1, c.pieces.size());
  }

  @Test
  void classIsTheMostSensitiveAndDatetimeAloneIsNoPiece() {
    Counter.DumpCount c = count(List.of(
        new String[] {"戊", "", "", "某酒店", "2020-01-01"},
        new String[] {"", "", "", "", "2020-01-02"}));
    assertEquals(1, c.piecesByClass[Counter.CLASSES.indexOf("accommodation")]);
    assertEquals(1, c.withoutIdentifier);
  }

  @Test
  void piecesSharingAValidStrongIdentifierAreOneIndividual() {
    Counter.DumpCount c = count(List.of(
        new String[] {"己", "13800138000", "", "", "a"},
        new String[] {"己", "", "11010519491231002X", "", "b"},
        new String[] {"己", "13800138000", "110105491231002", "", "c"},
        new String[] {"庚", "", "", "", "d"},
        new String[] {"庚", "", "", "", "e"}));
    assertEquals(5, c.pieces.size());
    assertEquals(3, c.individuals);
  }

  @Test
  void minorsAreCountedByBirthDatePlusFourteenYearsAfterObtained() {
    // Born 2006-03-26: turns 14 the day after OBTAINED, so still a minor; born 2006-03-25 is not.
    String minor = "110105200603260011";
    String adult = "110105200603250011";
    minor = minor.substring(0, 17) + Checks.idCheckChar(minor);
    adult = adult.substring(0, 17) + Checks.idCheckChar(adult);
    Counter.DumpCount c = count(List.of(
        new String[] {"辛", "", minor, "", ""},
        new String[] {"壬", "", adult, "", ""}));
    assertEquals(2, c.individuals);
    assertEquals(1, c.minors);
  }
}
