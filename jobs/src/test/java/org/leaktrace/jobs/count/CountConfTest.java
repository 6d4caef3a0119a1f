package org.leaktrace.jobs.count;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.leaktrace.jobs.common.Conf;
import org.leaktrace.jobs.common.Errors;
import org.leaktrace.jobs.common.LeaktraceException;
import org.leaktrace.jobs.config.CaseFile;
import org.leaktrace.jobs.config.DatasetSpec;
import org.leaktrace.jobs.config.Format;
import org.leaktrace.jobs.rules.CountParams;
import org.leaktrace.udf.taxonomy.Taxonomy;

/** Taxonomy lookup, count parameters and dump info: no Spark. */
class CountConfTest {

  @Test
  void taxonomyByNameIsFoundInTheRepositoryConfFolderFromAModuleFolder(@TempDir Path dir) throws Exception {
    CaseFile c = CountFixtures.caseFile(dir, "cn-spc-2017");
    Taxonomy t = Conf.taxonomy(c);
    assertEquals("cn-spc-2017", t.name());
    assertEquals(14, t.minorsAge());
  }

  @Test
  void taxonomyPathResolvesAgainstTheCaseFolder(@TempDir Path dir) throws Exception {
    Files.createDirectories(dir.resolve("tax"));
    Files.copy(Conf.dir().resolve("taxonomy/cn-spc-2017.yaml"), dir.resolve("tax/mine.yaml"));
    CaseFile c = CountFixtures.caseFile(dir, "tax/mine.yaml");
    assertEquals("cn-spc-2017", Conf.taxonomy(c).name());
  }

  @Test
  void unknownTaxonomyIsAConfigurationErrorNamingTheKey(@TempDir Path dir) throws Exception {
    CaseFile c = CountFixtures.caseFile(dir, "no-such-law");
    LeaktraceException e = assertThrows(LeaktraceException.class, () -> Conf.taxonomy(c));
    assertEquals(Errors.EXIT_CONFIG, e.exitCode());
    assertTrue(e.getMessage().contains("key 'taxonomy' = 'no-such-law'"), e.getMessage());
    assertTrue(e.getMessage().contains("cn-spc-2017"), "lists the available taxonomies: " + e.getMessage());
  }

  @Test
  void paramsAreValidatedAndDescribed() {
    assertThrows(LeaktraceException.class, () -> CountParams.defaults().withLinkTypes(Set.of()));
    assertThrows(LeaktraceException.class, () -> CountParams.defaults().withLinkTypes(Set.of("shoe_size")));
    CountParams p = CountParams.defaults();
    assertEquals("bank_card, cn_mobile, cn_resident_id, email, passport", p.describe().get("count.link_types"));
    assertTrue(p.describe().get("count.dedupe").startsWith("true"));
  }

  @Test
  void onlyDumpsHaveDumpInfo(@TempDir Path dir) throws Exception {
    CaseFile c = CountFixtures.caseFile(dir, "cn-spc-2017");
    List<DumpInfo> dumps = DumpInfo.of(c);
    assertEquals(CountCaseTest.DUMPS, dumps);
    DatasetSpec platform = new DatasetSpec(DatasetSpec.Kind.PLATFORM, "courier-x", dir.toString(), Format.AUTO,
        "auto", null, Map.of(), "courier", null, null, null, false);
    assertThrows(IllegalArgumentException.class, () -> DumpInfo.of(platform));
  }
}
