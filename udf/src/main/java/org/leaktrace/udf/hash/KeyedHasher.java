package org.leaktrace.udf.hash;

import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import javax.crypto.Mac;
import org.apache.commons.codec.binary.Hex;
import org.apache.commons.codec.digest.HmacAlgorithms;
import org.apache.commons.codec.digest.HmacUtils;
import org.leaktrace.udf.types.FieldType;

/**
 * Keyed tokens: HMAC-SHA256 under the case key over {@code domain + ':' + value}, truncated to 128 bits.
 *
 * <p>The domain (a field type's key, or a caller's name for row and fingerprint keys) separates
 * types: the same digits as a mobile and as a phone give unrelated tokens. Thread-safe: each thread
 * uses its own clone of one keyed {@link Mac}. Serializable so Spark can ship it to executors; the
 * key is never printed, logged or returned.
 */
public final class KeyedHasher implements Serializable {

  private static final long serialVersionUID = 1L;

  /** Shortest key accepted; 32 random bytes are recommended. */
  public static final int MIN_KEY_BYTES = 16;

  /** Token length: 128 bits, 32 hex characters. */
  private static final int TOKEN_BYTES = 16;

  private final byte[] key;

  /** Per-thread keyed MACs, rebuilt after deserialization. */
  private transient ThreadLocal<Mac> macs;
  /** SipHash key for {@link #shortToken}, derived from the case key on first use. */
  private transient volatile long[] sipKey;

  /** Uses a copy of {@code key}; rejects keys shorter than {@link #MIN_KEY_BYTES}. */
  public KeyedHasher(byte[] key) {
    if (key == null) {
      throw new IllegalArgumentException("HMAC key is missing; pass the case key (at least "
          + MIN_KEY_BYTES + " bytes, 32 random bytes recommended)");
    }
    if (key.length < MIN_KEY_BYTES) {
      throw new IllegalArgumentException("HMAC key is " + key.length + " bytes; at least "
          + MIN_KEY_BYTES + " are required (32 random bytes recommended, e.g. "
          + "`head -c 32 /dev/urandom | base64 > case.key`)");
    }
    this.key = key.clone();
    this.macs = newMacs(this.key);
  }

  /**
   * Reads the key from a file: its bytes with trailing white space and newlines removed. Errors name
   * the file and never show its content.
   */
  public static KeyedHasher fromKeyFile(Path file) {
    if (file == null) {
      throw new IllegalArgumentException("key file path is missing; set key_file in the case file");
    }
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new IllegalArgumentException("key file " + file + " does not exist; create it (e.g. "
          + "`head -c 32 /dev/urandom | base64 > " + file + "`) or fix key_file");
    } catch (IOException | SecurityException e) {
      throw new IllegalArgumentException("key file " + file + " cannot be read ("
          + e.getClass().getSimpleName() + "); check that it is a regular file readable by this user");
    }
    int n = bytes.length;
    while (n > 0 && isTrailingSpace(bytes[n - 1])) {
      n--;
    }
    byte[] key = Arrays.copyOf(bytes, n);
    Arrays.fill(bytes, (byte) 0);
    try {
      if (n < MIN_KEY_BYTES) {
        throw new IllegalArgumentException("key file " + file + " holds " + n
            + " bytes after removing trailing white space; at least " + MIN_KEY_BYTES
            + " are required (32 random bytes recommended, e.g. `head -c 32 /dev/urandom | base64 > "
            + file + "`)");
      }
      return new KeyedHasher(key);
    } finally {
      Arrays.fill(key, (byte) 0);
    }
  }

  private static boolean isTrailingSpace(byte b) {
    return b == ' ' || b == '\t' || b == '\n' || b == '\r' || b == '\f' || b == 0x0B;
  }

  private static ThreadLocal<Mac> newMacs(byte[] key) {
    // Key setup happens once; each thread clones the prepared MAC (falls back to its own setup).
    Mac prototype = HmacUtils.getInitializedMac(HmacAlgorithms.HMAC_SHA_256, key);
    return ThreadLocal.withInitial(() -> {
      synchronized (prototype) {
        try {
          return (Mac) prototype.clone();
        } catch (CloneNotSupportedException e) {
          return HmacUtils.getInitializedMac(HmacAlgorithms.HMAC_SHA_256, key);
        }
      }
    });
  }

  private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
    in.defaultReadObject();
    if (key == null || key.length < MIN_KEY_BYTES) {
      throw new java.io.InvalidObjectException("serialized KeyedHasher has no valid key");
    }
    macs = newMacs(key);
  }

  /** Token of a normalized value of one field type; domain = the type's contract key. Null in, null out. */
  public String token(FieldType type, String normalized) {
    if (type == null) {
      throw new IllegalArgumentException("token: field type is missing");
    }
    return token(type.key(), normalized);
  }

  /**
   * Token of {@code value} in {@code domain} (e.g. a row or fingerprint key name): 32 lower-case hex
   * characters. The domain may not contain {@code ':'}, so that {@code domain:value} splits one way only.
   * Null value in, null out.
   */
  public String token(String domain, String value) {
    if (domain == null || domain.isEmpty() || domain.indexOf(':') >= 0) {
      throw new IllegalArgumentException("token domain must be non-empty and without ':', got '" + domain + "'");
    }
    if (value == null) {
      return null;
    }
    Mac mac = macs.get();
    mac.update(domain.getBytes(StandardCharsets.UTF_8));
    mac.update((byte) ':');
    byte[] full = mac.doFinal(value.getBytes(StandardCharsets.UTF_8));
    return Hex.encodeHexString(Arrays.copyOf(full, TOKEN_BYTES), true);
  }

  /**
   * A 48-bit keyed token (12 hex characters) of {@code value} in {@code domain}, for keys compared only
   * among a few candidate records of one person (comparison levels, where a chance equality has
   * probability 2^-48): SipHash-2-4 under a key derived from the case key (HMAC of a fixed label),
   * truncated; several times cheaper than {@link #token(String, String)} on short values and, like it,
   * not computable without the case key. Null value in, null out.
   */
  public String shortToken(String domain, String value) {
    if (domain == null || domain.isEmpty() || domain.indexOf(':') >= 0) {
      throw new IllegalArgumentException("token domain must be non-empty and without ':', got '" + domain + "'");
    }
    if (value == null) {
      return null;
    }
    if (sipKey == null) {
      byte[] k = macs.get().doFinal("leaktrace-short-token-key".getBytes(StandardCharsets.UTF_8));
      sipKey = new long[] {SipHash.word(k, 0, 8), SipHash.word(k, 8, 8)};
    }
    byte[] in = (domain + ":" + value).getBytes(StandardCharsets.UTF_8);
    String hex = Long.toHexString(SipHash.hash(sipKey[0], sipKey[1], in) >>> 16);
    return "0".repeat(12 - hex.length()) + hex;
  }

  /** Describes the scheme only; the key never appears. */
  @Override
  public String toString() {
    return "KeyedHasher[HMAC-SHA256, " + (TOKEN_BYTES * 8) + "-bit tokens]";
  }
}
