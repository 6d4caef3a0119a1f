package org.leaktrace.udf.fields;

import java.util.Locale;
import java.util.regex.Pattern;
import org.leaktrace.udf.types.FieldType;

/** Platform order numbers: long digit strings with an optional short letter prefix; low confidence alone. */
final class OrderIdHandler extends BaseHandler {

  private static final Pattern SEPARATORS = Pattern.compile("[\\s-]+");
  private static final Pattern ORDER = Pattern.compile("[A-Z]{0,4}\\d{10,32}");

  OrderIdHandler() {
    super(FieldType.ORDER_ID);
  }

  @Override
  double score(String s) {
    return ORDER.matcher(compact(s)).matches() ? 0.3 : 0.0;
  }

  /** Upper-case without spaces or dashes. */
  @Override
  String canonical(String s) {
    return compact(s);
  }

  @Override
  String hide(String s) {
    return super.hide(compact(s));
  }

  private static String compact(String s) {
    return SEPARATORS.matcher(s).replaceAll("").toUpperCase(Locale.ROOT);
  }
}
