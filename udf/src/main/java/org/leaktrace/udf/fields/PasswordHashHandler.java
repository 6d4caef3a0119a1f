package org.leaktrace.udf.fields;

import java.util.Locale;
import java.util.regex.Pattern;
import org.leaktrace.udf.types.Check;
import org.leaktrace.udf.types.FieldType;

/** Password hashes: hex digests (MD5 32, SHA-1 40, SHA-256 64), crypt formats ({@code $2a$}, {@code $6$}), MySQL. */
final class PasswordHashHandler extends BaseHandler {

  private static final Pattern HEX_DIGEST = Pattern.compile("[0-9A-Fa-f]{32}|[0-9A-Fa-f]{40}|[0-9A-Fa-f]{64}");
  private static final Pattern SALTED_HEX = Pattern.compile("[0-9A-Fa-f]{32,64}[:$][\\x21-\\x7E]{1,64}");
  private static final Pattern BCRYPT = Pattern.compile("\\$2[abxy]?\\$\\d{2}\\$[./A-Za-z0-9]{53}");
  private static final Pattern CRYPT = Pattern.compile("\\$(?:1|5|6|apr1)\\$[^$\\s]{0,16}\\$[./A-Za-z0-9]{22,86}");
  private static final Pattern MYSQL = Pattern.compile("\\*[0-9A-Fa-f]{40}");
  private static final Pattern HEX16 = Pattern.compile("[0-9A-Fa-f]{16}");

  PasswordHashHandler() {
    super(FieldType.PASSWORD_HASH);
  }

  @Override
  double score(String s) {
    if (BCRYPT.matcher(s).matches() || CRYPT.matcher(s).matches() || MYSQL.matcher(s).matches()) {
      return 0.99;
    }
    if (HEX_DIGEST.matcher(s).matches()) {
      return 0.85;
    }
    if (SALTED_HEX.matcher(s).matches()) {
      return 0.8;
    }
    // 16 hex digits: the "short MD5" some Chinese sites store, but also many other ids.
    return HEX16.matcher(s).matches() ? 0.4 : 0.0;
  }

  @Override
  Check check(String s) {
    return score(s) > 0 ? Check.VALID : Check.invalid("hash");
  }

  /** Hex digests in lower case; crypt strings as read (their alphabet is case-sensitive). */
  @Override
  String canonical(String s) {
    return HEX_DIGEST.matcher(s).matches() || HEX16.matcher(s).matches()
        ? s.toLowerCase(Locale.ROOT)
        : s;
  }
}
