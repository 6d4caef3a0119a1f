package org.leaktrace.jobs.count;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Union–find without Spark: labels are component minima whatever the edge order. */
class UnionFindTest {

  private static TreeMap<String, String> labels(UnionFind uf) {
    TreeMap<String, String> out = new TreeMap<>();
    uf.labels((h, l, ch, cl) -> out.put(h + ":" + l, ch + ":" + cl));
    return out;
  }

  @Test
  void aPathAndATriangleAcrossTwoDatasetsAreLabelledByTheirSmallestNode() {
    UnionFind uf = new UnionFind();
    long[] path = {9, 4, 7, 2, 8, 5, 12, 1, 6, 3, 10};
    for (int i = 1; i < path.length; i++) {
      uf.union(1, path[i - 1], 1, path[i]);
    }
    // dataset 0 sorts first: (0, 50) is the triangle's smallest node although its row id is the largest
    uf.union(1, 20, 1, 11);
    uf.union(1, 11, 0, 50);
    uf.union(0, 50, 1, 20);
    uf.union(1, 15, 1, 15); // a loop: one node, itself

    TreeMap<String, String> got = labels(uf);
    for (long p : path) {
      assertEquals("1:1", got.get("1:" + p), "path node " + p);
    }
    assertEquals("0:50", got.get("1:11"));
    assertEquals("0:50", got.get("1:20"));
    assertEquals("0:50", got.get("0:50"));
    assertEquals("1:15", got.get("1:15"));
    assertEquals(path.length + 4, got.size());
  }

  @Test
  void theLabelsDoNotDependOnTheEdgeOrderAndSurviveGrowth() {
    // 50,000 random edges over 20,000 nodes: the tables grow many times
    List<long[]> edges = new ArrayList<>();
    SplittableRandom r = new SplittableRandom(5);
    for (int i = 0; i < 50_000; i++) {
      edges.add(new long[] {r.nextInt(3), r.nextLong(1L << 40) % 20_000, r.nextInt(3), r.nextLong(1L << 40) % 20_000});
    }
    UnionFind forward = new UnionFind();
    edges.forEach(e -> forward.union(e[0], e[1], e[2], e[3]));
    UnionFind backward = new UnionFind();
    for (int i = edges.size() - 1; i >= 0; i--) {
      long[] e = edges.get(i);
      backward.union(e[2], e[3], e[0], e[1]);
    }
    assertEquals(labels(forward), labels(backward));
    // every label is a node of its own component and the smallest of the nodes labelled with it
    TreeMap<String, String> got = labels(forward);
    got.forEach((node, label) -> assertEquals(label, got.get(label), "a label labels itself"));
  }
}
