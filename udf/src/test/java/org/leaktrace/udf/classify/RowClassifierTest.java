package org.leaktrace.udf.classify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.ObjectOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.leaktrace.udf.classify.RowClassifier.Column;
import org.leaktrace.udf.classify.RowClassifier.Result;
import org.leaktrace.udf.hash.KeyedHasher;
import org.leaktrace.udf.id.ResidentIds;
import org.leaktrace.udf.taxonomy.Taxonomy;
import org.leaktrace.udf.types.Check;
import org.leaktrace.udf.types.FieldType;

class RowClassifierTest {

  private static final KeyedHasher HASHER =
      new KeyedHasher("test-key-0123456789abcdef".getBytes(StandardCharsets.UTF_8));
  private static final Taxonomy CN = Taxonomy.named("cn-spc-2017", confDir());
  private static final LocalDate AS_OF = LocalDate.of(2020, 3, 14);
  private static final String ID = "11010519491231002X";

  static Path confDir() {
    Path p = Path.of("").toAbsolutePath();
    while (p != null && !p.resolve("conf/taxonomy").toFile().isDirectory()) {
      p = p.getParent();
    }
    return p.resolve("conf");
  }

  private static RowClassifier classifier(FieldType... types) {
    List<Column> cols = Arrays.stream(types).map(t -> new Column(t.key(), t)).toList();
    return new RowClassifier(cols, HASHER, CN, EnumSet.copyOf(Arrays.asList(types)));
  }

  @Test
  void formattingDoesNotChangeTheContentKeyButContentDoes() {
    RowClassifier c = classifier(FieldType.CN_MOBILE, FieldType.PERSON_NAME);
    Result a = c.classify(List.of("+86 138-0013-8000", "张三"), AS_OF);
    Result b = c.classify(List.of("13800138000", " 张三 "), AS_OF);
    Result other = c.classify(List.of("13800138000", "李四"), AS_OF);
    assertEquals(a.contentKey(), b.contentKey());
    assertNotEquals(a.contentKey(), other.contentKey());
  }

  @Test
  void contentKeyIgnoresColumnOrderAndNames() {
    Result a = classifier(FieldType.CN_MOBILE, FieldType.PERSON_NAME).classify(List.of("13800138000", "张三"), AS_OF);
    RowClassifier swapped = new RowClassifier(
        List.of(new Column("姓名", FieldType.PERSON_NAME), new Column("手机号", FieldType.CN_MOBILE)),
        HASHER, CN, EnumSet.of(FieldType.PERSON_NAME, FieldType.CN_MOBILE));
    assertEquals(a.contentKey(), swapped.classify(List.of("张三", "13800138000"), AS_OF).contentKey());
  }

  @Test
  void untypedColumnsAreContentTooAndTypesDoNotSplitEqualContent() {
    RowClassifier typed = classifier(FieldType.CN_MOBILE, FieldType.PASSWORD);
    RowClassifier untyped = new RowClassifier(
        List.of(new Column("c0", FieldType.CN_MOBILE), new Column("c1", FieldType.UNKNOWN)),
        HASHER, CN, EnumSet.of(FieldType.CN_MOBILE));
    Result a = typed.classify(List.of("13800138000", "Secret99"), AS_OF);
    Result b = untyped.classify(List.of("138 0013 8000", "Secret99"), AS_OF);
    assertEquals(a.contentKey(), b.contentKey(), "a password typed in one dump, untyped in another");
    assertNotEquals(b.contentKey(), untyped.classify(List.of("13800138000", "Other11"), AS_OF).contentKey(),
        "rows differing in an untyped column are not duplicates");
    assertEquals(1, b.tokens().size(), "untyped values are not tokenized");
  }

  @Test
  void tokenMapHoldsUsableValuesByTypeSortedAndJoined() {
    RowClassifier c = new RowClassifier(List.of(new Column("m1", FieldType.CN_MOBILE),
        new Column("m2", FieldType.CN_MOBILE), new Column("m3", FieldType.CN_MOBILE),
        new Column("id", FieldType.CN_RESIDENT_ID), new Column("name", FieldType.PERSON_NAME)),
        HASHER, CN, EnumSet.of(FieldType.CN_MOBILE, FieldType.CN_RESIDENT_ID, FieldType.PERSON_NAME));
    Result r = c.classify(List.of("13900139000", "138****8000", "13800138000", "110105194912310021", "张三"),
        AS_OF);
    String m1 = HASHER.token(FieldType.CN_MOBILE, "13900139000");
    String m3 = HASHER.token(FieldType.CN_MOBILE, "13800138000");
    String mobiles = m1.compareTo(m3) < 0 ? m1 + ";" + m3 : m3 + ";" + m1;
    assertEquals(List.of("cn_mobile", "person_name"), List.copyOf(r.tokenMap().keySet()),
        "type-key order; the masked mobile and the resident ID failing its check are not usable");
    assertEquals(mobiles, r.tokenMap().get("cn_mobile"), "distinct tokens of one type in token order");
    Result twice = c.classify(List.of("13800138000", "13800138000", "", "", ""), AS_OF);
    assertEquals(m3, twice.tokenMap().get("cn_mobile"), "a repeated value counts once");
    assertTrue(c.classify(List.of("", "138****8000", "", "", ""), AS_OF).tokenMap().isEmpty());
  }

