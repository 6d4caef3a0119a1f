package org.leaktrace.udf.id;

import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberType;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import org.leaktrace.udf.types.Check;
import org.leaktrace.udf.types.Text;

/** Mainland mobile numbers: {@code 1[3-9]} + 9 digits, optional +86/0086/86, real ranges from libphonenumber. */
public final class Mobiles {

  private static final int CN = 86;

  /** libphonenumber's singleton; its getInstance() is synchronized, so it is looked up once, not per row. */
  static final PhoneNumberUtil PHONE_UTIL = PhoneNumberUtil.getInstance();

  private Mobiles() {}

  /**
   * Drops what exports put around and inside numbers: white space, dashes, dots, parentheses, full-width
   * forms; keeps a leading {@code +}.
   */
  static String strip(String raw) {
    String s = Chars.compact(raw);
    if (s == null) {
      return null;
    }
    StringBuilder b = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c != '.' && c != '(' && c != ')') {
        b.append(c);
      }
    }
    return b.toString();
  }

  /** Removes a country prefix (+86, 0086, 86) in front of 11 characters. */
  private static String national(String s) {
    if (s.startsWith("+86") && s.length() == 14) {
      return s.substring(3);
    }
    if (s.startsWith("0086") && s.length() == 15) {
      return s.substring(4);
    }
    if (s.startsWith("86") && s.length() == 13) {
      return s.substring(2);
    }
    return s;
  }

  /** 11 digits {@code 1[3-9]xxxxxxxxx}, or null when the value is not shaped like a mainland mobile. */
  public static String normalize(String raw) {
    String s = strip(raw);
    if (s == null) {
      return null;
    }
    s = national(s);
    return shaped(s) ? s : null;
  }

  private static boolean shaped(String s) {
    return s.length() == 11 && s.charAt(0) == '1' && s.charAt(1) >= '3' && Chars.digits(s);
  }

  private static boolean maskChar(char c) {
    return c == '*' || c == 'x' || c == 'X' || c == '#' || c == '\u2022' || c == '\u00D7';
  }

  /**
   * True for a partly hidden mobile: 11 characters after the prefix, starting {@code 1[3-9]}, with one
   * run of 3–8 mask characters ({@code *}, {@code x}, {@code #}, {@code •}) and digits elsewhere:
   * {@code 138****1234}, {@code 138xxxx1234}, {@code 138-****-1234}, {@code +86 138****1234}.
   */
  public static boolean masked(String raw) {
    String s = strip(raw);
    if (s == null) {
      return false;
    }
    s = national(s);
    if (s.length() != 11 || s.charAt(0) != '1' || s.charAt(1) < '3' || s.charAt(1) > '9') {
      return false;
    }
    int runStart = -1;
    int runEnd = -1;
    for (int i = 2; i < 11; i++) {
      char c = s.charAt(i);
      if (maskChar(c)) {
        if (runStart < 0) {
          runStart = i;
        } else if (runEnd != i) {
          return false;
        }
        runEnd = i + 1;
      } else if (!Chars.isDigit(c)) {
        return false;
      }
    }
    int run = runEnd - runStart;
    return runStart > 0 && run >= 3 && run <= 8;
  }

  /**
   * {@code VALID} when libphonenumber's CN metadata has the number as a mobile (or fixed-line-or-mobile);
   * {@code MASKED}; else {@code INVALID} with reason {@code length} (not 11 digits after the prefix),
   * {@code format} (other characters, or not {@code 1[3-9]}) or {@code range} (a mobile shape in a block
   * that is not assigned, e.g. 154).
   */
  public static Check validate(String raw) {
    if (Text.blank(raw)) {
      return Check.EMPTY;
    }
    if (masked(raw)) {
      return Check.MASKED;
    }
    String s = national(strip(raw));
    String n = normalize(raw);
    if (n == null) {
      String digits = s.startsWith("+") ? s.substring(1) : s;
      if (!Chars.digits(digits)) {
        return Check.invalid("format");
      }
      return s.length() != 11 ? Check.invalid("length") : Check.invalid("format");
    }
    return assigned(n) ? Check.VALID : Check.invalid("range");
  }

  /**
   * True when the 11-digit national number is in an assigned CN mobile block. One evaluation of
   * libphonenumber's patterns: calling code 86 has the one region CN, so a number whose type is MOBILE or
   * FIXED_LINE_OR_MOBILE is valid for CN by the same test ({@code isValidNumberForRegion} would only
   * repeat it; the two calls were 14% of classify's time in the benchmark's profile).
   */
  static boolean assigned(String national11) {
    PhoneNumber p = new PhoneNumber().setCountryCode(CN).setNationalNumber(Long.parseLong(national11));
    PhoneNumberType t = PHONE_UTIL.getNumberType(p);
    return t == PhoneNumberType.MOBILE || t == PhoneNumberType.FIXED_LINE_OR_MOBILE;
  }

  /** {@code 138****1234} for a mobile (first 3 and last 4 kept); other values masked generically. */
  public static String mask(String raw) {
    if (raw == null) {
      return null;
    }
    String n = normalize(raw);
    if (n != null) {
      return Chars.keepEnds(n, 3, 4);
    }
    if (masked(raw)) {
      // Already masked: show it in the standard form instead of hiding the visible digits again.
      StringBuilder b = new StringBuilder(national(strip(raw)));
      for (int i = 0; i < b.length(); i++) {
        if (maskChar(b.charAt(i))) {
          b.setCharAt(i, '*');
        }
      }
      return b.toString();
    }
    String s = Chars.compact(raw);
    return s.isEmpty() ? raw : Chars.keepEnds(s, Math.min(3, s.length() / 4), Math.min(4, s.length() / 4));
  }
}
