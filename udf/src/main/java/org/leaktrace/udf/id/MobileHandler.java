package org.leaktrace.udf.id;

import org.leaktrace.udf.types.Check;
import org.leaktrace.udf.types.FieldHandler;
import org.leaktrace.udf.types.FieldType;

/** {@link FieldType#CN_MOBILE} handler over {@link Mobiles}. */
public final class MobileHandler implements FieldHandler {

  @Override
  public FieldType type() {
    return FieldType.CN_MOBILE;
  }

  /**
   * 0.97 for an assigned mobile, 0.6 for a masked one (a masked phone column is still a phone column)
   * and 0.5 for the mobile shape in an unassigned block.
   */
  @Override
  public double detect(String raw) {
    Check c = Mobiles.validate(raw);
    switch (c.status()) {
      case VALID:
        return 0.97;
      case MASKED:
        return 0.6;
      case INVALID:
        return "range".equals(c.reason()) ? 0.5 : 0.0;
      default:
        return 0.0;
    }
  }

  @Override
  public Check validate(String raw) {
    return Mobiles.validate(raw);
  }

  @Override
  public String normalize(String raw) {
    return Mobiles.normalize(raw);
  }

  @Override
  public String mask(String raw) {
    return Mobiles.mask(raw);
  }
}
