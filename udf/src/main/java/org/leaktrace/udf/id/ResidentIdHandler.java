package org.leaktrace.udf.id;

import org.leaktrace.udf.types.Check;
import org.leaktrace.udf.types.FieldHandler;
import org.leaktrace.udf.types.FieldType;

/** {@link FieldType#CN_RESIDENT_ID} handler over {@link ResidentIds}. */
public final class ResidentIdHandler implements FieldHandler {

  @Override
  public FieldType type() {
    return FieldType.CN_RESIDENT_ID;
  }

  /**
   * 0.99 for a valid 18-character ID, 0.9 for a valid legacy 15-digit one (15 digits are a weaker
   * shape), 0.6 for a masked ID and 0.5 for the right shape failing a check (about 1 in 11 random
   * 18-digit strings pass the check character, so the shape alone still says something).
   */
  @Override
  public double detect(String raw) {
    Check c = ResidentIds.validate(raw);
    switch (c.status()) {
      case VALID:
        return Chars.compact(raw).length() == 15 ? 0.9 : 0.99;
      case MASKED:
        return 0.6;
      case INVALID:
        return "check_char".equals(c.reason())
                || "birth_date".equals(c.reason())
                || "province".equals(c.reason())
            ? 0.5
            : 0.0;
      default:
        return 0.0;
    }
  }

  @Override
  public Check validate(String raw) {
    return ResidentIds.validate(raw);
  }

  @Override
  public String normalize(String raw) {
    return ResidentIds.normalize(raw);
  }

  @Override
  public String mask(String raw) {
    return ResidentIds.mask(raw);
  }
}
