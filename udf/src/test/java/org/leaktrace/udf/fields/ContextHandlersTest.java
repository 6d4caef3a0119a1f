package org.leaktrace.udf.fields;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.leaktrace.udf.types.Check;
import org.leaktrace.udf.types.FieldHandler;
import org.leaktrace.udf.types.FieldHandlers;
import org.leaktrace.udf.types.FieldType;

class ContextHandlersTest {

  private static FieldHandler h(FieldType t) {
    return FieldHandlers.of(t);
  }

  @Test
  void everyHandlerOfThisPackageIsRegisteredAndNullSafe() {
    for (FieldHandler handler : Fields.handlers()) {
      FieldHandler registered = FieldHandlers.of(handler.type());
      assertEquals(handler.getClass(), registered.getClass(), handler.type().key());
      assertEquals(0.0, registered.detect(null));
      assertEquals(0.0, registered.detect("   "));
      assertEquals(Check.EMPTY, registered.validate(null));
      assertNull(registered.normalize(null));
      assertNull(registered.normalize(" "));
      assertNull(registered.mask(null));
    }
  }

  @Test
  void gender() {
    FieldHandler g = h(FieldType.GENDER);
    assertEquals("M", g.normalize("男"));
    assertEquals("F", g.normalize("Female"));
    assertEquals("F", g.normalize("女士"));
    assertEquals("M", g.normalize("1"));
    assertEquals("F", g.normalize("2"));
    assertNull(g.normalize("0"), "GB/T 2261.1: 0 is 'unknown', not female");
    assertNull(g.normalize("保密"));
    assertTrue(g.detect("男") > 0.9);
    assertTrue(g.detect("1") <= 0.2, "bare codes need a header");
    assertEquals(Check.invalid("gender"), g.validate("x"));
  }

  @Test
  void gps() {
    FieldHandler g = h(FieldType.GPS);
    assertEquals("39.908823,116.397470", g.normalize("39.908823, 116.39747"));
    assertEquals("39.908823,116.397470", g.normalize("116.39747,39.908823"), "lng,lat swapped");
    assertEquals("39.908823,116.397470", g.normalize("(39.908823 116.39747)"));
    assertEquals("39.90,116.39", g.mask("39.908823,116.397470"));
    assertTrue(g.detect("39.908823,116.397470") > g.detect("48.856613,2.352222"));
    assertTrue(g.detect("48.856613,2.352222") >= 0.5);
    assertTrue(g.detect("3,4") < 0.2);
    assertEquals(Check.invalid("range"), g.validate("95.1234,200.1234"));
    assertEquals(Check.invalid("gps"), g.validate("north"));
    assertNull(g.normalize("95.1234,200.1234"));
    assertEquals(Check.VALID, g.validate("-33.868820,151.209296"));
  }

  @ParameterizedTest
  @CsvSource({"192.168.001.010, 192.168.1.10, 192.168.1.*",
      "2001:0DB8:0000:0000:0000:ff00:0042:8329, 2001:db8::ff00:42:8329, 2001:db8:0:0:*",
      "::1, ::1, 0:0:0:0:*",
      "fe80:0:0:1:0:0:0:1, fe80:0:0:1::1, fe80:0:0:1:*"})
  void ipAddresses(String raw, String normal, String masked) {
    FieldHandler ip = h(FieldType.IP_ADDRESS);
    assertEquals(normal, ip.normalize(raw));
    assertEquals(masked, ip.mask(raw));
    assertEquals(Check.VALID, ip.validate(raw));
    assertTrue(ip.detect(raw) >= 0.9);
  }

  @Test
  void notIpAddresses() {
    FieldHandler ip = h(FieldType.IP_ADDRESS);
    assertEquals(Check.invalid("ip"), ip.validate("256.1.1.1"));
    assertEquals(Check.invalid("ip"), ip.validate("1:2:3"));
    assertEquals(Check.invalid("ip"), ip.validate("example.com"));
    assertEquals(0.0, ip.detect("12:30:00"));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {"¥12.50|12.50", "12.5元|12.50", "1,234.00|1234.00", "RMB 88|88.00", "￥ 3|3.00",
        "$3|USD 3.00", "0.125|0.125"})
  void amounts(String raw, String normal) {
    assertEquals(normal, h(FieldType.AMOUNT).normalize(raw));
  }

  @Test
  void amountConfidence() {
    FieldHandler a = h(FieldType.AMOUNT);
    assertTrue(a.detect("¥12.50") >= 0.9);
    assertTrue(a.detect("12.50") >= 0.5);
    assertTrue(a.detect("42") <= 0.1);
    assertEquals(Check.invalid("amount"), a.validate("12,34.5"));
  }

