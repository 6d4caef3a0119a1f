package org.leaktrace.udf.detect;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import org.leaktrace.udf.types.Check;
import org.leaktrace.udf.types.FieldHandler;
import org.leaktrace.udf.types.FieldHandlers;
import org.leaktrace.udf.types.FieldType;
import org.leaktrace.udf.types.Text;

/**
 * Decides a column's field type from a sample of its values and, optionally, its header.
 *
 * <p>Every field type's handler scores every non-blank value; a type's value score is the mean. The
 * header (see {@link HeaderHints}) then chooses among the types the values support: a hinted type
 * whose value score reaches {@link #PLAUSIBLE} and whose validator the values do not mostly fail wins
 * over a higher-scoring unhinted type (an 11-digit column headed 运单号 is a waybill, not a mobile).
 * A header never overrides values that contradict it (a column named "phone" full of valid resident
 * IDs is {@code cn_resident_id}). When no hinted type is supported, the best value score decides if
 * it reaches the minimum confidence; otherwise the header alone decides, at {@link #HEADER_ONLY}
 * confidence; otherwise the column is {@code unknown}. Ties go to the earlier {@link FieldType}.
 *
 * <p>Deterministic: scores are summed exactly, so the order of the sample does not matter.
 */
public final class ColumnTypeDetector {

  /** Default minimum confidence: below it a column is {@code unknown}. */
  public static final double DEFAULT_MIN_CONFIDENCE = 0.5;

  /** Value score from which a hinted type counts as supported by the values. */
  public static final double PLAUSIBLE = 0.2;

  /** What a supporting header adds to the chosen type's value score. */
  public static final double HEADER_BOOST = 0.3;

  /** Confidence of a decision by the header alone. */
  public static final double HEADER_ONLY = 0.6;

  /** A hinted type is contradicted when fewer than this share of the values pass or skip its validator. */
  static final double MIN_SUPPORT = 0.5;

  private static final int SCALE = 6;

  private final Function<FieldType, FieldHandler> handlers;
  private final HeaderHints hints;
  private final double minConfidence;

  /** Detection over the registered handlers ({@link FieldHandlers#of}) and the shipped header hints. */
  public ColumnTypeDetector() {
    this(FieldHandlers::of);
  }

  /** Detection over the given handler lookup (tests inject stubs) and the shipped header hints. */
  public ColumnTypeDetector(Function<FieldType, FieldHandler> handlers) {
    this(handlers, HeaderHints.defaults(), DEFAULT_MIN_CONFIDENCE);
  }

  public ColumnTypeDetector(
      Function<FieldType, FieldHandler> handlers, HeaderHints hints, double minConfidence) {
    this.handlers = Objects.requireNonNull(handlers, "handlers");
    this.hints = Objects.requireNonNull(hints, "hints");
    if (!(minConfidence > 0.0 && minConfidence <= 1.0)) {
      throw new IllegalArgumentException(
          "minConfidence must be in (0, 1], got " + minConfidence + "; the default is "
              + DEFAULT_MIN_CONFIDENCE);
    }
    this.minConfidence = minConfidence;
  }

  /** The caller's type when {@code override} is not null, else {@link #detect(List, String)}. */
  public ColumnDetection detect(List<String> sample, String header, FieldType override) {
    return override != null ? ColumnDetection.override(override) : detect(sample, header);
  }

  /** Detection from values alone. */
  public ColumnDetection detect(List<String> sample) {
    return detect(sample, null);
  }

  /** Detection from a sample of values (null and blank skipped) and an optional header (nullable). */
  public ColumnDetection detect(List<String> sample, String header) {
    List<String> values = nonBlank(sample);
    List<FieldType> hinted = hints.typesFor(header);
    int n = values.size();
    if (n == 0) {
      return hinted.isEmpty()
          ? unknown(0)
          : new ColumnDetection(hinted.get(0), HEADER_ONLY, ColumnDetection.HEADER, 0);
    }
    Map<FieldType, Double> scores = scores(values);
    FieldType top = FieldType.UNKNOWN;
    double topScore = 0.0;
    for (Map.Entry<FieldType, Double> e : scores.entrySet()) {
      if (e.getValue() > topScore) {
        top = e.getKey();
        topScore = e.getValue();
      }
    }

    // The header chooses among the types the values support (Javadoc above).
    FieldType chosen = null;
    double chosenScore = 0.0;
    for (FieldType h : hinted) {
      double s = scores.getOrDefault(h, 0.0);
      boolean supported = s >= PLAUSIBLE && (h == top || !contradicted(h, values));
      if (supported && (chosen == null || s > chosenScore)) {
        chosen = h;
        chosenScore = s;
      }
    }
    if (chosen != null) {
      double c = Math.min(1.0, round(chosenScore + HEADER_BOOST));
      return new ColumnDetection(chosen, c, ColumnDetection.VALUES_AND_HEADER, n);
    }
    if (topScore >= minConfidence) {
      return new ColumnDetection(top, topScore, ColumnDetection.VALUES, n);
    }
    for (FieldType h : hinted) {
      if (!contradicted(h, values)) {
        return new ColumnDetection(h, HEADER_ONLY, ColumnDetection.HEADER, n);
      }
    }
    return unknown(n);
  }

  /**
   * Mean detection confidence per type over the non-blank values, rounded to 6 decimals, in {@link
   * FieldType} order; types that score 0 are left out.
   */
  public Map<FieldType, Double> scores(List<String> sample) {
    List<String> values = nonBlank(sample);
    Map<FieldType, Double> out = new EnumMap<>(FieldType.class);
    if (values.isEmpty()) {
      return out;
    }
    BigDecimal count = BigDecimal.valueOf(values.size());
    for (FieldType t : FieldType.values()) {
      if (t == FieldType.UNKNOWN) {
        continue;
      }
      FieldHandler h = handler(t);
      // Exact sum: the same values in any order give the same mean, hence the same decision.
      BigDecimal sum = BigDecimal.ZERO;
      for (String v : values) {
        double d = h.detect(v);
        if (d > 0) {
          sum = sum.add(new BigDecimal(Math.min(1.0, d)));
        }
      }
      if (sum.signum() > 0) {
        out.put(t, sum.divide(count, MathContext.DECIMAL64).setScale(SCALE, RoundingMode.HALF_EVEN).doubleValue());
      }
    }
    return out;
  }

  /** True when the type has a validator and most values fail it. */
  private boolean contradicted(FieldType t, List<String> values) {
    FieldHandler h = handler(t);
    int support = 0;
    for (String v : values) {
      Check.Status s = h.validate(v).status();
      if (s == Check.Status.VALID || s == Check.Status.MASKED || s == Check.Status.NOT_VALIDATED) {
        support++;
      }
    }
    return support < MIN_SUPPORT * values.size();
  }

  private FieldHandler handler(FieldType t) {
    FieldHandler h = handlers.apply(t);
    if (h == null) {
      throw new IllegalStateException("no handler for field type " + t.key());
    }
    return h;
  }

  private static List<String> nonBlank(List<String> sample) {
    List<String> out = new ArrayList<>();
    if (sample != null) {
      for (String v : sample) {
        if (!Text.blank(v)) {
          out.add(v);
        }
      }
    }
    return out;
  }

  private static double round(double d) {
    return BigDecimal.valueOf(d).setScale(SCALE, RoundingMode.HALF_EVEN).doubleValue();
  }

  private static ColumnDetection unknown(int n) {
    return new ColumnDetection(FieldType.UNKNOWN, 0.0, ColumnDetection.VALUES, n);
  }
}
