package org.leaktrace.udf.id;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.leaktrace.udf.types.Check;
import org.leaktrace.udf.types.FieldHandler;
import org.leaktrace.udf.types.FieldHandlers;
import org.leaktrace.udf.types.FieldType;

/** The identifier handlers are the ones the registry hands out, and all are null-safe. */
class RegistryTest {

  private static final List<FieldType> MINE = List.of(FieldType.CN_RESIDENT_ID, FieldType.CN_MOBILE,
      FieldType.PHONE, FieldType.EMAIL, FieldType.BANK_CARD, FieldType.PASSPORT, FieldType.USCC,
      FieldType.PLATE_NUMBER);

  @Test
  void registeredAndNullSafe() {
    for (FieldType t : MINE) {
      FieldHandler h = FieldHandlers.of(t);
      assertEquals(t, h.type());
      assertEquals(false, h.getClass().getSimpleName().equals("TextHandler"), t.key());
      assertEquals(0.0, h.detect(null), t.key());
      assertEquals(0.0, h.detect(""), t.key());
      assertEquals(Check.EMPTY, h.validate(null), t.key());
      assertEquals(Check.EMPTY, h.validate(" "), t.key());
      assertNull(h.normalize(null), t.key());
      assertNull(h.normalize(" "), t.key());
      assertNull(h.mask(null), t.key());
    }
  }

  @Test
  void sameMobileSameNormalFormAcrossSpellings() {
    FieldHandler h = FieldHandlers.of(FieldType.CN_MOBILE);
    assertEquals(h.normalize("13800138000"), h.normalize("+86 138-0013-8000"));
  }
}
