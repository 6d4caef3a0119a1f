package org.leaktrace.jobs.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** METHOD.md: parameters, thresholds, articles, versions, inputs; deterministic; dump strings inert. */
class MethodDocTest {

  @TempDir Path tmp;

  static MethodInputs inputs() {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("ingest.max_line_bytes", 1_048_576);
    p.put("count.dedupe", "true (Art. 11(3): equal content key within a dump)");
    p.put("attribute.min_score", new String[] {"0.5", "below it a platform is no candidate"});
    p.put("seed", 42L);
    return new MethodInputs("case/case.yaml", "bin/leaktrace run --case case/case.yaml --out out/demo --reproducible",
        "cn-spc-2017", "conf/taxonomy/cn-spc-2017.yaml", "ab".repeat(32), "0.1.0", "4.1.0", "4.4.0",
        Map.of("analytic/records", 3L), p);
  }

  @Test
  void statesEverythingACourtNeeds() throws Exception {
    Path f = tmp.resolve("exhibit/METHOD.md");
    MethodDoc.write(Summaries.full(), inputs(), f);
    String md = Files.readString(f);
    for (String s : new String[] {"bin/leaktrace run --case case/case.yaml --out out/demo --reproducible",
        "| Apache Spark | 4.1.0 |", "| Delta Lake | 4.4.0 |", "ab".repeat(32), "| analytic/records | 3 |",
        "| ingest.max\\_line\\_bytes | 1048576 |", "| attribute.min\\_score | 0.5 (below it a platform is no candidate) |",
        "### Other parameters", "| seed | 42 |", "Art. 5(1)(3)", "Art. 5(1)(6)", "Art. 5(1)(8)", "Art. 5(2)",
        "Art. 11(1)", "Art. 11(2)", "Art. 11(3)", "PIPL", "Art. 28", "| 500 | accommodation",
        "| 50 | whereabouts, communication\\_content, credit, property | 50 | 25 | 500 |", "sha256sum -c"}) {
      assertTrue(md.contains(s), s);
    }
    // every input with size and hash
    for (var in : Summaries.full().withArray("inputs")) {
      assertTrue(md.contains(in.get("sha256").asText()));
    }
    assertTrue(md.contains("### count\n"), "count ran in the full summary");
    assertTrue(md.contains("### estimate\n"), "estimate ran in the full summary");
    assertFalse(MethodDoc.markdown(Summaries.ingestOnly(), inputs()).contains("### estimate\n"), "not in an ingest-only one");
    assertFalse(Pattern.compile("\\b\\d{1,2}:\\d{2}(:\\d{2})?\\b").matcher(md).find(), "no time of day");
    assertEquals(md, MethodDoc.markdown(Summaries.full(), inputs()), "deterministic");
  }

  @Test
  void stagesNotRunAreSaidSo() {
    String md = MethodDoc.markdown(Summaries.ingestOnly(), inputs());
    assertTrue(md.contains("### attribute (not run"));
    assertTrue(md.contains("### count (not run"));
    assertTrue(md.contains("### ingest\n"));
  }

  @Test
  void theMatchModelIsTabulatedWithItsWeights() {
    com.fasterxml.jackson.databind.node.ObjectNode s = Summaries.full();
    com.fasterxml.jackson.databind.node.ObjectNode e = s.putArray("attribution_model").addObject();
    e.put("platform", "courier-x").put("type", "address").put("u_source", "background").put("u_pairs", 1075).put("m_pairs", 880)
        .put("copy_share", 0.36);
    String[] levels = {"exact", "normalized", "form_coarse", "coarse", "partial", "disagree"};
    double[] w = {-0.39, 9.76, 6.38, -12.42, -4.92, -1.04};
    for (int i = 0; i < levels.length; i++) {
      e.with("weight").put(levels[i], w[i]);
    }
    String md = MethodDoc.markdown(s, inputs());
    assertTrue(md.contains("## Attribution's match model"), md);
    assertTrue(md.contains("| platform | type | u from | pairs | dump pairs | exact | normalized | form_coarse | coarse | partial | disagree |"));
    assertTrue(md.contains("| courier-x | address | background | 1,075 | 880 | -0.4 | 9.8 | 6.4 | -12.4 | -4.9 | -1.0 |"), md);
    assertFalse(MethodDoc.markdown(Summaries.full(), inputs()).contains("match model\n"), "absent without a model");
  }

  @Test
  void dumpStringsCannotOpenMarkup() {
    String md = MethodDoc.markdown(Summaries.hostile(), inputs());
    assertFalse(md.contains("<script>") || md.contains("<img"), "raw HTML");
    assertTrue(md.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assertEquals("a\\|b &lt;i&gt; \\`x\\` c", MethodDoc.md("a|b <i> `x`\nc"));
  }
}
