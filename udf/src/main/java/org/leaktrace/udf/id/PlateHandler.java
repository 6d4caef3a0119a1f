package org.leaktrace.udf.id;

import java.util.Locale;
import org.leaktrace.udf.types.Check;
import org.leaktrace.udf.types.FieldHandler;
import org.leaktrace.udf.types.FieldType;
import org.leaktrace.udf.types.Text;

/**
 * {@link FieldType#PLATE_NUMBER} handler for mainland plates (GA 36-2018): a province abbreviation, the
 * issuing-authority letter, then 5 characters (ordinary), 4 characters and a use suffix
 * ({@code 学 挂 警 港 澳 领 试 超}) or 6 characters starting or ending with D/F (new-energy vehicles).
 * The serial never uses I or O (mistaken for 1 and 0); the authority letter may be O (police in some
 * provinces).
 */
public final class PlateHandler implements FieldHandler {

  /** The 31 province-level abbreviations. */
  static final String PROVINCES = "京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼";

  private static final String SUFFIXES = "学挂警港澳领试超";

  @Override
  public FieldType type() {
    return FieldType.PLATE_NUMBER;
  }

  /** Province char + upper-case rest without separators ({@code ·}, {@code •}, dot, space, dash). */
  private static String compactUpper(String raw) {
    String s = Chars.compact(raw);
    if (s == null) {
      return null;
    }
    StringBuilder b = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c != '\u00B7' && c != '\u2022' && c != '\u30FB' && c != '.') {
        b.append(c);
      }
    }
    return b.toString().toUpperCase(Locale.ROOT);
  }

  private static boolean serialChar(char c) {
    return Chars.isDigit(c) || (c >= 'A' && c <= 'Z' && c != 'I' && c != 'O');
  }

  static boolean shaped(String s) {
    int n = s.length();
    if (n < 7 || n > 8 || PROVINCES.indexOf(s.charAt(0)) < 0) {
      return false;
    }
    char authority = s.charAt(1);
    if (authority < 'A' || authority > 'Z' || authority == 'I') {
      return false;
    }
    if (n == 7) {
      for (int i = 2; i < 6; i++) {
        if (!serialChar(s.charAt(i))) {
          return false;
        }
      }
      char last = s.charAt(6);
      return serialChar(last) || SUFFIXES.indexOf(last) >= 0;
    }
    for (int i = 2; i < 8; i++) {
      if (!serialChar(s.charAt(i))) {
        return false;
      }
    }
    char first = s.charAt(2);
    char last = s.charAt(7);
    // Small new-energy vehicles: D/F first; large ones: five digits then D/F.
    return first == 'D' || first == 'F' || ((last == 'D' || last == 'F') && Chars.digits(s, 2, 7));
  }

  /** {@code 京A12345}, {@code 粤BD12345}: no separator, upper case; null when not a plate. */
  @Override
  public String normalize(String raw) {
    String s = compactUpper(raw);
    return s != null && shaped(s) ? s : null;
  }

  /** Valid when the shape matches; else INVALID {@code province} (first char) or {@code format}. */
  @Override
  public Check validate(String raw) {
    if (Text.blank(raw)) {
      return Check.EMPTY;
    }
    String s = compactUpper(raw);
    if (shaped(s)) {
      return Check.VALID;
    }
    return !s.isEmpty() && PROVINCES.indexOf(s.charAt(0)) < 0 ? Check.invalid("province") : Check.invalid("format");
  }

  /** 0.95 for a plate shape (a leading province character makes it distinctive), else 0. */
  @Override
  public double detect(String raw) {
    return normalize(raw) != null ? 0.95 : 0.0;
  }

  /** Province, authority letter and the last 2 kept: {@code 京A***45}. */
  @Override
  public String mask(String raw) {
    if (raw == null) {
      return null;
    }
    String n = normalize(raw);
    if (n == null) {
      return Text.blank(raw) ? raw : Text.maskMiddle(raw.strip());
    }
    return Chars.keepEnds(n, 2, 2);
  }
}
