package org.leaktrace.jobs.attribute;

import static org.apache.spark.sql.functions.array_sort;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.map_entries;
import static org.apache.spark.sql.functions.map_from_entries;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.leaktrace.jobs.common.Cols;
import org.leaktrace.jobs.common.Tables;
import org.leaktrace.jobs.rules.AttributeParams;
import org.leaktrace.jobs.rules.RecordMatch;
import org.leaktrace.udf.compare.FellegiSunter;
import org.leaktrace.udf.compare.Level;

/**
 * Fits the match model of attribution from the data (METHOD.md, comparison levels): u of each
 * platform's types from pairs that are not copies, each value's share of the platform's records for
 * the term-frequency adjustment, and m by EM over the dump rows' candidate pairs. Small results only
 * reach the driver (counts by level, frequent values, comparison patterns).
 */
final class MatchModel {

  /** Where a u was measured. */
  static final String BACKGROUND = "background";
  static final String RANDOM = "random";
  static final String PRIOR = "prior";

  private static final int L = Level.values().length;

  private MatchModel() {}

  /** The model and its figures as {@link Tables#ATTRIBUTION_WEIGHTS_SCHEMA} rows. */
  record Fit(FellegiSunter model, List<Row> figures) {}

  /**
   * @param pairs compared pairs ({@link AttributeStage#comparedPairs}): background pairs have a source
   * @param sample each platform's sampled current records (platform, fingerprint, tokens, levels) numbered
   *     1, 2, ... in column {@code rank} by hash: the background sample and one record more
   */
  static Fit fit(Dataset<Row> pairs, Dataset<Row> sample, String rank, AttributeParams p) {
    Map<String, Map<String, long[]>> background = levelCounts(pairs.filter(col(AttributeStage.SRC).isNotNull()));
    Map<String, Map<String, long[]>> random = levelCounts(randomPairs(sample, rank));
    Set<String> person = new HashSet<>(p.personTypes());
    person.addAll(p.credentialTypes());

    Map<String, Map<String, double[]>> u = new TreeMap<>();
    Map<String, String> source = new HashMap<>();
    Set<String> platforms = new HashSet<>(random.keySet());
    platforms.addAll(background.keySet());
    for (String platform : platforms) {
      Set<String> types = new HashSet<>(random.getOrDefault(platform, Map.of()).keySet());
      types.addAll(background.getOrDefault(platform, Map.of()).keySet());
      for (String type : types) {
        long[] bg = background.getOrDefault(platform, Map.of()).get(type);
        long[] rd = random.getOrDefault(platform, Map.of()).get(type);
        double[] v;
        String from;
        if (total(bg) >= p.minUPairs()) {
          v = shares(bg, p.uMin());
          from = BACKGROUND;
        } else if (person.contains(type)) {
          v = rd == null ? new double[L] : shares(rd, p.uMin());
          for (int l = 0; l <= Level.COARSE.ordinal(); l++) {
            v[l] = Math.max(v[l], p.personU());
          }
          for (int l = Level.PARTIAL.ordinal(); l < L; l++) {
            v[l] = Math.max(v[l], p.uMin());
          }
          from = PRIOR;
        } else if (total(rd) > 0) {
          v = shares(rd, p.uMin());
          from = RANDOM;
        } else {
          continue;
        }
        u.computeIfAbsent(platform, x -> new TreeMap<>()).put(type, v);
        source.put(platform + "|" + type, from);
      }
    }

    List<FellegiSunter.Pattern> patterns = new ArrayList<>();
    for (Row r : pairs.filter(col(AttributeStage.SRC).isNull())
        .groupBy(col(Cols.PLATFORM), array_sort(map_entries(col(AttributeStage.CMP))).as("_lt_e"))
        .agg(count(lit(1)).as("_lt_c"))
        .select(col(Cols.PLATFORM), map_from_entries(col("_lt_e")).as("_lt_m"), col("_lt_c"))
        .collectAsList()) {
      Map<String, Integer> levels = new TreeMap<>(r.<String, Integer>getJavaMap(1));
      levels.keySet().retainAll(u.getOrDefault(r.getString(0), Map.of()).keySet());
      patterns.add(new FellegiSunter.Pattern(r.getString(0), levels, r.getLong(2)));
    }
    // a fixed order: EM's sums, and so its figures, are then the same on every run
    patterns.sort(java.util.Comparator.comparing((FellegiSunter.Pattern x) -> x.platform())
        .thenComparing(x -> x.levels().toString()));
    FellegiSunter model = FellegiSunter.estimate(patterns, u, frequentValues(sample), p.uMin(),
        p.emIterations(), 1e-6);

    // how many dump pairs carried each type: m's basis (a type no dump row carries keeps its prior m)
    Map<String, Long> mPairs = new HashMap<>();
    for (FellegiSunter.Pattern x : patterns) {
      x.levels().keySet().forEach(t -> mPairs.merge(t, x.count(), Long::sum));
    }
    List<Row> figures = new ArrayList<>();
    u.forEach((platform, byType) -> byType.forEach((type, uv) -> {
      double[] mv = model.m(type);
      long[] bg = background.getOrDefault(platform, Map.of()).get(type);
      long[] rd = random.getOrDefault(platform, Map.of()).get(type);
      String from = source.get(platform + "|" + type);
      long n = BACKGROUND.equals(from) ? total(bg) : total(rd);
      for (int l = 0; l < L; l++) {
        figures.add(RowFactory.create(platform, type, Level.of(l).code(), mv[l], mPairs.getOrDefault(type, 0L), uv[l],
            from, n, model.weight(platform, type, l), model.lambda().getOrDefault(platform, 0.0)));
      }
    }));
    return new Fit(model, figures);
  }

