package org.leaktrace.jobs.estimate;

import java.util.Arrays;
import org.apache.commons.math3.distribution.BinomialDistribution;
import org.apache.commons.math3.random.RandomGenerator;
import org.apache.commons.math3.random.Well19937c;

/**
 * Two-sample capture–recapture (LEGAL.md): Chapman's estimator of a population from two samples of
 * sizes {@code n1}, {@code n2} with {@code m} units in both, its variance, the Robson–Regier validity
 * condition, and a parametric bootstrap percentile interval (seeded: the same inputs give the same
 * interval to the digit).
 */
public record Chapman(long n1, long n2, long m) {

  public Chapman {
    if (n1 < 0 || n2 < 0 || m < 0 || m > Math.min(n1, n2)) {
      throw new IllegalArgumentException("need 0 <= m <= min(n1, n2): n1=" + n1 + " n2=" + n2 + " m=" + m);
    }
  }

  /** N = (n1+1)(n2+1)/(m+1) − 1. */
  public double estimate() {
    return (double) (n1 + 1) * (n2 + 1) / (m + 1) - 1;
  }

  /** (n1+1)(n2+1)(n1−m)(n2−m) / ((m+1)²(m+2)). */
  public double variance() {
    double mm = m + 1.0;
    return (double) (n1 + 1) * (n2 + 1) * (n1 - m) * (n2 - m) / (mm * mm * (m + 2.0));
  }

  /** Robson &amp; Regier (1964): the estimator is nearly unbiased when n1·n2 &gt; 4N. */
  public boolean robsonRegierValid() {
    return (double) n1 * n2 > 4 * estimate();
  }

  /** Units seen in at least one sample: the population is at least this large. */
  public long observed() {
    return n1 + n2 - m;
  }

  /**
   * Parametric bootstrap: {@code reps} pairs of samples drawn from a population of N̂ units with the
   * observed capture probabilities (multinomial over in-both / first-only / second-only / neither),
   * Chapman on each; the {@code level} percentile interval, never below the units observed.
   *
   * @return {low, high}, low rounded down and high rounded up
   */
  public long[] interval(int reps, long seed, double level) {
    long big = Math.max(Math.round(estimate()), observed());
    if (big == 0) {
      return new long[] {0, 0};
    }
    RandomGenerator rng = new Well19937c(seed);
    double p11 = (double) m / big;
    double p10 = (double) (n1 - m) / big;
    double p01 = (double) (n2 - m) / big;
    double[] values = new double[reps];
    for (int i = 0; i < reps; i++) {
      long both = draw(rng, big, p11);
      long rest = big - both;
      long first = draw(rng, rest, p11 >= 1 ? 0 : Math.min(1, p10 / (1 - p11)));
      long left = rest - first;
      double q = 1 - p11 - p10;
      long second = draw(rng, left, q <= 0 ? 0 : Math.min(1, p01 / q));
      values[i] = new Chapman(both + first, both + second, both).estimate();
    }
    Arrays.sort(values);
    double a = (1 - level) / 2;
    double lo = values[(int) Math.floor(a * (reps - 1))];
    double hi = values[(int) Math.ceil((1 - a) * (reps - 1))];
    return new long[] {Math.max(observed(), (long) Math.floor(lo)), (long) Math.ceil(hi)};
  }

  private static long draw(RandomGenerator rng, long trials, double p) {
    if (trials == 0 || p <= 0) {
      return 0;
    }
    if (p >= 1) {
      return trials;
    }
    if (trials > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("population too large for the bootstrap: " + trials);
    }
    return new BinomialDistribution(rng, (int) trials, p).sample();
  }
}
