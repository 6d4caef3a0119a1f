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

  /** A dump's extraction window from one platform's records (attribution's), null ends open. */
  public record Window(String platform, LocalDate from, LocalDate to) {}

  /** Edges without extraction windows (direction from containment, merges and obtained dates). */
  public static List<ResaleEdge> edges(List<Pair> pairs, Map<String, LocalDate> obtained, TraceParams p) {
    return edges(pairs, obtained, Map.of(), p);
  }

  /**
   * Edges of every pair with enough shared rows, in (from, to) order. Direction from the evidence, not
   * the day investigators happened to buy each dump: a copy is the subset of its source, unless the
   * subset was extracted earlier (its window on a platform ends by the time the other's starts) or the
   * larger dump is a merge (it also contains another dump that shares almost nothing with this one, and
   * the two cover it): then the larger took the smaller in. Between two dumps holding the same rows the
   * one extracted earlier is the source, and without windows the one obtained first.
   *
   * @param obtained each dump's obtained date
   * @param windows each dump's extraction windows by platform (attribution's candidates); may be empty
   */
  public static List<ResaleEdge> edges(List<Pair> pairs, Map<String, LocalDate> obtained,
      Map<String, List<Window>> windows, TraceParams p) {
    List<ResaleEdge> raw = new ArrayList<>();
    Map<String, Pair> byKey = new HashMap<>();
    for (Pair x : pairs) {
      byKey.put(key(x.a(), x.b()), x);
    }
    for (Pair x : pairs) {
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
        aFirst = extractedBefore(x.a(), x.b(), windows) || !extractedBefore(x.b(), x.a(), windows) && order <= 0;
      } else if (aIn) {
        // a within b: a is b's copy, unless a is older or b a merge, then b took a in
        aFirst = extractedBefore(x.a(), x.b(), windows) || mergedInto(x.a(), x.b(), byKey, p);
        relation = aFirst ? SUPERSET : SUBSET;
      } else if (bIn) {
        // b within a: b is a's copy, unless b is older or a a merge, then a took b in
        aFirst = !(extractedBefore(x.b(), x.a(), windows) || mergedInto(x.b(), x.a(), byKey, p));
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

  /** On a platform both were taken from, {@code a}'s extraction window ends by the time {@code b}'s starts. */
  static boolean extractedBefore(String a, String b, Map<String, List<Window>> windows) {
    for (Window wa : windows.getOrDefault(a, List.of())) {
      for (Window wb : windows.getOrDefault(b, List.of())) {
        if (wa.platform().equals(wb.platform()) && wa.to() != null && wb.from() != null && !wa.to().isAfter(wb.from())) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * {@code big} (which contains {@code part}) is a merge: it also contains another dump that shares
   * almost nothing with {@code part} (under a tenth of either), and the two together cover it.
   */
  static boolean mergedInto(String part, String big, Map<String, Pair> pairs, TraceParams p) {
    Pair pb = pairs.get(key(part, big));
    for (Pair q : pairs.values()) {
      String other = q.a().equals(big) ? q.b() : q.b().equals(big) ? q.a() : null;
      if (other == null || other.equals(part)) {
        continue;
      }
      double otherInBig = q.a().equals(other) ? q.aInB() : q.bInA();
      double bigInOther = q.a().equals(big) ? q.aInB() : q.bInA();
      if (otherInBig < p.contain() || bigInOther >= p.contain()) {
        continue;
      }
      Pair po = pairs.get(key(part, other));
      if (po != null && (po.aInB() >= 0.1 || po.bInA() >= 0.1)) {
        continue;
      }
      long covered = shared(pb, part) + shared(q, other);
      if (covered >= p.contain() * rows(pb, big)) {
        return true;
      }
    }
    return false;
  }

  /** Rows of {@code dump} found in the other dump of the pair. */
  private static long shared(Pair x, String dump) {
    return x.a().equals(dump) ? x.sharedA() : x.sharedB();
  }

  private static long rows(Pair x, String dump) {
    return x.a().equals(dump) ? x.rowsA() : x.rowsB();
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
