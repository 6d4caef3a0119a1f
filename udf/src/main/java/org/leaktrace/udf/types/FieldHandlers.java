package org.leaktrace.udf.types;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.leaktrace.udf.fields.Fields;
import org.leaktrace.udf.id.BankCardHandler;
import org.leaktrace.udf.id.EmailHandler;
import org.leaktrace.udf.id.MobileHandler;
import org.leaktrace.udf.id.PassportHandler;
import org.leaktrace.udf.id.PhoneHandler;
import org.leaktrace.udf.id.PlateHandler;
import org.leaktrace.udf.id.ResidentIdHandler;
import org.leaktrace.udf.id.UsccHandler;

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
    List<FieldHandler> all = new ArrayList<>(Fields.handlers());
    all.addAll(List.of(
        new ResidentIdHandler(),
        new MobileHandler(),
        new PhoneHandler(),
        new BankCardHandler(),
        new EmailHandler(),
        new UsccHandler(),
        new PassportHandler(),
        new PlateHandler()));
    return all;
  }

  public static FieldHandler of(FieldType type) {
    return HANDLERS.get(type);
  }
}
