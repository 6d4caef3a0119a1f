package org.leaktrace.jobs.estimate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ChapmanTest {

  @Test
  void estimateAndVarianceFollowTheFormulas() {
    Chapman c = new Chapman(138, 194, 35);
    assertEquals(139.0 * 195 / 36 - 1, c.estimate(), 1e-9);
    assertEquals(751.9, Math.round(c.estimate() * 10) / 10.0, 0.0);
    assertEquals(139.0 * 195 * 103 * 159 / (36.0 * 36 * 37), c.variance(), 1e-6);
    assertTrue(c.robsonRegierValid(), "138*194 > 4*752");
    assertFalse(new Chapman(10, 10, 0).robsonRegierValid(), "no recapture: 100 < 4*120");
    assertEquals(297, c.observed());
  }

  @Test
  void bootstrapIntervalIsSeededAndSensible() {
    Chapman c = new Chapman(138, 194, 35);
    long[] a = c.interval(2000, 7L, 0.95);
    assertArrayEquals(a, c.interval(2000, 7L, 0.95), "same seed, same interval");
    assertTrue(a[0] < c.estimate() && c.estimate() < a[1], a[0] + ".." + a[1]);
    assertTrue(a[0] >= c.observed());
    double sd = Math.sqrt(c.variance());
    assertTrue(a[1] - a[0] > 2 * sd && a[1] - a[0] < 6 * sd, "width near 4 sd: " + (a[1] - a[0]) + " vs " + sd);
  }

  @Test
  void aFullRecaptureGivesTheSampleSize() {
    Chapman c = new Chapman(50, 50, 50);
    assertEquals(50.0, c.estimate(), 1e-9);
    assertArrayEquals(new long[] {50, 50}, c.interval(500, 1L, 0.95));
  }

  @Test
  void impossibleCountsAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> new Chapman(5, 10, 6));
    assertThrows(IllegalArgumentException.class, () -> new Chapman(-1, 10, 0));
  }
}
