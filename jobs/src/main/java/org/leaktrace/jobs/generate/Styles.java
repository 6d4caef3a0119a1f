package org.leaktrace.jobs.generate;

import java.time.LocalDate;
import java.time.LocalDateTime;

/** How each platform, and each reseller's habit, writes the same person's values on the surface. */
final class Styles {

  /** A writer of values: one per platform of the attribution world. */
  enum Style { COURIER_X, HOTEL_Y, RENTAL_Z, SHOP_W, COURIER_R, MARKETING }

  /** How much of an address is kept: all of it, up to the district, or up to the road. */
  enum Cut { NONE, DISTRICT, ROAD }

  /** A postal address in parts: region, road ({@code 科技路}), number ({@code 12号}), unit ({@code 3栋101室}). */
  record Address(Regions.Region region, String road, String number, String unit) {

    /** Splits an address written as {@link Population#newAddress} writes it. */
    static Address parse(Regions.Region region, String full) {
      String prefix = region.province() + city(region) + region.district();
      if (!full.startsWith(prefix)) {
        throw new IllegalArgumentException("address does not start with its region: " + full);
      }
      String rest = full.substring(prefix.length());
      int digit = 0;
      while (digit < rest.length() && !Checks.isDigit(rest.charAt(digit))) {
        digit++;
      }
      int hao = rest.indexOf('号', digit);
      if (digit == 0 || digit == rest.length() || hao < 0) {
        throw new IllegalArgumentException("address has no road and number: " + full);
      }
      return new Address(region, rest.substring(0, digit), rest.substring(digit, hao + 1), rest.substring(hao + 1));
    }
  }

  private Styles() {}

  /** The city as written after the province: empty for the four municipalities (北京市北京市 is never written). */
  private static String city(Regions.Region r) {
    return r.province().equals(r.city()) ? "" : r.city();
  }

  /** The city without its 市 suffix: 深圳, 北京, 呼和浩特. */
  private static String cityShort(Regions.Region r) {
    String c = r.city();
    return c.endsWith("市") ? c.substring(0, c.length() - 1) : c;
  }

  static String mobile(Style s, String m) {
    switch (s) {
      case COURIER_X:
        return m.substring(0, 3) + "-" + m.substring(3, 7) + "-" + m.substring(7);
      case HOTEL_Y:
        return "+86 " + m;
      case RENTAL_Z:
        return m.substring(0, 3) + " " + m.substring(3, 7) + " " + m.substring(7);
      case COURIER_R:
        return "(+86)" + m;
      case MARKETING:
        return m.substring(0, 3) + "." + m.substring(3, 7) + "." + m.substring(7);
      default:
        return m;
    }
  }

  static String address(Style s, Address a) {
    return address(s, a, Cut.NONE);
  }

  /** The address as platform style {@code s} writes it, cut after the district or the road when asked. */
  static String address(Style s, Address a, Cut cut) {
    Regions.Region r = a.region();
    String tail = cut == Cut.DISTRICT ? "" : cut == Cut.ROAD ? a.road() : a.road() + a.number() + a.unit();
    switch (s) {
      case COURIER_X:
        return r.province() + city(r) + r.district() + tail;
      case RENTAL_Z:
        return cityShort(r) + r.district() + tail;
      case SHOP_W: {
        StringBuilder b = new StringBuilder(r.province()).append(' ');
        if (!city(r).isEmpty()) {
          b.append(city(r)).append(' ');
        }
        b.append(r.district());
        return tail.isEmpty() ? b.toString() : b.append(' ').append(tail).toString();
      }
      case COURIER_R:
        return r.city() + r.district() + (cut == Cut.NONE ? a.road() + a.number() : tail);
      case MARKETING:
        return r.district() + (cut == Cut.NONE ? a.road() + a.number() : tail) + "(" + cityShort(r) + ")";
      default:
        throw new IllegalArgumentException(s + " writes no address");
    }
  }

  /** A card number as rental-z shows it (groups of four); plain elsewhere. */
  static String card(Style s, String card) {
    if (s != Style.RENTAL_Z) {
      return card;
    }
    StringBuilder b = new StringBuilder(card.length() + 4);
    for (int i = 0; i < card.length(); i++) {
      if (i > 0 && i % 4 == 0) {
        b.append(' ');
      }
      b.append(card.charAt(i));
    }
    return b.toString();
  }

  /** {@code 2020-01-16 13:17:42}. */
  static String seconds(LocalDateTime t) {
    return t.toLocalDate() + " " + Csv.pad(t.getHour(), 2) + ":" + Csv.pad(t.getMinute(), 2) + ":"
        + Csv.pad(t.getSecond(), 2);
  }

  /** A time written with seconds, re-typed to the minute: {@code 2020-01-16 13:17}. */
  static String toMinute(String withSeconds) {
    return withSeconds.substring(0, 16);
  }

  /** A time written with seconds, re-typed as a Chinese date to the day: {@code 2020年01月16日}. */
  static String chineseDay(String withSeconds) {
    LocalDate d = LocalDate.parse(withSeconds.substring(0, 10));
    return d.getYear() + "年" + Csv.pad(d.getMonthValue(), 2) + "月" + Csv.pad(d.getDayOfMonth(), 2) + "日";
  }

  /** The surname and an honorific instead of the given name: 张先生, 张女士. */
  static String honorific(Person p) {
    return p.surname() + (p.male() ? "先生" : "女士");
  }

  /** The name with a space after the surname: 张 伟. */
  static String spaced(Person p) {
    return p.surname() + " " + p.name().substring(p.surname().length());
  }

  /** {@code 2500.00} as {@code 2500元} (whole yuan) or {@code 2500.00元}. */
  static String withUnit(String amount) {
    return amount.endsWith(".00") ? amount.substring(0, amount.length() - 3) + "元" : amount + "元";
  }

  /** {@code 1234.50} as {@code 1,234.50元}: thousands separators and a unit. */
  static String withSeparators(String amount) {
    int dot = amount.indexOf('.');
    String whole = dot < 0 ? amount : amount.substring(0, dot);
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < whole.length(); i++) {
      if (i > 0 && (whole.length() - i) % 3 == 0) {
        b.append(',');
      }
      b.append(whole.charAt(i));
    }
    return b.append(dot < 0 ? "" : amount.substring(dot)).append('元').toString();
  }
}
