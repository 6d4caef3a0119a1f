package org.leaktrace.jobs.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The report page: sections present or absent with the summary, hostile strings escaped, nothing fetched. */
class HtmlReportTest {

  private static final Pattern SCRIPT_BLOCK = Pattern.compile("(?s)<script\\b[^>]*>(.*?)</script>");

  @TempDir Path tmp;

  @Test
  void rendersEverySectionOfAFinishedCase() throws Exception {
    Path file = tmp.resolve("report/index.html");
    HtmlReport.render(Summaries.full(), file);
    String html = Files.readString(file, StandardCharsets.UTF_8);
    for (String id : List.of("headline", "attribution", "classes", "thresholds", "resale", "estimates", "timeline",
        "accounting",
        "chart-classes", "chart-thresholds", "chart-resale", "chart-timeline", "chart-accounting")) {
      assertTrue(html.contains("id=\"" + id + "\""), id);
    }
    assertTrue(html.contains(">187<"), "case individuals");
    assertTrue(html.contains(">201<"), "case pieces");
    assertTrue(html.contains("情节严重") && html.contains("serious circumstances"), "both languages");
    assertTrue(html.contains("shop-w") && html.contains("partner-3"), "attribution evidence");
    assertTrue(html.contains("2020-04-01"), "extraction window");
    assertTrue(html.contains(">752<") && html.contains("598 – 1,004") && html.contains("hidden-a-copy"),
        "estimate, interval and the excluded copy");
    assertEquals(3, scripts(html).size(), "data, echarts, app");
  }

  @Test
  void copiedRowsAndPeopleAlsoOnAPlatformAreDifferentSentences() {
    ObjectNode s = Summaries.full();
    // courier-leak: a second candidate to which no row was assigned (its people are on rental-z too)
    for (com.fasterxml.jackson.databind.JsonNode d : s.get("dumps")) {
      if (d.get("id").asText().equals("courier-leak")) {
        ObjectNode c = ((com.fasterxml.jackson.databind.node.ArrayNode) d.get("attribution").get("candidates"))
            .addObject();
        c.put("platform", "rental-z").put("score", 0.12).put("share", 0.0).put("containment", 0.41)
            .put("exclusive_rows", 0).put("canary_hits", 0);
        c.putArray("canary_partners");
        c.putObject("window").putNull("from").putNull("to");
      }
    }
    String html = HtmlReport.html(s);
    String headline = html.substring(html.indexOf("id=\"headline\""), html.indexOf("id=\"attribution\""));
    String courier = headline.substring(headline.indexOf("Dump <b>courier-leak</b>"));
    courier = courier.substring(0, courier.indexOf("</li>"));
    assertTrue(courier.contains("93% of its rows were copied from <b>courier-x</b>"), courier);
    assertFalse(courier.contains("rental-z"), "a candidate no row was copied from is not named as a source");
    assertTrue(headline.contains("copied from <b>shop-w</b>'s copy given to <b>partner-3</b>"), "the partner");
    assertTrue(html.contains("0% of the dump's rows were copied from rental-z's records"), "share");
    assertTrue(html.contains("41% of the dump's rows are about people who are also on rental-z"), "containment");
  }

  @Test
  void degradesToWhatWasReadWhenLaterStagesAreAbsent() throws Exception {
    String html = HtmlReport.html(Summaries.ingestOnly());
    assertTrue(html.contains("id=\"headline\"") && html.contains("id=\"accounting\""));
    assertFalse(html.contains("id=\"attribution\""));
    assertFalse(html.contains("id=\"thresholds\""));
    assertFalse(html.contains("id=\"resale\""));
    assertFalse(html.contains("id=\"timeline\""));
    assertFalse(html.contains("id=\"fig-individuals\""));
    assertTrue(html.contains("the count stage has not run"));
  }

  @Test
  void showsTheMaskedExamplesOfIdentifyingColumns() {
    String html = HtmlReport.html(Summaries.full());
    assertTrue(html.contains("<td class=\"masked\"><span>138****8000</span><span>139****5678</span></td>"),
        "mobile examples");
    assertTrue(html.contains("<td class=\"masked\"><span>张*</span><span>欧阳**</span></td>"), "name examples");
    assertTrue(html.contains("examples (masked)"));
  }

