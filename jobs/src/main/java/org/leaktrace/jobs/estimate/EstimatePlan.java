package org.leaktrace.jobs.estimate;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.leaktrace.jobs.rules.EstimateParams;
import org.leaktrace.jobs.rules.ResaleEdge;

/**
 * Which dumps are samples of which source, which are left out as derived copies, and the estimates:
 * plain Java over the small trace and attribution outputs.
 *
 * <p>A dump attributed to a reference platform is a sample of it; dumps without a known source that
 * share records (kept overlap edges) are samples of one unknown source ({@code unknown-1}, ...).
 * Mixtures are no sample of one source and are left out. A dump derived from another (same, subset or
 * superset edge) is a dependent sample: it is excluded and the exclusion is stated.
 */
public final class EstimatePlan {

  public static final String CHAPMAN = "chapman";
  public static final String NONE = "none";

  private EstimatePlan() {}

  /** An excluded dump and why. */
  public record Excluded(String dump, String reason) {}

  /** One estimate row (see {@code Tables.ESTIMATES_SCHEMA}). */
  public record Estimate(String source, String platform, String method, List<String> samples, List<Long> sampleRows,
      Long recaptured, Long estimate, Double chapman, Long ciLow, Long ciHigh, Boolean robsonRegierValid,
      Long referenceSize, LocalDate referenceSnapshot, List<Excluded> excluded, String warning) {}

  /**
   * @param dumps every dump of the case
   * @param rows each dump's counted rows
   * @param shared records common to two dumps, keyed {@code a \u0001 b} with {@code a < b}
   * @param edges the trace's edges (kept and set aside)
   * @param attributedTo dump → the reference platform it is attributed to (verdict attributed)
   * @param mixtures dumps whose verdict is mixture
   * @param obtained each dump's obtained date
   * @param snapshots platform → snapshot date → rows, for the reference size beside the estimate
   */
  public static List<Estimate> plan(Set<String> dumps, Map<String, Long> rows, Map<String, Long> shared,
      List<ResaleEdge> edges, Map<String, String> attributedTo, Set<String> mixtures,
      Map<String, LocalDate> obtained, Map<String, NavigableMap<LocalDate, Long>> snapshots, EstimateParams p) {
    Map<String, ResaleEdge> derived = ResaleEdge.derived(edges);
    Map<String, Set<String>> parents = new HashMap<>();
    for (ResaleEdge e : edges) {
      if (e.kept() && e.derivation()) {
        parents.computeIfAbsent(e.to(), k -> new TreeSet<>()).add(e.from());
      }
    }
    Set<String> independent = new TreeSet<>();
    for (String d : dumps) {
      if (!derived.containsKey(d) && !mixtures.contains(d)) {
        independent.add(d);
      }
    }
    // groups: platform id, or a representative of the unknown-source component
    Map<String, String> root = new HashMap<>();
    for (String d : independent) {
      root.put(d, attributedTo.containsKey(d) ? "platform:" + attributedTo.get(d) : d);
    }
    for (ResaleEdge e : edges) {
      if (e.kept() && !e.derivation() && independent.contains(e.from()) && independent.contains(e.to())
          && !attributedTo.containsKey(e.from()) && !attributedTo.containsKey(e.to())) {
        union(root, e.from(), e.to());
      }
    }
    Map<String, TreeSet<String>> groups = new TreeMap<>();
    for (String d : independent) {
      groups.computeIfAbsent(find(root, d), k -> new TreeSet<>()).add(d);
    }
    Map<String, List<Excluded>> excluded = new TreeMap<>();
    for (String d : new TreeSet<>(derived.keySet())) {
      if (mixtures.contains(d)) {
        continue;
      }
      Set<String> seen = new TreeSet<>();
      for (String a : ResaleEdge.ancestors(d, parents)) {
        if (independent.contains(a) && seen.add(find(root, a))) {
          // the reason names this group's own dump when the edge is direct (a merge of two sources)
          ResaleEdge why = edges.stream().filter(e -> e.kept() && e.derivation() && e.to().equals(d)
              && e.from().equals(a)).findFirst().orElse(derived.get(d));
          excluded.computeIfAbsent(find(root, a), k -> new ArrayList<>()).add(new Excluded(d, reason(why)));
        }
      }
    }
    // name the unknown sources by their first dump
    List<String> unknownRoots = groups.keySet().stream().filter(k -> !k.startsWith("platform:"))
        .sorted(Comparator.comparing(k -> groups.get(k).first())).toList();
    List<Estimate> out = new ArrayList<>();
    int unknown = 0;
    for (String k : unknownRoots) {
      if (groups.get(k).size() >= 2 || excluded.containsKey(k)) {
        unknown++;
        out.addAll(estimates("unknown-" + unknown, null, groups.get(k), excluded.getOrDefault(k, List.of()), rows,
            shared, obtained, snapshots, p));
      }
    }
    for (String k : groups.keySet()) {
      if (k.startsWith("platform:") && (groups.get(k).size() >= 2 || excluded.containsKey(k))) {
        String platform = k.substring("platform:".length());
        out.addAll(estimates(platform, platform, groups.get(k), excluded.getOrDefault(k, List.of()), rows, shared,
            obtained, snapshots, p));
      }
    }
    return out;
  }

