package org.leaktrace.udf.fields;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.leaktrace.udf.types.FieldHandler;
import org.leaktrace.udf.types.FieldHandlers;
import org.leaktrace.udf.types.FieldType;

class AddressHandlerTest {

  private final FieldHandler address = FieldHandlers.of(FieldType.ADDRESS);

  @ParameterizedTest
  @ValueSource(
      strings = {
        "广东省深圳市南山区科技园路1号",
        "北京市朝阳区建国路88号3栋1201室",
        "浙江省杭州市西湖区文三路",
        "新疆维吾尔自治区乌鲁木齐市天山区",
        "朝阳区望京街道阳光小区5号楼2单元"
      })
  void fullAddresses(String v) {
    assertTrue(address.detect(v) >= 0.85, v);
  }

  @ParameterizedTest
  @ValueSource(strings = {"张三", "13800138000", "hello world", "如家酒店(北京建国路店)"})
  void notAddresses(String v) {
    assertTrue(address.detect(v) <= 0.2, v);
  }

  @ParameterizedTest
  @CsvSource({
    "广东省深圳市南山区科技园路1号, 广东省深圳市***",
    "北京市朝阳区建国路88号, 北京市***",
    "新疆维吾尔自治区乌鲁木齐市天山区, 新疆维吾尔自治区乌鲁木齐市***",
    "深圳市南山区科技园, 深圳市***",
    "科技园路1号, ***",
    "广西壮族自治区 南宁市 青秀区, 广西壮族自治区南宁市***"
  })
  void maskKeepsProvinceAndCity(String raw, String masked) {
    assertEquals(masked, address.mask(raw));
  }

  @Test
  void normalizesWidthAndSpaces() {
    assertEquals("北京市 朝阳区 建国路88号", address.normalize(" 北京市\u3000朝阳区   建国路８８号 "));
  }
}
