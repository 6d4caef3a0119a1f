package org.leaktrace.udf.fields;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Arrays;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.leaktrace.udf.types.FieldType;
import org.leaktrace.udf.types.Text;

/**
 * What graded record comparison needs of one value besides its normalized form (plain strings, to be
 * keyed-hashed by the caller; nothing here is stored raw):
 *
 * <ul>
 *   <li>{@code surface}: the value as written (half-width, spaces folded), only when that differs from
 *       the normalized form, so a plain {@code 13800138000} carries no style and {@code 138-0013-8000}
 *       does;
 *   <li>{@code meaning[k]}: the value's meaning at granularity {@code k} (0 finest): a date-time to the
 *       second, minute, hour, day; an address to the room, number, road, district; a name in full and
 *       its surname; an amount to the cent and to the unit. Null below the value's own precision (a
 *       time written to the minute has no second; a truncated address no number);
 *   <li>{@code form[k]}: the written form cut at granularity {@code k} (an address's prefix up to the
 *       district, the road, the number, in the writer's own style), for the types whose style survives a
 *       cut.
 * </ul>
 *
 * Two values are then compared at the coarser of their two precisions (METHOD.md, comparison levels).
 */
public final class ComparisonKeys {

  /** Granularities per type: index 0 is the finest. */
  public static final int LEVELS = 4;

  /** The keys of one value; arrays have {@link #LEVELS} entries, null where the value has none. */
  public record Keys(String surface, String[] meaning, String[] form) {

    /** The finest granularity with a meaning key, or -1 when the type is not graded. */
    public int precision() {
      for (int k = 0; k < meaning.length; k++) {
        if (meaning[k] != null) {
          return k;
        }
      }
      return -1;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Keys k && java.util.Objects.equals(surface, k.surface) && Arrays.equals(meaning, k.meaning)
          && Arrays.equals(form, k.form);
    }

    @Override
    public int hashCode() {
      return java.util.Objects.hash(surface, Arrays.hashCode(meaning), Arrays.hashCode(form));
    }

    @Override
    public String toString() {
      return "Keys[surface=" + surface + ", meaning=" + Arrays.toString(meaning) + ", form=" + Arrays.toString(form) + "]";
    }
  }

  /** Courtesy titles written instead of a given name: 张先生, 王女士, 李总. */
  private static final Pattern HONORIFIC = Pattern.compile("(\\p{IsHan}{1,2}?)(先生|女士|小姐|太太|老师|师傅|总|经理)");
  private static final Pattern HAN = Pattern.compile("\\p{IsHan}+");
  /** A district-level unit: two characters and 区/县/旗 (the name before it may be longer; two suffice). */
  private static final Pattern DISTRICT = Pattern.compile("\\p{IsHan}{2}(?:区|县|旗)");
  /** The house number: digits (a range or a sub-number allowed) and 号. */
  private static final Pattern HOUSE_NUMBER = Pattern.compile("\\d+(?:[-之]\\d+)?号");
  private static final Pattern BRACKETED = Pattern.compile("[(（][^)）]*[)）]");

  private ComparisonKeys() {}

  /**
   * The keys of a value of type {@code type}, given the raw value and its normalized form (as the type's
   * handler gives it; null when it could not be normalized: then only the surface is kept).
   */
  public static Keys of(FieldType type, String raw, String normalized) {
    String written = Text.foldSpaces(Text.halfWidth(raw)).strip();
    String surface = normalized == null || written.equals(normalized) ? null : written;
    String[] meaning = new String[LEVELS];
    String[] form = new String[LEVELS];
    if (normalized != null) {
      switch (type) {
        case DATETIME, STAY_CHECKIN, STAY_CHECKOUT, BIRTH_DATE -> dateTime(written, normalized, meaning);
        case ADDRESS -> address(written, meaning, form);
        case PERSON_NAME -> name(normalized, meaning);
        case AMOUNT -> amount(normalized, meaning);
        default -> { }
      }
    }
    return new Keys(surface, meaning, form);
  }

  /**
   * Second, minute, hour, day, from the normalized ISO form; a value without a time of day has the day
   * only, one written without seconds ({@code 13:17}) no second.
   */
  private static void dateTime(String written, String normalized, String[] meaning) {
    if (normalized.length() < 10) {
      return;
    }
    meaning[3] = normalized.substring(0, 10);
    if (normalized.length() < 19) {
      return;
    }
    meaning[2] = normalized.substring(0, 13);
    meaning[1] = normalized.substring(0, 16);
    if (hasSeconds(written)) {
      meaning[0] = normalized.substring(0, 19);
    }
  }

