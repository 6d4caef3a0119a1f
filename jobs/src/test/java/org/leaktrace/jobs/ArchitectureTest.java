package org.leaktrace.jobs;

import static com.tngtech.archunit.core.domain.JavaCall.Predicates.target;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.assignableTo;
import static com.tngtech.archunit.core.domain.properties.HasName.Predicates.nameMatching;
import static com.tngtech.archunit.core.domain.properties.HasOwner.Predicates.With.owner;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.dependencies.Slice;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.SparkContext;
import org.apache.spark.api.java.JavaSparkContext;

/** The dependency rules of DESIGN.md and STYLE.md, checked on the main classes of jobs and udf. */
@AnalyzeClasses(packages = "org.leaktrace", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

  /** The stage packages, in data-flow order (Pipeline.Stage). */
  static final List<String> STAGES = Arrays.stream(Pipeline.Stage.values()).map(Pipeline.Stage::key).toList();

  private static String[] stagePackages() {
    return STAGES.stream().map(s -> "org.leaktrace.jobs." + s + "..").toArray(String[]::new);
  }

  @ArchTest
  static final ArchRule stagesMeetOnlyThroughTables = slices().matching("org.leaktrace.jobs.(*)..")
      .that(new DescribedPredicate<Slice>("are stages") {
        @Override
        public boolean test(Slice slice) {
          return STAGES.contains(slice.getNamePart(1));
        }
      })
      .should().notDependOnEachOther()
      .because("a stage reads only the tables earlier stages wrote; what they share lives in rules or common");

  @ArchTest
  static final ArchRule stagesDoNotDependOnWhatRunsThem = noClasses().that().resideInAnyPackage(stagePackages())
      .should().dependOnClassesThat().resideInAnyPackage("org.leaktrace.jobs", "org.leaktrace.jobs.cli..",
          "org.leaktrace.jobs.bench..")
      .because("Pipeline, the CLI and the benchmarks call the stages, not the other way round");

  @ArchTest
  static final ArchRule sharedCodeIsBelowTheStages = noClasses()
      .that().resideInAnyPackage("org.leaktrace.jobs.common..", "org.leaktrace.jobs.rules..",
          "org.leaktrace.jobs.config..", "org.leaktrace.jobs.analytic..")
      .should().dependOnClassesThat().resideInAnyPackage(stagePackages())
      .because("common, rules, config and analytic are what stages share; a stage is never one of their inputs");

  @ArchTest
  static final ArchRule onlyPipelineSetsJobGroups = noClasses()
      .that().doNotHaveFullyQualifiedName(Pipeline.class.getName())
      .should().callMethodWhere(target(nameMatching("setJobGroup|clearJobGroup"))
          .and(target(owner(assignableTo(SparkContext.class).or(assignableTo(JavaSparkContext.class))))))
      .because("Pipeline.withJobGroup sets a stage's group and restores the caller's; a stray call would leak");

  @ArchTest
  static final ArchRule udfLogicIsPlainJava = noClasses()
      .that().resideInAPackage("org.leaktrace.udf..").and().resideOutsideOfPackage("org.leaktrace.udf.spark..")
      .should().dependOnClassesThat().resideInAnyPackage("org.apache.spark..", "scala..")
      .because("UDF logic is plain Java tested without Spark; only udf.spark adapts it (STYLE.md habit 5)");
}
