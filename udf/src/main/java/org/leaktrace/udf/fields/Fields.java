package org.leaktrace.udf.fields;

import java.util.List;
import org.leaktrace.udf.types.FieldHandler;

/** The handlers of this package (weak identifiers and context fields), for {@code FieldHandlers}. */
public final class Fields {

  private Fields() {}

  /** One handler per type, in {@code FieldType} order. */
  public static List<FieldHandler> handlers() {
    return List.of(
        new PersonNameHandler(),
        new NicknameHandler(),
        new UserIdHandler(),
        new AddressHandler(),
        new GenderHandler(),
        DateHandler.birthDate(),
        new IpAddressHandler(),
        new WaybillHandler(),
        new PasswordHandler(),
        new PasswordHashHandler(),
        new GpsHandler(),
        DateHandler.checkin(),
        DateHandler.checkout(),
        new HotelHandler(),
        new OrderIdHandler(),
        new AmountHandler(),
        new ItemHandler(),
        DateHandler.datetime(),
        new FreeTextHandler());
  }
}
