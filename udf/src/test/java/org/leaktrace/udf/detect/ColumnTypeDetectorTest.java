package org.leaktrace.udf.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.leaktrace.udf.types.Check;
import org.leaktrace.udf.types.FieldHandler;
import org.leaktrace.udf.types.FieldHandlers;
import org.leaktrace.udf.types.FieldType;

class ColumnTypeDetectorTest {

  private static final List<String> NAMES =
      List.of("张伟", "王芳", "李娜", "刘洋", "陈静", "杨秀英", "黄磊", "赵敏", "周杰", "吴刚", "欧阳娜娜", "徐丽",
          "孙建国", "马超", "朱丹", "胡军", "郭靖", "何平", "高峰", "林琳");
  private static final List<String> MOBILES =
      List.of("13800138000", "13912345678", "15088886666", "18611112222", "17700001111",
          "13355556666", "19912340000", "14722223333", "16600002222", "18000009999");
  private static final List<String> CHECKINS =
      List.of("2020-03-14 14:02:11", "2020-03-15 18:40:00", "2020-03-15 21:13:45", "2020-03-16 13:00:02",
          "2020-03-17 15:30:00", "2020-03-18 23:59:59", "2020-03-19 12:00:00", "2020-03-20 16:45:10");
  private static final List<String> ADDRESSES =
      List.of("广东省深圳市南山区科技园路1号", "北京市朝阳区建国路88号3栋1201室", "浙江省杭州市西湖区文三路90号",
          "上海市浦东新区世纪大道100号", "四川省成都市武侯区人民南路四段12号", "湖北省武汉市洪山区珞喻路1037号");
  private static final List<String> GARBAGE = List.of("N/A", "-", "???", "null", "测试", "#REF!");

  private final ColumnTypeDetector detector = new ColumnTypeDetector(StubHandlers.withStrongIds());

