package org.leaktrace.udf.compare;

import java.io.Serializable;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The Fellegi–Sunter model of record comparison as attribution uses it: for each field type and
 * {@link Level}, m = P(level | the dump row is a copy of the platform record) and u = P(level | it is
 * not: another platform's record of the same person, or a random pair). A pair's match weight is the sum
 * over the types both carry of log2(m/u); a missing type weighs nothing. u is measured (the caller
 * passes it); m is estimated here by expectation–maximisation over the comparison patterns of the
 * candidate pairs, with u held fixed (as Splink does), one prior share λ per platform. Plain Java.
 */
public final class FellegiSunter implements Serializable {

  private static final long serialVersionUID = 1L;

  private static final int L = Level.values().length;

  /** Where m starts, and the shape of its weak prior (a copy mostly keeps values, sometimes re-types them). */
  static final double[] M_START = {0.45, 0.30, 0.08, 0.08, 0.05, 0.04};
  /** Weight of the prior, in pairs: enough to keep a level never seen in copies from m = 0. */
  static final double PRIOR_PAIRS = 2.0;

  /** One comparison pattern: a platform, the level of each type both records carry, and how many pairs. */
  public record Pattern(String platform, Map<String, Integer> levels, long count) {}

  private final Map<String, double[]> m;
  private final Map<String, Map<String, double[]>> u;
  private final Map<String, Double> lambda;
  private final Map<String, Double> tf;
  private final double uMin;
  private final int iterations;

  private FellegiSunter(Map<String, double[]> m, Map<String, Map<String, double[]>> u, Map<String, Double> lambda,
      Map<String, Double> tf, double uMin, int iterations) {
    this.m = m;
    this.u = u;
    this.lambda = lambda;
    this.tf = tf;
    this.uMin = uMin;
    this.iterations = iterations;
  }

  /**
   * Estimates m by EM.
   *
   * @param patterns the candidate pairs' comparison patterns
   * @param u platform → type → u by level ordinal (each array sums to 1, entries ≥ {@code uMin})
   * @param tf platform|type|token → the share of the platform's records holding that value, for the values
   *     frequent enough to matter (at least {@code uMin}); a value's exact or normalized agreement is
   *     weighed against max(u, its share): a value many share weighs little
   * @param uMin the smallest u (a level never seen among non-copies on a finite sample is not impossible)
   */
  public static FellegiSunter estimate(List<Pattern> patterns, Map<String, Map<String, double[]>> u,
      Map<String, Double> tf, double uMin, int maxIterations, double tolerance) {
    Map<String, double[]> m = new TreeMap<>();
    Map<String, Double> lambda = new TreeMap<>();
    for (Pattern p : patterns) {
      lambda.putIfAbsent(p.platform(), 0.1);
      for (String t : p.levels().keySet()) {
        m.computeIfAbsent(t, x -> M_START.clone());
      }
    }
    int it = 0;
    for (; it < maxIterations; it++) {
      Map<String, double[]> mNum = new HashMap<>();
      Map<String, double[]> lamNum = new HashMap<>(); // platform -> {sum p*c, sum c}
      for (Pattern p : patterns) {
        double lam = lambda.get(p.platform());
        double logM = Math.log(lam);
        double logU = Math.log(1 - lam);
        Map<String, double[]> up = u.get(p.platform());
        for (Map.Entry<String, Integer> e : p.levels().entrySet()) {
          logM += Math.log(m.get(e.getKey())[e.getValue()]);
          logU += Math.log(up.get(e.getKey())[e.getValue()]);
        }
        double post = 1.0 / (1.0 + Math.exp(logU - logM));
        double w = post * p.count();
        for (Map.Entry<String, Integer> e : p.levels().entrySet()) {
          mNum.computeIfAbsent(e.getKey(), x -> new double[L])[e.getValue()] += w;
        }
        double[] ln = lamNum.computeIfAbsent(p.platform(), x -> new double[2]);
        ln[0] += w;
        ln[1] += p.count();
      }
      double change = 0;
      for (Map.Entry<String, double[]> e : m.entrySet()) {
        double[] num = mNum.getOrDefault(e.getKey(), new double[L]);
        double total = PRIOR_PAIRS;
        for (double v : num) {
          total += v;
        }
        double[] next = new double[L];
        for (int l = 0; l < L; l++) {
          next[l] = (num[l] + PRIOR_PAIRS * M_START[l]) / total;
          change = Math.max(change, Math.abs(next[l] - e.getValue()[l]));
        }
        e.setValue(next);
      }
      for (Map.Entry<String, Double> e : lambda.entrySet()) {
        double[] ln = lamNum.get(e.getKey());
        double next = Math.min(1 - 1e-9, Math.max(1e-9, ln[0] / ln[1]));
        change = Math.max(change, Math.abs(next - e.getValue()));
        e.setValue(next);
      }
      if (change < tolerance) {
        it++;
        break;
      }
    }
    return new FellegiSunter(m, u, lambda, tf, uMin, it);
  }

  /** m of a type by level ordinal (a copy of the start values for a type no candidate pair carried). */
  public double[] m(String type) {
    return m.getOrDefault(type, M_START).clone();
  }

  /** u of a platform's type by level ordinal, or null when not measured. */
  public double[] u(String platform, String type) {
    Map<String, double[]> up = u.get(platform);
    double[] v = up == null ? null : up.get(type);
    return v == null ? null : v.clone();
  }

  /** The prior share of copies among a platform's candidate pairs, as EM found it. */
  public Map<String, Double> lambda() {
    return Map.copyOf(lambda);
  }

  public int iterations() {
    return iterations;
  }

  /**
   * log2(m/u) of a type's level on a platform (without term frequency); 0 when u is not measured. A
   * disagreement never weighs for a copy (at most 0): where both m and u of it are tiny, their ratio is
   * noise, not evidence.
   */
  public double weight(String platform, String type, int level) {
    double[] uv = u(platform, type);
    return uv == null ? 0.0 : bounded(level, log2(m(type)[level] / uv[level]));
  }

  private static double bounded(int level, double w) {
    return level == Level.DISAGREE.ordinal() ? Math.min(0.0, w) : w;
  }

  /**
   * The match weight of a pair: the sum of log2(m/u) over the types both carry, with a value's share
   * of the platform's records in place of u where it is larger (exact and normalized levels).
   *
   * @param tokens the dump row's type → token map (the agreeing values' tokens)
   */
  public double score(String platform, Map<String, Integer> levels, Map<String, String> tokens) {
    Map<String, double[]> up = u.get(platform);
    if (up == null || levels == null) {
      return 0.0;
    }
    double s = 0;
    for (Map.Entry<String, Integer> e : levels.entrySet()) {
      double[] uv = up.get(e.getKey());
      if (uv == null) {
        continue;
      }
      int l = e.getValue();
      double ul = uv[l];
      if (l <= Level.NORMALIZED.ordinal() && tokens != null) {
        String token = tokens.get(e.getKey());
        Double share = token == null ? null : tf.get(tfKey(platform, e.getKey(), token));
        if (share != null) {
          ul = Math.max(ul, share);
        }
      }
      s += bounded(l, log2(m.getOrDefault(e.getKey(), M_START)[l] / Math.max(ul, uMin)));
    }
    return s;
  }

  /** Key of a value's share in the tf map. */
  public static String tfKey(String platform, String type, String token) {
    return platform + "|" + type + "|" + token;
  }

  private static double log2(double x) {
    return Math.log(x) / Math.log(2);
  }
}
