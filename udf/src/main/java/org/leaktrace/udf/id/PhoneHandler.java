package org.leaktrace.udf.id;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import org.leaktrace.udf.types.Check;
import org.leaktrace.udf.types.FieldHandler;
import org.leaktrace.udf.types.FieldType;
import org.leaktrace.udf.types.Text;

/**
 * {@link FieldType#PHONE} handler: landlines and foreign numbers, a weak identifier validated by length.
 *
 * <p>Normal form: {@code +<country><number>} (E.164) when the country is known, from a {@code +} or
 * {@code 00} prefix, a mainland trunk {@code 0} ({@code 010-12345678} → {@code +861012345678}) or a
 * mainland mobile shape; otherwise the bare 7–15 digits, since a local number without area code cannot
 * be placed.
 */
public final class PhoneHandler implements FieldHandler {

  private static final int MIN_DIGITS = 7;
  private static final int MAX_DIGITS = 15;

  /** Where an extension starts: 转 ("transfer to"), ext, #. */
  private static final String[] EXTENSION_MARKERS = {"\u8F6C", "ext", "EXT", "Ext", "#"};

  @Override
  public FieldType type() {
    return FieldType.PHONE;
  }

  /** Separators dropped and an extension ({@code 转801}, {@code ext 801}, {@code #801}) cut off; {@code 00} → {@code +}. */
  static String clean(String raw) {
    String s = Mobiles.strip(raw);
    if (s == null) {
      return null;
    }
    int cut = s.length();
    for (String marker : EXTENSION_MARKERS) {
      int i = s.indexOf(marker, 1);
      if (i > 0 && i < cut) {
        cut = i;
      }
    }
    s = s.substring(0, cut);
    if (s.startsWith("00")) {
      s = "+" + s.substring(2);
    } else if (s.length() == 13 && s.startsWith("861") && s.charAt(3) >= '3' && Chars.digits(s)) {
      // "86 138..." is a mainland mobile with its country code but without the plus.
      s = "+" + s;
    }
    return s;
  }

  private static boolean readable(String s) {
    String digits = s.startsWith("+") ? s.substring(1) : s;
    return Chars.digits(digits) && digits.length() >= MIN_DIGITS && digits.length() <= MAX_DIGITS;
  }

  /** The parsed number when its country is known (see class doc), else null. */
  private static PhoneNumber parsed(String s) {
    boolean placeable =
        s.startsWith("+")
            || s.startsWith("0")
            || (s.length() == 11 && s.charAt(0) == '1' && s.charAt(1) >= '3');
    if (!placeable) {
      return null;
    }
    try {
      return Mobiles.PHONE_UTIL.parse(s, "CN");
    } catch (NumberParseException e) {
      return null;
    }
  }

  @Override
  public String normalize(String raw) {
    String s = clean(raw);
    if (s == null || !readable(s)) {
      return null;
    }
    PhoneNumber p = parsed(s);
    if (p != null) {
      return Mobiles.PHONE_UTIL.format(p, PhoneNumberFormat.E164);
    }
    return s;
  }

  /**
   * {@code VALID} when 7–15 digits and, if the country is known, a possible length for it
   * (libphonenumber); {@code MASKED} for digits with a run of mask characters; else {@code INVALID}
   * with reason {@code format} (other characters) or {@code length}.
   */
  @Override
  public Check validate(String raw) {
    if (Text.blank(raw)) {
      return Check.EMPTY;
    }
    String s = clean(raw);
    if (Mobiles.masked(s) || maskedDigits(s)) {
      return Check.MASKED;
    }
    String digits = s.startsWith("+") ? s.substring(1) : s;
    if (!Chars.digits(digits)) {
      return Check.invalid("format");
    }
    if (!readable(s)) {
      return Check.invalid("length");
    }
    PhoneNumber p = parsed(s);
    if (p != null && !Mobiles.PHONE_UTIL.isPossibleNumber(p)) {
      return Check.invalid("length");
    }
    return Check.VALID;
  }

  /** At least 5 digits and one run of 3 or more {@code *}: {@code 010-****5678}. */
  private static boolean maskedDigits(String s) {
    int stars = 0;
    int maxRun = 0;
    int run = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '*') {
        stars++;
        maxRun = Math.max(maxRun, ++run);
      } else if (Chars.isDigit(c) || (i == 0 && c == '+')) {
        run = 0;
      } else {
        return false;
      }
    }
    return stars > 0 && maxRun >= 3 && Chars.countDigits(s) >= 5;
  }

  /**
   * 0.7 for a valid number whose country is known (a {@code +}, {@code 00} or area-code prefix is a
   * strong phone cue), 0.3 for bare valid digits (many codes are 7–15 digits), 0.5 for masked.
   */
  @Override
  public double detect(String raw) {
    Check c = validate(raw);
    if (c.status() == Check.Status.MASKED) {
      return 0.5;
    }
    if (!c.valid()) {
      return 0.0;
    }
    return parsed(clean(raw)) != null ? 0.7 : 0.3;
  }

  /** The normal form with its first 3 and last 2 characters kept: {@code +86*******78}. */
  @Override
  public String mask(String raw) {
    if (raw == null) {
      return null;
    }
    String n = normalize(raw);
    String s = n != null ? n : Chars.compact(raw);
    if (s.isEmpty()) {
      return raw;
    }
    return n != null ? Chars.keepEnds(s, 3, 2) : Chars.keepEnds(s, Math.min(3, s.length() / 4), Math.min(2, s.length() / 4));
  }
}
