package org.leaktrace.udf.detect;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.leaktrace.udf.types.FieldType;
import org.leaktrace.udf.types.Text;

/** Column-header hints (姓名 → person_name, checkin → stay_checkin), read from {@code header-hints.yaml}. */
public final class HeaderHints {

  static final String RESOURCE = "header-hints.yaml";

  private static final Pattern NOT_WORD = Pattern.compile("[^\\p{L}\\p{N}]+");

  private final Map<String, List<FieldType>> exact;
  private final Map<String, List<FieldType>> contains;

  private HeaderHints(Map<String, List<FieldType>> exact, Map<String, List<FieldType>> contains) {
    this.exact = exact;
    this.contains = contains;
  }

  /** The hints shipped with the udf jar, loaded once. */
  public static HeaderHints defaults() {
    return Defaults.HINTS;
  }

  private static final class Defaults {
    static final HeaderHints HINTS = loadResource();

    private static HeaderHints loadResource() {
      try (InputStream in = HeaderHints.class.getResourceAsStream(RESOURCE)) {
        if (in == null) {
          throw new IllegalStateException("resource missing from the udf jar: " + RESOURCE);
        }
        return load(in, RESOURCE);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + RESOURCE, e);
      }
    }
  }

  /** The YAML file: a list of hints. */
  record HintFile(List<Hint> hints) {}

  /** One hint: header keys matched exactly or as a part, and the types they suggest. */
  record Hint(List<String> types, List<String> exact, List<String> contains) {}

  /**
   * Reads hints from YAML ({@code hints: [{types, exact, contains}]}); unknown keys, unknown types
   * and a key given twice are errors that name {@code source}.
   */
  public static HeaderHints load(InputStream in, String source) throws IOException {
    ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
    yaml.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    HintFile file;
    try {
      file = yaml.readValue(in, HintFile.class);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(source + ": " + e.getOriginalMessage(), e);
    }
    if (file == null || file.hints() == null) {
      throw new IllegalArgumentException(source + ": missing key 'hints' (a list of {types, exact, contains})");
    }
    Map<String, List<FieldType>> exact = new LinkedHashMap<>();
    Map<String, List<FieldType>> contains = new LinkedHashMap<>();
    for (int i = 0; i < file.hints().size(); i++) {
      Hint h = file.hints().get(i);
      String where = source + ": hints[" + i + "]";
      if (h.types() == null || h.types().isEmpty()) {
        throw new IllegalArgumentException(where + ": 'types' is missing; name at least one field type");
      }
      List<FieldType> types = new ArrayList<>();
      for (String t : h.types()) {
        try {
          types.add(FieldType.of(t));
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException(where + ".types: " + e.getMessage(), e);
        }
      }
      put(exact, h.exact(), types, where + ".exact");
      put(contains, h.contains(), types, where + ".contains");
    }
    return new HeaderHints(Map.copyOf(exact), Map.copyOf(contains));
  }

  private static void put(
      Map<String, List<FieldType>> into, List<String> keys, List<FieldType> types, String where) {
    if (keys == null) {
      return;
    }
    for (String k : keys) {
      String n = normalize(k);
      if (n.isEmpty()) {
        throw new IllegalArgumentException(where + ": key '" + k + "' is empty after normalization");
      }
      List<FieldType> before = into.putIfAbsent(n, List.copyOf(types));
      if (before != null) {
        throw new IllegalArgumentException(
            where + ": key '" + k + "' is already a hint for " + before + "; keep one");
      }
    }
  }

  /** Full-width folded, lower-case, only letters and digits: {@code "E-Mail "} → {@code email}. */
  public static String normalize(String header) {
    if (header == null) {
      return "";
    }
    String h = Text.halfWidth(header).toLowerCase(Locale.ROOT);
    return NOT_WORD.matcher(h).replaceAll("");
  }

  /**
   * The types a header suggests, most likely first; empty when none. An exact key wins; otherwise the
   * longest contained key, then the one ending last.
   */
  public List<FieldType> typesFor(String header) {
    String h = normalize(header);
    if (h.isEmpty()) {
      return List.of();
    }
    List<FieldType> e = exact.get(h);
    if (e != null) {
      return e;
    }
    String best = null;
    int bestEnd = -1;
    for (String k : contains.keySet()) {
      int at = h.lastIndexOf(k);
      if (at < 0) {
        continue;
      }
      int end = at + k.length();
      if (best == null
          || k.length() > best.length()
          || (k.length() == best.length() && (end > bestEnd || (end == bestEnd && k.compareTo(best) < 0)))) {
        best = k;
        bestEnd = end;
      }
    }
    return best == null ? List.of() : contains.get(best);
  }
}
