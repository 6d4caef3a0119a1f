package org.leaktrace.udf.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.leaktrace.udf.types.FieldType;

class MaskedSamplesTest {

  @Test
  void masksValidValuesInOrderDistinctAndLimited() {
    List<String> values = List.of("13800138000", "+86 138-0013-8000", "12345", "13912345678", "13712345678",
        "13612345678");
    assertEquals(List.of("138****8000", "139****5678", "137****5678"),
        MaskedSamples.of(FieldType.CN_MOBILE, values, 3));
  }

  @Test
  void invalidAndAlreadyMaskedValuesAreNotShown() {
    // a bad check character, then a masked ID, then a valid one
    List<String> values = List.of("110105194912310021", "110105********002X", "11010519491231002X");
    List<String> out = MaskedSamples.of(FieldType.CN_RESIDENT_ID, values, 3);
    assertEquals(1, out.size(), out.toString());
    assertTrue(out.get(0).startsWith("110") && out.get(0).endsWith("002X"), out.get(0));
    assertFalse(out.get(0).contains("19491231"), out.get(0));
  }

  @Test
  void typesThatDoNotIdentifyGetNoExamples() {
    assertEquals(List.of(), MaskedSamples.of(FieldType.PASSWORD, List.of("hunter2hunter2"), 3));
    assertEquals(List.of(), MaskedSamples.of(FieldType.AMOUNT, List.of("12.50"), 3));
    assertEquals(List.of(), MaskedSamples.of(FieldType.MESSAGE_TEXT, List.of("meet me at 8"), 3));
    assertFalse(MaskedSamples.shown(null));
  }

  @Test
  void weakTypesAreMaskedToo() {
    assertEquals(List.of("张*", "欧阳**"), MaskedSamples.of(FieldType.PERSON_NAME, List.of("张三", "欧阳小明"), 3));
    assertEquals(List.of("1990-**-**"), MaskedSamples.of(FieldType.BIRTH_DATE, List.of("1990-05-17"), 3));
  }

  @Test
  void aMaskThatHidesNothingIsNotShown() {
    // a one-letter gender becomes "*"; an address that is only a province shows nothing hidden
    for (String m : MaskedSamples.of(FieldType.ADDRESS, List.of("北京市", "北京市 朝阳区"), 3)) {
      assertTrue(m.contains("*"), m);
    }
  }

  @Test
  void noRawValueEverComesOut() {
    List<String> values = Arrays.asList(null, " ", "zhang.san@example.com", "6222020200112233445",
        "13800138000");
    for (FieldType t : FieldType.values()) {
      for (String m : MaskedSamples.of(t, values, 10)) {
        for (String v : values) {
          if (v != null && !v.isBlank()) {
            assertFalse(m.contains(v), t + " showed " + v);
          }
        }
      }
    }
  }
}
