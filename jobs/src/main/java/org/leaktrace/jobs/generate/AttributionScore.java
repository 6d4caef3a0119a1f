package org.leaktrace.jobs.generate;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/** Scores the job's {@code analytic/attribution} rows against attribution-truth.json, in plain Java (no Spark). */
public final class AttributionScore {

  /** Largest tolerated difference between a source's share and the job's share of that platform. */
  public static final double SHARE_TOLERANCE = 0.03;
  /** Prefix of the mismatches that name a platform as a candidate source it is not. */
  public static final String FALSE_ATTRIBUTION = "FALSE ATTRIBUTION";

  /**
   * One row of {@code analytic/attribution}: {@code platform} null for the unexplained share; the window's
   * ends null when open.
   */
  public record Row(String dump, String platform, double share, boolean candidate, String verdict,
      LocalDate windowFrom, LocalDate windowTo) {}

  /** The mismatches, readable, one per line; false attributions start with {@link #FALSE_ATTRIBUTION}. */
  public record Result(List<String> mismatches, int dumps, int dumpsRight, int verdictsWrong, int topWrong,
      int falseAttributions, int sharesOff, int windowsWrong, String summary) {

    public boolean ok() {
      return mismatches.isEmpty();
    }
  }

  private AttributionScore() {}

  /**
   * Compares each dump of {@code truth} with the job's rows for it: the verdict; the top source (the
   * unexplained share counts as a source, null); every candidate platform against the true reference
   * sources (a false attribution); each true source's share within {@link #SHARE_TOLERANCE} (the job's
   * null row against the unexplained share); and each true reference source's window (it contains the
   * extraction date and does not end after the dump was obtained).
   */
  public static Result score(AttributionTruth truth, List<Row> rows) {
    Map<String, List<Row>> byDump = new LinkedHashMap<>();
    for (Row r : rows) {
      byDump.computeIfAbsent(r.dump(), k -> new ArrayList<>()).add(r);
    }
    List<String> out = new ArrayList<>();
    int right = 0;
    int verdicts = 0;
    int tops = 0;
    int falses = 0;
    int shares = 0;
    int windows = 0;
    Set<String> known = new LinkedHashSet<>();
    for (AttributionTruth.DumpTruth d : truth.dumps()) {
      known.add(d.id());
      List<Row> mine = byDump.getOrDefault(d.id(), List.of());
      int before = out.size();
      if (mine.isEmpty()) {
        out.add(d.id() + ": no attribution rows (true verdict " + d.verdict() + ")");
        verdicts++;
        continue;
      }
      Set<String> jobVerdicts = new LinkedHashSet<>();
      for (Row r : mine) {
        jobVerdicts.add(r.verdict());
      }
      String verdict = mine.get(0).verdict();
      if (jobVerdicts.size() > 1) {
        out.add(d.id() + ": the rows disagree on the verdict " + jobVerdicts);
        verdicts++;
      } else if (!Objects.equals(verdict, d.verdict())) {
        out.add(d.id() + ": verdict " + verdict + ", true " + d.verdict());
        verdicts++;
      }

      Map<String, Double> trueShares = new LinkedHashMap<>();
      for (AttributionTruth.Source s : d.sources()) {
        trueShares.merge(s.platform(), s.share(), Double::sum);
      }
      Map<String, Double> jobShares = new LinkedHashMap<>();
      for (Row r : mine) {
        jobShares.merge(r.platform(), r.share(), Double::sum);
      }
      String trueTop = top(trueShares);
      String jobTop = top(jobShares);
      if (!Objects.equals(trueTop, jobTop)) {
        out.add(String.format(Locale.ROOT, "%s: top source %s (%.3f), true %s (%.3f)", d.id(), name(jobTop),
            jobShares.get(jobTop), name(trueTop), trueShares.get(trueTop)));
        tops++;
      }

      for (Row r : mine) {
        if (r.candidate() && r.platform() != null && !trueShares.containsKey(r.platform())) {
          out.add(String.format(Locale.ROOT, "%s %s: candidate %s (share %.3f) is not a source; true sources %s",
              FALSE_ATTRIBUTION, d.id(), r.platform(), r.share(), describe(trueShares)));
          falses++;
        }
      }

      for (Map.Entry<String, Double> e : trueShares.entrySet()) {
        double job = jobShares.getOrDefault(e.getKey(), 0.0);
        if (Math.abs(job - e.getValue()) > SHARE_TOLERANCE) {
          out.add(String.format(Locale.ROOT, "%s: share of %s %.3f, true %.3f (off by %.3f > %.2f)", d.id(),
              name(e.getKey()), job, e.getValue(), Math.abs(job - e.getValue()), SHARE_TOLERANCE));
          shares++;
        }
      }

      LocalDate obtained = LocalDate.parse(d.obtained());
      for (AttributionTruth.Source s : d.sources()) {
        if (s.platform() == null || s.extractionDate() == null) {
          continue;
        }
        Row r = candidateRow(mine, s.platform());
        if (r == null) {
          continue; // a source the job did not find is a share mismatch already
        }
        LocalDate ext = LocalDate.parse(s.extractionDate());
        boolean contains = (r.windowFrom() == null || !r.windowFrom().isAfter(ext))
            && (r.windowTo() == null || !r.windowTo().isBefore(ext));
        if (!contains) {
          out.add(d.id() + ": window of " + s.platform() + " " + window(r) + " does not contain the extraction date "
              + ext + " (true window " + s.window().from() + " .. " + s.window().to() + ")");
          windows++;
        }
        if (r.windowTo() != null && r.windowTo().isAfter(obtained)) {
          out.add(d.id() + ": window of " + s.platform() + " " + window(r) + " ends after the dump was obtained on "
              + obtained);
          windows++;
        }
      }
      if (out.size() == before) {
        right++;
      }
    }
    for (String dump : byDump.keySet()) {
      if (!known.contains(dump)) {
        out.add(dump + ": attribution rows for a dump that is not in the truth");
      }
    }
    String summary = String.format(Locale.ROOT,
        "attribution score: %d of %d dumps right; %d mismatches: %d verdicts, %d top sources, %d false attributions,"
            + " %d shares off by more than %.2f, %d windows",
        right, truth.dumps().size(), out.size(), verdicts, tops, falses, shares, SHARE_TOLERANCE, windows);
    return new Result(List.copyOf(out), truth.dumps().size(), right, verdicts, tops, falses, shares, windows,
        summary);
  }

  /** The key with the largest share (the first of equals); null is the unexplained share. */
  private static String top(Map<String, Double> shares) {
    String best = null;
    double max = -1;
    for (Map.Entry<String, Double> e : shares.entrySet()) {
      if (e.getValue() > max) {
        max = e.getValue();
        best = e.getKey();
      }
    }
    return best;
  }

  private static Row candidateRow(List<Row> rows, String platform) {
    for (Row r : rows) {
      if (r.candidate() && platform.equals(r.platform())) {
        return r;
      }
    }
    return null;
  }

  private static String name(String platform) {
    return platform == null ? "unexplained" : platform;
  }

  private static String window(Row r) {
    return "[" + (r.windowFrom() == null ? "open" : r.windowFrom()) + " .. "
        + (r.windowTo() == null ? "open" : r.windowTo()) + "]";
  }

  private static String describe(Map<String, Double> shares) {
    List<String> parts = new ArrayList<>();
    shares.forEach((k, v) -> parts.add(String.format(Locale.ROOT, "%s %.3f", name(k), v)));
    return String.join(", ", parts);
  }
}
