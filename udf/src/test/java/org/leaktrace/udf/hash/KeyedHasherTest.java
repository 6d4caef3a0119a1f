package org.leaktrace.udf.hash;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.leaktrace.udf.types.FieldType;

/** Keyed tokens: known answers, determinism, domain separation, thread safety and key handling. */
class KeyedHasherTest {

  /** Test-only key, 36 ASCII bytes. */
  private static final String KEY_TEXT = "test-key-0123456789abcdef-not-secret";

  private static final byte[] KEY = KEY_TEXT.getBytes(StandardCharsets.US_ASCII);

  private final KeyedHasher hasher = new KeyedHasher(KEY);

  @Test
  void knownAnswersMatchAnIndependentHmacSha256() {
    // Expected: first 16 bytes of HMAC-SHA256(KEY, "cn_mobile:13800138000") from another implementation.
    assertEquals("6267c9781a7a48ef9f59010aaefeab09", hasher.token(FieldType.CN_MOBILE, "13800138000"));
    assertEquals("87f2b45c8635924380930d08496ae78f", hasher.token("row", "dump-1|42"));
  }

  @Test
  void deterministicLowerHex128Bits() {
    String a = hasher.token(FieldType.CN_RESIDENT_ID, "110105199003071239");
    String b = new KeyedHasher(KEY).token(FieldType.CN_RESIDENT_ID, "110105199003071239");
    assertEquals(a, b);
    assertEquals(32, a.length());
    assertTrue(a.chars().allMatch(c -> (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f')));
  }

  @Test
  void typeIsTheDomain() {
    assertEquals(hasher.token("cn_mobile", "13800138000"), hasher.token(FieldType.CN_MOBILE, "13800138000"));
  }

  @Test
  void domainSeparation() {
    String v = "13800138000";
    assertNotEquals(hasher.token(FieldType.CN_MOBILE, v), hasher.token(FieldType.PHONE, v));
    assertNotEquals(hasher.token(FieldType.BANK_CARD, v), hasher.token(FieldType.USER_ID, v));
    assertNotEquals(hasher.token("row", v), hasher.token("fingerprint", v));
  }

  @Test
  void domainMayNotBeAmbiguous() {
    assertThrows(IllegalArgumentException.class, () -> hasher.token("a:b", "c"));
    assertThrows(IllegalArgumentException.class, () -> hasher.token("", "c"));
    assertThrows(IllegalArgumentException.class, () -> hasher.token((String) null, "c"));
    assertThrows(IllegalArgumentException.class, () -> hasher.token((FieldType) null, "c"));
  }

  @Test
  void differentKeyDifferentToken() {
    KeyedHasher other = new KeyedHasher("another-test-key-0123456789".getBytes(StandardCharsets.US_ASCII));
    assertNotEquals(hasher.token(FieldType.EMAIL, "a@example.com"), other.token(FieldType.EMAIL, "a@example.com"));
  }

  @Test
  void nullInNullOut() {
    assertNull(hasher.token(FieldType.CN_MOBILE, null));
    assertNull(hasher.token("row", null));
  }

  @Test
  void emptyValueIsHashedNotDropped() {
    assertEquals(32, hasher.token("row", "").length());
  }

  @Test
  void threadSafeUnderParallelStreams() {
    List<String> values =
        IntStream.range(0, 20_000).mapToObj(i -> "1380013" + String.format("%04d", i)).collect(Collectors.toList());
    List<String> sequential =
        values.stream().map(v -> hasher.token(FieldType.CN_MOBILE, v)).collect(Collectors.toList());
    for (int round = 0; round < 3; round++) {
      List<String> parallel =
          values.parallelStream().map(v -> hasher.token(FieldType.CN_MOBILE, v)).collect(Collectors.toList());
      assertEquals(sequential, parallel);
    }
    assertEquals(values.size(), sequential.stream().distinct().count());
  }

  @Test
  void constructorRejectsShortOrMissingKeys() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> new KeyedHasher(new byte[15]));
    assertTrue(e.getMessage().contains("15 bytes"), e.getMessage());
    assertTrue(e.getMessage().contains("16"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new KeyedHasher(null));
    assertEquals(32, new KeyedHasher(new byte[16]).token("row", "x").length());
  }

  @Test
  void constructorCopiesTheKey() {
    byte[] key = KEY.clone();
    KeyedHasher h = new KeyedHasher(key);
    String before = h.token("row", "x");
    key[0] ^= 1;
    assertEquals(before, h.token("row", "x"));
  }

  @Test
  void toStringNeverShowsTheKey() {
    String s = hasher.toString();
    assertFalse(s.contains(KEY_TEXT));
    assertFalse(s.contains("test-key"));
    assertTrue(s.contains("HMAC-SHA256"));
  }

  @Test
  void survivesJavaSerializationAsSparkShipsIt() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(hasher);
    }
    KeyedHasher copy;
    try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      copy = (KeyedHasher) in.readObject();
    }
    assertEquals(hasher.token(FieldType.CN_MOBILE, "13800138000"), copy.token(FieldType.CN_MOBILE, "13800138000"));
  }

  @Test
  void keyFileStripsTrailingWhitespace(@TempDir Path dir) throws IOException {
    Path plain = dir.resolve("plain.key");
    Path newline = dir.resolve("newline.key");
    Files.write(plain, KEY);
    Files.write(newline, (KEY_TEXT + " \r\n\n").getBytes(StandardCharsets.US_ASCII));
    String expected = hasher.token(FieldType.CN_MOBILE, "13800138000");
    assertEquals(expected, KeyedHasher.fromKeyFile(plain).token(FieldType.CN_MOBILE, "13800138000"));
    assertEquals(expected, KeyedHasher.fromKeyFile(newline).token(FieldType.CN_MOBILE, "13800138000"));
  }

  @Test
  void keyFileKeepsLeadingAndInnerBytes(@TempDir Path dir) throws IOException {
    Path leading = dir.resolve("leading.key");
    Files.write(leading, (" " + KEY_TEXT).getBytes(StandardCharsets.US_ASCII));
    assertNotEquals(
        hasher.token("row", "x"), KeyedHasher.fromKeyFile(leading).token("row", "x"));
  }

  @Test
  void keyFileErrorsNameTheFileButNotTheContent(@TempDir Path dir) throws IOException {
    Path missing = dir.resolve("missing.key");
    IllegalArgumentException e1 =
        assertThrows(IllegalArgumentException.class, () -> KeyedHasher.fromKeyFile(missing));
    assertTrue(e1.getMessage().contains(missing.toString()), e1.getMessage());
    assertTrue(e1.getMessage().contains("does not exist"), e1.getMessage());

    Path shortKey = dir.resolve("short.key");
    String shortContent = "tooshort-secret";
    Files.write(shortKey, (shortContent + "\n").getBytes(StandardCharsets.US_ASCII));
    IllegalArgumentException e2 =
        assertThrows(IllegalArgumentException.class, () -> KeyedHasher.fromKeyFile(shortKey));
    assertTrue(e2.getMessage().contains(shortKey.toString()), e2.getMessage());
    assertTrue(e2.getMessage().contains("15 bytes"), e2.getMessage());
    assertFalse(e2.getMessage().contains(shortContent));

    Path blank = dir.resolve("blank.key");
    Files.write(blank, "  \n\n".getBytes(StandardCharsets.US_ASCII));
    assertThrows(IllegalArgumentException.class, () -> KeyedHasher.fromKeyFile(blank));

    IllegalArgumentException e3 =
        assertThrows(IllegalArgumentException.class, () -> KeyedHasher.fromKeyFile(dir));
    assertTrue(e3.getMessage().contains(dir.toString()), e3.getMessage());
    assertThrows(IllegalArgumentException.class, () -> KeyedHasher.fromKeyFile(null));
  }
}
