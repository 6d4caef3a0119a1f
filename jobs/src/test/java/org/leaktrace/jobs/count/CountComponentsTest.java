package org.leaktrace.jobs.count;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.leaktrace.jobs.testing.SparkExtension;

/** Large-star/small-star on a graph whose labels are scrambled along a long path: several rounds. */
@ExtendWith(SparkExtension.class)
class CountComponentsTest {

  @Test
  void everyNodeIsLabelledWithTheSmallestNodeOfItsComponent(SparkSession spark) {
    long[] path = {9, 4, 7, 2, 8, 5, 12, 1, 6, 3, 10};
    List<Row> edges = new ArrayList<>();
    for (int i = 1; i < path.length; i++) {
      edges.add(RowFactory.create(path[i - 1], path[i]));
    }
    // a triangle, given with a repeated and a reversed edge and a loop
    edges.add(RowFactory.create(20L, 11L));
    edges.add(RowFactory.create(11L, 15L));
    edges.add(RowFactory.create(15L, 20L));
    edges.add(RowFactory.create(11L, 20L));
    edges.add(RowFactory.create(15L, 15L));
    StructType schema = new StructType()
        .add(Components.SRC, DataTypes.LongType, false).add(Components.DST, DataTypes.LongType, false);
    List<Long> ids = new ArrayList<>(LongStream.of(path).boxed().toList());
    ids.addAll(List.of(11L, 15L, 20L, 30L)); // 30 has no edge
    Dataset<Row> nodes = spark.createDataset(ids, Encoders.LONG()).toDF(Components.NODE);

    List<String> labels = Components.of(nodes, spark.createDataFrame(edges, schema), 20, "test graph")
        .orderBy(col(Components.NODE)).collectAsList().stream()
        .map(r -> r.getLong(0) + "->" + r.getLong(1)).collect(Collectors.toList());

    assertEquals(List.of("1->1", "2->1", "3->1", "4->1", "5->1", "6->1", "7->1", "8->1", "9->1", "10->1",
        "11->11", "12->1", "15->11", "20->11", "30->30"), labels);
  }
}
