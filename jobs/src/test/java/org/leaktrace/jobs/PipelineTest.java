package org.leaktrace.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.SparkContext;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.leaktrace.jobs.testing.SparkExtension;

/** Pipeline sets each stage's Spark job group and puts the caller's back, also when a stage fails. */
@ExtendWith(SparkExtension.class)
class PipelineTest {

  private final SparkContext sc = SparkExtension.spark().sparkContext();

  @AfterEach
  void clear() {
    sc.clearJobGroup();
  }

  private List<String> group() {
    return List.of(String.valueOf(sc.getLocalProperty(Pipeline.JOB_GROUP_ID)),
        String.valueOf(sc.getLocalProperty(Pipeline.JOB_DESCRIPTION)));
  }

  @Test
  void eachStageRunsInItsGroupAndTheCallersGroupComesBack(SparkSession spark) {
    sc.setJobGroup("notebook", "cell 3", false);
    List<List<String>> seen = new ArrayList<>();
    Pipeline.runStages(spark, "c-1", List.of(Pipeline.Stage.CLASSIFY, Pipeline.Stage.ESTIMATE),
        s -> seen.add(group()));
    assertEquals(List.of(
        List.of("classify", "classify: column types, records and tokens of case c-1"),
        List.of("estimate", "estimate: size of the stolen tables of case c-1")), seen);
    assertEquals(List.of("notebook", "cell 3"), group());
    assertEquals("false", sc.getLocalProperty(Pipeline.JOB_INTERRUPT_ON_CANCEL));
  }

  @Test
  void aFailingStageStillRestoresTheGroup(SparkSession spark) {
    sc.setJobGroup("notebook", "cell 4", true);
    List<List<String>> seen = new ArrayList<>();
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> Pipeline.runStages(spark, "c-2", List.of(Pipeline.Stage.COUNT, Pipeline.Stage.TRACE), s -> {
          seen.add(group());
          throw new IllegalStateException("boom in " + s.key());
        }));
    assertEquals("boom in count", e.getMessage());
    assertEquals(List.of(List.of("count", "count: pieces, individuals and severity of case c-2")), seen);
    assertEquals(List.of("notebook", "cell 4"), group());
    assertEquals("true", sc.getLocalProperty(Pipeline.JOB_INTERRUPT_ON_CANCEL));
  }

  @Test
  void withoutAnEarlierGroupTheGroupIsClearedAfterwards(SparkSession spark) {
    assertThrows(IllegalStateException.class, () -> Pipeline.withJobGroup(spark, "report", "report: exhibit", () -> {
      assertEquals(List.of("report", "report: exhibit"), group());
      throw new IllegalStateException("boom");
    }));
    assertNull(sc.getLocalProperty(Pipeline.JOB_GROUP_ID));
    assertNull(sc.getLocalProperty(Pipeline.JOB_DESCRIPTION));
    assertNull(sc.getLocalProperty(Pipeline.JOB_INTERRUPT_ON_CANCEL));
  }

  @Test
  void aDescriptionWithoutAGroupComesBackToo(SparkSession spark) {
    sc.setJobDescription("cell 5");
    assertEquals("done", Pipeline.withJobGroup(spark, "count", "count: x", () -> "done"));
    assertNull(sc.getLocalProperty(Pipeline.JOB_GROUP_ID));
    assertEquals("cell 5", sc.getLocalProperty(Pipeline.JOB_DESCRIPTION));
  }

  @Test
  void aSparkJobInsideTheStageCarriesItsGroup(SparkSession spark) {
    long before = sc.statusTracker().getJobIdsForGroup("trace").length;
    Pipeline.runStages(spark, "c-3", List.of(Pipeline.Stage.TRACE), s -> spark.range(3).count());
    long after = sc.statusTracker().getJobIdsForGroup("trace").length;
    assertTrue(after > before, "the stage's Spark job is in group trace");
  }
}
