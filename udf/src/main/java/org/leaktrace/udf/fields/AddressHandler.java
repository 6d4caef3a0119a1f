package org.leaktrace.udf.fields;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.leaktrace.udf.types.FieldType;
import org.leaktrace.udf.types.Text;

/**
 * Chinese postal addresses, recognised by a leading province name and the administrative and street
 * words (省 市 区 县 镇 路 街 号 室 栋 小区 ...). Masking keeps the province and the city only.
 */
final class AddressHandler extends BaseHandler {

  private static final String PROVINCE_NAMES =
      "北京|天津|上海|重庆|河北|山西|辽宁|吉林|黑龙江|江苏|浙江|安徽|福建|江西|山东|河南|湖北|湖南|广东|海南"
          + "|四川|贵州|云南|陕西|甘肃|青海|台湾|内蒙古|广西|西藏|宁夏|新疆|香港|澳门";

  /** A province at the start, with its optional suffix; group 1 is the name. */
  static final Pattern PROVINCE =
      Pattern.compile(
          "^(" + PROVINCE_NAMES + ")(?:省|市|壮族自治区|回族自治区|维吾尔自治区|自治区|特别行政区)?");

  private static final Pattern MUNICIPALITY = Pattern.compile("北京|天津|上海|重庆|香港|澳门");

  /** A prefecture-level city right after the province (or at the start when the province is left out). */
  private static final Pattern CITY =
      Pattern.compile("^[\\p{IsHan}&&[^省市区县镇乡村路街号]]{1,7}?(?:市|自治州|地区|盟)");

  private static final Pattern MARKERS =
      Pattern.compile("单元|小区|大厦|花园|社区|公寓|大道|新村|[省市区县镇乡村路街巷弄号室栋幢楼]");

  private static final Pattern SPACES = Pattern.compile("\\s+");

  private static final Pattern HAS_HAN = Pattern.compile("\\p{IsHan}");

  /** Hotel names mention streets too; an address ending like a hotel is left to the hotel handler. */
  private static final Pattern HOTEL_END = Pattern.compile(".*(?:酒店|宾馆|旅馆|客栈|饭店|招待所|旅社|民宿)(?:\\(.*\\))?");

  private static final String HIDDEN = "***";

  AddressHandler() {
    super(FieldType.ADDRESS);
  }

  @Override
  double score(String s) {
    if (s.length() < 4 || !HAS_HAN.matcher(s).find()) {
      return 0.0;
    }
    int markers = 0;
    Matcher m = MARKERS.matcher(s);
    while (m.find()) {
      markers++;
    }
    double score;
    if (PROVINCE.matcher(s).find()) {
      score = markers >= 2 ? 0.95 : markers == 1 ? 0.7 : 0.5;
    } else {
      score = markers >= 3 ? 0.85 : markers == 2 ? 0.6 : markers == 1 && s.length() >= 6 ? 0.3 : 0.0;
    }
    return HOTEL_END.matcher(s).matches() ? Math.min(score, 0.2) : score;
  }

  /** Half-width, runs of spaces folded to one. */
  @Override
  String canonical(String s) {
    return Text.foldSpaces(s);
  }

  /** Province and city kept, the rest hidden: {@code 广东省深圳市***}; {@code ***} when neither is found. */
  @Override
  String hide(String s) {
    String a = SPACES.matcher(s).replaceAll("");
    int end = 0;
    Matcher p = PROVINCE.matcher(a);
    boolean municipality = false;
    if (p.find()) {
      end = p.end();
      municipality = MUNICIPALITY.matcher(p.group(1)).matches();
    }
    if (!municipality) {
      Matcher c = CITY.matcher(a.substring(end));
      if (c.find()) {
        end += c.end();
      }
    }
    return a.substring(0, end) + HIDDEN;
  }
}
