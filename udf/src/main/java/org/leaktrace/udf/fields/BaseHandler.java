package org.leaktrace.udf.fields;

import org.leaktrace.udf.types.Check;
import org.leaktrace.udf.types.FieldHandler;
import org.leaktrace.udf.types.FieldType;
import org.leaktrace.udf.types.Text;

/** Null and blank handling shared by the handlers of this package: subclasses see stripped, non-blank text. */
abstract class BaseHandler implements FieldHandler {

  private final FieldType type;

  BaseHandler(FieldType type) {
    this.type = type;
  }

  @Override
  public final FieldType type() {
    return type;
  }

  @Override
  public final double detect(String raw) {
    return Text.blank(raw) ? 0.0 : score(Text.halfWidth(raw).strip());
  }

  @Override
  public final Check validate(String raw) {
    return Text.blank(raw) ? Check.EMPTY : check(Text.halfWidth(raw).strip());
  }

  @Override
  public final String normalize(String raw) {
    return Text.blank(raw) ? null : canonical(Text.halfWidth(raw).strip());
  }

  @Override
  public final String mask(String raw) {
    if (raw == null) {
      return null;
    }
    return raw.isBlank() ? raw : hide(Text.halfWidth(raw).strip());
  }

  /** Confidence for a stripped, half-width, non-blank value. */
  abstract double score(String s);

  /** Validity of a stripped, half-width, non-blank value; {@link Check#NOT_VALIDATED} by default. */
  Check check(String s) {
    return Check.NOT_VALIDATED;
  }

  /** Canonical form of a stripped, half-width, non-blank value, or null when unreadable. */
  abstract String canonical(String s);

  /** Display form of a stripped, half-width, non-blank value. */
  String hide(String s) {
    return Text.maskMiddle(s);
  }
}
