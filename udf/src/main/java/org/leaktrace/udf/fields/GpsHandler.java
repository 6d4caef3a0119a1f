package org.leaktrace.udf.fields;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.leaktrace.udf.types.Check;
import org.leaktrace.udf.types.FieldType;

/**
 * A coordinate pair {@code lat,lng} or {@code lat lng} (WGS-84 style decimal degrees). Chinese map
 * APIs write {@code lng,lat}: a pair is swapped when only the swapped order is a valid latitude, or
 * only the swapped order falls inside China. Normalized to {@code lat,lng} with 6 decimals.
 */
final class GpsHandler extends BaseHandler {

  private static final Pattern PAIR =
      Pattern.compile("[(\\[]?\\s*([+-]?\\d{1,3}(?:\\.\\d+)?)\\s*(?:[,;，]\\s*|\\s+)([+-]?\\d{1,3}(?:\\.\\d+)?)\\s*[)\\]]?");

  private static final BigDecimal LAT_MAX = BigDecimal.valueOf(90);
  private static final BigDecimal LNG_MAX = BigDecimal.valueOf(180);

  /** A box around mainland China, Hainan and Taiwan: a point inside it is very likely a real fix. */
  private static final double CN_LAT_MIN = 18.0;
  private static final double CN_LAT_MAX = 54.0;
  private static final double CN_LNG_MIN = 73.0;
  private static final double CN_LNG_MAX = 135.0;

  private record Point(BigDecimal lat, BigDecimal lng, int decimals) {}

  GpsHandler() {
    super(FieldType.GPS);
  }

  @Override
  double score(String s) {
    Point p = read(s);
    if (p == null) {
      return 0.0;
    }
    if (!inRange(p)) {
      return 0.1;
    }
    if (p.decimals() < 2) {
      // "3,4" or "12 30" are more often counts or sizes than coordinates.
      return 0.1;
    }
    double base = p.decimals() >= 4 ? 0.7 : 0.4;
    return inChina(p.lat(), p.lng()) ? Math.min(0.95, base + 0.25) : base;
  }

  @Override
  Check check(String s) {
    Point p = read(s);
    if (p == null) {
      return Check.invalid("gps");
    }
    return inRange(p) ? Check.VALID : Check.invalid("range");
  }

  /** {@code lat,lng} with 6 decimals; null when unreadable or out of range. */
  @Override
  String canonical(String s) {
    Point p = read(s);
    if (p == null || !inRange(p)) {
      return null;
    }
    return format(p, 6);
  }

  /** Two decimals (about 1 km), truncated so the masked cell contains the point. */
  @Override
  String hide(String s) {
    Point p = read(s);
    return p == null || !inRange(p) ? super.hide(s) : format(p, 2);
  }

  private static String format(Point p, int decimals) {
    RoundingMode mode = decimals >= 6 ? RoundingMode.HALF_UP : RoundingMode.DOWN;
    return p.lat().setScale(decimals, mode).toPlainString()
        + ","
        + p.lng().setScale(decimals, mode).toPlainString();
  }

  private static Point read(String s) {
    Matcher m = PAIR.matcher(s);
    if (!m.matches()) {
      return null;
    }
    BigDecimal a = new BigDecimal(m.group(1));
    BigDecimal b = new BigDecimal(m.group(2));
    int decimals = Math.min(Math.max(a.scale(), 0), Math.max(b.scale(), 0));
    boolean aLat = a.abs().compareTo(LAT_MAX) <= 0;
    boolean bLat = b.abs().compareTo(LAT_MAX) <= 0;
    boolean swap =
        (!aLat && bLat)
            || (aLat && bLat && !inChina(a, b) && inChina(b, a));
    return swap ? new Point(b, a, decimals) : new Point(a, b, decimals);
  }

  private static boolean inRange(Point p) {
    return p.lat().abs().compareTo(LAT_MAX) <= 0 && p.lng().abs().compareTo(LNG_MAX) <= 0;
  }

  private static boolean inChina(BigDecimal lat, BigDecimal lng) {
    double la = lat.doubleValue();
    double ln = lng.doubleValue();
    return la >= CN_LAT_MIN && la <= CN_LAT_MAX && ln >= CN_LNG_MIN && ln <= CN_LNG_MAX;
  }
}
