package org.leaktrace.udf.fields;

import java.util.Locale;
import java.util.regex.Pattern;
import org.leaktrace.udf.types.Check;
import org.leaktrace.udf.types.FieldType;

/**
 * Courier tracking numbers: carrier-prefixed ({@code SF} + 12–13 digits, {@code YT}/{@code ZT}/{@code
 * JT}/{@code JD} + digits), UPU S10 ({@code EA123456789CN}) and bare 10–15 digit numbers. Bare numbers
 * collide with mobiles, orders and ids, so they score low and a header decides.
 */
final class WaybillHandler extends BaseHandler {

  private static final Pattern SEPARATORS = Pattern.compile("[\\s-]+");
  private static final Pattern CARRIER =
      Pattern.compile("SF\\d{12,13}|(?:YT|ZT|JT|JD|JDV[A-E]|DPK|YD|STO|TT|KYE|DB)\\d{9,15}");
  private static final Pattern UPU_S10 = Pattern.compile("[A-Z]{2}\\d{9}[A-Z]{2}");
  private static final Pattern DIGITS = Pattern.compile("\\d{10,15}");

  WaybillHandler() {
    super(FieldType.WAYBILL_NO);
  }

  @Override
  double score(String s) {
    String c = compact(s);
    if (CARRIER.matcher(c).matches()) {
      return 0.85;
    }
    if (UPU_S10.matcher(c).matches()) {
      return 0.8;
    }
    return DIGITS.matcher(c).matches() ? 0.3 : 0.0;
  }

  @Override
  Check check(String s) {
    return score(s) > 0 ? Check.VALID : Check.invalid("format");
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
