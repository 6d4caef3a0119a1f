package org.leaktrace.udf.taxonomy;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.leaktrace.udf.types.FieldType;

/**
 * A sensitivity taxonomy loaded from YAML: ordered classes with their tiers, the class and sensitive
 * category of each field type, combination rules, and the severity function over piece counts.
 */
public final class Taxonomy implements java.io.Serializable {

  private static final long serialVersionUID = 1L;

  private static final Pattern CLASS_KEY = Pattern.compile("[a-z][a-z0-9_]*");
  private static final int RATIO_DECIMALS = 6;

  /** A combination rule: a row carrying these types (in a dataset carrying those) gets {@code className}. */
  public record Rule(
      String key,
      Set<FieldType> rowAll,
      Set<FieldType> rowAny,
      Set<FieldType> datasetAny,
      String className,
      boolean enabled,
      String note) implements java.io.Serializable {

    /** True when the row's types (and its dataset's) satisfy every condition of the rule. */
    public boolean matches(Set<FieldType> row, Set<FieldType> dataset) {
      return row.containsAll(rowAll)
          && (rowAny.isEmpty() || !Collections.disjoint(row, rowAny))
          && (datasetAny.isEmpty() || !Collections.disjoint(dataset, datasetAny));
    }
  }

  private final String name;
  private final String title;
  private final String source;
  private final Integer minorsAge;
  private final List<String> classes;
  private final Map<String, Long> tiers;
  private final Map<FieldType, String> classOf;
  private final Map<FieldType, String> sensitive;
  private final List<Rule> rules;
  private final long seriousMultiplier;
  private final long particularlyMultiplier;
  private final BigDecimal insiderFactor;
  private final boolean ratioRule;

  private Taxonomy(
      String name,
      String title,
      String source,
      Integer minorsAge,
      List<String> classes,
      Map<String, Long> tiers,
      Map<FieldType, String> classOf,
      Map<FieldType, String> sensitive,
      List<Rule> rules,
      long seriousMultiplier,
      long particularlyMultiplier,
      BigDecimal insiderFactor,
      boolean ratioRule) {
    this.name = name;
    this.title = title;
    this.source = source;
    this.minorsAge = minorsAge;
    this.classes = List.copyOf(classes);
    this.tiers = Collections.unmodifiableMap(tiers);
    this.classOf = Collections.unmodifiableMap(classOf);
    this.sensitive = Collections.unmodifiableMap(sensitive);
    this.rules = List.copyOf(rules);
    this.seriousMultiplier = seriousMultiplier;
    this.particularlyMultiplier = particularlyMultiplier;
    this.insiderFactor = insiderFactor;
    this.ratioRule = ratioRule;
  }

  // ---------------------------------------------------------------- loading

  /**
   * A taxonomy by name ({@code confDir/taxonomy/<name>.yaml}) or by path (anything with a path
   * separator or a {@code .yaml}/{@code .yml} suffix), as the case file's {@code taxonomy:} key. A
   * relative path is taken as given: callers resolve it against the case file's folder first.
   */
  public static Taxonomy named(String nameOrPath, Path confDir) {
    if (nameOrPath == null || nameOrPath.isBlank()) {
      throw new TaxonomyException(
          "taxonomy: no name given; set 'taxonomy:' in the case file to a name such as cn-spc-2017 or a path");
    }
    String v = nameOrPath.strip();
    boolean path = v.contains("/") || v.contains("\\") || v.endsWith(".yaml") || v.endsWith(".yml");
    if (path) {
      return load(Path.of(v));
    }
    Path dir = confDir.resolve("taxonomy");
    Path file = dir.resolve(v + ".yaml");
    if (!Files.isRegularFile(file)) {
      throw new TaxonomyException(
          "taxonomy '" + v + "' not found as " + file + "; available: " + available(dir)
              + "; or give a path to a .yaml file");
    }
    return load(file);
  }

