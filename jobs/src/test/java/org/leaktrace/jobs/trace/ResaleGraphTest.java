package org.leaktrace.jobs.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.leaktrace.jobs.rules.ResaleEdge;
import org.leaktrace.jobs.rules.TraceParams;

class ResaleGraphTest {

  static final TraceParams P = TraceParams.DEFAULTS;

  private static Map<String, LocalDate> dates(Object... kv) {
    java.util.Map<String, LocalDate> m = new java.util.HashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put((String) kv[i], LocalDate.parse((String) kv[i + 1]));
    }
    return m;
  }

  private static String show(List<ResaleEdge> edges) {
    StringBuilder b = new StringBuilder();
    for (ResaleEdge e : edges) {
      b.append(e.from()).append("->").append(e.to()).append(' ').append(e.relation()).append(e.kept() ? "" : " (aside)")
          .append('\n');
    }
    return b.toString();
  }

  @Test
  void aCopyIsTheSubsetWhicheverWasBoughtFirst() {
    var d = dates("a", "2020-01-01", "b", "2020-02-01", "c", "2020-03-01", "d", "2020-04-01");
    // b is a 50-row sample of a (100 rows); c (40) is within d (90): the subset is the copy, even bought first
    List<ResaleEdge> e = ResaleGraph.edges(List.of(
        new ResaleGraph.Pair("a", "b", 100, 50, 50, 50),
        new ResaleGraph.Pair("c", "d", 40, 90, 40, 40)), d, P);
    assertEquals("a->b subset\nd->c subset\n", show(e));
    e = ResaleGraph.edges(List.of(new ResaleGraph.Pair("a", "b", 100, 50, 50, 50)),
        dates("a", "2020-05-01", "b", "2020-01-01"), P);
    assertEquals("a->b subset\n", show(e));
    // a copy of the same rows: the earlier obtained is the source when nothing else tells
    e = ResaleGraph.edges(List.of(new ResaleGraph.Pair("a", "b", 100, 98, 97, 97)),
        dates("a", "2020-05-01", "b", "2020-01-01"), P);
    assertEquals("b->a same\n", show(e));
  }

  @Test
  void anEarlierExtractionOrAMergeMakesTheLargerTheCopy() {
    var d = dates("c", "2020-03-01", "d", "2020-04-01");
    // c's rows were extracted from the platform before d's window opened: d took c in
    Map<String, List<ResaleGraph.Window>> w = Map.of(
        "c", List.of(new ResaleGraph.Window("hotel", LocalDate.parse("2020-01-01"), LocalDate.parse("2020-02-01"))),
        "d", List.of(new ResaleGraph.Window("hotel", LocalDate.parse("2020-03-01"), LocalDate.parse("2020-04-01"))));
    assertEquals("c->d superset\n", show(ResaleGraph.edges(List.of(new ResaleGraph.Pair("c", "d", 40, 90, 40, 40)), d,
        w, P)));
    // the same windows (or overlapping ones) leave the subset as the copy
    Map<String, List<ResaleGraph.Window>> same = Map.of(
        "c", List.of(new ResaleGraph.Window("hotel", LocalDate.parse("2020-01-01"), LocalDate.parse("2020-02-01"))),
        "d", List.of(new ResaleGraph.Window("hotel", LocalDate.parse("2020-01-01"), LocalDate.parse("2020-02-01"))));
    assertEquals("d->c subset\n", show(ResaleGraph.edges(List.of(new ResaleGraph.Pair("c", "d", 40, 90, 40, 40)), d,
        same, P)));
    // identical rows: the one extracted earlier is the source, though bought later
    assertEquals("c->d same\n", show(ResaleGraph.edges(List.of(new ResaleGraph.Pair("c", "d", 90, 90, 90, 90)),
        dates("c", "2020-05-01", "d", "2020-01-01"), w, P)));
    // m merges x (60) and y (40), which share nothing: both point into m; a sample s of m is m's copy
    List<ResaleEdge> e = ResaleGraph.edges(List.of(
        new ResaleGraph.Pair("m", "x", 100, 60, 60, 60),
        new ResaleGraph.Pair("m", "y", 100, 40, 40, 40),
        new ResaleGraph.Pair("x", "y", 60, 40, 0, 0),
        new ResaleGraph.Pair("m", "s", 100, 30, 30, 30),
        new ResaleGraph.Pair("s", "x", 30, 60, 18, 18),
        new ResaleGraph.Pair("s", "y", 30, 40, 12, 12)), dates("m", "2020-01-01", "x", "2020-02-01", "y", "2020-03-01",
        "s", "2020-04-01"), P);
    assertTrue(show(e).contains("x->m superset\n"), show(e));
    assertTrue(show(e).contains("y->m superset\n"), show(e));
    assertTrue(show(e).contains("m->s subset\n"), show(e));
  }

  @Test
  void fewSharedRowsMakeNoEdgeAndPartialSharingIsOverlap() {
    var d = dates("a", "2020-01-01", "b", "2020-02-01");
    assertTrue(ResaleGraph.edges(List.of(new ResaleGraph.Pair("a", "b", 100, 100, 2, 2)), d, P).isEmpty());
    List<ResaleEdge> e = ResaleGraph.edges(List.of(new ResaleGraph.Pair("a", "b", 100, 100, 20, 20)), d, P);
    assertEquals("a->b overlap\n", show(e));
    assertEquals(0.2, e.get(0).containment(), 1e-12);
  }

  @Test
  void chainsAndAncestorsExplainTheRest() {
    var d = dates("a", "2020-01-01", "b", "2020-02-01", "c", "2020-03-01", "x", "2020-01-15", "y", "2020-04-01");
    List<ResaleEdge> e = ResaleGraph.edges(List.of(
        new ResaleGraph.Pair("a", "b", 100, 50, 50, 50),   // b sample of a
        new ResaleGraph.Pair("b", "c", 50, 20, 20, 20),    // c sample of b
        new ResaleGraph.Pair("a", "c", 100, 20, 20, 20),   // implied
        new ResaleGraph.Pair("a", "x", 100, 80, 10, 10),   // x shares a's source
        new ResaleGraph.Pair("b", "x", 50, 80, 5, 5),      // explained by b's ancestor a
        new ResaleGraph.Pair("c", "y", 20, 30, 0, 0)), d, P);
    assertEquals("a->b subset\na->c subset (aside)\na->x overlap\nb->c subset\nx->b overlap (aside)\n", show(e));
    assertTrue(e.get(1).note().startsWith("implied by a -> b -> c"));
  }

  @Test
  void lineageFollowsKeptDerivationEdgesOnly() {
    var d = dates("p", "2020-01-01", "q", "2020-02-01", "r", "2020-03-01", "s", "2020-02-15");
    List<ResaleEdge> e = ResaleGraph.edges(List.of(
        new ResaleGraph.Pair("p", "q", 100, 50, 50, 50),
        new ResaleGraph.Pair("q", "r", 50, 25, 25, 25),
        new ResaleGraph.Pair("p", "r", 100, 25, 25, 25),
        new ResaleGraph.Pair("p", "s", 100, 100, 30, 30)), d, P);
    List<ResaleGraph.Lineage> l = ResaleGraph.lineage(List.of(new ResaleGraph.CanaryHit("p", "shop", "partner-3", 4)), e);
    assertEquals(3, l.size(), l.toString());
    assertEquals(new ResaleGraph.Lineage("p", "shop", "partner-3", 4, List.of("p")), l.get(0));
    assertEquals(new ResaleGraph.Lineage("q", "shop", "partner-3", 0, List.of("p", "q")), l.get(1));
    assertEquals(new ResaleGraph.Lineage("r", "shop", "partner-3", 0, List.of("p", "q", "r")), l.get(2));
    assertFalse(l.stream().anyMatch(x -> x.dump().equals("s")), "an overlap is a common source, not a copy");
  }
}
