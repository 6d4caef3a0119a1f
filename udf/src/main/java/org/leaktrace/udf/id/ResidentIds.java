package org.leaktrace.udf.id;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import org.leaktrace.udf.types.Check;

/** Mainland resident ID numbers (GB 11643-1999): parsing, 15→18 upgrade, check character, birth date, region. */
public final class ResidentIds {

  /** The sex encoded by the parity of the 3-digit sequence number. */
  public enum Sex {
    MALE,
    FEMALE
  }

  /** ISO 7064 MOD 11-2 weights over the first 17 digits (2^(18-i) mod 11). */
  private static final int[] WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};

  /** Check character for (weighted sum mod 11) = 0..10. */
  private static final char[] CHECK = {'1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'};

  /** Earliest birth date accepted: the standard dates from 1999 and no living holder predates 1900. */
  static final LocalDate EARLIEST_BIRTH = LocalDate.of(1900, 1, 1);

  /** Time zone of the issuing authority; "today" for the not-born-yet rule is the date in China. */
  private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

  /**
   * Real 2-digit province prefixes of GB/T 2260, plus 83: residence permits for Hong Kong, Macau and
   * Taiwan residents (2018) carry resident-ID-format numbers with region 810000, 820000 or 830000.
   */
  private static final boolean[] PROVINCE = new boolean[100];

  static {
    int[] codes = {
      11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46, 50, 51, 52,
      53, 54, 61, 62, 63, 64, 65, 71, 81, 82, 83
    };
    for (int c : codes) {
      PROVINCE[c] = true;
    }
  }

  private static final String REGIONS_RESOURCE = "gbt2260.tsv";

  /** Loaded on first use so that handlers which never look at districts do not pay for it. */
  private static final class Regions {
    static final Map<String, String> NAMES = load();

    private static Map<String, String> load() {
      Map<String, String> m = new HashMap<>(4096);
      try (InputStream in = ResidentIds.class.getResourceAsStream(REGIONS_RESOURCE)) {
        if (in == null) {
          throw new IllegalStateException(
              "resource " + REGIONS_RESOURCE + " missing next to " + ResidentIds.class.getName()
                  + "; rebuild the udf jar");
        }
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        for (String line; (line = r.readLine()) != null; ) {
          int tab = line.indexOf('\t');
          if (tab == 6) {
            m.put(line.substring(0, 6), line.substring(7));
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + REGIONS_RESOURCE, e);
      }
      return Collections.unmodifiableMap(m);
    }
  }

  private ResidentIds() {}

  /**
   * The canonical 18-character upper-case form, or null when the value does not have the shape of
   * an ID (17 digits plus digit or X, or the legacy 15 digits). Full-width digits, inner spaces and
   * dashes and a lower-case x are accepted; a 15-digit ID is upgraded ("19" inserted before the
   * year, check character computed). The check character of an 18-character ID is kept as given,
   * so a wrong one still normalizes (and fails {@link #validate}).
   */
  public static String normalize(String raw) {
    String s = Chars.compact(raw);
    if (s == null) {
      return null;
    }
    if (s.length() == 18 && Chars.digits(s, 0, 17)) {
      char last = s.charAt(17);
      if (Chars.isDigit(last)) {
        return s;
      }
      if (last == 'x' || last == 'X') {
        return s.substring(0, 17) + 'X';
      }
      return null;
    }
    if (s.length() == 15 && Chars.digits(s)) {
      return upgrade(s);
    }
    return null;
  }

  /** The 18-character form of a legacy 15-digit ID: {@code RRRRRR YYMMDD SSS} → {@code RRRRRR 19YYMMDD SSS C}. */
  static String upgrade(String fifteen) {
    String body = fifteen.substring(0, 6) + "19" + fifteen.substring(6);
    return body + checkChar(body);
  }

  /** The ISO 7064 MOD 11-2 check character of 17 digits. */
  public static char checkChar(String first17) {
    if (first17 == null || first17.length() < 17 || !Chars.digits(first17, 0, 17)) {
      throw new IllegalArgumentException("checkChar needs 17 leading digits");
    }
    int sum = 0;
    for (int i = 0; i < 17; i++) {
      sum += (first17.charAt(i) - '0') * WEIGHTS[i];
    }
    return CHECK[sum % 11];
  }

  /** Validates against today's date in China; see {@link #validate(String, LocalDate)}. */
  public static Check validate(String raw) {
    return validate(raw, LocalDate.now(CHINA));
  }

  /**
   * Validates shape, check character, birth date (a real calendar date between 1900-01-01 and
   * {@code asOf}) and province, in that order; the first failure is the reason: {@code length},
   * {@code format}, {@code check_char}, {@code birth_date}, {@code province}. Pass the dump's
   * {@code obtained} date as {@code asOf} for results that do not change with the day of the run.
   * An unknown 6-digit district is not a failure (see {@link #regionKnown}).
   */
  public static Check validate(String raw, LocalDate asOf) {
    String s = Chars.compact(raw);
    if (s == null || s.isEmpty()) {
      return Check.EMPTY;
    }
    if (masked(s)) {
      return Check.MASKED;
    }
    String id = normalize(s);
    if (id == null) {
      int n = s.length();
      boolean idChars = Chars.digits(s, 0, n - 1) || Chars.digits(s);
      return idChars && n != 15 && n != 18 ? Check.invalid("length") : Check.invalid("format");
    }
    if (checkChar(id) != id.charAt(17)) {
      return Check.invalid("check_char");
    }
    LocalDate birth = birthDate(id);
    if (birth == null || birth.isBefore(EARLIEST_BIRTH) || (asOf != null && birth.isAfter(asOf))) {
      return Check.invalid("birth_date");
    }
    if (!PROVINCE[(id.charAt(0) - '0') * 10 + (id.charAt(1) - '0')]) {
      return Check.invalid("province");
    }
    return Check.VALID;
  }

  /**
   * True for an 18-character ID with some digits hidden by {@code *} (e.g. {@code 110101********123X},
   * {@code 1101011990****1234}): it still says "this column holds IDs" but cannot be counted or linked.
   */
  public static boolean masked(String raw) {
    String s = Chars.compact(raw);
    if (s == null || s.length() != 18) {
      return false;
    }
    int stars = 0;
    int digits = 0;
    for (int i = 0; i < 18; i++) {
      char c = s.charAt(i);
      if (c == '*') {
        stars++;
      } else if (Chars.isDigit(c) || (i == 17 && (c == 'x' || c == 'X'))) {
        digits++;
      } else {
        return false;
      }
    }
    return stars > 0 && digits >= 4;
  }

  /** The birth date in positions 7–14, or null when the value is not an ID or the date does not exist. */
  public static LocalDate birthDate(String normalized) {
    String id = normalize(normalized);
    if (id == null) {
      return null;
    }
    try {
      return LocalDate.of(
          Integer.parseInt(id, 6, 10, 10),
          Integer.parseInt(id, 10, 12, 10),
          Integer.parseInt(id, 12, 14, 10));
    } catch (DateTimeException e) {
      return null;
    }
  }

  /** The sex from the parity of the sequence number (odd = male), or null when the value is not an ID. */
  public static Sex sex(String normalized) {
    String id = normalize(normalized);
    if (id == null) {
      return null;
    }
    return (id.charAt(16) - '0') % 2 == 1 ? Sex.MALE : Sex.FEMALE;
  }

  /** The 6-digit region code, or null when the value is not an ID. */
  public static String regionCode(String normalized) {
    String id = normalize(normalized);
    return id == null ? null : id.substring(0, 6);
  }

  /**
   * True when the 6-digit region code is in the shipped GB/T 2260 list. False does not make an ID
   * invalid: people keep the code of a district abolished or renumbered after their birth.
   */
  public static boolean regionKnown(String id) {
    String code = regionCode(id);
    return code != null && Regions.NAMES.containsKey(code);
  }

  /** The name of the region code in the shipped list ({@code 东城区}), or null when unknown. */
  public static String regionName(String id) {
    String code = regionCode(id);
    return code == null ? null : Regions.NAMES.get(code);
  }

  /**
   * Display form that hides the district and the whole birth date: first 3 and last 4 characters
   * kept ({@code 110***********123X}). Values that are not IDs are masked generically.
   */
  public static String mask(String raw) {
    if (raw == null) {
      return null;
    }
    String id = normalize(raw);
    if (id == null) {
      String s = Chars.compact(raw);
      return s.isEmpty() ? raw : Chars.keepEnds(s, Math.min(3, s.length() / 4), Math.min(4, s.length() / 4));
    }
    return Chars.keepEnds(id, 3, 4);
  }
}
