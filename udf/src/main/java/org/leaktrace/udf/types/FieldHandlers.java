package org.leaktrace.udf.types;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.leaktrace.udf.fields.Fields;

/** The one registry of field handlers; a type without a specific handler gets {@link TextHandler}. */
public final class FieldHandlers {

  private static final Map<FieldType, FieldHandler> HANDLERS = new EnumMap<>(FieldType.class);

  static {
    for (FieldType t : FieldType.values()) {
      HANDLERS.put(t, new TextHandler(t));
    }
    for (FieldHandler h : specific()) {
      HANDLERS.put(h.type(), h);
    }
  }

  private FieldHandlers() {}

  /** Handlers written for one type; each replaces the generic text handler of its type. */
  private static List<FieldHandler> specific() {
    List<FieldHandler> all = new ArrayList<>();
    all.addAll(Fields.handlers());
    return all;
  }

  public static FieldHandler of(FieldType type) {
    return HANDLERS.get(type);
  }
}
