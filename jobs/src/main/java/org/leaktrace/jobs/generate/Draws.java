package org.leaktrace.jobs.generate;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/** Random draws both worlds make the same way (the same calls on the generator, so the same bytes). */
final class Draws {

  private Draws() {}

  /** A random permutation of 0..n-1 (Fisher–Yates from the top). */
  static int[] permutation(SplittableRandom rnd, int n) {
    int[] p = new int[n];
    for (int i = 0; i < n; i++) {
      p[i] = i;
    }
    for (int i = n - 1; i > 0; i--) {
      int j = rnd.nextInt(i + 1);
      int t = p[i];
      p[i] = p[j];
      p[j] = t;
    }
    return p;
  }

  /** A shuffled copy of {@code in} (Fisher–Yates from the top). */
  static <T> List<T> shuffled(SplittableRandom rnd, List<T> in) {
    List<T> out = new ArrayList<>(in);
    for (int i = out.size() - 1; i > 0; i--) {
      int j = rnd.nextInt(i + 1);
      T t = out.get(i);
      out.set(i, out.get(j));
      out.set(j, t);
    }
    return out;
  }

  /** A key of {@code prefix} and {@code digits} digits (the first not 0) not in {@code used}, added to it. */
  static String uniqueKey(SplittableRandom rnd, Set<String> used, String prefix, int digits) {
    while (true) {
      StringBuilder b = new StringBuilder(prefix);
      b.append((char) ('1' + rnd.nextInt(9)));
      for (int i = 1; i < digits; i++) {
        b.append((char) ('0' + rnd.nextInt(10)));
      }
      String k = b.toString();
      if (used.add(k)) {
        return k;
      }
    }
  }

  /** The elements of {@code in} at {@code cols}, in that order. */
  static List<String> select(List<String> in, int[] cols) {
    List<String> out = new ArrayList<>();
    for (int c : cols) {
      out.add(in.get(c));
    }
    return out;
  }
}
