package org.leaktrace.udf.id;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.leaktrace.udf.types.Check;

/** E-mail syntax, normal form and masks on synthetic addresses. */
class EmailHandlerTest {

  private final EmailHandler h = new EmailHandler();

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "Alice.Liu@Example.COM|alice.liu@example.com",
        "  bob@example.org  |bob@example.org",
        "bob+leak@example.org|bob+leak@example.org",
        "ｃａｒｏｌ＠ｅｘａｍｐｌｅ．ｃｎ|carol@example.cn",
        "dave﹫example.com.cn|dave@example.com.cn",
        "o'neil_x-y@sub.mail-host.example|o'neil_x-y@sub.mail-host.example",
        "user@例子.中国|user@例子.中国",
        "user@example.xn--fiqs8s|user@example.xn--fiqs8s"
      })
  void validAndNormalized(String raw, String expected) {
    assertEquals(Check.VALID, h.validate(raw));
    assertEquals(expected, h.normalize(raw));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "plainaddress|format",
        "a@b@example.com|format",
        "ali ce@example.com|format",
        "@example.com|local_part",
        ".alice@example.com|local_part",
        "alice.@example.com|local_part",
        "al..ice@example.com|local_part",
        "ali(ce)@example.com|local_part",
        "alice@|domain",
        "alice@localhost|domain",
        "alice@example|domain",
        "alice@example.c|domain",
        "alice@example.123|domain",
        "alice@-example.com|domain",
        "alice@example-.com|domain",
        "alice@example..com|domain",
        "alice@exa_mple.com|domain",
        "alice@[192.0.2.1]|domain"
      })
  void invalidWithReason(String raw, String reason) {
    assertEquals(Check.invalid(reason), h.validate(raw));
    assertNull(h.normalize(raw));
  }

  @Test
  void localPartLimit() {
    String local = "a".repeat(64);
    assertEquals(Check.VALID, h.validate(local + "@example.com"));
    assertEquals(Check.invalid("local_part"), h.validate(local + "a@example.com"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"a***@example.com", "ab****@qq.com", "a**z@163.com"})
  void masked(String raw) {
    assertEquals(Check.MASKED, h.validate(raw));
  }

  @Test
  void emptyAndNull() {
    assertEquals(Check.EMPTY, h.validate(null));
    assertEquals(Check.EMPTY, h.validate("   "));
    assertNull(h.normalize(null));
    assertNull(h.mask(null));
  }

  @Test
  void mask() {
    assertEquals("a***@example.com", h.mask("Alice.Liu@Example.com"));
    assertEquals("b***@example.org", h.mask("b@example.org"));
  }

  @Test
  void detect() {
    assertTrue(h.detect("alice@example.com") > 0.9);
    assertTrue(h.detect("a***@example.com") > 0.4);
    assertEquals(0.0, h.detect("no at sign"));
  }
}
