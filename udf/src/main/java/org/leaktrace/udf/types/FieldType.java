package org.leaktrace.udf.types;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The column types detection assigns and the case file's {@code columns:} overrides name.
 *
 * <p>The key (lower-case) is the contract name used in case files, taxonomies and summary.json.
 * Whether a type is validated says whether it takes part in the "unverifiable" rule.
 */
public enum FieldType {
  CN_RESIDENT_ID(Strength.STRONG, true),
  CN_MOBILE(Strength.STRONG, true),
  PHONE(Strength.WEAK, true),
  EMAIL(Strength.STRONG, true),
  BANK_CARD(Strength.STRONG, true),
  PASSPORT(Strength.STRONG, true),
  USCC(Strength.STRONG, true),
  PLATE_NUMBER(Strength.STRONG, true),
  PERSON_NAME(Strength.WEAK, false),
  NICKNAME(Strength.WEAK, false),
  USER_ID(Strength.WEAK, false),
  ADDRESS(Strength.WEAK, false),
  GENDER(Strength.WEAK, false),
  BIRTH_DATE(Strength.WEAK, false),
  IP_ADDRESS(Strength.WEAK, false),
  WAYBILL_NO(Strength.WEAK, false),
  PASSWORD(Strength.NONE, false),
  PASSWORD_HASH(Strength.NONE, false),
  GPS(Strength.NONE, false),
  STAY_CHECKIN(Strength.NONE, false),
  STAY_CHECKOUT(Strength.NONE, false),
  HOTEL(Strength.NONE, false),
  ORDER_ID(Strength.NONE, false),
  AMOUNT(Strength.NONE, false),
  ITEM(Strength.NONE, false),
  CALL_RECORD(Strength.NONE, false),
  MESSAGE_TEXT(Strength.NONE, false),
  CREDIT_RECORD(Strength.NONE, false),
  MEDICAL_RECORD(Strength.NONE, false),
  BIOMETRIC(Strength.NONE, false),
  DATETIME(Strength.NONE, false),
  FREE_TEXT(Strength.NONE, false),
  UNKNOWN(Strength.NONE, false);

  private final Strength strength;
  private final boolean validated;
  private final String key;

  FieldType(Strength strength, boolean validated) {
    this.strength = strength;
    this.validated = validated;
    this.key = name().toLowerCase(Locale.ROOT);
  }

  /** The contract name, e.g. {@code cn_resident_id}. */
  public String key() {
    return key;
  }

  public Strength strength() {
    return strength;
  }

  /** True when the type identifies a person at all (strong or weak): a row carrying one is a piece. */
  public boolean identifying() {
    return strength != Strength.NONE;
  }

  /** True when values of this type have a validity check (check character, Luhn, range, syntax). */
  public boolean validated() {
    return validated;
  }

  /** Parses a contract name; the message lists the valid names. */
  public static FieldType of(String key) {
    if (key != null) {
      String k = key.trim().toLowerCase(Locale.ROOT);
      for (FieldType t : values()) {
        if (t.key.equals(k)) {
          return t;
        }
      }
    }
    throw new IllegalArgumentException(
        "unknown field type '" + key + "'; valid types: " + keys());
  }

  /** All contract names, comma-separated, for error messages. */
  public static String keys() {
    return Arrays.stream(values()).map(FieldType::key).collect(Collectors.joining(", "));
  }
}
