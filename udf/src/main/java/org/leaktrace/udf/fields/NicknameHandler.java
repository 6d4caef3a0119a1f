package org.leaktrace.udf.fields;

import java.util.regex.Pattern;
import org.leaktrace.udf.types.FieldType;
import org.leaktrace.udf.types.Text;

/** Screen names: any short label that is not a number or a date. Too common to decide alone: low confidence. */
final class NicknameHandler extends BaseHandler {

  private static final Pattern NUMBER = Pattern.compile("[+-]?[\\d.,:/ -]+");

  NicknameHandler() {
    super(FieldType.NICKNAME);
  }

  @Override
  double score(String s) {
    int n = s.codePointCount(0, s.length());
    if (n > 24 || NUMBER.matcher(s).matches()) {
      return 0.0;
    }
    return 0.3;
  }

  @Override
  String canonical(String s) {
    return Text.foldSpaces(s);
  }
}