  /** platform → type → pairs by level ordinal, over the types both records carry. */
  private static Map<String, Map<String, long[]>> levelCounts(Dataset<Row> compared) {
    Map<String, Map<String, long[]>> out = new TreeMap<>();
    for (Row r : compared.select(col(Cols.PLATFORM), explode(col(AttributeStage.CMP)).as(new String[] {Cols.TYPE, "_lt_l"}))
        .groupBy(Cols.PLATFORM, Cols.TYPE, "_lt_l").agg(count(lit(1)).as("_lt_c")).collectAsList()) {
      out.computeIfAbsent(r.getString(0), x -> new TreeMap<>()).computeIfAbsent(r.getString(1), x -> new long[L])
          [r.getInt(2)] += r.getLong(3);
    }
    return out;
  }

  /**
   * Random pairs of each platform's current records (two different records, mostly different people):
   * record i and i + 1 of the hash-ordered sample.
   */
  private static Dataset<Row> randomPairs(Dataset<Row> sample, String rank) {
    Dataset<Row> next = sample.select(col(Cols.PLATFORM), col(rank).minus(1).as(rank),
        col(Cols.TOKENS).as(AttributeStage.RT), col(Cols.LEVELS).as(AttributeStage.RL));
    return sample.join(next, new String[] {Cols.PLATFORM, rank})
        .select(col(Cols.PLATFORM), RecordMatch.COMPARE.apply(col(Cols.TOKENS), col(Cols.LEVELS),
            col(AttributeStage.RT), col(AttributeStage.RL)).as(AttributeStage.CMP));
  }

  /**
   * platform|type|token → the value's share of the platform's sampled records, for the values held by
   * two records of the sample or more (at most 1 in 1,000 of a 2,000-record sample; rarer values weigh as
   * their level does).
   */
  private static Map<String, Double> frequentValues(Dataset<Row> sample) {
    Dataset<Row> sizes = sample.groupBy(Cols.PLATFORM).agg(count(lit(1)).as("_lt_n"));
    Map<String, Double> out = new HashMap<>();
    for (Row r : sample.select(col(Cols.PLATFORM), explode(col(Cols.TOKENS)).as(new String[] {Cols.TYPE, Cols.TOKEN}))
        .groupBy(Cols.PLATFORM, Cols.TYPE, Cols.TOKEN).agg(count(lit(1)).as("_lt_c"))
        .filter(col("_lt_c").geq(lit(2)))
        .join(sizes, Cols.PLATFORM)
        .select(col(Cols.PLATFORM), col(Cols.TYPE), col(Cols.TOKEN), col("_lt_c").divide(col("_lt_n")))
        .collectAsList()) {
      out.put(FellegiSunter.tfKey(r.getString(0), r.getString(1), r.getString(2)), r.getDouble(3));
    }
    return out;
  }

  private static long total(long[] counts) {
    long n = 0;
    if (counts != null) {
      for (long c : counts) {
        n += c;
      }
    }
    return n;
  }

  private static double[] shares(long[] counts, double floor) {
    double n = total(counts);
    double[] v = new double[L];
    for (int l = 0; l < L; l++) {
      v[l] = Math.max(floor, counts[l] / n);
    }
    return v;
  }
}
