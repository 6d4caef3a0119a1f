package org.leaktrace.jobs.trace;

import java.time.LocalDate;
import static org.leaktrace.jobs.rules.ResaleEdge.OVERLAP;
import static org.leaktrace.jobs.rules.ResaleEdge.SAME;
import static org.leaktrace.jobs.rules.ResaleEdge.SUBSET;
import static org.leaktrace.jobs.rules.ResaleEdge.SUPERSET;
import static org.leaktrace.jobs.rules.ResaleEdge.ancestors;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.leaktrace.jobs.rules.ResaleEdge;
import org.leaktrace.jobs.rules.TraceParams;

/**
 * The resale graph from pairwise containment, in plain Java (a case has at most a few hundred dumps,
 * so tens of thousands of pairs): relation and direction per pair, then the edges implied by a chain or
 * explained by an ancestor are set aside with the reason, then canary lineage follows the kept
 * derivation edges.
 */
public final class ResaleGraph {

  private ResaleGraph() {}

  /** One unordered pair of dumps ({@code a < b}) with the rows of each found in the other. */
  public record Pair(String a, String b, long rowsA, long rowsB, long sharedA, long sharedB) {
    double aInB() {
      return rowsA == 0 ? 0.0 : (double) sharedA / rowsA;
    }

    double bInA() {
      return rowsB == 0 ? 0.0 : (double) sharedB / rowsB;
    }

    long shared() {
      return Math.min(sharedA, sharedB);
    }
  }

  /** A dump tied to a partner's copy: its own canary hits and the chain from the dump holding them. */
  public record Lineage(String dump, String platform, String partner, long canaryHits, List<String> via) {}

  /** A dump's direct canary hits for one (platform, partner). */
  public record CanaryHit(String dump, String platform, String partner, long hits) {}

  /**
   * Edges of every pair with enough shared rows, in (from, to) order.
   *
   * @param obtained each dump's obtained date (direction: the earlier dump is the source)
   */
  public static List<ResaleEdge> edges(List<Pair> pairs, Map<String, LocalDate> obtained, TraceParams p) {
    List<ResaleEdge> raw = new ArrayList<>();
    Map<String, Pair> byKey = new HashMap<>();
    for (Pair x : pairs) {
      byKey.put(key(x.a(), x.b()), x);
      if (x.shared() < p.minShared()) {
        continue;
      }
      boolean aIn = x.aInB() >= p.contain();
      boolean bIn = x.bInA() >= p.contain();
      int order = compare(x.a(), x.b(), obtained); // < 0: a is earlier
      String relation;
      boolean aFirst;
      if (aIn && bIn) {
        relation = SAME;
        aFirst = order <= 0;
      } else if (aIn) {
        // a within b: b was re-sampled into a, unless a is older, then b merged a in
        aFirst = order < 0;
        relation = aFirst ? SUPERSET : SUBSET;
      } else if (bIn) {
        // b within a: a was re-sampled into b, unless b is older, then a merged b in
        aFirst = order <= 0;
        relation = aFirst ? SUBSET : SUPERSET;
      } else {
        relation = OVERLAP;
        aFirst = order <= 0;
      }
      String from = aFirst ? x.a() : x.b();
      String to = aFirst ? x.b() : x.a();
      double fromInTo = aFirst ? x.aInB() : x.bInA();
      double toInFrom = aFirst ? x.bInA() : x.aInB();
      raw.add(new ResaleEdge(from, to, relation, Math.max(fromInTo, toInFrom), x.shared(), fromInTo, toInFrom,
          true, null));
    }
    // parents by derivation (kept before reduction), for ancestors
    Map<String, Set<String>> parents = new HashMap<>();
    for (ResaleEdge e : raw) {
      if (e.derivation()) {
        parents.computeIfAbsent(e.to(), k -> new LinkedHashSet<>()).add(e.from());
      }
    }
    List<ResaleEdge> out = new ArrayList<>();
    for (ResaleEdge e : raw) {
      String note = null;
      if (e.derivation()) {
        // implied: a chain from -> w -> ... -> to of other derivation edges
        for (String w : parents.getOrDefault(e.to(), Set.of())) {
          if (!w.equals(e.from()) && ancestors(w, parents).contains(e.from())) {
            note = "implied by " + e.from() + " -> " + w + " -> " + e.to();
            break;
          }
        }
      } else {
        note = explainedOverlap(e, parents, byKey, p);
      }
      out.add(note == null ? e : new ResaleEdge(e.from(), e.to(), e.relation(), e.containment(), e.sharedRows(),
          e.fromInTo(), e.toInFrom(), false, note));
    }
    out.sort(Comparator.comparing(ResaleEdge::from).thenComparing(ResaleEdge::to));
    return out;
  }

