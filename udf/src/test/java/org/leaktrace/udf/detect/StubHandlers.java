package org.leaktrace.udf.detect;

import java.util.EnumMap;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.leaktrace.udf.types.Check;
import org.leaktrace.udf.types.FieldHandler;
import org.leaktrace.udf.types.FieldHandlers;
import org.leaktrace.udf.types.FieldType;
import org.leaktrace.udf.types.TextHandler;

/** Test-only stand-ins for the strong-identifier handlers written elsewhere, with their confidence levels. */
final class StubHandlers {

  private static final Pattern MOBILE = Pattern.compile("1[3-9]\\d{9}");
  private static final Pattern ID18 = Pattern.compile("\\d{17}[\\dX]");
  private static final Pattern CARD = Pattern.compile("\\d{16,19}");
  private static final int[] WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
  private static final String CHECK = "10X98765432";

  private StubHandlers() {}

  /** Registered handlers, with stubs for resident ID, mobile and bank card. */
  static Function<FieldType, FieldHandler> withStrongIds() {
    Map<FieldType, FieldHandler> m = new EnumMap<>(FieldType.class);
    m.put(FieldType.CN_RESIDENT_ID, new Stub(FieldType.CN_RESIDENT_ID) {
      @Override
      public Check validate(String raw) {
        if (raw == null || raw.isBlank()) {
          return Check.EMPTY;
        }
        String s = raw.strip();
        if (!ID18.matcher(s).matches()) {
          return Check.invalid("length");
        }
        return s.charAt(17) == checkChar(s) ? Check.VALID : Check.invalid("check_char");
      }
    });
    m.put(FieldType.CN_MOBILE, new Stub(FieldType.CN_MOBILE) {
      @Override
      public Check validate(String raw) {
        if (raw == null || raw.isBlank()) {
          return Check.EMPTY;
        }
        return MOBILE.matcher(raw.strip()).matches() ? Check.VALID : Check.invalid("length");
      }
    });
    m.put(FieldType.BANK_CARD, new Stub(FieldType.BANK_CARD) {
      @Override
      public Check validate(String raw) {
        if (raw == null || raw.isBlank()) {
          return Check.EMPTY;
        }
        String s = raw.strip();
        if (!CARD.matcher(s).matches()) {
          return Check.invalid("length");
        }
        return luhn(s) ? Check.VALID : Check.invalid("luhn");
      }

      @Override
      public double detect(String raw) {
        Check c = validate(raw);
        return c.valid() ? 0.9 : "luhn".equals(c.reason()) ? 0.3 : 0.0;
      }
    });
    return t -> m.getOrDefault(t, FieldHandlers.of(t));
  }

  /** Registered handlers, but resident ID and mobile as the generic text handler (no detector yet). */
  static Function<FieldType, FieldHandler> withoutStrongIds() {
    // PHONE too: its handler reads mobiles as phone numbers
    return t -> t == FieldType.CN_MOBILE || t == FieldType.CN_RESIDENT_ID || t == FieldType.PHONE
        ? new TextHandler(t)
        : FieldHandlers.of(t);
  }

  /** A resident ID with a correct ISO 7064 MOD 11-2 check character for the 17-digit body. */
  static String residentId(String body17) {
    return body17 + checkChar(body17);
  }

  static char checkChar(String s) {
    int sum = 0;
    for (int i = 0; i < 17; i++) {
      sum += (s.charAt(i) - '0') * WEIGHTS[i];
    }
    return CHECK.charAt(sum % 11);
  }

  static boolean luhn(String s) {
    int sum = 0;
    for (int i = 0; i < s.length(); i++) {
      int d = s.charAt(s.length() - 1 - i) - '0';
      if (i % 2 == 1) {
        d = d * 2 > 9 ? d * 2 - 9 : d * 2;
      }
      sum += d;
    }
    return sum % 10 == 0;
  }

  /** Scores 0.97 for a valid value, 0.5 for an invalid one of the right shape, like the real handlers. */
  private abstract static class Stub implements FieldHandler {
    private final FieldType type;

    Stub(FieldType type) {
      this.type = type;
    }

    @Override
    public FieldType type() {
      return type;
    }

    @Override
    public double detect(String raw) {
      Check c = validate(raw);
      return c.valid() ? 0.97 : "check_char".equals(c.reason()) ? 0.5 : 0.0;
    }

    @Override
    public String normalize(String raw) {
      return raw == null ? null : raw.strip();
    }

    @Override
    public String mask(String raw) {
      return raw == null ? null : "***";
    }
  }
}
