package org.leaktrace.udf.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.leaktrace.udf.types.FieldType;

class HeaderHintsTest {

  private final HeaderHints hints = HeaderHints.defaults();

  @ParameterizedTest
  @CsvSource({
    "姓名, person_name", "收件人, person_name", "Name, person_name", "联系电话, cn_mobile",
    "收件人手机, cn_mobile", "TEL, cn_mobile", "Mobile Phone, cn_mobile", "身份证号码, cn_resident_id",
    "ＩＤ＿ＣＡＲＤ, cn_resident_id", "sfz, cn_resident_id", "id_no, cn_resident_id", "收货地址, address",
    "酒店地址, address", "入住时间, stay_checkin", "酒店入住时间, stay_checkin", "check_in, stay_checkin",
    "checkout, stay_checkout", "退房时间, stay_checkout", "银行卡号, bank_card", "E-Mail, email",
    "mail, email", "Password, password", "pwd, password", "password_hash, password_hash", "性别, gender",
    "sex, gender", "DOB, birth_date", "出生日期(yyyy-mm-dd), birth_date", "快递单号, waybill_no",
    "order_no, order_id", "订单金额, amount", "总价, amount", "hotel_name, hotel", "经纬度, gps",
    "lat_lng, gps", "IP, ip_address", "ip_address, ip_address", "IP地址, ip_address", "昵称, nickname",
    "用户名, user_id", "uid, user_id", "下单时间, datetime", "created_at, datetime", "护照号, passport",
    "车牌号, plate_number", "统一社会信用代码, uscc", "商品名称, item", "product, item"
  })
  void hintsForCommonHeaders(String header, String type) {
    assertEquals(FieldType.of(type), hints.typesFor(header).get(0), header);
  }

  @Test
  void noHint() {
    assertTrue(hints.typesFor("zip").isEmpty());
    assertTrue(hints.typesFor("备注").isEmpty());
    assertTrue(hints.typesFor("c3").isEmpty());
    assertTrue(hints.typesFor(null).isEmpty());
    assertTrue(hints.typesFor(" _ ").isEmpty());
  }

  @Test
  void hintsCanNameSeveralTypes() {
    assertEquals(List.of(FieldType.CN_MOBILE, FieldType.PHONE), hints.typesFor("phone"));
    assertEquals(List.of(FieldType.CN_RESIDENT_ID, FieldType.PASSPORT), hints.typesFor("证件号码"));
  }

  @Test
  void normalization() {
    assertEquals("checkintime", HeaderHints.normalize(" Check_In Time "));
    assertEquals("email", HeaderHints.normalize("Ｅ－ｍａｉｌ"));
    assertEquals("手机号", HeaderHints.normalize("\uFEFF手机号："));
  }

  @Test
  void badFilesAreRejectedWithTheirName() {
    IllegalArgumentException unknownType = assertThrows(IllegalArgumentException.class,
        () -> load("hints:\n  - types: [telephone]\n    exact: [tel]\n"));
    assertTrue(unknownType.getMessage().contains("test.yaml: hints[0].types"), unknownType.getMessage());
    assertTrue(unknownType.getMessage().contains("cn_mobile"), "lists the valid types");
    IllegalArgumentException unknownKey = assertThrows(IllegalArgumentException.class,
        () -> load("hints:\n  - types: [phone]\n    startswith: [tel]\n"));
    assertTrue(unknownKey.getMessage().contains("startswith"), unknownKey.getMessage());
    IllegalArgumentException twice = assertThrows(IllegalArgumentException.class,
        () -> load("hints:\n  - types: [phone]\n    exact: [tel]\n  - types: [cn_mobile]\n    exact: [TEL]\n"));
    assertTrue(twice.getMessage().contains("already a hint"), twice.getMessage());
  }

  private static HeaderHints load(String yaml) throws Exception {
    return HeaderHints.load(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "test.yaml");
  }
}
