package org.leaktrace.jobs.attribute;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The binomial tail behind the significance of agreement, checked against exact values. */
class AttributeBinomialTest {

  @Test
  void upperTailMatchesExactValues() {
    assertEquals(1.0, Binomial.upperTail(10, 0, 0.3), 1e-12);
    assertEquals(0.5, Binomial.upperTail(1, 1, 0.5), 1e-12);
    assertEquals(11.0 / 1024, Binomial.upperTail(10, 9, 0.5), 1e-12);
    assertEquals(1 - Math.pow(0.99, 100), Binomial.upperTail(100, 1, 0.01), 1e-9);
    assertEquals(0.0, Binomial.upperTail(5, 6, 0.5));
    assertTrue(Binomial.upperTail(100, 60, 0.01) < 1e-60, "60 of 100 at a 1% background is no chance");
  }
}
