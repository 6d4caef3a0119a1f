package org.leaktrace.udf.fields;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.regex.Pattern;
import org.leaktrace.udf.types.Check;
import org.leaktrace.udf.types.FieldType;

/** IPv4 and IPv6 addresses; IPv6 normalized to the RFC 5952 text form; masking hides the host part. */
final class IpAddressHandler extends BaseHandler {

  private static final Pattern V4 =
      Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");

  /** Only hex digits, colons and an optional embedded IPv4 tail: never a host name, so no DNS lookup. */
  private static final Pattern V6_CHARS = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

  IpAddressHandler() {
    super(FieldType.IP_ADDRESS);
  }

  @Override
  double score(String s) {
    if (v4(s) != null) {
      // Version strings (1.2.3.4) share the shape; a real column is mostly wider octets.
      return 0.9;
    }
    return v6(s) != null ? 0.9 : 0.0;
  }

  @Override
  Check check(String s) {
    return v4(s) != null || v6(s) != null ? Check.VALID : Check.invalid("ip");
  }

  /** IPv4 without leading zeros; IPv6 lower-case with the longest zero run compressed. */
  @Override
  String canonical(String s) {
    int[] four = v4(s);
    if (four != null) {
      return four[0] + "." + four[1] + "." + four[2] + "." + four[3];
    }
    int[] groups = v6(s);
    return groups == null ? null : rfc5952(groups);
  }

  /** Last IPv4 octet hidden ({@code 10.1.2.*}); for IPv6 the interface identifier (last 64 bits). */
  @Override
  String hide(String s) {
    int[] four = v4(s);
    if (four != null) {
      return four[0] + "." + four[1] + "." + four[2] + ".*";
    }
    int[] groups = v6(s);
    if (groups == null) {
      return super.hide(s);
    }
    return String.format(
        Locale.ROOT, "%x:%x:%x:%x:*", groups[0], groups[1], groups[2], groups[3]);
  }

  private static int[] v4(String s) {
    var m = V4.matcher(s);
    if (!m.matches()) {
      return null;
    }
    int[] four = new int[4];
    for (int i = 0; i < 4; i++) {
      four[i] = Integer.parseInt(m.group(i + 1));
      if (four[i] > 255) {
        return null;
      }
    }
    return four;
  }

  private static int[] v6(String s) {
    if (!V6_CHARS.matcher(s).matches()) {
      return null;
    }
    try {
      // A literal with a colon is parsed as IPv6 by InetAddress without any name resolution.
      InetAddress a = InetAddress.getByName(s);
      if (!(a instanceof Inet6Address)) {
        return null;
      }
      byte[] b = a.getAddress();
      int[] groups = new int[8];
      for (int i = 0; i < 8; i++) {
        groups[i] = ((b[2 * i] & 0xff) << 8) | (b[2 * i + 1] & 0xff);
      }
      return groups;
    } catch (UnknownHostException e) {
      return null;
    }
  }

  /** RFC 5952 §4: lower-case, no leading zeros, the longest run (≥ 2) of zero groups as {@code ::}. */
  private static String rfc5952(int[] g) {
    int bestStart = -1;
    int bestLen = 1;
    for (int i = 0; i < 8; ) {
      if (g[i] == 0) {
        int j = i;
        while (j < 8 && g[j] == 0) {
          j++;
        }
        if (j - i > bestLen) {
          bestStart = i;
          bestLen = j - i;
        }
        i = j;
      } else {
        i++;
      }
    }
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < 8; i++) {
      if (i == bestStart) {
        b.append("::");
        i += bestLen - 1;
        continue;
      }
      if (b.length() > 0 && b.charAt(b.length() - 1) != ':') {
        b.append(':');
      }
      b.append(Integer.toHexString(g[i]));
    }
    return b.toString();
  }
}
