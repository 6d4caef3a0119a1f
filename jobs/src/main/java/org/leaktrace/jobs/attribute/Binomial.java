package org.leaktrace.jobs.attribute;

/** Binomial upper tail, plain Java: the chance of {@code k} or more successes in {@code n} trials. */
public final class Binomial {

  private Binomial() {}

  /** P(X ≥ k) for X ~ Binomial(n, p); 1 when k ≤ 0, 0 when k > n. */
  public static double upperTail(long n, long k, double p) {
    if (k <= 0) {
      return 1.0;
    }
    if (k > n) {
      return 0.0;
    }
    if (p <= 0) {
      return 0.0;
    }
    if (p >= 1) {
      return 1.0;
    }
    // log of the first term C(n,k) p^k (1-p)^(n-k), then the ratio recursion term(i+1)/term(i)
    double log = logChoose(n, k) + k * Math.log(p) + (n - k) * Math.log1p(-p);
    double sum = 0;
    double term = 1;
    double ratio = p / (1 - p);
    for (long i = k; i <= n; i++) {
      sum += term;
      term *= (double) (n - i) / (i + 1) * ratio;
      if (term < 1e-300 * sum) {
        break;
      }
    }
    return Math.min(1.0, Math.exp(log + Math.log(sum)));
  }

  static double logChoose(long n, long k) {
    long m = Math.min(k, n - k);
    double s = 0;
    for (long i = 1; i <= m; i++) {
      s += Math.log((double) (n - m + i) / i);
    }
    return s;
  }
}
