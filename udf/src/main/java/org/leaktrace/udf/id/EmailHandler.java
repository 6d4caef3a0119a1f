package org.leaktrace.udf.id;

import java.util.Locale;
import org.leaktrace.udf.types.Check;
import org.leaktrace.udf.types.FieldHandler;
import org.leaktrace.udf.types.FieldType;
import org.leaktrace.udf.types.Text;

/**
 * {@link FieldType#EMAIL} handler with a pragmatic syntax check: one {@code @}, a dot-atom local part of
 * at most 64 characters, a domain of two or more labels (letters, digits, inner hyphens; IDN letters
 * allowed) ending in an alphabetic top-level label. Quoted local parts and IP-literal domains, legal in
 * RFC 5322 but absent from real dumps, are rejected.
 */
public final class EmailHandler implements FieldHandler {

  /** RFC 5322 atext besides letters and digits. */
  private static final String ATEXT = "!#$%&'*+/=?^_`{|}~-";

  @Override
  public FieldType type() {
    return FieldType.EMAIL;
  }

  /** Full-width forms (＠, ．) and the small commercial at (﹫) folded; surrounding space trimmed. */
  static String fold(String raw) {
    if (raw == null) {
      return null;
    }
    String s = Text.halfWidth(raw).replace('\uFE6B', '@').replace('\u3002', '.');
    return s.strip();
  }

  /** Lower-case, trimmed address (plus-addressing kept), or null when the syntax check fails. */
  @Override
  public String normalize(String raw) {
    String s = fold(raw);
    if (s == null || !reason(s).isEmpty()) {
      return null;
    }
    return s.toLowerCase(Locale.ROOT);
  }

  /**
   * Reasons: {@code format} (no single {@code @}, or white space inside), {@code local_part},
   * {@code domain}. A local part hidden with {@code *} ({@code a***@qq.com}) is {@code MASKED}.
   */
  @Override
  public Check validate(String raw) {
    String s = fold(raw);
    if (s == null || s.isEmpty()) {
      return Check.EMPTY;
    }
    if (masked(s)) {
      return Check.MASKED;
    }
    String reason = reason(s);
    return reason.isEmpty() ? Check.VALID : Check.invalid(reason);
  }

  /** A syntactically valid domain and a local part of at least one visible char followed by {@code **}. */
  private static boolean masked(String s) {
    int at = s.indexOf('@');
    if (at <= 0 || at != s.lastIndexOf('@') || !domainOk(s.substring(at + 1))) {
      return false;
    }
    String local = s.substring(0, at);
    return local.contains("**") && !local.replace("*", "").isEmpty();
  }

  /** Empty when the folded address passes, else the reason. */
  private static String reason(String s) {
    int at = s.indexOf('@');
    if (at < 0 || at != s.lastIndexOf('@')) {
      return "format";
    }
    for (int i = 0; i < s.length(); i++) {
      if (Chars.isSpace(s.charAt(i))) {
        return "format";
      }
    }
    if (!localOk(s.substring(0, at))) {
      return "local_part";
    }
    return domainOk(s.substring(at + 1)) ? "" : "domain";
  }

  private static boolean localOk(String local) {
    int n = local.length();
    if (n == 0 || n > 64 || local.charAt(0) == '.' || local.charAt(n - 1) == '.' || local.contains("..")) {
      return false;
    }
    for (int i = 0; i < n; i++) {
      char c = local.charAt(i);
      boolean ok = (c < 128 && Character.isLetterOrDigit(c)) || c == '.' || ATEXT.indexOf(c) >= 0;
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  private static boolean domainOk(String domain) {
    if (domain.isEmpty() || domain.length() > 253) {
      return false;
    }
    String[] labels = domain.split("\\.", -1);
    if (labels.length < 2) {
      return false;
    }
    for (String label : labels) {
      int n = label.length();
      if (n == 0 || n > 63 || label.charAt(0) == '-' || label.charAt(n - 1) == '-') {
        return false;
      }
      for (int i = 0; i < n; i++) {
        char c = label.charAt(i);
        if (!Character.isLetterOrDigit(c) && c != '-') {
          return false;
        }
      }
    }
    String tld = labels[labels.length - 1];
    if (tld.startsWith("xn--")) {
      return true;
    }
    if (tld.length() < 2) {
      return false;
    }
    for (int i = 0; i < tld.length(); i++) {
      if (!Character.isLetter(tld.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  /** 0.98 valid, 0.6 masked, 0.3 for a value with one {@code @} that fails the syntax check. */
  @Override
  public double detect(String raw) {
    Check c = validate(raw);
    switch (c.status()) {
      case VALID:
        return 0.98;
      case MASKED:
        return 0.6;
      case INVALID:
        return "format".equals(c.reason()) ? 0.0 : 0.3;
      default:
        return 0.0;
    }
  }

  /** First character of the local part, {@code ***}, then the domain: {@code a***@example.com}. */
  @Override
  public String mask(String raw) {
    if (raw == null) {
      return null;
    }
    String n = normalize(raw);
    String s = n != null ? n : fold(raw);
    int at = s.indexOf('@');
    if (at > 0) {
      return s.substring(0, 1) + "***" + s.substring(at);
    }
    return s.isEmpty() ? raw : Text.maskMiddle(s);
  }
}
