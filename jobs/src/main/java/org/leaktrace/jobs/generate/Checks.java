package org.leaktrace.jobs.generate;

/** Check characters of Chinese identifiers: resident ID (ISO 7064 MOD 11-2) and bank card (Luhn). */
final class Checks {

  private static final int[] ID_WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
  private static final char[] ID_CHECK = {'1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'};

  private Checks() {}

  /** The GB 11643-1999 check character of the first 17 digits of {@code id}. */
  static char idCheckChar(CharSequence id) {
    int sum = 0;
    for (int i = 0; i < 17; i++) {
      sum += (id.charAt(i) - '0') * ID_WEIGHTS[i];
    }
    return ID_CHECK[sum % 11];
  }

  /** True for 17 digits followed by the right check character (upper case). */
  static boolean idCheckOk(String id) {
    if (id.length() != 18) {
      return false;
    }
    for (int i = 0; i < 17; i++) {
      if (!isDigit(id.charAt(i))) {
        return false;
      }
    }
    return id.charAt(17) == idCheckChar(id);
  }

  /** The legacy 15-digit form upgraded to 18: {@code 19} before the 2-digit year, check char appended. */
  static String upgradeId15(String id15) {
    StringBuilder b = new StringBuilder(18).append(id15, 0, 6).append("19").append(id15, 6, 15);
    return b.append(idCheckChar(b)).toString();
  }

  /** The Luhn check digit to append to {@code body}. */
  static char luhnDigit(CharSequence body) {
    int sum = 0;
    boolean dbl = true;
    for (int i = body.length() - 1; i >= 0; i--) {
      int d = body.charAt(i) - '0';
      if (dbl) {
        d *= 2;
        if (d > 9) {
          d -= 9;
        }
      }
      sum += d;
      dbl = !dbl;
    }
    return (char) ('0' + (10 - sum % 10) % 10);
  }

  /** True for an all-digit string whose last digit is its Luhn check digit. */
  static boolean luhnOk(String digits) {
    if (digits.length() < 2) {
      return false;
    }
    for (int i = 0; i < digits.length(); i++) {
      if (!isDigit(digits.charAt(i))) {
        return false;
      }
    }
    return digits.charAt(digits.length() - 1) == luhnDigit(digits.substring(0, digits.length() - 1));
  }

  static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }
}