  @Test
  void rendersAnAlmostEmptySummary() {
    ObjectNode s = new ObjectMapper().createObjectNode().put("schema", "leaktrace.summary/1").put("case_id", "c");
    String html = HtmlReport.html(s);
    assertTrue(html.contains("id=\"headline\""));
    ObjectNode odd = new ObjectMapper().createObjectNode();
    odd.putArray("dumps").addObject().put("id", "d").putNull("columns").put("attribution", "not an object");
    assertTrue(HtmlReport.html(odd).contains(">d<"));
  }

  @Test
  void hostileStringsFromADumpRenderAsText() {
    String html = HtmlReport.html(Summaries.hostile());
    String outsideScripts = SCRIPT_BLOCK.matcher(html).replaceAll("");
    assertFalse(outsideScripts.contains("<script>alert"), "raw script tag in markup");
    assertFalse(html.contains("<img src=x"), "raw img tag");
    assertFalse(html.contains(">49<"), "template expression evaluated");
    assertTrue(outsideScripts.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), "escaped in markup");
    assertTrue(outsideScripts.contains("{{7*7}}"), "template syntax shown as text");
    assertTrue(outsideScripts.contains("&quot;&gt;&lt;img src=x onerror=alert(1)&gt;"));
    assertTrue(outsideScripts.contains(
        "<td class=\"masked\"><span>&lt;script&gt;alert(1)&lt;/script&gt;</span><span>{{7*7}}</span></td>"),
        "masked examples escaped");
    // the JSON block: nothing that ends or comments out the script element
    String json = scripts(html).get(0);
    assertFalse(json.contains("<") || json.contains(">") || json.contains("&"), "unescaped < > & in JSON");
    assertFalse(json.contains("\u2028"), "raw U+2028 in JSON");
    assertTrue(json.contains("\\u003Cscript\\u003Ealert(1)\\u003C/script\\u003E"));
    // exactly three script elements: nothing injected one
    assertEquals(3, scripts(html).size());
  }

  @Test
  void scriptJsonEscapesEverythingThatCouldBreakOut() throws Exception {
    ObjectMapper m = new ObjectMapper();
    ObjectNode n = m.createObjectNode().put("a", "</script><!-- & \u2028\u2029 中文");
    String s = HtmlReport.scriptJson(n);
    assertEquals("{\"a\":\"\\u003C/script\\u003E\\u003C!-- \\u0026 \\u2028\\u2029 中文\"}", s);
    assertEquals(n, m.readTree(s), "still the same JSON");
  }

  @Test
  void pageRequestsNothingFromTheNetwork() {
    String html = HtmlReport.html(Summaries.full());
    Matcher attr = Pattern.compile("(?i)\\b(src|href|action|poster|srcset|data)\\s*=\\s*[\"']?([^\"'\\s>]*)").matcher(
        SCRIPT_BLOCK.matcher(html).replaceAll(""));
    List<String> refs = new ArrayList<>();
    while (attr.find()) {
      refs.add(attr.group(1) + "=" + attr.group(2));
    }
    assertTrue(refs.isEmpty(), "no resource attributes outside scripts: " + refs);
    String outsideScripts = SCRIPT_BLOCK.matcher(html).replaceAll("");
    assertFalse(outsideScripts.matches("(?s).*(https?:)?//[a-z0-9.-]+\\.[a-z]{2,}.*"), "network URL in markup");
    assertFalse(outsideScripts.contains("@import") || outsideScripts.contains("url("), "CSS fetch");
    String app = scripts(html).get(2);
    for (String call : List.of("fetch(", "XMLHttpRequest", "innerHTML", "WebSocket", "import(", "http")) {
      assertFalse(app.contains(call), "app script uses " + call);
    }
    assertTrue(html.contains("Content-Security-Policy\" content=\"default-src &#39;none&#39;;"), "CSP forbids every request");
  }

  @Test
  void sameSummarySameBytes() {
    assertEquals(HtmlReport.html(Summaries.full()), HtmlReport.html(Summaries.full()));
  }

  private static List<String> scripts(String html) {
    List<String> out = new ArrayList<>();
    Matcher m = SCRIPT_BLOCK.matcher(html);
    while (m.find()) {
      out.add(m.group(1));
    }
    return out;
  }
}