  private static List<String> residentIds(int n) {
    Random r = new Random(7);
    List<String> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      String birth = String.format("19%02d%02d%02d", 60 + r.nextInt(40), 1 + r.nextInt(12), 1 + r.nextInt(28));
      out.add(StubHandlers.residentId("110105" + birth + String.format("%03d", r.nextInt(1000))));
    }
    return out;
  }

  private static List<String> withNoise(List<String> clean, double share) {
    List<String> out = new ArrayList<>(clean);
    int bad = (int) Math.ceil(clean.size() * share / (1 - share));
    for (int i = 0; i < bad; i++) {
      out.add(GARBAGE.get(i % GARBAGE.size()));
    }
    return out;
  }

  private static void assertDecision(FieldType type, String by, ColumnDetection d) {
    assertEquals(type, d.type(), "type");
    assertEquals(by, d.decidedBy(), "decidedBy");
    assertTrue(d.confidence() >= ColumnTypeDetector.DEFAULT_MIN_CONFIDENCE && d.confidence() <= 1.0);
  }

  @Test
  void chineseHeadersConfirmTheValues() {
    assertDecision(FieldType.PERSON_NAME, ColumnDetection.VALUES_AND_HEADER, detector.detect(NAMES, "姓名"));
    assertDecision(FieldType.CN_MOBILE, ColumnDetection.VALUES_AND_HEADER, detector.detect(MOBILES, "手机号码"));
    assertDecision(FieldType.CN_RESIDENT_ID, ColumnDetection.VALUES_AND_HEADER,
        detector.detect(residentIds(30), "身份证号"));
    assertDecision(FieldType.ADDRESS, ColumnDetection.VALUES_AND_HEADER, detector.detect(ADDRESSES, "收货地址"));
    assertDecision(FieldType.GENDER, ColumnDetection.VALUES_AND_HEADER,
        detector.detect(List.of("男", "女", "女", "男", "男"), "性别"));
  }

  @Test
  void theHeaderPicksTheKindOfDate() {
    assertDecision(FieldType.DATETIME, ColumnDetection.VALUES, detector.detect(CHECKINS));
    assertDecision(FieldType.STAY_CHECKIN, ColumnDetection.VALUES_AND_HEADER, detector.detect(CHECKINS, "入住时间"));
    assertDecision(FieldType.STAY_CHECKOUT, ColumnDetection.VALUES_AND_HEADER, detector.detect(CHECKINS, "退房时间"));
    assertDecision(FieldType.STAY_CHECKIN, ColumnDetection.VALUES_AND_HEADER, detector.detect(CHECKINS, "check_in_time"));
    assertDecision(FieldType.DATETIME, ColumnDetection.VALUES_AND_HEADER, detector.detect(CHECKINS, "created_at"));
    List<String> births = List.of("1990-01-07", "1985-12-30", "2001-06-01", "1979-03-15", "1968-11-11");
    assertDecision(FieldType.DATETIME, ColumnDetection.VALUES, detector.detect(births));
    assertDecision(FieldType.BIRTH_DATE, ColumnDetection.VALUES_AND_HEADER, detector.detect(births, "出生日期"));
  }

  @Test
  void valuesAloneWithoutHeaders() {
    assertDecision(FieldType.PERSON_NAME, ColumnDetection.VALUES, detector.detect(NAMES));
    assertDecision(FieldType.CN_MOBILE, ColumnDetection.VALUES, detector.detect(MOBILES));
    assertDecision(FieldType.CN_RESIDENT_ID, ColumnDetection.VALUES, detector.detect(residentIds(30)));
    assertDecision(FieldType.ADDRESS, ColumnDetection.VALUES, detector.detect(ADDRESSES));
    assertDecision(FieldType.IP_ADDRESS, ColumnDetection.VALUES,
        detector.detect(List.of("10.0.0.1", "192.168.1.20", "221.4.66.66", "2001:db8::1")));
    assertDecision(FieldType.GPS, ColumnDetection.VALUES,
        detector.detect(List.of("39.908823,116.397470", "31.230416,121.473701", "22.543099,114.057868")));
    assertDecision(FieldType.PASSWORD_HASH, ColumnDetection.VALUES,
        detector.detect(List.of("e10adc3949ba59abbe56e057f20f883e", "25f9e794323b453885f5181f1b624d0b",
            "fcea920f7412b5da7be0cf42b8c93759")));
    assertDecision(FieldType.HOTEL, ColumnDetection.VALUES,
        detector.detect(List.of("如家酒店(北京建国路店)", "汉庭酒店上海虹桥店", "锦江之星旅馆", "丽江古城客栈")));
    assertDecision(FieldType.AMOUNT, ColumnDetection.VALUES, detector.detect(List.of("¥12.50", "¥8.00", "¥199.00")));
  }

  @Test
  void valuesWinOverAMisleadingHeader() {
    List<String> ids = residentIds(30);
    assertDecision(FieldType.CN_RESIDENT_ID, ColumnDetection.VALUES, detector.detect(ids, "phone"));
    assertDecision(FieldType.CN_RESIDENT_ID, ColumnDetection.VALUES, detector.detect(ids, "手机"));
    // Card numbers share the length, but most IDs fail Luhn: the header is contradicted.
    assertDecision(FieldType.CN_RESIDENT_ID, ColumnDetection.VALUES, detector.detect(ids, "银行卡号"));
    assertDecision(FieldType.PERSON_NAME, ColumnDetection.VALUES, detector.detect(NAMES, "birthday"));
    assertDecision(FieldType.IP_ADDRESS, ColumnDetection.VALUES,
        detector.detect(List.of("10.0.0.1", "192.168.1.20", "221.4.66.66"), "地址"));
  }

  @Test
  void theHeaderDecidesBetweenCloseCandidates() {
    // An 11-digit column: a mobile by its values, but a waybill when the header says so.
    assertDecision(FieldType.CN_MOBILE, ColumnDetection.VALUES, detector.detect(MOBILES));
    ColumnDetection waybill = detector.detect(MOBILES, "运单号");
    assertDecision(FieldType.WAYBILL_NO, ColumnDetection.VALUES_AND_HEADER, waybill);
    assertEquals(0.6, waybill.confidence(), 1e-9);
    assertDecision(FieldType.CN_MOBILE, ColumnDetection.VALUES_AND_HEADER, detector.detect(MOBILES, "收件人电话"));
    assertDecision(FieldType.PASSWORD, ColumnDetection.VALUES_AND_HEADER, detector.detect(MOBILES, "密码"));
    // Bare 0/1 is a gender only under a gender header.
    List<String> flags = List.of("1", "0", "1", "1", "0", "1");
    assertEquals(FieldType.UNKNOWN, detector.detect(flags).type());
    assertDecision(FieldType.GENDER, ColumnDetection.VALUES_AND_HEADER, detector.detect(flags, "sex"));
  }

  @Test
  void tenPercentGarbageIsTolerated() {
    assertDecision(FieldType.PERSON_NAME, ColumnDetection.VALUES, detector.detect(withNoise(NAMES, 0.1)));
    assertDecision(FieldType.CN_MOBILE, ColumnDetection.VALUES, detector.detect(withNoise(MOBILES, 0.1)));
    assertDecision(FieldType.STAY_CHECKIN, ColumnDetection.VALUES_AND_HEADER,
        detector.detect(withNoise(CHECKINS, 0.1), "入住时间"));
    assertDecision(FieldType.ADDRESS, ColumnDetection.VALUES_AND_HEADER,
        detector.detect(withNoise(ADDRESSES, 0.1), "地址"));
    assertDecision(FieldType.WAYBILL_NO, ColumnDetection.VALUES_AND_HEADER,
        detector.detect(withNoise(MOBILES, 0.1), "快递单号"));
  }

  @Test
  void theHeaderDecidesAloneWhenNoDetectorKnowsTheType() {
    ColumnTypeDetector noIds = new ColumnTypeDetector(StubHandlers.withoutStrongIds());
    ColumnDetection d = noIds.detect(MOBILES, "手机号");
    assertEquals(FieldType.CN_MOBILE, d.type());
    assertEquals(ColumnDetection.HEADER, d.decidedBy());
    assertEquals(ColumnTypeDetector.HEADER_ONLY, d.confidence());
    assertEquals(FieldType.CALL_RECORD, detector.detect(List.of("a", "b"), "通话记录").type());
  }

  @Test
  void weakEvidenceIsUnknown() {
    ColumnDetection d = detector.detect(List.of("x1", "ab", "zz", "q"));
    assertEquals(FieldType.UNKNOWN, d.type());
    assertEquals(0.0, d.confidence());
    assertEquals(4, d.sampled());
    assertEquals(FieldType.UNKNOWN, detector.detect(List.of("x1", "ab"), "备注").type());
  }

  @Test
  void nullsAndBlanksAreSkipped() {
    List<String> sample = new ArrayList<>(NAMES);
    sample.addAll(Arrays.asList(null, "", "   ", null));
    ColumnDetection d = detector.detect(sample);
    assertEquals(FieldType.PERSON_NAME, d.type());
    assertEquals(NAMES.size(), d.sampled());
    assertEquals(FieldType.UNKNOWN, detector.detect(null).type());
    assertEquals(FieldType.UNKNOWN, detector.detect(Arrays.asList(null, " ")).type());
    ColumnDetection headerOnly = detector.detect(List.of(), "姓名");
    assertEquals(FieldType.PERSON_NAME, headerOnly.type());
    assertEquals(ColumnDetection.HEADER, headerOnly.decidedBy());
  }

  @Test
  void overrides() {
    ColumnDetection d = detector.detect(NAMES, "姓名", FieldType.STAY_CHECKIN);
    assertEquals(ColumnDetection.override(FieldType.STAY_CHECKIN), d);
    assertEquals(1.0, d.confidence());
    assertEquals(ColumnDetection.OVERRIDE, d.decidedBy());
    assertEquals(detector.detect(NAMES, "姓名"), detector.detect(NAMES, "姓名", null));
  }

  @Test
  void sampleOrderDoesNotChangeTheDecision() {
    List<String> mixed = new ArrayList<>(withNoise(NAMES, 0.1));
    mixed.addAll(MOBILES.subList(0, 3));
    ColumnDetection first = detector.detect(mixed, "name");
    Random r = new Random(42);
    for (int i = 0; i < 20; i++) {
      Collections.shuffle(mixed, r);
      assertEquals(first, detector.detect(mixed, "name"));
      assertEquals(detector.scores(mixed), detector.scores(new ArrayList<>(mixed)));
    }
  }

  @Test
  void tiesGoToTheEarlierFieldType() {
    FieldHandler constant = new FieldHandler() {
      @Override
      public FieldType type() {
        return FieldType.UNKNOWN;
      }

      @Override
      public double detect(String raw) {
        return 0.8;
      }

      @Override
      public Check validate(String raw) {
        return Check.NOT_VALIDATED;
      }

      @Override
      public String normalize(String raw) {
        return raw;
      }

      @Override
      public String mask(String raw) {
        return raw;
      }
    };
    Function<FieldType, FieldHandler> tie = t ->
        t == FieldType.HOTEL || t == FieldType.EMAIL ? constant : FieldHandlers.of(t);
    assertEquals(FieldType.EMAIL, new ColumnTypeDetector(tie).detect(List.of("...", "..")).type());
  }

  @Test
  void rejectsABadMinimum() {
    assertThrows(IllegalArgumentException.class,
        () -> new ColumnTypeDetector(FieldHandlers::of, HeaderHints.defaults(), 0.0));
  }
}
