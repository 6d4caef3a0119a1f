package org.leaktrace.jobs.count;

import java.util.Arrays;

/**
 * Union–find over nodes named by a pair of longs, each component labelled by its smallest node
 * (compared as (hi, lo)); plain Java, one graph held in primitive arrays (about 40 bytes a node).
 *
 * <p>Labels are minima, so they do not depend on the order the edges arrive in: the same graph gives
 * the same labels on any partitioning, as the distributed rounds of {@link Components} do.
 */
final class UnionFind {

  /** Receives every node with the smallest node of its component. */
  interface Labels {
    void accept(long hi, long lo, long compHi, long compLo);
  }

  private long[] hi = new long[16];
  private long[] lo = new long[16];
  private int[] parent = new int[16];
  /** Open addressing: slot → node index + 1 (0 = empty); kept at most half full. */
  private int[] slots = new int[32];
  private int n;

  /** Joins the components of nodes a and b (adding either node when new). */
  void union(long aHi, long aLo, long bHi, long bLo) {
    int a = find(node(aHi, aLo));
    int b = find(node(bHi, bLo));
    if (a != b) {
      // the smaller index becomes the root: no rank needed for near-constant depth with path halving
      if (a < b) {
        parent[b] = a;
      } else {
        parent[a] = b;
      }
    }
  }

  int size() {
    return n;
  }

  /** Every node with the smallest node of its component, in the order nodes were first seen. */
  void labels(Labels out) {
    int[] best = new int[n];
    Arrays.fill(best, -1);
    for (int i = 0; i < n; i++) {
      int r = find(i);
      if (best[r] < 0 || less(i, best[r])) {
        best[r] = i;
      }
    }
    for (int i = 0; i < n; i++) {
      int m = best[find(i)];
      out.accept(hi[i], lo[i], hi[m], lo[m]);
    }
  }

  private boolean less(int i, int j) {
    return hi[i] != hi[j] ? hi[i] < hi[j] : lo[i] < lo[j];
  }

  private int find(int i) {
    while (parent[i] != i) {
      parent[i] = parent[parent[i]]; // path halving
      i = parent[i];
    }
    return i;
  }

  private int node(long h, long l) {
    int mask = slots.length - 1;
    int s = mix(h, l) & mask;
    while (slots[s] != 0) {
      int i = slots[s] - 1;
      if (hi[i] == h && lo[i] == l) {
        return i;
      }
      s = (s + 1) & mask;
    }
    if (n == hi.length) {
      hi = Arrays.copyOf(hi, n * 2);
      lo = Arrays.copyOf(lo, n * 2);
      parent = Arrays.copyOf(parent, n * 2);
    }
    hi[n] = h;
    lo[n] = l;
    parent[n] = n;
    slots[s] = ++n;
    if (n * 2 > slots.length) {
      rehash();
    }
    return n - 1;
  }

  private void rehash() {
    slots = new int[slots.length * 2];
    int mask = slots.length - 1;
    for (int i = 0; i < n; i++) {
      int s = mix(hi[i], lo[i]) & mask;
      while (slots[s] != 0) {
        s = (s + 1) & mask;
      }
      slots[s] = i + 1;
    }
  }

  /** A well-spread 32-bit hash of the pair (row ids differ mostly in their low bits). */
  private static int mix(long h, long l) {
    long x = l * 0x9E3779B97F4A7C15L + h * 0xC2B2AE3D27D4EB4FL;
    x ^= x >>> 31;
    x *= 0xBF58476D1CE4E5B9L;
    return (int) (x ^ (x >>> 29));
  }
}
