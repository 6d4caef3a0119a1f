package org.leaktrace.udf.types;

/** Generic handler for free-text types: no detection, no validation, whitespace-folded normal form. */
public final class TextHandler implements FieldHandler {

  private final FieldType type;

  public TextHandler(FieldType type) {
    this.type = type;
  }

  @Override
  public FieldType type() {
    return type;
  }

  @Override
  public double detect(String raw) {
    return 0.0;
  }

  @Override
  public Check validate(String raw) {
    return Text.blank(raw) ? Check.EMPTY : Check.NOT_VALIDATED;
  }

  @Override
  public String normalize(String raw) {
    return Text.blank(raw) ? null : Text.foldSpaces(Text.halfWidth(raw));
  }

  @Override
  public String mask(String raw) {
    return Text.blank(raw) ? raw : Text.maskMiddle(raw.strip());
  }
}