  @Test
  void waybills() {
    FieldHandler w = h(FieldType.WAYBILL_NO);
    assertTrue(w.detect("SF123456789012") >= 0.85);
    assertTrue(w.detect("YT1234567890123") >= 0.85);
    assertTrue(w.detect("JT0001234567890") >= 0.85);
    assertTrue(w.detect("EA123456789CN") >= 0.8);
    assertEquals(0.3, w.detect("773012345678"), "bare digits: low without a header");
    assertEquals(0.0, w.detect("12345"));
    assertEquals("SF123456789012", w.normalize("sf 1234-5678-9012"));
  }

  @Test
  void passwordHashes() {
    FieldHandler ph = h(FieldType.PASSWORD_HASH);
    assertTrue(ph.detect("e10adc3949ba59abbe56e057f20f883e") >= 0.85);
    assertTrue(ph.detect("7c4a8d09ca3762af61e59520943dc26494f8941b") >= 0.85);
    assertTrue(ph.detect("8d969eef6ecad3c29a3a629280e686cf0c3f5d5a86aff3ca12020c923adc6c92") >= 0.85);
    assertTrue(ph.detect("$2a$10$N9qo8uLOickgx2ZMRZoMyeIjZAgcfl7p92ldGxad68LJZdL17lhWy") >= 0.99);
    assertEquals(0.0, ph.detect("e10adc3949ba59abbe56e057f20f883"));
    assertEquals("e10adc3949ba59abbe56e057f20f883e", ph.normalize("E10ADC3949BA59ABBE56E057F20F883E"));
    assertEquals(Check.invalid("hash"), ph.validate("123456"));
  }

  @Test
  void passwords() {
    FieldHandler p = h(FieldType.PASSWORD);
    assertEquals(0.5, p.detect("123456"));
    assertEquals(0.3, p.detect("zx8821ab"));
    assertEquals(0.0, p.detect("abc"));
    assertEquals(0.0, p.detect("two words"));
    assertEquals("AbC123", p.normalize("AbC123"), "case-sensitive: kept as read");
    assertEquals("******", p.mask("a"));
    assertEquals("******", p.mask("correcthorsebatterystaple"));
  }

  @Test
  void hotels() {
    FieldHandler hotel = h(FieldType.HOTEL);
    assertTrue(hotel.detect("如家酒店(北京建国路店)") >= 0.9);
    assertTrue(hotel.detect("Shanghai Grand Hotel") >= 0.9);
    assertTrue(hotel.detect("Holiday Inn Express") >= 0.6);
    assertTrue(hotel.detect("汉庭上海虹桥店") >= 0.5);
    assertEquals(0.0, hotel.detect("北京市朝阳区建国路88号"));
    assertEquals(0.0, hotel.detect("Chotel"), "a word boundary is required");
  }

  @Test
  void weakIdentifiersScoreLowOnTheirOwn() {
    assertEquals(0.3, h(FieldType.NICKNAME).detect("小猪佩奇🐷"));
    assertEquals(0.0, h(FieldType.NICKNAME).detect("13800138000"));
    assertEquals(0.35, h(FieldType.USER_ID).detect("user_123"));
    assertEquals(0.3, h(FieldType.USER_ID).detect("10001"));
    assertEquals(0.3, h(FieldType.ORDER_ID).detect("E20200314123456789"));
    assertEquals("E20200314123456789", h(FieldType.ORDER_ID).normalize("e2020 0314-123456789"));
    assertEquals(0.5, h(FieldType.ITEM).detect("【包邮】纯棉T恤 2件装"));
    assertEquals(0.0, h(FieldType.ITEM).detect("张三"));
    assertEquals(0.6, h(FieldType.FREE_TEXT).detect("请在工作日送货，放在门口的快递柜里，谢谢配合，辛苦了师傅，祝您生活愉快"));
    assertEquals(0.0, h(FieldType.FREE_TEXT).detect("短"));
  }

  @Test
  void normalFormsAndMasksOfTheTextualTypes() {
    assertEquals("如家酒店 (北京建国路店)", h(FieldType.HOTEL).normalize("如家酒店\u3000（北京建国路店）"));
    assertEquals("如家酒店 (北京建国路店)", h(FieldType.HOTEL).mask("如家酒店 （北京建国路店）"));
    assertEquals("User_01", h(FieldType.USER_ID).normalize(" User_01 "), "ids keep their case");
    assertEquals("小猪 佩奇", h(FieldType.NICKNAME).normalize("小猪   佩奇"));
    assertEquals("小**奇", h(FieldType.NICKNAME).mask("小猪佩奇"));
    assertEquals("【包邮】纯棉T恤", h(FieldType.ITEM).mask("【包邮】纯棉T恤"), "a product identifies nobody");
    assertEquals("e10adc39" + "*".repeat(16) + "f20f883e", h(FieldType.PASSWORD_HASH).mask("e10adc3949ba59abbe56e057f20f883e"));
    assertEquals("SF1" + "*".repeat(8) + "012", h(FieldType.WAYBILL_NO).mask("SF 1234 5678 9012"));
    assertEquals("12.50", h(FieldType.AMOUNT).mask("¥12.5"));
    assertEquals(" ", h(FieldType.ADDRESS).mask(" "), "blank in, blank out");
  }
}
