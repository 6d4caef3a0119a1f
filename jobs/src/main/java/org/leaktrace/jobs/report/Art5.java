package org.leaktrace.jobs.report;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The Art. 5 tiers of the 2017 SPC/SPP Interpretation as the report shows them (cn-spc-2017 class keys). */
final class Art5 {

  /** Art. 5(1)(3)-(5): pieces that make "serious circumstances", per tier. */
  static final List<Integer> TIERS = List.of(50, 500, 5000);

  /** Art. 5(2): "particularly serious" at 10x. */
  static final int PARTICULARLY_SERIOUS_FACTOR = 10;

  /** Class key to its tier; classes of other taxonomies have none and are shown without a threshold. */
  static final Map<String, Integer> TIER_OF_CLASS = tiers();

  private Art5() {}

  private static Map<String, Integer> tiers() {
    Map<String, Integer> m = new LinkedHashMap<>();
    for (String c : List.of("whereabouts", "communication_content", "credit", "property")) {
      m.put(c, 50);
    }
    for (String c : List.of("accommodation", "communication_records", "health", "transaction")) {
      m.put(c, 500);
    }
    m.put("other", 5000);
    return m;
  }

  /** Orders severity levels: none, serious, particularly_serious; unknown levels rank lowest. */
  static int rank(String level) {
    if (level == null) {
      return -1;
    }
    return switch (level) {
      case "none" -> 0;
      case "serious" -> 1;
      case "particularly_serious" -> 2;
      default -> -1;
    };
  }
}
