package org.leaktrace.jobs.rules;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.leaktrace.jobs.common.Cols;
import org.leaktrace.jobs.common.Delta;
import org.leaktrace.jobs.common.Tables;
import org.leaktrace.jobs.common.Workspace;

/**
 * A directed resale edge as trace writes it to {@code resale_edges} and estimate reads it back:
 * {@code relation} is the to-dump's relation to the from-dump.
 */
public record ResaleEdge(String from, String to, String relation, double containment, long sharedRows,
    double fromInTo, double toInFrom, boolean kept, String note) {

  public static final String SAME = "same";
  public static final String SUBSET = "subset";
  public static final String SUPERSET = "superset";
  public static final String OVERLAP = "overlap";

  /** The to-dump was made from the from-dump (a copy, re-sample or merge), not merely sharing rows. */
  public boolean derivation() {
    return !OVERLAP.equals(relation);
  }

  /** The dump and every dump it derives from, through the given parent links. */
  public static Set<String> ancestors(String dump, Map<String, Set<String>> parents) {
    Set<String> seen = new LinkedHashSet<>();
    Deque<String> todo = new ArrayDeque<>(List.of(dump));
    while (!todo.isEmpty()) {
      String d = todo.pop();
      if (seen.add(d)) {
        todo.addAll(parents.getOrDefault(d, Set.of()));
      }
    }
    return seen;
  }

  /** Dumps that derive from another through a kept derivation edge, with the first such edge. */
  public static Map<String, ResaleEdge> derived(List<ResaleEdge> edges) {
    Map<String, ResaleEdge> out = new TreeMap<>();
    for (ResaleEdge e : edges) {
      if (e.kept() && e.derivation()) {
        out.putIfAbsent(e.to(), e);
      }
    }
    return out;
  }

  /** Reads the kept and set-aside edges back from {@code resale_edges}, in (from, to) order. */
  public static List<ResaleEdge> read(SparkSession spark, Workspace ws) {
    List<ResaleEdge> out = new ArrayList<>();
    for (Row r : Delta.read(spark, ws.table(Tables.RESALE_EDGES), "trace")
        .orderBy(Cols.FROM_DUMP, Cols.TO_DUMP).collectAsList()) { // one row per dump pair at most: small
      out.add(new ResaleEdge(r.getAs(Cols.FROM_DUMP), r.getAs(Cols.TO_DUMP), r.getAs(Cols.RELATION),
          r.<Double>getAs(Cols.CONTAINMENT), r.<Long>getAs(Cols.SHARED_ROWS), r.<Double>getAs(Cols.FROM_IN_TO),
          r.<Double>getAs(Cols.TO_IN_FROM), r.<Boolean>getAs(Cols.KEPT), r.getAs(Cols.NOTE)));
    }
    return out;
  }
}