  /** Whether a date-time was written to the second: two colons, else as the date reader saw it. */
  private static boolean hasSeconds(String written) {
    int colons = 0;
    for (int i = 0; i < written.length(); i++) {
      char c = written.charAt(i);
      if (c == ':') {
        colons++;
      }
    }
    if (colons >= 2) {
      return true;
    }
    if (colons == 1) {
      return false;
    }
    return Dates.read(written).map(Dates.Parsed::hasSeconds).orElse(false);
  }

  /**
   * Room, number, road, district by the meaning (province and city left out: writers abbreviate or drop
   * them; brackets and spaces removed), and the written prefix up to each, in the writer's style. The
   * district is the first 区/县/旗 unit after the province (自治区 is a province); the road is what comes
   * before the house number ({@code 12号}), or the whole rest when the number was cut off.
   */
  private static void address(String written, String[] meaning, String[] form) {
    String noBrackets = BRACKETED.matcher(written).replaceAll("");
    // compact text and, for each of its characters, the end of that character in the written form
    StringBuilder compact = new StringBuilder(noBrackets.length());
    int[] endIn = new int[noBrackets.length()];
    for (int i = 0; i < noBrackets.length(); i++) {
      char c = noBrackets.charAt(i);
      if (!Character.isWhitespace(c)) {
        endIn[compact.length()] = i + 1;
        compact.append(c);
      }
    }
    Matcher pm = AddressHandler.PROVINCE.matcher(compact);
    Matcher dm = DISTRICT.matcher(compact);
    int from = pm.lookingAt() ? pm.end() : 0;
    String district = null;
    while (from < compact.length() && dm.find(from)) {
      String d = compact.substring(dm.start(), dm.end());
      if (!d.endsWith("治区") && !d.endsWith("政区")) {
        district = d;
        break;
      }
      from = dm.end();
    }
    if (district == null) {
      return;
    }
    int dEnd = dm.end();
    meaning[3] = district;
    form[3] = noBrackets.substring(0, endIn[dEnd - 1]);
    String street = compact.substring(dEnd);
    if (street.isEmpty()) {
      return;
    }
    Matcher nm = HOUSE_NUMBER.matcher(street);
    if (!nm.find()) {
      meaning[2] = district + "|" + street;
      form[2] = noBrackets.substring(0, endIn[compact.length() - 1]);
      return;
    }
    String road = street.substring(0, nm.start());
    if (road.isEmpty()) {
      return;
    }
    int rEnd = nm.start();
    meaning[2] = district + "|" + road;
    form[2] = noBrackets.substring(0, endIn[dEnd + rEnd - 1]);
    meaning[1] = meaning[2] + "|" + nm.group();
    form[1] = noBrackets.substring(0, endIn[dEnd + nm.end() - 1]);
    if (nm.end() < street.length()) {
      // (no written form at this precision: two values written in full agree in form only if normalized)
      meaning[0] = meaning[1] + "|" + street.substring(nm.end());
    }
  }

  /** In full and the surname; a courtesy title instead of the given name leaves the surname only. */
  private static void name(String normalized, String[] meaning) {
    if (!HAN.matcher(normalized).matches()) {
      meaning[0] = normalized;
      return;
    }
    Matcher h = HONORIFIC.matcher(normalized);
    if (h.matches()) {
      meaning[1] = surname(h.group(1));
      return;
    }
    meaning[0] = normalized;
    meaning[1] = surname(normalized);
  }

  private static String surname(String han) {
    int n = Surnames.instance().prefixLength(han);
    return han.substring(0, Math.max(1, Math.min(n, han.length())));
  }

  /** To the cent and to the unit (a rent of {@code 2500} and {@code 2500.40} share the unit). */
  private static void amount(String normalized, String[] meaning) {
    String currency = normalized.startsWith("USD ") ? "USD " : "";
    try {
      BigDecimal v = new BigDecimal(normalized.substring(currency.length()));
      meaning[0] = normalized;
      meaning[1] = currency + v.setScale(0, RoundingMode.DOWN).toPlainString();
    } catch (NumberFormatException e) {
      meaning[0] = normalized;
    }
  }
}
