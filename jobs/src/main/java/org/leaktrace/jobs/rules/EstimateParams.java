package org.leaktrace.jobs.rules;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Parameters of the size estimates (METHOD.md lists them).
 *
 * @param bootstrapReps bootstrap replicates of the interval
 * @param seed seed of the bootstrap's generator (fixed: the same case gives the same interval)
 * @param level confidence level of the interval
 */
public record EstimateParams(int bootstrapReps, long seed, double level) implements Serializable {

  public static final EstimateParams DEFAULTS = new EstimateParams(2000, 20170601L, 0.95);

  /** Name → (value, one-line rationale), for METHOD.md. */
  public Map<String, String[]> describe() {
    Map<String, String[]> m = new LinkedHashMap<>();
    m.put("bootstrap_reps", new String[] {Integer.toString(bootstrapReps),
        "replicates of the parametric bootstrap; percentile intervals cover better than normal ones"});
    m.put("seed", new String[] {Long.toString(seed),
        "the bootstrap's random generator is seeded so the interval is reproducible to the digit"});
    m.put("level", new String[] {Double.toString(level), "confidence level of the interval"});
    return m;
  }
}
