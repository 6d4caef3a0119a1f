package org.leaktrace.udf.id;

import org.leaktrace.udf.types.Check;
import org.leaktrace.udf.types.FieldHandler;
import org.leaktrace.udf.types.FieldType;
import org.leaktrace.udf.types.Text;

/**
 * {@link FieldType#BANK_CARD} handler: 16–19 digits, Luhn check and an issuer-prefix plausibility check.
 *
 * <p>About 1 in 10 random digit strings pass Luhn, so the first digits must also be a plausible issuer
 * (BIN): 4 (Visa), 5 (Mastercard and older domestic cards), 6 (UnionPay 62, Discover 60/64/65),
 * 3 (JCB, Diners), 9 (pre-UnionPay domestic cards, e.g. 9558) and 2 only in Mastercard's 2221–2720 series.
 */
public final class BankCardHandler implements FieldHandler {

  private static final int MIN_DIGITS = 16;
  private static final int MAX_DIGITS = 19;

  @Override
  public FieldType type() {
    return FieldType.BANK_CARD;
  }

  /** The bare 16–19 digits, or null when the value is not a run of 16–19 digits (spaces/dashes allowed). */
  @Override
  public String normalize(String raw) {
    String s = Chars.compact(raw);
    if (s == null || s.length() < MIN_DIGITS || s.length() > MAX_DIGITS || !Chars.digits(s)) {
      return null;
    }
    return s;
  }

  /** Reasons, in the order checked: {@code format}, {@code length}, {@code bin}, {@code luhn}. */
  @Override
  public Check validate(String raw) {
    if (Text.blank(raw)) {
      return Check.EMPTY;
    }
    String s = Chars.compact(raw);
    if (masked(s)) {
      return Check.MASKED;
    }
    if (!Chars.digits(s)) {
      return Check.invalid("format");
    }
    if (s.length() < MIN_DIGITS || s.length() > MAX_DIGITS) {
      return Check.invalid("length");
    }
    if (!plausibleBin(s)) {
      return Check.invalid("bin");
    }
    return luhn(s) ? Check.VALID : Check.invalid("luhn");
  }

  /** Luhn (ISO/IEC 7812-1) over a string of ASCII digits. */
  public static boolean luhn(String digits) {
    if (!Chars.digits(digits)) {
      return false;
    }
    int sum = 0;
    boolean dbl = false;
    for (int i = digits.length() - 1; i >= 0; i--) {
      int d = digits.charAt(i) - '0';
      if (dbl) {
        d *= 2;
        if (d > 9) {
          d -= 9;
        }
      }
      sum += d;
      dbl = !dbl;
    }
    return sum % 10 == 0;
  }

  /** First-digit rule of the class doc; the Mastercard 2-series is 2221–2720. */
  static boolean plausibleBin(String digits) {
    if (digits.length() < 4 || !Chars.digits(digits, 0, 4)) {
      return false;
    }
    switch (digits.charAt(0)) {
      case '3':
      case '4':
      case '5':
      case '6':
      case '9':
        return true;
      case '2':
        int p = Integer.parseInt(digits, 0, 4, 10);
        return p >= 2221 && p <= 2720;
      default:
        return false;
    }
  }

  /** A 16–19 character card number with its middle hidden: {@code 6222 **** **** 1234}, {@code 622202******1234}. */
  static boolean masked(String compact) {
    if (compact == null || compact.length() < MIN_DIGITS || compact.length() > MAX_DIGITS) {
      return false;
    }
    int stars = 0;
    for (int i = 0; i < compact.length(); i++) {
      char c = compact.charAt(i);
      if (c == '*' || c == 'x' || c == 'X') {
        stars++;
      } else if (!Chars.isDigit(c)) {
        return false;
      }
    }
    return stars >= 4 && Chars.isDigit(compact.charAt(0)) && Chars.isDigit(compact.charAt(compact.length() - 1));
  }

  /** 0.95 for a valid UnionPay (62) card, 0.9 for another valid card, 0.5 masked, 0.3 for a failing 16–19 digit run. */
  @Override
  public double detect(String raw) {
    Check c = validate(raw);
    switch (c.status()) {
      case VALID:
        return Chars.compact(raw).startsWith("62") ? 0.95 : 0.9;
      case MASKED:
        return 0.5;
      case INVALID:
        return "bin".equals(c.reason()) || "luhn".equals(c.reason()) ? 0.3 : 0.0;
      default:
        return 0.0;
    }
  }

  /** First 6 (the BIN) and last 4 kept: {@code 622202******1234}. */
  @Override
  public String mask(String raw) {
    if (raw == null) {
      return null;
    }
    String n = normalize(raw);
    if (n != null) {
      return Chars.keepEnds(n, 6, 4);
    }
    String s = Chars.compact(raw);
    return s.isEmpty() ? raw : Chars.keepEnds(s, Math.min(6, s.length() / 4), Math.min(4, s.length() / 4));
  }
}
