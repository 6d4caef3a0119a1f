package org.leaktrace.jobs.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.leaktrace.jobs.config.Format;

class SnifferTest {

  private static final Charset GB = Charset.forName("GB18030");

  private static Layout sniff(byte[] b) {
    return Sniffer.sniff(b, true, Format.AUTO, "auto", null);
  }

  private static final String DASHES = "13800000000----张三----北京市朝阳区建国路1号----2020-03-01 10:00:00\n"
      + "13900000001----李四----上海市徐汇区漕溪北路2号----2020-03-02 11:00:00\n"
      + "13700000002----王五----广州市天河区----2020-03-03 12:00:00\n";

  @Test
  void gb18030DashSeparatedWithoutHeader() {
    Layout l = sniff(DASHES.getBytes(GB));
    assertEquals("GB18030", l.encoding());
    assertEquals("delimited:----", l.format().label());
    assertFalse(l.header());
    assertEquals(4, l.expectedFields());
  }

  @Test
  void sameTextInUtf8IsUtf8() {
    assertEquals("UTF-8", sniff(DASHES.getBytes(StandardCharsets.UTF_8)).encoding());
  }

  @Test
  void oneBadByteDoesNotTurnUtf8IntoGb18030() {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    for (int i = 0; i < 20; i++) {
      b.writeBytes(("名字" + i + ",北京市\n").getBytes(StandardCharsets.UTF_8));
    }
    b.writeBytes(new byte[] {'x', (byte) 0xFF, '\n'});
    assertEquals("UTF-8", Sniffer.sniffEncoding(b.toByteArray()));
  }

  @Test
  void utf16LittleEndianWithAndWithoutBom() {
    String text = "name\tmobile\n张三\t13800000000\n李四\t13900000001\n";
    byte[] noBom = text.getBytes(StandardCharsets.UTF_16LE);
    Layout l = sniff(noBom);
    assertEquals("UTF-16LE", l.encoding());
    assertEquals(0, l.bomBytes());
    assertEquals("tsv", l.format().label());
    assertTrue(l.header());
    byte[] withBom = new byte[noBom.length + 2];
    withBom[0] = (byte) 0xFF;
    withBom[1] = (byte) 0xFE;
    System.arraycopy(noBom, 0, withBom, 2, noBom.length);
    Layout b = sniff(withBom);
    assertEquals("UTF-16LE", b.encoding());
    assertEquals(2, b.bomBytes());
    assertTrue(b.header());
  }

  @Test
  void chineseHeaderIsAHeader() {
    String csv = "姓名,手机号,地址\n张三,13800000000,北京市\n李四,13900000001,上海市\n";
    Layout l = sniff(csv.getBytes(StandardCharsets.UTF_8));
    assertEquals("csv", l.format().label());
    assertTrue(l.header());
    assertEquals(3, l.expectedFields());
  }

  @Test
  void unknownHeaderWordsRecognisedByShape() {
    String csv = "xingming|shouji\n张三|13800000000\n李四|13900000001\n";
    Layout l = sniff(csv.getBytes(StandardCharsets.UTF_8));
    assertEquals("delimited:|", l.format().label());
    assertTrue(l.header());
  }

  @Test
  void aFirstLineHoldingAnIdentifierIsNeverAHeader() {
    // no digits in the first line and a digit-heavy column below: the shape alone would say header
    String combos = "alice@example.com,secret\nbob@example.com,123456\ncarol@example.com,654321\n";
    assertFalse(sniff(combos.getBytes(StandardCharsets.UTF_8)).header());
  }

  @Test
  void jsonLines() {
    String j = "{\"a\":1}\n{\"a\":2,\"b\":\"x\"}\n{broken\n";
    assertEquals(Format.Kind.JSONL, sniff(j.getBytes(StandardCharsets.UTF_8)).format().kind());
  }

  @Test
  void colonOnlyWhenNothingElseFits() {
    String combos = "alice@example.com:pw1\nbob@example.com:pw2\ncarol@example.com:pw3\n";
    assertEquals("delimited::", sniff(combos.getBytes(StandardCharsets.UTF_8)).format().label());
    String csvWithTimes = "a,2020-01-01 10:00:00\nb,2020-01-02 11:00:00\n";
    assertEquals("csv", sniff(csvWithTimes.getBytes(StandardCharsets.UTF_8)).format().label());
  }

  @Test
  void caseFileSettingsWin() {
    Layout l = Sniffer.sniff(DASHES.getBytes(GB), true, Format.delimited("----"), "GB18030", true);
    assertEquals("GB18030", l.encoding());
    assertTrue(l.header());
  }
}
