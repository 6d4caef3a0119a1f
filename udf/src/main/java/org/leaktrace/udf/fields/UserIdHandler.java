package org.leaktrace.udf.fields;

import java.util.regex.Pattern;
import org.leaktrace.udf.types.FieldType;

/** Account ids and user names: short ASCII tokens (QQ-style numbers, {@code user_123}); low confidence alone. */
final class UserIdHandler extends BaseHandler {

  private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_.-]{3,32}");
  private static final Pattern NUMERIC = Pattern.compile("\\d{5,12}");
  private static final Pattern LETTERS = Pattern.compile("[A-Za-z]{3,20}");

  UserIdHandler() {
    super(FieldType.USER_ID);
  }

  @Override
  double score(String s) {
    if (!TOKEN.matcher(s).matches()) {
      return 0.0;
    }
    if (NUMERIC.matcher(s).matches()) {
      return 0.3;
    }
    if (LETTERS.matcher(s).matches()) {
      return 0.2;
    }
    return s.chars().anyMatch(Character::isDigit) ? 0.35 : 0.0;
  }

  /** As read: ids are compared exactly, case included. */
  @Override
  String canonical(String s) {
    return s;
  }
}
