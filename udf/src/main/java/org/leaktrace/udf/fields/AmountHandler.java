package org.leaktrace.udf.fields;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.leaktrace.udf.types.Check;
import org.leaktrace.udf.types.FieldType;

/**
 * Money amounts ({@code ¥12.50}, {@code 12.50元}, {@code 1,234.00}, {@code RMB 88}). Yuan is assumed
 * unless a dollar sign or code says otherwise; normalized to a plain decimal with at least 2 places.
 */
final class AmountHandler extends BaseHandler {

  private static final Pattern AMOUNT =
      Pattern.compile(
          "(?i)(¥|￥|rmb|cny|人民币|us\\$|usd|\\$)?\\s*"
              + "([+-]?(?:\\d{1,3}(?:,\\d{3})+|\\d+)(?:\\.\\d{1,4})?)"
              + "\\s*(元|块|圆|rmb|cny|人民币|usd|美元)?");

  private static final Pattern DOLLAR = Pattern.compile("(?i)us\\$|usd|\\$|美元");

  private static final String USD_PREFIX = "USD ";

  AmountHandler() {
    super(FieldType.AMOUNT);
  }

  @Override
  double score(String s) {
    Matcher m = AMOUNT.matcher(s);
    if (!m.matches()) {
      return 0.0;
    }
    if (m.group(1) != null || m.group(3) != null) {
      return 0.9;
    }
    String n = m.group(2);
    int dot = n.indexOf('.');
    if (n.indexOf(',') >= 0 || (dot >= 0 && n.length() - dot - 1 == 2)) {
      return 0.5;
    }
    return dot >= 0 ? 0.3 : 0.1;
  }

  @Override
  Check check(String s) {
    return AMOUNT.matcher(s).matches() ? Check.VALID : Check.invalid("amount");
  }

  /** {@code 12.50}, {@code 1234.00}; {@code USD 3.00} when the amount is in dollars; null when unreadable. */
  @Override
  String canonical(String s) {
    Matcher m = AMOUNT.matcher(s);
    if (!m.matches()) {
      return null;
    }
    BigDecimal v = new BigDecimal(m.group(2).replace(",", ""));
    String plain = v.setScale(Math.max(2, v.scale())).toPlainString();
    boolean dollars =
        (m.group(1) != null && DOLLAR.matcher(m.group(1)).matches())
            || (m.group(3) != null && DOLLAR.matcher(m.group(3).toLowerCase(Locale.ROOT)).matches());
    return dollars ? USD_PREFIX + plain : plain;
  }

  /** An amount alone identifies nobody: shown normalized. */
  @Override
  String hide(String s) {
    String c = canonical(s);
    return c == null ? super.hide(s) : c;
  }
}
