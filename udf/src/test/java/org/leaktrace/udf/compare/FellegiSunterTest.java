package org.leaktrace.udf.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FellegiSunterTest {

  private static final int EXACT = Level.EXACT.ordinal();
  private static final int NORM = Level.NORMALIZED.ordinal();
  private static final int COARSE = Level.COARSE.ordinal();
  private static final int DIS = Level.DISAGREE.ordinal();

  /** u: the person's name agrees in any copy or not; the waybill almost never outside a copy. */
  private static Map<String, Map<String, double[]>> u() {
    return Map.of("p", Map.of(
        "person_name", new double[] {0.001, 0.97, 0.001, 0.01, 0.01, 0.01},
        "waybill_no", new double[] {0.001, 0.001, 0.001, 0.001, 0.001, 0.995}));
  }

  private static List<FellegiSunter.Pattern> patterns() {
    List<FellegiSunter.Pattern> p = new ArrayList<>();
    // 300 copies: waybill equal, name equal; 900 other records of the same people: name equal only
    p.add(new FellegiSunter.Pattern("p", Map.of("person_name", NORM, "waybill_no", NORM), 300));
    p.add(new FellegiSunter.Pattern("p", Map.of("person_name", NORM, "waybill_no", DIS), 900));
    // 30 copies whose names were re-typed with a title
    p.add(new FellegiSunter.Pattern("p", Map.of("person_name", COARSE, "waybill_no", NORM), 30));
    return p;
  }

  @Test
  void emFindsTheCopiesAndTheirLevels() {
    FellegiSunter fs = FellegiSunter.estimate(patterns(), u(), Map.of(), 0.001, 500, 1e-9);
    assertEquals(330.0 / 1230, fs.lambda().get("p"), 0.01);
    double[] m = fs.m("waybill_no");
    assertTrue(m[NORM] > 0.97, "copies keep the waybill: " + m[NORM]);
    assertTrue(fs.m("person_name")[COARSE] > 0.05, "some copies re-typed the name");
    // a name agreeing weighs about nothing; a waybill about log2(1/0.001)
    assertEquals(0.0, fs.weight("p", "person_name", NORM), 0.2);
    assertTrue(fs.weight("p", "waybill_no", NORM) > 9.0);
    assertTrue(fs.weight("p", "waybill_no", DIS) < -4.0);
    assertEquals(0.0, fs.weight("other", "waybill_no", NORM));
    // a disagreement never counts for a copy, however rare among non-copies
    List<FellegiSunter.Pattern> typos = new ArrayList<>(patterns());
    typos.add(new FellegiSunter.Pattern("p", Map.of("person_name", DIS, "waybill_no", NORM), 30));
    FellegiSunter rare = FellegiSunter.estimate(typos,
        Map.of("p", Map.of("person_name", new double[] {0.001, 0.97, 0.001, 0.01, 0.01, 0.001},
            "waybill_no", u().get("p").get("waybill_no"))), Map.of(), 0.001, 500, 1e-9);
    assertTrue(rare.m("person_name")[DIS] > 0.05, "copies with a re-typed name: m above u");
    assertEquals(0.0, rare.weight("p", "person_name", DIS), 1e-12);
    assertTrue(rare.score("p", Map.of("person_name", DIS), Map.of()) <= 0.0);
  }

  @Test
  void aValueManyShareWeighsLittle() {
    FellegiSunter fs = FellegiSunter.estimate(patterns(), u(), Map.of(FellegiSunter.tfKey("p", "waybill_no", "t0"), 0.25),
        0.001, 500, 1e-9);
    double rare = fs.score("p", Map.of("waybill_no", NORM), Map.of("waybill_no", "t1"));
    double common = fs.score("p", Map.of("waybill_no", NORM), Map.of("waybill_no", "t0"));
    assertTrue(rare > 9.0);
    assertEquals(Math.log(fs.m("waybill_no")[NORM] / 0.25) / Math.log(2), common, 1e-9);
    // the exact written form is adjusted the same way; coarser levels are not values
    assertTrue(fs.score("p", Map.of("waybill_no", EXACT), Map.of("waybill_no", "t0")) < 3.0);
    assertEquals(0.0, fs.score("p", Map.of(), Map.of()));
  }
}