  private static List<Estimate> estimates(String source, String platform, TreeSet<String> samples,
      List<Excluded> excluded, Map<String, Long> rows, Map<String, Long> shared, Map<String, LocalDate> obtained,
      Map<String, NavigableMap<LocalDate, Long>> snapshots, EstimateParams p) {
    Long refSize = null;
    LocalDate refSnap = null;
    if (platform != null && snapshots.containsKey(platform) && !snapshots.get(platform).isEmpty()) {
      LocalDate first = samples.stream().map(obtained::get).filter(java.util.Objects::nonNull)
          .min(Comparator.naturalOrder()).orElse(null);
      NavigableMap<LocalDate, Long> s = snapshots.get(platform);
      Map.Entry<LocalDate, Long> e = first == null ? null : s.floorEntry(first);
      if (e == null) {
        e = s.firstEntry();
      }
      refSize = e.getValue();
      refSnap = e.getKey();
    }
    List<String> list = new ArrayList<>(samples);
    List<Estimate> out = new ArrayList<>();
    if (list.size() < 2) {
      out.add(new Estimate(source, platform, NONE, list, list.stream().map(d -> rows.getOrDefault(d, 0L)).toList(),
          null, null, null, null, null, null, refSize, refSnap, excluded,
          "one independent sample: no estimate (copies derived from it are not independent samples)"));
      return out;
    }
    String warning = list.size() > 2 ? list.size() + " independent samples of one source: each pair's Chapman "
        + "estimate is shown; a log-linear multiple-systems estimate is not computed" : null;
    for (int i = 0; i < list.size(); i++) {
      for (int j = i + 1; j < list.size(); j++) {
        String a = list.get(i);
        String b = list.get(j);
        long n1 = rows.getOrDefault(a, 0L);
        long n2 = rows.getOrDefault(b, 0L);
        long m = Math.min(shared.getOrDefault(a + "\u0001" + b, 0L), Math.min(n1, n2));
        Chapman c = new Chapman(n1, n2, m);
        long[] ci = c.interval(p.bootstrapReps(), p.seed(), p.level());
        String w = warning;
        if (m == 0) {
          w = (w == null ? "" : w + "; ") + "no record in both samples: the estimate is unstable";
        }
        out.add(new Estimate(source, platform, CHAPMAN, List.of(a, b), List.of(n1, n2), m, Math.round(c.estimate()),
            Math.round(c.estimate() * 10) / 10.0, ci[0], ci[1], c.robsonRegierValid(), refSize, refSnap, excluded, w));
      }
    }
    return out;
  }

  private static String reason(ResaleEdge e) {
    return switch (e.relation()) {
      case ResaleEdge.SAME -> "same records as " + e.from() + " (a copy)";
      case ResaleEdge.SUBSET -> "subset of " + e.from() + " (a re-sample)";
      default -> "superset of " + e.from() + " (a merge that holds it)";
    };
  }

  private static String find(Map<String, String> root, String d) {
    String r = root.get(d);
    if (r == null || r.equals(d) || r.startsWith("platform:")) {
      return r == null ? d : r;
    }
    String top = find(root, r);
    root.put(d, top);
    return top;
  }

  private static void union(Map<String, String> root, String a, String b) {
    String ra = find(root, a);
    String rb = find(root, b);
    if (!ra.equals(rb)) {
      if (ra.compareTo(rb) < 0) {
        root.put(rb, ra);
      } else {
        root.put(ra, rb);
      }
    }
  }
}
