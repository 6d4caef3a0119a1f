package org.leaktrace.jobs.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The maps the report writes out iterate in a declared order. {@code Map.of}/{@code Set.of} change their
 * order from one JVM to the next (a per-JVM salt), so a page rendered by a cluster's driver differed from
 * the local one; these checks fail on such a map, whatever order this JVM happens to give it.
 */
class OrderedMapsTest {

  @Test
  void everyLabelListsChineseThenEnglish() {
    for (Map.Entry<String, Map<String, String>> e : Labels.ALL.entrySet()) {
      assertEquals(List.of("zh", "en"), new ArrayList<>(e.getValue().keySet()), e.getKey());
      assertNotSaltedOrder(e.getValue(), e.getKey());
    }
    Map<String, String> unknown = Labels.of("reason", "no_such_reason");
    assertEquals(List.of("zh", "en"), new ArrayList<>(unknown.keySet()));
    assertNotSaltedOrder(unknown, "label of an unknown code");
  }

  @Test
  void labelsKeepTheirDeclaredOrder() {
    assertNotSaltedOrder(Labels.ALL, "Labels.ALL");
    List<String> keys = new ArrayList<>(Labels.ALL.keySet());
    assertEquals(List.of("class.whereabouts", "class.communication_content", "class.credit"), keys.subList(0, 3));
    assertEquals("chart.unknown_source", keys.get(keys.size() - 1));
  }

  @Test
  void thePageEmbedsLabelsInDeclaredOrder() {
    String html = HtmlReport.html(Summaries.full());
    int whereabouts = html.indexOf("\"class.whereabouts\":{\"zh\":");
    int credit = html.indexOf("\"class.credit\":{\"zh\":");
    assertTrue(whereabouts > 0 && credit > whereabouts, "labels JSON in declared order, zh first");
  }

  @Test
  void methodInputsKeepTheOrderGiven() {
    Map<String, Object> params = new LinkedHashMap<>();
    params.put("z.last_alphabetically", "1");
    params.put("a.first_alphabetically", "2");
    params.put("m.middle", "3");
    MethodInputs in = new MethodInputs("case.yaml", "cmd", "t", "t.yaml", "0", "v", "s", "d", null, params);
    assertEquals(List.of("z.last_alphabetically", "a.first_alphabetically", "m.middle"),
        new ArrayList<>(in.parameters().keySet()));
    assertNotSaltedOrder(in.parameters(), "parameters");
    assertNotSaltedOrder(in.tableVersions(), "tableVersions (none given)");
  }

  /** {@code Map.of}, {@code Map.copyOf}, {@code Set.of}: iteration order differs between JVMs. */
  private static void assertNotSaltedOrder(Map<?, ?> m, String what) {
    assertFalse(m.getClass().getName().startsWith("java.util.ImmutableCollections"),
        what + " is a " + m.getClass().getName() + " (Map.of): its order changes between JVMs; use a LinkedHashMap");
  }
}
