package org.leaktrace.jobs.report;

import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pebbletemplates.pebble.PebbleEngine;
import io.pebbletemplates.pebble.loader.ClasspathLoader;
import io.pebbletemplates.pebble.template.PebbleTemplate;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;

/**
 * Renders {@code report/index.html} from summary.json: one self-contained page (ECharts and the data
 * inlined, a Content-Security-Policy that forbids every request), Chinese and English, every string
 * escaped by Pebble's HTML autoescape; only aggregates, as summary.json holds no raw identifier.
 */
public final class HtmlReport {

  static final String ECHARTS = "META-INF/resources/webjars/echarts/5.3.1/dist/echarts.min.js";
  private static final String TEMPLATE = "org/leaktrace/jobs/report/index.html.peb";
  private static final String APP_JS = "org/leaktrace/jobs/report/report.js";

  private static final ObjectMapper SCRIPT_JSON = scriptSafeMapper();

  private HtmlReport() {}

  /** Writes the report page for {@code summary} to {@code file} (UTF-8), creating its folder. */
  public static void render(ObjectNode summary, Path file) throws IOException {
    Path dir = file.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    Files.writeString(file, html(summary), StandardCharsets.UTF_8);
  }

  /** The page as a string; the same summary gives the same bytes. */
  static String html(ObjectNode summary) {
    Map<String, Object> model = ReportModel.of(summary);
    String echarts = resource(ECHARTS);
    if (echarts.toLowerCase(Locale.ROOT).contains("</script")) {
      // never rewrite a library's code silently: a new version that breaks out of <script> must be looked at
      throw new IllegalStateException("bundled " + ECHARTS + " contains '</script'; it cannot be inlined as is");
    }
    String app = resource(APP_JS);
    String data = scriptJson(SCRIPT_JSON.valueToTree(model.get("charts")));
    model.put("echarts_js", echarts);
    model.put("app_js", app);
    model.put("data_json", data);
    // Only these two inline scripts may run (hash sources); nothing may be fetched.
    model.put("csp", "default-src 'none'; script-src '" + sha256Source(echarts) + "' '" + sha256Source(app)
        + "'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'");
    PebbleEngine engine = new PebbleEngine.Builder()
        .loader(new ClasspathLoader(HtmlReport.class.getClassLoader()))
        .autoEscaping(true)
        .defaultEscapingStrategy("html")
        .cacheActive(false)
        .build();
    PebbleTemplate t = engine.getTemplate(TEMPLATE);
    StringWriter w = new StringWriter();
    try {
      t.evaluate(w, model, Locale.ROOT);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return w.toString();
  }

  /**
   * JSON that is safe inside {@code <script type="application/json">}: {@code < > &} and U+2028/2029 as
   * {@code \\uXXXX}, so neither {@code </script>} nor {@code <!--} can end or alter the block.
   */
  static String scriptJson(JsonNode node) {
    try {
      return SCRIPT_JSON.writeValueAsString(node);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static ObjectMapper scriptSafeMapper() {
    ObjectMapper m = new ObjectMapper();
    m.getFactory().setCharacterEscapes(new CharacterEscapes() {
      private static final long serialVersionUID = 1L;
      private final int[] ascii = ascii();

      private int[] ascii() {
        int[] e = CharacterEscapes.standardAsciiEscapesForJSON();
        e['<'] = CharacterEscapes.ESCAPE_STANDARD;
        e['>'] = CharacterEscapes.ESCAPE_STANDARD;
        e['&'] = CharacterEscapes.ESCAPE_STANDARD;
        return e;
      }

      @Override
      public int[] getEscapeCodesForAscii() {
        return ascii;
      }

      @Override
      public SerializableString getEscapeSequence(int ch) {
        return ch == 0x2028 || ch == 0x2029 ? new SerializedString(String.format("\\u%04X", ch)) : null;
      }
    });
    return m;
  }

  static String resource(String name) {
    try (InputStream in = HtmlReport.class.getClassLoader().getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("resource missing from the classpath: " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String sha256Source(String script) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(script.getBytes(StandardCharsets.UTF_8));
      return "sha256-" + Base64.getEncoder().encodeToString(d);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
