package org.leaktrace.udf.id;

import java.util.Locale;
import org.leaktrace.udf.types.Check;
import org.leaktrace.udf.types.FieldHandler;
import org.leaktrace.udf.types.FieldType;
import org.leaktrace.udf.types.Text;

/**
 * {@link FieldType#USCC} handler: Unified Social Credit Codes (GB 32100-2015), 18 characters over
 * {@code 0-9A-Z} without I, O, Z, S, V, with a mod-31 check character.
 *
 * <p>Some real codes fail the check; they are INVALID with reason {@code check_char} here and the
 * counting stage flags them rather than dropping them.
 */
public final class UsccHandler implements FieldHandler {

  /** The 31 code characters; a character's value is its index. */
  static final String ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY";

  /** 3^(i-1) mod 31 for positions 1..17. */
  private static final int[] WEIGHTS = new int[17];

  static {
    int w = 1;
    for (int i = 0; i < 17; i++) {
      WEIGHTS[i] = w;
      w = (w * 3) % 31;
    }
  }

  @Override
  public FieldType type() {
    return FieldType.USCC;
  }

  private static String compactUpper(String raw) {
    String s = Chars.compact(raw);
    return s == null ? null : s.toUpperCase(Locale.ROOT);
  }

  private static boolean inAlphabet(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (ALPHABET.indexOf(s.charAt(i)) < 0) {
        return false;
      }
    }
    return true;
  }

  /** The check character of the first 17 code characters: 31 − (Σ value·weight mod 31), 31 → 0. */
  public static char checkChar(String first17) {
    if (first17 == null || first17.length() < 17) {
      throw new IllegalArgumentException("checkChar needs 17 code characters");
    }
    int sum = 0;
    for (int i = 0; i < 17; i++) {
      int v = ALPHABET.indexOf(first17.charAt(i));
      if (v < 0) {
        throw new IllegalArgumentException("checkChar: character " + (i + 1) + " is not a code character");
      }
      sum += v * WEIGHTS[i];
    }
    int c = 31 - sum % 31;
    return ALPHABET.charAt(c == 31 ? 0 : c);
  }

  /** Upper-case 18 code characters without separators, or null when the value is not shaped like a code. */
  @Override
  public String normalize(String raw) {
    String s = compactUpper(raw);
    return s != null && s.length() == 18 && inAlphabet(s) ? s : null;
  }

  /** Reasons: {@code length}, {@code format} (a character outside the code alphabet), {@code check_char}. */
  @Override
  public Check validate(String raw) {
    String s = compactUpper(raw);
    if (s == null || s.isEmpty()) {
      return Check.EMPTY;
    }
    if (s.length() != 18) {
      return Check.invalid("length");
    }
    if (!inAlphabet(s)) {
      return Check.invalid("format");
    }
    return checkChar(s) == s.charAt(17) ? Check.VALID : Check.invalid("check_char");
  }

  /**
   * 0.95 valid; 0.6 for the right shape failing the check (such codes exist), but only when the value
   * has letters or starts like a real code, since 18 bare digits are more often a resident ID.
   */
  @Override
  public double detect(String raw) {
    Check c = validate(raw);
    if (c.valid()) {
      return 0.95;
    }
    return "check_char".equals(c.reason()) && !Chars.digits(normalize(raw)) ? 0.6 : 0.0;
  }

  /** Authority, type and region (first 8) and the last 2 kept: {@code 91110108********5X}. */
  @Override
  public String mask(String raw) {
    if (raw == null) {
      return null;
    }
    String n = normalize(raw);
    if (n != null) {
      return Chars.keepEnds(n, 8, 2);
    }
    return Text.blank(raw) ? raw : Text.maskMiddle(raw.strip());
  }
}
