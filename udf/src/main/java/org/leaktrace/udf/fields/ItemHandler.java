package org.leaktrace.udf.fields;

import java.util.regex.Pattern;
import org.leaktrace.udf.types.FieldType;
import org.leaktrace.udf.types.Text;

/** Purchased items (product titles): recognised only by shop vocabulary, so weakly; a header decides. */
final class ItemHandler extends BaseHandler {

  private static final Pattern CUES =
      Pattern.compile(
          "(?i)【|】|包邮|正品|新款|同款|旗舰|官方|套装|礼盒|尺码|颜色分类|款式|\\d+\\s*(?:ml|g|kg|件|片|粒|支|瓶|包|盒|袋|装)\\b?");

  ItemHandler() {
    super(FieldType.ITEM);
  }

  @Override
  double score(String s) {
    return s.length() >= 2 && s.length() <= 120 && CUES.matcher(s).find() ? 0.5 : 0.0;
  }

  @Override
  String canonical(String s) {
    return Text.foldSpaces(s);
  }

  /** A product title identifies nobody: shown as read. */
  @Override
  String hide(String s) {
    return Text.foldSpaces(s);
  }
}
