package org.leaktrace.udf.fields;

import java.util.regex.Pattern;
import org.leaktrace.udf.types.FieldType;
import org.leaktrace.udf.types.Text;

/** Notes and comments: long text with words or sentence punctuation; the fallback for prose columns. */
final class FreeTextHandler extends BaseHandler {

  private static final Pattern PROSE = Pattern.compile("[\\s，。！？；,.!?;]");

  FreeTextHandler() {
    super(FieldType.FREE_TEXT);
  }

  @Override
  double score(String s) {
    int n = s.codePointCount(0, s.length());
    if (n >= 30) {
      return 0.6;
    }
    return n >= 15 && PROSE.matcher(s).find() ? 0.35 : 0.0;
  }

  @Override
  String canonical(String s) {
    return Text.foldSpaces(s);
  }
}
