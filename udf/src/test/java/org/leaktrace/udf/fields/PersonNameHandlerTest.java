package org.leaktrace.udf.fields;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.leaktrace.udf.types.Check;
import org.leaktrace.udf.types.FieldHandler;
import org.leaktrace.udf.types.FieldHandlers;
import org.leaktrace.udf.types.FieldType;

class PersonNameHandlerTest {

  private final FieldHandler names = FieldHandlers.of(FieldType.PERSON_NAME);

  @ParameterizedTest
  @ValueSource(strings = {"张伟", "王秀英", "欧阳娜娜", "司马光", "诸葛亮", "李 小 明"})
  void chineseNamesWithKnownSurnames(String v) {
    assertTrue(names.detect(v) >= 0.75, v);
  }

  @ParameterizedTest
  @ValueSource(strings = {"张家港市", "王府井路", "北京市", "13800138000", "abc", "如家酒店", "张"})
  void placesNumbersAndSingleCharactersAreNotNames(String v) {
    assertTrue(names.detect(v) < 0.2, v);
  }

  @Test
  void rareSurnamesAndMinorityNamesScoreLower() {
    assertTrue(names.detect("乜明") < 0.5);
    assertEquals(0.6, names.detect("阿卜杜拉·买买提"));
    assertEquals(0.6, names.detect("阿卜杜拉•买买提"));
  }

  @Test
  void romanizedNames() {
    assertTrue(names.detect("Zhang Wei") >= 0.7);
    assertTrue(names.detect("Chan Tai Man") >= 0.7);
    assertTrue(names.detect("zhang wei") >= 0.5);
    assertTrue(names.detect("John Smith") < names.detect("Zhang Wei"));
    assertEquals(0.0, names.detect("user_123"));
  }

  @ParameterizedTest
  @CsvSource({"张三, 张*", "张小明, 张**", "欧阳娜娜, 欧阳**", "欧阳修, 欧阳*", "阿卜杜拉·买买提, 阿***·***",
      "Zhang Wei, Zhang ***", "Xiaoming Zhang, ******** Zhang"})
  void masksKeepTheSurname(String raw, String masked) {
    assertEquals(masked, names.mask(raw));
  }

  @Test
  void normalizes() {
    assertEquals("李小明", names.normalize(" 李 小 明 "));
    assertEquals("阿卜杜拉·买买提", names.normalize("阿卜杜拉・买买提"));
    assertEquals("Zhang Wei", names.normalize("ZHANG   wei"));
    assertEquals(Check.NOT_VALIDATED, names.validate("张三"));
    assertEquals(Check.EMPTY, names.validate(""));
  }
}
