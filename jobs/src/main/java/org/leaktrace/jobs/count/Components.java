package org.leaktrace.jobs.count;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.sum;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.function.FlatMapGroupsFunction;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.StructType;
import org.leaktrace.jobs.common.Checkpoints;
import org.leaktrace.jobs.common.Errors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Connected components, each labelled by its smallest node: a graph that fits one task (a dump's pieces,
 * up to a parameter's number of edges) by union–find in that task; a larger one by alternating
 * large-star and small-star rounds over DataFrame joins (Kiveris et al., "Connected Components in
 * MapReduce and Beyond", SoCC 2014).
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
  /** The graph an edge belongs to. */
  static final String G = "_lt_graph";

  private static final String U = "_lt_u";
  private static final String V = "_lt_v";
  private static final String M = "_lt_m";
  private static final String UP = "_lt_up";
  private static final String DOWN = "_lt_down";

  private Components() {}

  /**
   * Labels every node with its component. The graph is cut into independent graphs by {@code group}
   * (edges of different groups never share a node: a dump's pieces, say); a graph of at most {@code
   * localMaxEdges} distinct edges is solved in one task by {@link UnionFind}, a larger one by the
   * distributed rounds of {@link #of(Dataset, Dataset, int, String)}. Labels are minima either way, so the
   * result is the same whichever way a graph is solved.
   *
   * @param nodesDF distinct nodes, column {@link #NODE}: a {@code (dataset, row_id)} struct
   * @param edgesDF edges {@link #SRC} and {@link #DST} of the node type
   * @param group the graph an edge belongs to (a string column over the edges)
   * @param datasets every dataset a node may name (their sorted order is the nodes' order)
   * @param localMaxEdges the largest graph solved in one task
   * @param maxRounds bound on the distributed rounds
   * @param label names the graph in log lines
   */
  static Dataset<Row> of(Dataset<Row> nodesDF, Dataset<Row> edgesDF, Column group, List<String> datasets,
      long localMaxEdges, int maxRounds, String label) {
    Dataset<Row> e = Checkpoints.materialize(edgesDF
        .select(group.as(G), greatest(col(SRC), col(DST)).as(SRC), least(col(SRC), col(DST)).as(DST))
        .filter(col(SRC).notEqual(col(DST)))
        .distinct());
    List<String> local = new ArrayList<>();
    List<String> distributed = new ArrayList<>();
    long localEdges = 0;
    for (Row r : e.groupBy(G).count().collectAsList()) { // one row per graph (dump): small
      if (r.getLong(1) <= localMaxEdges) {
        local.add(r.getString(0));
        localEdges += r.getLong(1);
      } else {
        distributed.add(r.getString(0));
      }
    }
    LOG.info("count: {}: {} graphs ({} edges) by union-find in one task each, {} by distributed rounds", label,
        local.size(), localEdges, distributed.size());
    Dataset<Row> parent = unionFind(e.filter(col(G).isin(local.toArray())), datasets);
    if (!distributed.isEmpty()) {
      parent = parent.union(rounds(e.filter(col(G).isin(distributed.toArray())).select(SRC, DST), maxRounds, label));
    }
    return nodesDF.join(parent, new String[] {NODE}, "left")
        .select(col(NODE), coalesce(col(COMP), col(NODE)).as(COMP));
  }

  /**
   * Each graph of {@code e} ({@link #G}, {@link #SRC}, {@link #DST}; (dataset, row_id) nodes) in one task:
   * {@link #NODE} → {@link #COMP} for every node on an edge.
   */
  static Dataset<Row> unionFind(Dataset<Row> e, List<String> datasets) {
    List<String> names = datasets.stream().sorted().distinct().toList();
    DataType nodeType = e.schema().apply(SRC).dataType();
    StructType schema = new StructType().add(NODE, nodeType, false).add(COMP, nodeType, false);
    return e.groupByKey((MapFunction<Row, String>) r -> r.getString(0), Encoders.STRING())
        .flatMapGroups((FlatMapGroupsFunction<String, Row, Row>) (g, it) -> {
          Map<String, Integer> code = new HashMap<>();
          for (int i = 0; i < names.size(); i++) {
            code.put(names.get(i), i);
          }
          UnionFind uf = new UnionFind();
          while (it.hasNext()) {
            Row r = it.next();
            Row a = r.getStruct(1);
            Row b = r.getStruct(2);
            uf.union(code.get(a.getString(0)), a.getLong(1), code.get(b.getString(0)), b.getLong(1));
          }
          List<Row> out = new ArrayList<>(uf.size());
          uf.labels((h, l, ch, cl) -> out.add(RowFactory.create(RowFactory.create(names.get((int) h), l),
              RowFactory.create(names.get((int) ch), cl))));
          return out.iterator();
        }, Encoders.row(schema));
  }

  /**
   * Labels every node with its component by distributed rounds only.
   *
   * @param nodesDF distinct nodes, column {@link #NODE} of an orderable type
   * @param edgesDF undirected edges, columns {@link #SRC} and {@link #DST} of the node type; both ends
   *     must be nodes
   * @param maxRounds bound on the rounds; reaching it is a bug, never a partial answer
   * @param label names the graph in log lines
   * @return {@link #NODE}, {@link #COMP}, one row per node
   */
  static Dataset<Row> of(Dataset<Row> nodesDF, Dataset<Row> edgesDF, int maxRounds, String label) {
    Dataset<Row> parent = rounds(edgesDF, maxRounds, label);
    return nodesDF.join(parent, new String[] {NODE}, "left")
        .select(col(NODE), coalesce(col(COMP), col(NODE)).as(COMP));
  }

  /** Large-star and small-star rounds until the edges are stars: {@link #NODE} → {@link #COMP} of every node on an edge. */
  private static Dataset<Row> rounds(Dataset<Row> edgesDF, int maxRounds, String label) {
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
    // a star's leaves point at its centre; the centre (the smallest node) labels itself through the join
    return e.select(col(SRC).as(NODE), col(DST).as(COMP));
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
