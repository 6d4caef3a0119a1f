package org.leaktrace.udf.fields;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.leaktrace.udf.types.Text;

/** Reads the date and date-time spellings found in leaks into one local date-time; null-safe. */
public final class Dates {

  /**
   * Zone in which instants (epoch numbers, {@code Z} or offset suffixes) are read as wall-clock
   * time: the platforms in scope are Chinese, and their local timestamps carry no zone, so instants
   * are converted to China Standard Time to compare with them.
   */
  public static final ZoneId DEFAULT_ZONE = ZoneOffset.ofHours(8);

  /** Epoch numbers are only believed inside this window (a 10-digit number is otherwise just a number). */
  static final long EPOCH_MIN_SECONDS = 946_684_800L; // 2000-01-01T00:00:00Z

  static final long EPOCH_MAX_SECONDS = 2_082_758_400L; // 2036-01-01T00:00:00Z

  private static final DateTimeFormatter ISO_DATE = DateTimeFormatter.ofPattern("uuuu-MM-dd");
  private static final DateTimeFormatter ISO_DATE_TIME =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss");

  /** 2020-03-14, 2020/3/14, 2020.3.14, optionally followed by a time and a zone. */
  private static final Pattern SEPARATED =
      Pattern.compile(
          "(\\d{4})([-/.])(\\d{1,2})\\2(\\d{1,2})"
              + "(?:(?:[T ]|\\s+)(\\d{1,2}):(\\d{2})(?::(\\d{2})(?:[.,](\\d{1,9}))?)?"
              + "\\s*(Z|[+-]\\d{2}:?\\d{2})?)?");

  /** 2020年3月14日, optionally followed by 10:22:01 or 10时22分01秒. */
  private static final Pattern CHINESE =
      Pattern.compile(
          "(\\d{4})\\s*年\\s*(\\d{1,2})\\s*月\\s*(\\d{1,2})\\s*[日号]"
              + "(?:\\s*(\\d{1,2})\\s*[:时点]\\s*(\\d{1,2})(?:\\s*[:分]\\s*(\\d{1,2})\\s*秒?)?\\s*分?)?");

  /** 20200314 or 20200314102201. */
  private static final Pattern COMPACT =
      Pattern.compile("((?:19|20)\\d{2})(\\d{2})(\\d{2})(?:(\\d{2})(\\d{2})(\\d{2}))?");

  /** Epoch seconds (10 digits) or milliseconds (13 digits). */
  private static final Pattern EPOCH = Pattern.compile("\\d{10}|\\d{13}");

  /** Anything shaped like a date, valid or not (2020-02-30 is shaped like one). */
  private static final Pattern DATE_SHAPED =
      Pattern.compile("\\d{4}[-/.年]\\s*\\d{1,2}\\s*[-/.月]\\s*\\d{1,2}.*|(?:19|20)\\d{6}(?:\\d{6})?");

  private Dates() {}

  /** How a value was written: decides how sure detection can be and whether a time was given. */
  public enum Form {
    /** 2020-03-14, 2020/3/14, with or without a time. */
    SEPARATED(1.0),
    /** 2020年3月14日. */
    CHINESE(1.0),
    /** 20200314 or 20200314102201: also an ordinary number. */
    COMPACT(0.6),
    /** 1584152521 or 1584152521000: also an ordinary number. */
    EPOCH(0.5);

    private final double confidence;

    Form(double confidence) {
      this.confidence = confidence;
    }

    /** How sure a value of this form is a date at all, before the type's own weighting. */
    public double confidence() {
      return confidence;
    }
  }

  /**
   * A parsed value: the local date-time, whether the source had a time of day, its form, and whether
   * the time was written to the second (a time re-typed to the minute reads as {@code :00}).
   */
  public record Parsed(LocalDateTime value, boolean hasTime, Form form, boolean hasSeconds) {

    Parsed(LocalDateTime value, boolean hasTime, Form form) {
      this(value, hasTime, form, false);
    }

    /** {@code yyyy-MM-dd} when the source had no time, else {@code yyyy-MM-dd'T'HH:mm:ss}. */
    public String iso() {
      return hasTime ? ISO_DATE_TIME.format(value) : ISO_DATE.format(value);
    }

