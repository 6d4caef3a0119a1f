package org.leaktrace.udf.fields;

import java.util.Locale;
import java.util.regex.Pattern;
import org.leaktrace.udf.types.FieldType;

/**
 * Person names: Chinese names of 2–4 Han characters starting with a common surname (compound ones
 * such as 欧阳 included), minority names joined by a middle dot, and romanized names ({@code Zhang
 * Wei}). Masking keeps the surname only: 张*, 欧阳**.
 */
final class PersonNameHandler extends BaseHandler {

  private static final Pattern HAN_NAME = Pattern.compile("\\p{IsHan}{2,4}");
  private static final Pattern DOTTED_NAME = Pattern.compile("\\p{IsHan}{1,10}(?:·\\p{IsHan}{1,10}){1,3}");
  private static final Pattern LATIN_NAME = Pattern.compile("[A-Za-z]+(?:-[A-Za-z]+)?(?: [A-Za-z]+(?:-[A-Za-z]+)?){1,2}");
  private static final Pattern SPACES = Pattern.compile("\\s+");
  /** Dot variants used between parts of minority and foreign names. */
  private static final Pattern DOTS = Pattern.compile("[•・‧∙．.]");
  /** A last character that makes a Han string a place or a business, not a person. */
  private static final Pattern PLACE_END = Pattern.compile(".*[省市区县镇乡村路街号室栋店馆园厂司]");

  private final Surnames surnames = Surnames.instance();

  PersonNameHandler() {
    super(FieldType.PERSON_NAME);
  }

  @Override
  double score(String s) {
    String han = hanForm(s);
    if (HAN_NAME.matcher(han).matches()) {
      if (PLACE_END.matcher(han).matches()) {
        return 0.05;
      }
      int surname = surnames.prefixLength(han);
      int given = han.length() - surname;
      if (surname == 2) {
        return given >= 1 ? 0.9 : 0.3;
      }
      if (surname == 1) {
        return han.length() == 3 ? 0.85 : han.length() == 2 ? 0.75 : 0.5;
      }
      return 0.2;
    }
    if (DOTTED_NAME.matcher(han).matches()) {
      return 0.6;
    }
    String latin = SPACES.matcher(s).replaceAll(" ");
    if (LATIN_NAME.matcher(latin).matches()) {
      String[] tokens = latin.split(" ");
      boolean known =
          surnames.romanized(tokens[0]) || surnames.romanized(tokens[tokens.length - 1]);
      boolean capitalized = true;
      for (String t : tokens) {
        capitalized &= Character.isUpperCase(t.charAt(0));
      }
      if (known) {
        return capitalized ? 0.7 : 0.5;
      }
      return capitalized ? 0.4 : 0.1;
    }
    return 0.0;
  }

  /** Han names without spaces and with one middle dot; romanized names in title case. */
  @Override
  String canonical(String s) {
    String han = hanForm(s);
    if (HAN_NAME.matcher(han).matches() || DOTTED_NAME.matcher(han).matches()) {
      return han;
    }
    String latin = SPACES.matcher(s).replaceAll(" ");
    if (LATIN_NAME.matcher(latin).matches()) {
      StringBuilder b = new StringBuilder();
      for (String t : latin.split(" ")) {
        if (b.length() > 0) {
          b.append(' ');
        }
        b.append(t.substring(0, 1).toUpperCase(Locale.ROOT))
            .append(t.substring(1).toLowerCase(Locale.ROOT));
      }
      return b.toString();
    }
    return s;
  }

  /** Surname kept, given name starred: 张*, 欧阳**, {@code Zhang ***}. */
  @Override
  String hide(String s) {
    String han = hanForm(s);
    if (HAN_NAME.matcher(han).matches() || DOTTED_NAME.matcher(han).matches()) {
      int keep = Math.max(1, surnames.prefixLength(han));
      StringBuilder b = new StringBuilder(han.substring(0, keep));
      for (int i = keep; i < han.length(); i++) {
        b.append(han.charAt(i) == '·' ? '·' : '*');
      }
      return b.toString();
    }
    String latin = canonical(s);
    if (LATIN_NAME.matcher(latin).matches()) {
      String[] tokens = latin.split(" ");
      int kept = surnames.romanized(tokens[tokens.length - 1]) && !surnames.romanized(tokens[0])
          ? tokens.length - 1
          : 0;
      StringBuilder b = new StringBuilder();
      for (int i = 0; i < tokens.length; i++) {
        if (i > 0) {
          b.append(' ');
        }
        b.append(i == kept ? tokens[i] : "*".repeat(tokens[i].length()));
      }
      return b.toString();
    }
    return super.hide(s);
  }

  private static String hanForm(String s) {
    return DOTS.matcher(SPACES.matcher(s).replaceAll("")).replaceAll("·");
  }
}
