package org.leaktrace.udf.taxonomy;

/**
 * The severity a count of pieces reaches: the level, the ratio sum of Art. 5(1)(6) (Σ n_c /
 * threshold_c, truncated to 6 decimals) and whether the thresholds were halved for an insider.
 */
public record Severity(Level level, double ratioSum, boolean thresholdsHalved) {

  /** Severity levels; {@link #key()} is the contract name in summary.json. */
  public enum Level {
    /** Below every threshold. */
    NONE("none"),
    /** 情节严重: Art. 5(1). */
    SERIOUS("serious"),
    /** 情节特别严重: Art. 5(2). */
    PARTICULARLY_SERIOUS("particularly_serious"),
    /** The taxonomy has no tiers (e.g. a GDPR view): no criminal severity applies. */
    NOT_APPLICABLE("not_applicable");

    private final String key;

    Level(String key) {
      this.key = key;
    }

    public String key() {
      return key;
    }
  }
}