  /** An overlap between two dumps that one's ancestor already shares with the other (or a common ancestor). */
  private static String explainedOverlap(ResaleEdge e, Map<String, Set<String>> parents, Map<String, Pair> pairs,
      TraceParams p) {
    for (String[] ends : new String[][] {{e.from(), e.to()}, {e.to(), e.from()}}) {
      for (String anc : ancestors(ends[0], parents)) {
        if (anc.equals(ends[0])) {
          continue;
        }
        if (anc.equals(ends[1]) || ancestors(ends[1], parents).contains(anc)) {
          return "explained by the common ancestor " + anc;
        }
        Pair q = pairs.get(key(anc, ends[1]));
        if (q != null && q.shared() >= p.minShared()) {
          return "explained by " + ends[0] + "'s ancestor " + anc + ", which shares rows with " + ends[1];
        }
      }
    }
    return null;
  }

  /**
   * Canary lineage: every dump with canary hits of a partner, and every dump that derives from one
   * through kept derivation edges (shortest chain, then by name), in (dump, platform, partner) order.
   */
  public static List<Lineage> lineage(List<CanaryHit> hits, List<ResaleEdge> edges) {
    Map<String, List<String>> children = new TreeMap<>();
    for (ResaleEdge e : edges) {
      if (e.kept() && e.derivation()) {
        children.computeIfAbsent(e.from(), k -> new ArrayList<>()).add(e.to());
      }
    }
    children.values().forEach(l -> l.sort(null));
    Map<String, Long> direct = new HashMap<>();
    Map<String, List<String>> sources = new TreeMap<>(); // platform \u0001 partner -> dumps with hits
    for (CanaryHit h : hits) {
      String k = h.platform() + "\u0001" + h.partner();
      direct.put(h.dump() + "\u0001" + k, h.hits());
      sources.computeIfAbsent(k, x -> new ArrayList<>()).add(h.dump());
    }
    Map<String, Lineage> out = new TreeMap<>();
    sources.forEach((k, dumps) -> {
      String[] pp = k.split("\u0001");
      // breadth first from every dump holding the canaries: the shortest chain wins
      Map<String, List<String>> via = new LinkedHashMap<>();
      Deque<String> todo = new ArrayDeque<>();
      dumps.stream().sorted().forEach(d -> {
        via.put(d, List.of(d));
        todo.add(d);
      });
      while (!todo.isEmpty()) {
        String d = todo.poll();
        for (String c : children.getOrDefault(d, List.of())) {
          if (!via.containsKey(c)) {
            List<String> chain = new ArrayList<>(via.get(d));
            chain.add(c);
            via.put(c, List.copyOf(chain));
            todo.add(c);
          }
        }
      }
      via.forEach((d, chain) -> out.put(d + "\u0001" + k,
          new Lineage(d, pp[0], pp[1], direct.getOrDefault(d + "\u0001" + k, 0L), chain)));
    });
    return new ArrayList<>(out.values());
  }

  private static int compare(String a, String b, Map<String, LocalDate> obtained) {
    LocalDate da = obtained.get(a);
    LocalDate db = obtained.get(b);
    if (da == null || db == null) {
      return 0;
    }
    return da.compareTo(db);
  }

  private static String key(String a, String b) {
    return a.compareTo(b) < 0 ? a + "\u0001" + b : b + "\u0001" + a;
  }
}
