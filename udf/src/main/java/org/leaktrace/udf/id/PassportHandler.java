package org.leaktrace.udf.id;

import java.util.Locale;
import org.leaktrace.udf.types.Check;
import org.leaktrace.udf.types.FieldHandler;
import org.leaktrace.udf.types.FieldType;
import org.leaktrace.udf.types.Text;

/**
 * {@link FieldType#PASSPORT} handler: Chinese ordinary passports ({@code E} or the older {@code G} + 8
 * digits; {@code E} + a letter other than I/O + 7 digits once the E-digits series ran out) and a
 * generic 1–2 letters + 7–8 digits for other countries, with lower confidence.
 */
public final class PassportHandler implements FieldHandler {

  @Override
  public FieldType type() {
    return FieldType.PASSPORT;
  }

  /** Upper case, no spaces or dashes, or null when neither the Chinese nor the generic shape matches. */
  @Override
  public String normalize(String raw) {
    String s = Chars.compact(raw);
    if (s == null) {
      return null;
    }
    s = s.toUpperCase(Locale.ROOT);
    return chinese(s) || generic(s) ? s : null;
  }

  /** {@code E12345678}, {@code G12345678}, {@code EA1234567} (second letter not I or O). */
  static boolean chinese(String s) {
    if (s.length() != 9) {
      return false;
    }
    char a = s.charAt(0);
    char b = s.charAt(1);
    if ((a == 'E' || a == 'G') && Chars.digits(s, 1, 9)) {
      return true;
    }
    return a == 'E' && b >= 'A' && b <= 'Z' && b != 'I' && b != 'O' && Chars.digits(s, 2, 9);
  }

  /** One or two ASCII letters then 7 or 8 digits. */
  static boolean generic(String s) {
    int letters = 0;
    while (letters < s.length() && letters < 3 && s.charAt(letters) >= 'A' && s.charAt(letters) <= 'Z') {
      letters++;
    }
    int digits = s.length() - letters;
    return letters >= 1 && letters <= 2 && digits >= 7 && digits <= 8 && Chars.digits(s, letters, s.length());
  }

  /** Valid when the Chinese or the generic shape matches; else INVALID {@code format}. */
  @Override
  public Check validate(String raw) {
    if (Text.blank(raw)) {
      return Check.EMPTY;
    }
    return normalize(raw) != null ? Check.VALID : Check.invalid("format");
  }

  /** 0.9 for a Chinese passport shape, 0.4 for the generic shape (it also fits many account codes). */
  @Override
  public double detect(String raw) {
    String n = normalize(raw);
    if (n == null) {
      return 0.0;
    }
    return chinese(n) ? 0.9 : 0.4;
  }

  /** Letters and the last 3 digits kept: {@code E*****678}. */
  @Override
  public String mask(String raw) {
    if (raw == null) {
      return null;
    }
    String n = normalize(raw);
    if (n == null) {
      return Text.blank(raw) ? raw : Text.maskMiddle(raw.strip());
    }
    int letters = Chars.isDigit(n.charAt(1)) ? 1 : 2;
    return Chars.keepEnds(n, letters, 3);
  }
}
