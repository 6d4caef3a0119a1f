package org.leaktrace.udf.detect;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.leaktrace.udf.types.Check;
import org.leaktrace.udf.types.FieldHandler;
import org.leaktrace.udf.types.FieldHandlers;
import org.leaktrace.udf.types.FieldType;

/**
 * Masked examples of a column, for readers of the report ({@code 138****1234}, {@code 张*}): only for
 * types that identify a person (a password, an amount or a message is never shown, even masked), only
 * values that pass the type's validation (or that have none), each shown in its type's mask, distinct,
 * in the order given; a mask that hides nothing (no {@code *}) is not shown. A raw value never leaves
 * this class.
 */
public final class MaskedSamples {

  /** Examples per column the report shows. */
  public static final int PER_COLUMN = 3;

  private MaskedSamples() {}

  /** Whether a column of this type gets examples at all. */
  public static boolean shown(FieldType type) {
    return type != null && type.identifying();
  }

  /** Up to {@code limit} distinct masks of the usable values among {@code values}, in their order. */
  public static List<String> of(FieldType type, List<String> values, int limit) {
    if (!shown(type) || values == null || limit <= 0) {
      return List.of();
    }
    FieldHandler h = FieldHandlers.of(type);
    Set<String> out = new LinkedHashSet<>();
    for (String v : values) {
      if (out.size() >= limit) {
        break;
      }
      Check.Status s = h.validate(v).status();
      if (s == Check.Status.VALID || s == Check.Status.NOT_VALIDATED) {
        String m = h.mask(v);
        if (m != null && m.indexOf('*') >= 0) { // an example that hides nothing is not shown
          out.add(m);
        }
      }
    }
    return new ArrayList<>(out);
  }
}