  @Test
  void tokensAreDomainSeparatedAndCarryValidity() {
    Result r = classifier(FieldType.CN_MOBILE, FieldType.CN_RESIDENT_ID, FieldType.DATETIME)
        .classify(List.of("138****8000", ID, "2020-03-01 10:00:00"), AS_OF);
    assertEquals(3, r.tokens().size(), "every typed value is tokenized");
    assertEquals(FieldType.DATETIME, r.tokens().get(2).type());
    assertEquals(Check.Status.MASKED, r.tokens().get(0).status());
    assertEquals(Check.Status.VALID, r.tokens().get(1).status());
    assertEquals(HASHER.token(FieldType.CN_RESIDENT_ID, ID), r.tokens().get(1).token());
    assertEquals(32, r.tokens().get(1).token().length());
    assertEquals(LocalDate.of(1949, 12, 31), r.birthDate());
    assertFalse(r.unverifiable(), "the valid ID makes the row verifiable");
    assertEquals(List.of("cn_mobile:masked"), r.failedChecks());
  }

  @Test
  void rowWithOnlyFailingIdentifiersIsUnverifiable() {
    String badCheck = ID.substring(0, 17) + "1";
    Result r = classifier(FieldType.CN_MOBILE, FieldType.CN_RESIDENT_ID, FieldType.PERSON_NAME)
        .classify(List.of("138****8000", badCheck, "张三"), AS_OF);
    assertTrue(r.unverifiable());
    assertEquals(2, r.validated());
    assertEquals(0, r.valid());
    assertTrue(r.identifying());
    assertNull(r.birthDate());
    assertEquals(List.of("cn_mobile:masked", "cn_resident_id:check_char"), r.failedChecks());
  }

  @Test
  void classIsTheMostSensitiveUsableField() {
    RowClassifier hotel = classifier(FieldType.PERSON_NAME, FieldType.CN_RESIDENT_ID, FieldType.HOTEL,
        FieldType.STAY_CHECKIN);
    assertEquals("accommodation", hotel.classify(List.of("张三", ID, "如家酒店", "2020-01-01"), AS_OF).cls());
    RowClassifier shop = classifier(FieldType.CN_MOBILE, FieldType.BANK_CARD, FieldType.AMOUNT);
    assertEquals("property", shop.classify(List.of("13800138000", "6222021234567890128", "12.00"), AS_OF).cls());
    // a card failing Luhn is no evidence of property information
    assertEquals("transaction", shop.classify(List.of("13800138000", "6222021234567890127", "12.00"), AS_OF).cls());
    assertEquals("other", classifier(FieldType.CN_MOBILE).classify(List.of("13800138000"), AS_OF).cls());
  }

  @Test
  void validityIsJudgedAtTheGivenDate() {
    // born 2015-06-01: not yet born on 2014-01-01
    String child = "110105201506010012";
    String id = child.substring(0, 17) + ResidentIds.checkChar(child.substring(0, 17));
    RowClassifier c = classifier(FieldType.CN_RESIDENT_ID);
    assertTrue(c.classify(List.of(id), LocalDate.of(2020, 1, 1)).tokens().get(0).status() == Check.Status.VALID);
    assertTrue(c.classify(List.of(id), LocalDate.of(2014, 1, 1)).unverifiable());
  }

  @Test
  void emptyAndMissingFieldsAreSkipped() {
    Result r = classifier(FieldType.CN_MOBILE, FieldType.PERSON_NAME, FieldType.EMAIL)
        .classify(Arrays.asList(null, "  "), AS_OF);
    assertTrue(r.tokens().isEmpty());
    assertFalse(r.identifying());
    assertNull(r.cls());
    assertEquals(Set.of(), Set.copyOf(r.types()));
  }

  @Test
  void serializableForSparkExecutors() throws Exception {
    try (ObjectOutputStream out = new ObjectOutputStream(new ByteArrayOutputStream())) {
      out.writeObject(classifier(FieldType.CN_MOBILE));
    }
  }

  @Test
  void tokenFilesCarryTheLevelMap() {
    List<Column> cols = List.of(new Column("addr", FieldType.ADDRESS), new Column("mobile", FieldType.CN_MOBILE));
    RowClassifier rc = new RowClassifier(cols, HASHER, CN, EnumSet.of(FieldType.ADDRESS, FieldType.CN_MOBILE));
    Result raw = rc.classify(Arrays.asList("广东省深圳市南山区科技路12号3栋101室", "138-0013-8000"), AS_OF);
    assertFalse(raw.levels().isEmpty());
    String cell = RowClassifier.levelsCell(raw.levels());
    assertEquals(raw.levels(), RowClassifier.parseLevels(cell));
    assertTrue(RowClassifier.parseLevels("").isEmpty());
    // a token file row with the level column reads the same map; one without has none
    List<String> header = List.of(RowClassifier.TOKEN_FILE_MARK, RowClassifier.TOKEN_FILE_TYPES, "address:addr",
        "cn_mobile:mobile", RowClassifier.TOKEN_FILE_LEVELS);
    RowClassifier tc = new RowClassifier(RowClassifier.tokenColumns(header), HASHER, CN,
        EnumSet.of(FieldType.ADDRESS, FieldType.CN_MOBILE));
    List<String> fields = Arrays.asList(raw.contentKey(), "address;cn_mobile",
        "n:" + raw.tokenMap().get("address"), "v:" + raw.tokenMap().get("cn_mobile"), cell);
    Result fromFile = tc.fromTokens(fields);
    assertEquals(raw.tokenMap(), fromFile.tokenMap());
    assertEquals(raw.levels(), fromFile.levels());
    assertTrue(tc.fromTokens(fields.subList(0, 4)).levels().isEmpty());
  }
}
