package org.leaktrace.udf.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.leaktrace.udf.classify.RowClassifier;
import org.leaktrace.udf.hash.KeyedHasher;
import org.leaktrace.udf.taxonomy.Taxonomy;
import org.leaktrace.udf.types.FieldType;

/** Levels of real-world re-typings, computed from raw rows through the classifier as the job does. */
class RecordComparisonTest {

  private static final KeyedHasher HASHER =
      new KeyedHasher("test-key-0123456789abcdef".getBytes(StandardCharsets.UTF_8));
  private static final Taxonomy CN = Taxonomy.named("cn-spc-2017", confDir());
  private static final LocalDate AS_OF = LocalDate.of(2020, 6, 1);
  private static final Pattern HEX = Pattern.compile("(=|[0-9a-f]{12})(;(=|[0-9a-f]{12}))*");

  static Path confDir() {
    Path p = Path.of("").toAbsolutePath();
    while (p != null && !p.resolve("conf/taxonomy").toFile().isDirectory()) {
      p = p.getParent();
    }
    return p.resolve("conf");
  }

  private static RowClassifier.Result row(FieldType type, String value) {
    List<RowClassifier.Column> cols = List.of(new RowClassifier.Column("c", type));
    return new RowClassifier(cols, HASHER, CN, EnumSet.of(type)).classify(new ArrayList<>(List.of(value)), AS_OF);
  }

  private static Level level(FieldType type, String a, String b) {
    RowClassifier.Result ra = row(type, a);
    RowClassifier.Result rb = row(type, b);
    Map<String, Integer> out = RecordComparison.compare(ra.tokenMap(), ra.levels(), rb.tokenMap(), rb.levels());
    assertEquals(1, out.size(), a + " / " + b + ": one type compared");
    return Level.of(out.get(type.key()));
  }

  @Test
  void aStyleShowsOnlyWhenItIsNotTheNormalizedForm() {
    assertEquals(Level.EXACT, level(FieldType.CN_MOBILE, "138-0013-8000", "138-0013-8000"));
    assertEquals(Level.NORMALIZED, level(FieldType.CN_MOBILE, "138-0013-8000", "+86 13800138000"));
    // a plain number is the normalized form itself: it carries no style
    assertEquals(Level.NORMALIZED, level(FieldType.CN_MOBILE, "13800138000", "13800138000"));
    assertEquals(Level.DISAGREE, level(FieldType.CN_MOBILE, "13800138000", "13900139000"));
  }

  @Test
  void addressesCompareByStyleThenMeaningAtTheCoarserPrecision() {
    String courier = "广东省深圳市南山区科技路12号3栋101室";
    String rental = "深圳南山区科技路12号3栋101室";
    String spaced = "广东省 深圳市 南山区 科技路12号3栋101室";
    assertEquals(Level.NORMALIZED, level(FieldType.ADDRESS, courier, courier));
    assertEquals(Level.COARSE, level(FieldType.ADDRESS, courier, rental));
    assertEquals(Level.COARSE, level(FieldType.ADDRESS, courier, spaced));
    assertEquals(Level.COARSE, level(FieldType.ADDRESS, "南山区科技路12号3栋101室(深圳)", rental));
    // cut after the road: the same written prefix, or only the same meaning
    assertEquals(Level.FORM_COARSE, level(FieldType.ADDRESS, "广东省深圳市南山区科技路", courier));
    assertEquals(Level.COARSE, level(FieldType.ADDRESS, "广东省深圳市南山区科技路", rental));
    assertEquals(Level.PARTIAL, level(FieldType.ADDRESS, courier, "广东省深圳市南山区高新路7号1栋202室"));
    assertEquals(Level.DISAGREE, level(FieldType.ADDRESS, courier, "北京市海淀区中关村大街1号"));
    // roads without a road word, autonomous regions, a number cut off
    String region = "内蒙古自治区呼和浩特市新城区彭旁145号13栋2226室";
    assertEquals(Level.COARSE, level(FieldType.ADDRESS, region, "内蒙古自治区 呼和浩特市 新城区 彭旁145号13栋2226室"));
    assertEquals(Level.PARTIAL, level(FieldType.ADDRESS, region, "内蒙古自治区呼和浩特市新城区梁丘桥65号22栋1407室"));
    assertEquals(Level.FORM_COARSE, level(FieldType.ADDRESS, "内蒙古自治区呼和浩特市新城区彭旁", region));
    assertEquals(Level.COARSE, level(FieldType.ADDRESS, "呼和浩特新城区彭旁", region));
  }

  @Test
  void timesCompareAtTheCoarserPrecision() {
    assertEquals(Level.EXACT, level(FieldType.STAY_CHECKIN, "2020-01-16 13:17:42", "2020-01-16 13:17:42"));
    assertEquals(Level.NORMALIZED, level(FieldType.STAY_CHECKIN, "2020/01/16 13:17:42", "2020-01-16 13:17:42"));
    assertEquals(Level.COARSE, level(FieldType.STAY_CHECKIN, "2020-01-16 13:17", "2020-01-16 13:17:42"));
    assertEquals(Level.COARSE, level(FieldType.STAY_CHECKIN, "2020年01月16日", "2020-01-16 13:17:42"));
    assertEquals(Level.PARTIAL, level(FieldType.STAY_CHECKIN, "2020-01-16 09:02", "2020-01-16 13:17:42"));
    assertEquals(Level.DISAGREE, level(FieldType.STAY_CHECKIN, "2020-01-17 13:17", "2020-01-16 13:17:42"));
  }

  @Test
  void namesWithTitlesOrSpacesAndAmountsWithUnits() {
    assertEquals(Level.NORMALIZED, level(FieldType.PERSON_NAME, "张 伟", "张伟"));
    assertEquals(Level.EXACT, level(FieldType.PERSON_NAME, "张 伟", "张 伟"));
    assertEquals(Level.COARSE, level(FieldType.PERSON_NAME, "张先生", "张伟"));
    assertEquals(Level.DISAGREE, level(FieldType.PERSON_NAME, "李先生", "张伟"));
    assertEquals(Level.NORMALIZED, level(FieldType.AMOUNT, "2500元", "2500.00"));
    assertEquals(Level.EXACT, level(FieldType.AMOUNT, "1,234.00元", "1,234.00元"));
    assertEquals(Level.PARTIAL, level(FieldType.AMOUNT, "2500.40", "2500.00"));
  }

  @Test
  void levelMapsHoldTokensOnly() {
    for (String v : List.of("广东省深圳市南山区科技路12号3栋101室", "138-0013-8000", "张先生", "2020-01-16 13:17")) {
      for (FieldType t : List.of(FieldType.ADDRESS, FieldType.CN_MOBILE, FieldType.PERSON_NAME, FieldType.DATETIME)) {
        row(t, v).levels().forEach((k, token) -> {
          assertTrue(HEX.matcher(token).matches(), k + " holds a token");
          assertFalse(token.contains(v));
        });
      }
    }
  }

  @Test
  void missingTypesAreNotCompared() {
    RowClassifier.Result a = row(FieldType.CN_MOBILE, "13800138000");
    RowClassifier.Result b = row(FieldType.PERSON_NAME, "张伟");
    assertTrue(RecordComparison.compare(a.tokenMap(), a.levels(), b.tokenMap(), b.levels()).isEmpty());
    // token-file records have no level map: normalized tokens still compare
    assertEquals(Map.of("cn_mobile", Level.NORMALIZED.ordinal()),
        RecordComparison.compare(a.tokenMap(), null, a.tokenMap(), Map.of()));
    assertEquals(List.of(Level.values()), Arrays.asList(Level.values()));
  }
}
