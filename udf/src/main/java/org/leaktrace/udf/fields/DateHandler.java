package org.leaktrace.udf.fields;

import java.time.LocalDate;
import java.util.Optional;
import org.leaktrace.udf.types.Check;
import org.leaktrace.udf.types.FieldType;

/**
 * Dates and date-times (birth date, generic time, hotel check-in and check-out): read by {@link
 * Dates}, normalized to ISO. The four types accept the same values; each weights detection so that a
 * column without a header is a plain {@code datetime} and the header picks the specific one.
 */
final class DateHandler extends BaseHandler {

  /** Birth dates before this are taken as typing errors or placeholders (1900-01-01 fillers). */
  private static final LocalDate OLDEST_BIRTH = LocalDate.of(1900, 1, 2);

  private final double weight;

  private DateHandler(FieldType type, double weight) {
    super(type);
    this.weight = weight;
  }

  static DateHandler datetime() {
    return new DateHandler(FieldType.DATETIME, 0.9);
  }

  static DateHandler birthDate() {
    return new DateHandler(FieldType.BIRTH_DATE, 0.75);
  }

  static DateHandler checkin() {
    return new DateHandler(FieldType.STAY_CHECKIN, 0.6);
  }

  static DateHandler checkout() {
    return new DateHandler(FieldType.STAY_CHECKOUT, 0.6);
  }

  private boolean birth() {
    return type() == FieldType.BIRTH_DATE;
  }

  @Override
  double score(String s) {
    Optional<Dates.Parsed> p = Dates.read(s);
    if (p.isEmpty()) {
      // A date-shaped value that is not a real date still says "this is a date column".
      return Dates.dateShaped(s) ? 0.3 * weight : 0.0;
    }
    Dates.Parsed d = p.get();
    if (birth()) {
      if (!plausibleBirth(d.value().toLocalDate())) {
        return 0.0;
      }
      // Birth dates are written without a time of day; a time makes it an event.
      return d.hasTime() ? 0.1 : d.form().confidence() * weight;
    }
    return d.form().confidence() * weight;
  }

  @Override
  Check check(String s) {
    Optional<Dates.Parsed> p = Dates.read(s);
    if (p.isEmpty()) {
      return Check.invalid("date");
    }
    if (birth() && !plausibleBirth(p.get().value().toLocalDate())) {
      return Check.invalid("birth_date");
    }
    return Check.VALID;
  }

  /** {@code yyyy-MM-dd}, or {@code yyyy-MM-dd'T'HH:mm:ss} when a time was given (never for a birth date). */
  @Override
  String canonical(String s) {
    return Dates.read(s).map(d -> birth() ? d.isoDate() : d.iso()).orElse(null);
  }

  /** A birth date keeps its year only ({@code 1990-**-**}); event times are not identifying and stay. */
  @Override
  String hide(String s) {
    Optional<Dates.Parsed> p = Dates.read(s);
    if (p.isEmpty()) {
      return super.hide(s);
    }
    return birth() ? p.get().value().getYear() + "-**-**" : p.get().iso();
  }

  private static boolean plausibleBirth(LocalDate d) {
    return !d.isBefore(OLDEST_BIRTH) && !d.isAfter(LocalDate.now(Dates.DEFAULT_ZONE));
  }
}
