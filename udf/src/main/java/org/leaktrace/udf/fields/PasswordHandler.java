package org.leaktrace.udf.fields;

import java.util.Set;
import java.util.regex.Pattern;
import org.leaktrace.udf.types.FieldType;

/**
 * Plain-text passwords: short printable tokens. Almost any token could be one, so detection is weak
 * and the header decides; the normal form is the value as read (passwords are case-sensitive).
 */
final class PasswordHandler extends BaseHandler {

  private static final Pattern TOKEN = Pattern.compile("[\\x21-\\x7E]{4,32}");
  private static final Pattern LETTER = Pattern.compile("[A-Za-z]");
  private static final Pattern DIGIT = Pattern.compile("\\d");

  /** The most common leaked passwords: a column of them is almost surely a password column. */
  private static final Set<String> COMMON =
      Set.of(
          "123456", "12345678", "123456789", "111111", "000000", "666666", "888888", "123123",
          "password", "qwerty", "abc123", "a123456", "5201314", "1234567", "123321", "woaini",
          "iloveyou", "qq123456", "aa123456", "password1");

  /** Fixed width, so a masked password does not reveal its length. */
  private static final String HIDDEN = "******";

  PasswordHandler() {
    super(FieldType.PASSWORD);
  }

  @Override
  double score(String s) {
    if (!TOKEN.matcher(s).matches()) {
      return 0.0;
    }
    if (COMMON.contains(s)) {
      return 0.5;
    }
    return LETTER.matcher(s).find() && DIGIT.matcher(s).find() ? 0.3 : 0.2;
  }

  @Override
  String canonical(String s) {
    return s;
  }

  @Override
  String hide(String s) {
    return HIDDEN;
  }
}
