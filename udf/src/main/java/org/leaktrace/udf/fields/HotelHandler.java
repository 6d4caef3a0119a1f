package org.leaktrace.udf.fields;

import java.util.regex.Pattern;
import org.leaktrace.udf.types.FieldType;
import org.leaktrace.udf.types.Text;

/** Hotel names (酒店 宾馆 旅馆 客栈 ..., Hotel, Inn, and the large Chinese chains). */
final class HotelHandler extends BaseHandler {

  private static final Pattern HOTEL_WORD =
      Pattern.compile("(?i)酒店|宾馆|旅馆|客栈|饭店|招待所|旅社|民宿|度假村|\\b(?:hotel|inn|hostel|motel|resort)\\b");
  private static final Pattern HOTEL_END =
      Pattern.compile("(?i).*(?:酒店|宾馆|旅馆|客栈|饭店|招待所|旅社|民宿|度假村|\\b(?:hotel|inn|hostel|motel|resort))(?:\\s*[(（].*[)）])?");
  private static final Pattern CHAIN =
      Pattern.compile("如家|汉庭|7天|七天|锦江之星|全季|维也纳|亚朵|格林豪泰|莫泰|速8|布丁|城市便捷|桔子|希尔顿|万豪|喜来登|洲际|凯悦");

  HotelHandler() {
    super(FieldType.HOTEL);
  }

  @Override
  double score(String s) {
    if (s.length() > 60) {
      return 0.0;
    }
    if (HOTEL_END.matcher(s).matches()) {
      return 0.9;
    }
    if (HOTEL_WORD.matcher(s).find()) {
      return 0.6;
    }
    return CHAIN.matcher(s).find() ? 0.5 : 0.0;
  }

  @Override
  String canonical(String s) {
    return Text.foldSpaces(s);
  }

  /** A hotel is a place, not a person: shown as read. */
  @Override
  String hide(String s) {
    return Text.foldSpaces(s);
  }
}
