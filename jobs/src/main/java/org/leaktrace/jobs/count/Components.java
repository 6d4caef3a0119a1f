package org.leaktrace.jobs.count;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.sum;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.leaktrace.jobs.common.Checkpoints;
import org.leaktrace.jobs.common.Errors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Connected components by alternating large-star and small-star rounds over DataFrame joins (Kiveris
 * et al., "Connected Components in MapReduce and Beyond", SoCC 2014), each component labelled by its
 * smallest node.
 *
 * <p>Chosen over GraphX's {@code ConnectedComponents}: it needs O(log² n) rounds where GraphX's Pregel
 * needs as many supersteps as the longest shortest path (chains of resold, re-keyed records are
 * long); node ids can be any orderable column, here {@code (dataset, row_id)} structs, whereas GraphX
 * wants one {@code long} per node and {@code row_id} already uses 63 bits; it stays in Catalyst
 * (adaptive execution, skew handling) and adds no dependency. Labels are minima, so the result does
 * not depend on partitioning or task order. Each round is cut from the lineage with an eager
 * checkpoint ({@link Checkpoints}: local in local mode, reliable on a cluster so a lost executor's tasks
 * are retried instead of failing the job; either way no long plan is recomputed), freed by Spark's
 * context cleaner.
 */
final class Components {

  private static final Logger LOG = LoggerFactory.getLogger(Components.class);

  /** Node column of the input and output. */
  static final String NODE = "_lt_node";
  /** The node's component: the smallest node of it. */
  static final String COMP = "_lt_comp";
  /** Edge endpoints of the input. */
  static final String SRC = "_lt_src";
  static final String DST = "_lt_dst";

  private static final String U = "_lt_u";
  private static final String V = "_lt_v";
  private static final String M = "_lt_m";
  private static final String UP = "_lt_up";
  private static final String DOWN = "_lt_down";

  private Components() {}

  /**
   * Labels every node with its component.
   *
   * @param nodesDF distinct nodes, column {@link #NODE} of an orderable type
   * @param edgesDF undirected edges, columns {@link #SRC} and {@link #DST} of the node type; both ends
   *     must be nodes
   * @param maxRounds bound on the rounds; reaching it is a bug, never a partial answer
   * @param label names the graph in log lines
   * @return {@link #NODE}, {@link #COMP}, one row per node
   */
  static Dataset<Row> of(Dataset<Row> nodesDF, Dataset<Row> edgesDF, int maxRounds, String label) {
    // oriented edges: larger → smaller, no loops, no repeats
    Dataset<Row> e = Checkpoints.materialize(edgesDF
        .select(greatest(col(SRC), col(DST)).as(SRC), least(col(SRC), col(DST)).as(DST))
        .filter(col(SRC).notEqual(col(DST)))
        .distinct());
    int round = 0;
    while (!stars(e)) {
      if (++round > maxRounds) {
        throw Errors.internal("connected components of " + label + " did not converge in " + maxRounds + " rounds");
      }
      e = Checkpoints.materialize(smallStar(largeStar(e)));
    }
    LOG.info("count: {}: components converged after {} rounds", label, round);
    Dataset<Row> parent = e.select(col(SRC).as(NODE), col(DST).as(COMP));
    return nodesDF.join(parent, new String[] {NODE}, "left")
        .select(col(NODE), coalesce(col(COMP), col(NODE)).as(COMP));
  }

  /**
   * Large-star: every node u connects its larger neighbours to the smallest of u and its neighbours.
   * Input and output oriented larger → smaller.
   */
  static Dataset<Row> largeStar(Dataset<Row> e) {
    Dataset<Row> sym = e.select(col(SRC).as(U), col(DST).as(V))
        .union(e.select(col(DST).as(U), col(SRC).as(V)));
    Dataset<Row> m = sym.groupBy(U).agg(min(V).as(M));
    return sym.join(m, U)
        .filter(col(V).gt(col(U)))
        .select(col(V).as(SRC), least(col(U), col(M)).as(DST))
        .distinct();
  }

  /**
   * Small-star: every node u connects itself and its smaller neighbours to the smallest of them.
   * Input and output oriented larger → smaller.
   */
  static Dataset<Row> smallStar(Dataset<Row> e) {
    Dataset<Row> m = e.groupBy(SRC).agg(min(DST).as(M));
    Dataset<Row> neighbours = e.join(m, SRC)
        .filter(col(DST).notEqual(col(M)))
        .select(col(DST).as(SRC), col(M).as(DST));
    return neighbours.union(m.select(col(SRC), col(M).as(DST))).distinct();
  }

  /** True when the edges are disjoint stars: each node has at most one parent and no parent has one. */
  static boolean stars(Dataset<Row> e) {
    // one shuffle: per node, how many parents it has and whether it is a parent
    Dataset<Row> roles = e.select(col(SRC).as(U), lit(1).as(UP), lit(0).as(DOWN))
        .union(e.select(col(DST).as(U), lit(0).as(UP), lit(1).as(DOWN)));
    long bad = roles.groupBy(U).agg(sum(UP).as(UP), max(DOWN).as(DOWN))
        .filter(col(UP).gt(1).or(col(UP).geq(1).and(col(DOWN).equalTo(1))))
        .count();
    return bad == 0L;
  }
}