  private static String available(Path dir) {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString())
          .filter(f -> f.endsWith(".yaml"))
          .map(f -> f.substring(0, f.length() - ".yaml".length()))
          .sorted()
          .collect(Collectors.joining(", "));
    } catch (IOException e) {
      return "(cannot list " + dir + ")";
    }
  }

  /** Reads and validates one taxonomy file; every error names the file, the key and the fix. */
  public static Taxonomy load(Path file) {
    String where = file.toString();
    TaxonomyFile raw;
    try (InputStream in = Files.newInputStream(file)) {
      raw = mapper().readValue(in, TaxonomyFile.class);
    } catch (NoSuchFileException e) {
      throw TaxonomyException.at(where, null, "file not found", "check the path or the taxonomy name");
    } catch (UnrecognizedPropertyException e) {
      throw new TaxonomyException(
          "taxonomy " + where + ": " + path(e) + ": unknown key '" + e.getPropertyName()
              + "'; valid keys here: " + new TreeSet<>(e.getKnownPropertyIds().stream().map(String::valueOf).toList()),
          e);
    } catch (JsonMappingException e) {
      throw new TaxonomyException("taxonomy " + where + ": " + path(e) + ": " + e.getOriginalMessage()
          + "; see conf/taxonomy/cn-spc-2017.yaml for the expected shape", e);
    } catch (JsonProcessingException e) {
      throw new TaxonomyException("taxonomy " + where + ": not valid YAML: " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new TaxonomyException("taxonomy " + where + ": cannot read: " + e.getMessage(), e);
    }
    if (raw == null) {
      throw TaxonomyException.at(where, null, "file is empty", "see conf/taxonomy/cn-spc-2017.yaml for the keys");
    }
    return validate(raw, where, defaultName(file));
  }

  private static ObjectMapper mapper() {
    ObjectMapper m = new ObjectMapper(new YAMLFactory());
    m.setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);
    m.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    m.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    m.enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
    return m;
  }

  private static String path(JsonMappingException e) {
    StringBuilder b = new StringBuilder();
    for (JsonMappingException.Reference r : e.getPath()) {
      if (r.getFieldName() != null) {
        b.append(b.length() == 0 ? "" : ".").append(r.getFieldName());
      } else if (r.getIndex() >= 0) {
        b.append('[').append(r.getIndex()).append(']');
      }
    }
    return b.length() == 0 ? "(top level)" : b.toString();
  }

  private static String defaultName(Path file) {
    String f = file.getFileName().toString();
    int dot = f.lastIndexOf('.');
    return dot > 0 ? f.substring(0, dot) : f;
  }

  private static Taxonomy validate(TaxonomyFile raw, String where, String defaultName) {
    if (raw.classes() == null || raw.classes().isEmpty()) {
      throw TaxonomyException.at(where, "classes", "missing or empty", "list the classes, most sensitive first");
    }
    List<String> classes = new ArrayList<>();
    Map<String, Long> tiers = new LinkedHashMap<>();
    boolean anyTier = raw.classes().stream().anyMatch(c -> c != null && c.tier() != null);
    for (int i = 0; i < raw.classes().size(); i++) {
      TaxonomyFile.ClassDef c = raw.classes().get(i);
      String key = "classes[" + i + "]";
      if (c == null || c.key() == null || !CLASS_KEY.matcher(c.key()).matches()) {
        throw TaxonomyException.at(where, key + ".key", "missing or not snake_case: " + (c == null ? null : c.key()),
            "give each class a key such as whereabouts");
      }
      if (classes.contains(c.key())) {
        throw TaxonomyException.at(where, key + ".key", "duplicate class '" + c.key() + "'", "keep one entry per class");
      }
      if (anyTier && c.tier() == null) {
        throw TaxonomyException.at(where, key + ".tier", "class '" + c.key() + "' has no tier while other classes have one",
            "give every class a tier (pieces for 'serious') or remove all tiers");
      }
      if (c.tier() != null && c.tier() <= 0) {
        throw TaxonomyException.at(where, key + ".tier", "must be a positive number of pieces, got " + c.tier(), null);
      }
      classes.add(c.key());
      if (c.tier() != null) {
        tiers.put(c.key(), c.tier());
      }
    }

    TaxonomyFile.SeverityParams sev = raw.severity();
    long serious = 1;
    long particularly = 10;
    BigDecimal insider = BigDecimal.ONE;
    boolean ratio = false;
    if (anyTier) {
      if (sev == null) {
        throw TaxonomyException.at(where, "severity", "missing while classes have tiers",
            "add serious_multiplier, particularly_serious_multiplier, insider_factor and ratio_rule");
      }
      serious = required(sev.seriousMultiplier(), where, "severity.serious_multiplier");
      particularly = required(sev.particularlySeriousMultiplier(), where, "severity.particularly_serious_multiplier");
      insider = required(sev.insiderFactor(), where, "severity.insider_factor");
      ratio = required(sev.ratioRule(), where, "severity.ratio_rule");
      if (serious < 1 || particularly <= serious) {
        throw TaxonomyException.at(where, "severity", "multipliers must satisfy 1 <= serious_multiplier < particularly_serious_multiplier, got "
            + serious + " and " + particularly, "the 2017 Interpretation uses 1 and 10");
      }
      if (insider.signum() <= 0 || insider.compareTo(BigDecimal.ONE) > 0) {
        throw TaxonomyException.at(where, "severity.insider_factor", "must be in (0, 1], got " + insider.toPlainString(),
            "Art. 5(1)(8) halves the thresholds: 0.5");
      }
    } else if (sev != null) {
      throw TaxonomyException.at(where, "severity", "given but no class has a tier",
          "add tiers to the classes or remove the severity block");
    }

    Map<FieldType, String> classOf = new EnumMap<>(FieldType.class);
    Map<FieldType, String> sensitive = new EnumMap<>(FieldType.class);
    if (raw.fields() != null) {
      for (Map.Entry<String, TaxonomyFile.FieldDef> e : raw.fields().entrySet()) {
        FieldType t = fieldType(e.getKey(), where, "fields." + e.getKey());
        TaxonomyFile.FieldDef f = e.getValue();
        if (f == null) {
          continue;
        }
        if (f.cls() != null) {
          knownClass(f.cls(), classes, where, "fields." + e.getKey() + ".class");
          classOf.put(t, f.cls());
        }
        if (f.sensitive() != null && !f.sensitive().isBlank()) {
          sensitive.put(t, f.sensitive());
        }
      }
    }

    List<Rule> rules = new ArrayList<>();
    Set<String> ruleKeys = new TreeSet<>();
    if (raw.rules() != null) {
      for (int i = 0; i < raw.rules().size(); i++) {
        TaxonomyFile.RuleDef r = raw.rules().get(i);
        String key = "rules[" + i + "]";
        if (r == null || r.key() == null || r.key().isBlank()) {
          throw TaxonomyException.at(where, key + ".key", "missing", "name each rule; METHOD.md reports rules by key");
        }
        if (!ruleKeys.add(r.key())) {
          throw TaxonomyException.at(where, key + ".key", "duplicate rule '" + r.key() + "'", "keep one rule per key");
        }
        Set<FieldType> all = types(r.rowAll(), where, key + ".row_all");
        Set<FieldType> any = types(r.rowAny(), where, key + ".row_any");
        Set<FieldType> dataset = types(r.datasetAny(), where, key + ".dataset_any");
        if (all.isEmpty() && any.isEmpty()) {
          throw TaxonomyException.at(where, key, "rule '" + r.key() + "' names no row types",
              "give row_all or row_any");
        }
        if (r.cls() == null) {
          throw TaxonomyException.at(where, key + ".class", "missing", "name the class the rule gives");
        }
        knownClass(r.cls(), classes, where, key + ".class");
        rules.add(new Rule(r.key(), all, any, dataset, r.cls(), r.enabled() == null || r.enabled(), r.note()));
      }
    }

    if (raw.minorsAge() != null && raw.minorsAge() <= 0) {
      throw TaxonomyException.at(where, "minors_age", "must be a positive age, got " + raw.minorsAge(),
          "PIPL Art. 28 uses 14");
    }
    String name = raw.name() == null || raw.name().isBlank() ? defaultName : raw.name();
    return new Taxonomy(name, raw.title(), raw.source(), raw.minorsAge(), classes, tiers, classOf, sensitive,
        rules, serious, particularly, insider, ratio);
  }

  private static <T> T required(T v, String where, String key) {
    if (v == null) {
      throw TaxonomyException.at(where, key, "missing", "see conf/taxonomy/cn-spc-2017.yaml");
    }
    return v;
  }

  private static FieldType fieldType(String key, String where, String at) {
    try {
      return FieldType.of(key);
    } catch (IllegalArgumentException e) {
      throw TaxonomyException.at(where, at, "unknown field type '" + key + "'", "valid types: " + FieldType.keys());
    }
  }

  private static Set<FieldType> types(List<String> keys, String where, String at) {
    Set<FieldType> out = EnumSet.noneOf(FieldType.class);
    if (keys != null) {
      for (String k : keys) {
        out.add(fieldType(k, where, at));
      }
    }
    return Collections.unmodifiableSet(out);
  }

  private static void knownClass(String cls, List<String> classes, String where, String at) {
    if (!classes.contains(cls)) {
      throw TaxonomyException.at(where, at, "unknown class '" + cls + "'", "valid classes: " + String.join(", ", classes));
    }
  }

  // ---------------------------------------------------------------- classification

  public String name() {
    return name;
  }

  /** Human title of the taxonomy (nullable). */
  public String title() {
    return title;
  }

  /** The legal sources the file cites (nullable). */
  public String source() {
    return source;
  }

  /** Age under which every field of a person is sensitive (PIPL Art. 28: 14); null when not set. */
  public Integer minorsAge() {
    return minorsAge;
  }

  /** Class keys, most sensitive first. */
  public List<String> classes() {
    return classes;
  }

  public List<Rule> rules() {
    return rules;
  }

  /** The class of a field type alone, or null when the type gives no class (datetime, free_text). */
  public String classOf(FieldType type) {
    return classOf.get(type);
  }

  /**
   * The class of a row: the most sensitive among its fields' classes and the classes of the enabled
   * rules it matches; null when none. {@code datasetTypes} are the types of the whole table (the row's
   * are added to them).
   */
  public String classOfRow(Set<FieldType> presentTypes, Set<FieldType> datasetTypes) {
    Set<FieldType> row = presentTypes == null ? Set.of() : presentTypes;
    Set<FieldType> dataset = EnumSet.noneOf(FieldType.class);
    dataset.addAll(row);
    if (datasetTypes != null) {
      dataset.addAll(datasetTypes);
    }
    String best = null;
    for (FieldType t : row) {
      best = moreSensitive(best, classOf.get(t));
    }
    for (Rule r : rules) {
      if (r.enabled() && r.matches(row, dataset)) {
        best = moreSensitive(best, r.className());
      }
    }
    return best;
  }

  private String moreSensitive(String a, String b) {
    if (a == null) {
      return b;
    }
    if (b == null) {
      return a;
    }
    return rank(b) < rank(a) ? b : a;
  }

  /** Position of a class, 0 for the most sensitive. */
  public int rank(String cls) {
    int i = classes.indexOf(cls);
    if (i < 0) {
      throw unknownClass(cls);
    }
    return i;
  }

  /** True when the classes carry criminal tiers, so that {@link #severity} has levels. */
  public boolean hasTiers() {
    return !tiers.isEmpty();
  }

  /** The class's tier in pieces (50, 500, 5000), or null in a taxonomy without tiers. */
  public Long tierOf(String cls) {
    rank(cls);
    return tiers.get(cls);
  }

  /** Pieces for "serious" (tier × serious multiplier), or null without tiers. */
  public Long threshold(String cls) {
    Long tier = tierOf(cls);
    return tier == null ? null : tier * seriousMultiplier;
  }

  /** Pieces for "serious", halved for an insider (Art. 5(1)(8)); null without tiers. */
  public BigDecimal threshold(String cls, boolean insider) {
    Long t = threshold(cls);
    return t == null ? null : scaled(t, 1, insider);
  }

  /** True when the field type is sensitive personal information (PIPL Art. 28 in cn-spc-2017). */
  public boolean piplSensitive(FieldType type) {
    return sensitive.containsKey(type);
  }

  /** The sensitive category of a field type ({@code financial_account}, ...), or null. */
  public String sensitiveCategory(FieldType type) {
    return sensitive.get(type);
  }

  public long seriousMultiplier() {
    return seriousMultiplier;
  }

  public long particularlySeriousMultiplier() {
    return particularlyMultiplier;
  }

  public BigDecimal insiderFactor() {
    return insiderFactor;
  }

  public boolean ratioRule() {
    return ratioRule;
  }

  // ---------------------------------------------------------------- severity

  /**
   * The level a count of pieces per class reaches (2017 Interpretation Art. 5). Serious when the
   * ratio sum Σ n_c / threshold_c reaches 1 (Art. 5(1)(6); without the ratio rule, when one class
   * reaches its threshold); particularly serious at the particularly-serious multiplier (Art. 5(2)(3):
   * the same test over 10× thresholds, or one class at 10× its own). For an insider every threshold
   * is multiplied by the insider factor (Art. 5(1)(8)). Compared in exact rational arithmetic, so a
   * sum that is exactly 1 is serious and no rounding flips a verdict; the reported ratio sum is
   * truncated (not rounded up) to 6 decimals so it never shows a threshold the verdict did not reach.
   */
  public Severity severity(Map<String, Long> piecesByClass, boolean insider) {
    Map<String, Long> pieces = piecesByClass == null ? Map.of() : piecesByClass;
    for (Map.Entry<String, Long> e : pieces.entrySet()) {
      if (!classes.contains(e.getKey())) {
        throw unknownClass(e.getKey());
      }
      if (e.getValue() == null || e.getValue() < 0) {
        throw new IllegalArgumentException(
            "pieces for class '" + e.getKey() + "' must be a count >= 0, got " + e.getValue());
      }
    }
    if (!hasTiers()) {
      return new Severity(Severity.Level.NOT_APPLICABLE, 0.0, false);
    }
    Fraction serious = ratio(pieces, seriousMultiplier, insider);
    Fraction particularly = ratio(pieces, particularlyMultiplier, insider);
    boolean isSerious = ratioRule ? serious.atLeastOne() : anyAtThreshold(pieces, seriousMultiplier, insider);
    boolean isParticularly =
        (ratioRule && particularly.atLeastOne()) || anyAtThreshold(pieces, particularlyMultiplier, insider);
    Severity.Level level = isParticularly
        ? Severity.Level.PARTICULARLY_SERIOUS
        : isSerious ? Severity.Level.SERIOUS : Severity.Level.NONE;
    return new Severity(level, serious.truncated(RATIO_DECIMALS), insider);
  }

  private BigDecimal scaled(long tier, long multiplier, boolean insider) {
    BigDecimal t = BigDecimal.valueOf(tier).multiply(BigDecimal.valueOf(multiplier));
    return insider ? t.multiply(insiderFactor) : t;
  }

  private Fraction ratio(Map<String, Long> pieces, long multiplier, boolean insider) {
    Fraction sum = Fraction.ZERO;
    for (Map.Entry<String, Long> e : tiers.entrySet()) {
      long n = pieces.getOrDefault(e.getKey(), 0L);
      if (n > 0) {
        sum = sum.plus(Fraction.of(BigDecimal.valueOf(n), scaled(e.getValue(), multiplier, insider)));
      }
    }
    return sum;
  }

  private boolean anyAtThreshold(Map<String, Long> pieces, long multiplier, boolean insider) {
    for (Map.Entry<String, Long> e : tiers.entrySet()) {
      long n = pieces.getOrDefault(e.getKey(), 0L);
      if (BigDecimal.valueOf(n).compareTo(scaled(e.getValue(), multiplier, insider)) >= 0) {
        return true;
      }
    }
    return false;
  }

  private IllegalArgumentException unknownClass(String cls) {
    return new IllegalArgumentException(
        "unknown class '" + cls + "' in taxonomy " + name + "; valid classes: " + String.join(", ", classes));
  }

  /** An exact non-negative fraction: thresholds and counts are decimals, so sums stay exact. */
  private record Fraction(BigInteger num, BigInteger den) {
    static final Fraction ZERO = new Fraction(BigInteger.ZERO, BigInteger.ONE);

    static Fraction of(BigDecimal n, BigDecimal d) {
      // n / d = (n.unscaled * 10^d.scale) / (d.unscaled * 10^n.scale)
      BigInteger num = n.unscaledValue().multiply(BigInteger.TEN.pow(Math.max(d.scale(), 0)))
          .multiply(BigInteger.TEN.pow(Math.max(-n.scale(), 0)));
      BigInteger den = d.unscaledValue().multiply(BigInteger.TEN.pow(Math.max(n.scale(), 0)))
          .multiply(BigInteger.TEN.pow(Math.max(-d.scale(), 0)));
      return new Fraction(num, den).reduced();
    }

    Fraction plus(Fraction o) {
      return new Fraction(num.multiply(o.den).add(o.num.multiply(den)), den.multiply(o.den)).reduced();
    }

    Fraction reduced() {
      BigInteger g = num.gcd(den);
      return g.signum() == 0 || g.equals(BigInteger.ONE) ? this : new Fraction(num.divide(g), den.divide(g));
    }

    boolean atLeastOne() {
      return num.compareTo(den) >= 0;
    }

    double truncated(int decimals) {
      return new BigDecimal(num).divide(new BigDecimal(den), decimals, RoundingMode.DOWN).doubleValue();
    }
  }

  @Override
  public String toString() {
    return "Taxonomy[" + name + ", classes=" + classes + "]";
  }
}