    public String isoDate() {
      return ISO_DATE.format(value);
    }
  }

  /** The local date-time of a value, instants read in {@link #DEFAULT_ZONE}; empty when not a real date. */
  public static Optional<LocalDateTime> parse(String raw) {
    return read(raw, DEFAULT_ZONE).map(Parsed::value);
  }

  /** Like {@link #parse(String)}, keeping whether a time was given and the form. */
  public static Optional<Parsed> read(String raw) {
    return read(raw, DEFAULT_ZONE);
  }

  /** Like {@link #read(String)}, reading instants in the given zone. */
  public static Optional<Parsed> read(String raw, ZoneId zone) {
    if (Text.blank(raw)) {
      return Optional.empty();
    }
    String s = Text.halfWidth(raw).strip();
    try {
      Matcher m = SEPARATED.matcher(s);
      if (m.matches()) {
        LocalDate d = date(m.group(1), m.group(3), m.group(4));
        if (m.group(5) == null) {
          return Optional.of(new Parsed(d.atStartOfDay(), false, Form.SEPARATED));
        }
        LocalDateTime t = d.atTime(time(m.group(5), m.group(6), m.group(7)));
        if (m.group(9) != null) {
          t = toZone(t, offset(m.group(9)), zone);
        }
        return Optional.of(new Parsed(t, true, Form.SEPARATED, m.group(7) != null));
      }
      m = CHINESE.matcher(s);
      if (m.matches()) {
        LocalDate d = date(m.group(1), m.group(2), m.group(3));
        if (m.group(4) == null) {
          return Optional.of(new Parsed(d.atStartOfDay(), false, Form.CHINESE));
        }
        return Optional.of(
            new Parsed(d.atTime(time(m.group(4), m.group(5), m.group(6))), true, Form.CHINESE, m.group(6) != null));
      }
      m = COMPACT.matcher(s);
      if (m.matches()) {
        LocalDate d = date(m.group(1), m.group(2), m.group(3));
        if (m.group(4) == null) {
          return Optional.of(new Parsed(d.atStartOfDay(), false, Form.COMPACT));
        }
        return Optional.of(
            new Parsed(d.atTime(time(m.group(4), m.group(5), m.group(6))), true, Form.COMPACT, true));
      }
      if (EPOCH.matcher(s).matches()) {
        long n = Long.parseLong(s);
        long seconds = s.length() == 13 ? Math.floorDiv(n, 1000L) : n;
        if (seconds < EPOCH_MIN_SECONDS || seconds >= EPOCH_MAX_SECONDS) {
          return Optional.empty();
        }
        Instant i = s.length() == 13 ? Instant.ofEpochMilli(n) : Instant.ofEpochSecond(n);
        LocalDateTime t = LocalDateTime.ofInstant(i, zone).withNano(0);
        return Optional.of(new Parsed(t, true, Form.EPOCH, true));
      }
    } catch (DateTimeException | NumberFormatException e) {
      // A date-shaped value that is not a real date (2020-02-30, 25:61): not parsed.
      return Optional.empty();
    }
    return Optional.empty();
  }

  /** True when the value is written like a date, whether or not the date exists. */
  public static boolean dateShaped(String raw) {
    return !Text.blank(raw) && DATE_SHAPED.matcher(Text.halfWidth(raw).strip()).matches();
  }

  private static LocalDate date(String y, String m, String d) {
    return LocalDate.of(Integer.parseInt(y), Integer.parseInt(m), Integer.parseInt(d));
  }

  private static LocalTime time(String h, String m, String s) {
    // Fractions of a second are dropped: leaks disagree on precision, and dedup compares seconds.
    return LocalTime.of(
        Integer.parseInt(h), Integer.parseInt(m), s == null ? 0 : Integer.parseInt(s));
  }

  private static ZoneOffset offset(String z) {
    if ("Z".equals(z)) {
      return ZoneOffset.UTC;
    }
    String digits = z.replace(":", "");
    return ZoneOffset.of(digits.substring(0, 3) + ":" + digits.substring(3));
  }

  private static LocalDateTime toZone(LocalDateTime t, ZoneOffset from, ZoneId to) {
    return OffsetDateTime.of(t, from).atZoneSameInstant(to).toLocalDateTime();
  }
}
