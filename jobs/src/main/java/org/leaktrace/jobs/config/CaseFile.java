package org.leaktrace.jobs.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.leaktrace.jobs.common.Errors;
import org.leaktrace.jobs.common.LeaktraceException;
import org.leaktrace.udf.types.FieldType;

/**
 * A parsed and validated {@code case.yaml} (DESIGN.md, "Case directory and case file"). Relative paths
 * resolve against the case file's folder. The HMAC key is read on demand and never kept in a printable
 * field.
 */
public final class CaseFile {

  private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");
  private static final Pattern URI = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*://.*");
  private static final Pattern GLOB = Pattern.compile(".*[*?\\[{].*");
  private static final int MIN_KEY_BYTES = 16;

  private static final Set<String> TOP_KEYS =
      Set.of("case_id", "taxonomy", "key_file", "key_env", "warehouse", "platforms", "canaries", "dumps");
  private static final Set<String> PLATFORM_KEYS =
      Set.of("id", "sector", "path", "columns", "format", "encoding", "header");
  private static final Set<String> DUMP_KEYS =
      Set.of("id", "path", "obtained", "seller", "buyer", "insider", "format", "encoding", "header",
          "columns");

  private final Path file;
  private final Path baseDir;
  private final String caseId;
  private final String taxonomy;
  private final Path keyFile;
  private final String keyEnv;
  private final String warehouse;
  private final String canaries;
  private final List<DatasetSpec> platforms;
  private final List<DatasetSpec> dumps;

  private CaseFile(Path file, Path baseDir, String caseId, String taxonomy, Path keyFile, String keyEnv,
      String warehouse, String canaries, List<DatasetSpec> platforms, List<DatasetSpec> dumps) {
    this.file = file;
    this.baseDir = baseDir;
    this.caseId = caseId;
    this.taxonomy = taxonomy;
    this.keyFile = keyFile;
    this.keyEnv = keyEnv;
    this.warehouse = warehouse;
    this.canaries = canaries;
    this.platforms = List.copyOf(platforms);
    this.dumps = List.copyOf(dumps);
  }

  public Path file() {
    return file;
  }

  public Path baseDir() {
    return baseDir;
  }

  public String caseId() {
    return caseId;
  }

  public String taxonomy() {
    return taxonomy;
  }

  /** The warehouse root named by the case file (resolved), or null to use {@code <out>/warehouse}. */
  public String warehouse() {
    return warehouse;
  }

  /** The canaries file (resolved), or null. */
  public String canaries() {
    return canaries;
  }

  public List<DatasetSpec> platforms() {
    return platforms;
  }

  public List<DatasetSpec> dumps() {
    return dumps;
  }

  /** Platforms first, then dumps, in case-file order. */
  public List<DatasetSpec> datasets() {
    List<DatasetSpec> all = new ArrayList<>(platforms);
    all.addAll(dumps);
    return all;
  }

  /** Where the key comes from, for messages: the file or the variable name, never the key. */
  public String keySource() {
    return keyFile != null ? "key_file " + keyFile : "key_env " + keyEnv;
  }

  /** Reads the case's HMAC key. Never log or print the result. */
  public byte[] readKey() {
    if (keyFile != null) {
      return readKeyFile(file, keyFile);
    }
    String v = System.getenv(keyEnv);
    if (v == null || v.strip().length() < MIN_KEY_BYTES) {
      throw Errors.config(file, "key_env", keyEnv,
          v == null ? "the environment variable is not set" : "the key is shorter than " + MIN_KEY_BYTES + " bytes",
          "export " + keyEnv + " with the case key (at least " + MIN_KEY_BYTES + " bytes) before running");
    }
    return v.strip().getBytes(java.nio.charset.StandardCharsets.UTF_8);
  }

  private static byte[] readKeyFile(Path caseFile, Path keyFile) {
    byte[] raw;
    try {
      raw = Files.readAllBytes(keyFile);
    } catch (IOException e) {
      throw Errors.config(caseFile, "key_file", keyFile, "the key file cannot be read (" + e.getClass().getSimpleName() + ")",
          "point key_file at a readable file holding the case key");
    }
    int end = raw.length;
    while (end > 0 && Character.isWhitespace(raw[end - 1])) {
      end--;
    }
    if (end < MIN_KEY_BYTES) {
      throw Errors.config(caseFile, "key_file", keyFile,
          "the key is " + end + " bytes, shorter than " + MIN_KEY_BYTES,
          "write a key of at least " + MIN_KEY_BYTES + " bytes, e.g. `head -c 32 /dev/urandom | xxd -p -c 64 > case.key`");
    }
    return java.util.Arrays.copyOf(raw, end);
  }

  /**
   * The one-platform case that {@code tokenize} runs on a platform's premises: its export and the case
   * key, nothing else. Paths must exist; the key must be readable.
   */
  public static CaseFile forTokenize(Path keyFile, String platformId, Path input) {
    Path key = keyFile.toAbsolutePath().normalize();
    Path in = input.toAbsolutePath().normalize();
    if (!ID.matcher(platformId).matches()) {
      throw Errors.usage("--platform " + platformId + " is not a valid id",
          "use letters, digits, '.', '_' and '-' only, starting with a letter or digit");
    }
    if (!Files.exists(in)) {
      throw Errors.usage("--input " + input + " does not exist", "point --input at the export file or folder");
    }
    Path base = Files.isDirectory(in) ? in : in.getParent();
    readKeyFile(key, key);
    DatasetSpec p = new DatasetSpec(DatasetSpec.Kind.PLATFORM, platformId, in.toString(), Format.AUTO, "auto", null,
        Map.of(), null, null, null, null, false);
    return new CaseFile(base.resolve("tokenize.yaml"), base, "tokenize-" + platformId, "cn-spc-2017", key, null,
        null, null, List.of(p), List.of());
  }

  /** Loads and validates a case file; every problem is a {@link LeaktraceException} with exit code 2. */
  public static CaseFile load(Path caseFile) {
    Path file = caseFile.toAbsolutePath().normalize();
    if (!Files.isRegularFile(file)) {
      throw Errors.usage("case file " + caseFile + " does not exist",
          "pass --case with the path of a case.yaml (see conf/examples/case.yaml)");
    }
    JsonNode root;
    try {
      ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
      yaml.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
      root = yaml.readTree(file.toFile());
    } catch (JsonProcessingException e) {
      throw Errors.config(file, "(file)", null, "not valid YAML: " + e.getOriginalMessage()
          + (e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr()),
          "correct the YAML syntax");
    } catch (IOException e) {
      throw Errors.config(file, "(file)", null, "cannot be read (" + e.getMessage() + ")", "check the file's permissions");
    }
    if (root == null || !root.isObject()) {
      throw Errors.config(file, "(file)", null, "is empty or not a mapping of keys",
          "start from conf/examples/case.yaml");
    }
    return new Parser(file).parse(root);
  }

  /** Walks the YAML tree; each method validates one key and names it in errors. */
  private static final class Parser {
    private final Path file;
    private final Path base;

    Parser(Path file) {
      this.file = file;
      this.base = file.getParent();
    }

    CaseFile parse(JsonNode root) {
      checkKeys(root, "", TOP_KEYS);
      String caseId = id(root, "case_id");
      String taxonomy = optText(root, "taxonomy");
      if (taxonomy == null) {
        taxonomy = "cn-spc-2017";
      }
      String keyFileText = optText(root, "key_file");
      String keyEnv = optText(root, "key_env");
      if ((keyFileText == null) == (keyEnv == null)) {
        throw Errors.config(file, "key_file", keyFileText,
            keyFileText == null ? "neither key_file nor key_env is set" : "both key_file and key_env are set",
            "set exactly one: key_file (a file holding the case's HMAC key) or key_env (an environment variable)");
      }
      Path keyFile = null;
      if (keyFileText != null) {
        keyFile = base.resolve(keyFileText).normalize();
        readKeyFile(file, keyFile);
      }
      String warehouse = optText(root, "warehouse");
      if (warehouse != null && !URI.matcher(warehouse).matches()) {
        warehouse = base.resolve(warehouse).normalize().toString();
      }
      String canaries = optText(root, "canaries");
      if (canaries != null) {
        canaries = existingPath("canaries", canaries);
      }
      List<DatasetSpec> platforms = list(root, "platforms", DatasetSpec.Kind.PLATFORM);
      List<DatasetSpec> dumps = list(root, "dumps", DatasetSpec.Kind.DUMP);
      if (dumps.isEmpty()) {
        throw Errors.config(file, "dumps", null, "no dump is listed",
            "add at least one entry under dumps: with id, path and obtained");
      }
      return new CaseFile(file, base, caseId, taxonomy, keyFile, keyEnv, warehouse, canaries, platforms, dumps);
    }

    private List<DatasetSpec> list(JsonNode root, String key, DatasetSpec.Kind kind) {
      JsonNode node = root.get(key);
      List<DatasetSpec> out = new ArrayList<>();
      if (node == null || node.isNull()) {
        return out;
      }
      if (!node.isArray()) {
        throw Errors.config(file, key, node.asText(), "must be a list", "write each entry as `- id: ...` under " + key + ":");
      }
      Set<String> ids = new LinkedHashSet<>();
      for (int i = 0; i < node.size(); i++) {
        String at = key + "[" + i + "]";
        JsonNode e = node.get(i);
        if (!e.isObject()) {
          throw Errors.config(file, at, e.asText(), "must be a mapping", "give id and path keys");
        }
        DatasetSpec spec = kind == DatasetSpec.Kind.DUMP ? dump(e, at) : platform(e, at);
        if (!ids.add(spec.id())) {
          throw Errors.config(file, at + ".id", spec.id(), "is used by an earlier entry of " + key,
              "give every entry of " + key + " its own id");
        }
        out.add(spec);
      }
      return out;
    }

    private DatasetSpec platform(JsonNode e, String at) {
      checkKeys(e, at + ".", PLATFORM_KEYS);
      String id = id(e, at + ".id", "id");
      String path = existingPath(at + ".path", required(e, at + ".path", "path"));
      return new DatasetSpec(DatasetSpec.Kind.PLATFORM, id, path, format(e, at), encoding(e, at),
          header(e, at), columns(e, at), optText(e, "sector"), null, null, null, false);
    }

    private DatasetSpec dump(JsonNode e, String at) {
      checkKeys(e, at + ".", DUMP_KEYS);
      String id = id(e, at + ".id", "id");
      String path = existingPath(at + ".path", required(e, at + ".path", "path"));
      String obtainedText = required(e, at + ".obtained", "obtained");
      LocalDate obtained;
      try {
        obtained = LocalDate.parse(obtainedText);
      } catch (DateTimeParseException ex) {
        throw Errors.config(file, at + ".obtained", obtainedText, "is not a date",
            "write the date the dump was seized or bought as YYYY-MM-DD");
      }
      JsonNode ins = e.get("insider");
      boolean insider = false;
      if (ins != null && !ins.isNull()) {
        if (!ins.isBoolean()) {
          throw Errors.config(file, at + ".insider", ins.asText(), "must be true or false",
              "write insider: true when the data was obtained in the course of duties, else false");
        }
        insider = ins.booleanValue();
      }
      return new DatasetSpec(DatasetSpec.Kind.DUMP, id, path, format(e, at), encoding(e, at), header(e, at),
          columns(e, at), null, obtained, optText(e, "seller"), optText(e, "buyer"), insider);
    }

    private Format format(JsonNode e, String at) {
      String v = optText(e, "format");
      if (v == null) {
        return Format.AUTO;
      }
      Format f = Format.parse(v);
      if (f == null) {
        throw Errors.config(file, at + ".format", v, "is not a known format",
            "use auto, csv, tsv, jsonl or delimited:<separator> (e.g. delimited:----)");
      }
      return f;
    }

    private String encoding(JsonNode e, String at) {
      String v = optText(e, "encoding");
      if (v == null || v.equalsIgnoreCase("auto")) {
        return "auto";
      }
      String name = v.toLowerCase(Locale.ROOT);
      if (name.equals("gbk") || name.equals("gb2312")) {
        name = "gb18030"; // GB18030 is a superset of both; decoding with it loses nothing
      }
      try {
        return Charset.forName(name).name();
      } catch (IllegalArgumentException ex) {
        throw Errors.config(file, at + ".encoding", v, "is not a known character encoding",
            "use auto, utf-8, gb18030 (also for gbk), utf-16le or another Java charset name");
      }
    }

    private Boolean header(JsonNode e, String at) {
      JsonNode h = e.get("header");
      if (h == null || h.isNull() || (h.isTextual() && h.asText().equalsIgnoreCase("auto"))) {
        return null;
      }
      if (!h.isBoolean()) {
        throw Errors.config(file, at + ".header", h.asText(), "must be true, false or auto",
            "write header: true when the first line names the columns, false when it is data, or auto");
      }
      return h.booleanValue();
    }

    private Map<String, FieldType> columns(JsonNode e, String at) {
      JsonNode c = e.get("columns");
      Map<String, FieldType> out = new LinkedHashMap<>();
      if (c == null || c.isNull()) {
        return out;
      }
      if (!c.isObject()) {
        throw Errors.config(file, at + ".columns", c.asText(), "must be a mapping",
            "write columns: {3: stay_checkin, je: amount} (0-based index or header name → field type)");
      }
      for (Iterator<Map.Entry<String, JsonNode>> it = c.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> f = it.next();
        try {
          out.put(f.getKey(), FieldType.of(f.getValue().asText()));
        } catch (IllegalArgumentException ex) {
          throw Errors.config(file, at + ".columns." + f.getKey(), f.getValue().asText(),
              "is not a field type", "use one of: " + FieldType.keys());
        }
      }
      return out;
    }

    private void checkKeys(JsonNode node, String prefix, Set<String> allowed) {
      for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
        String k = it.next();
        if (!allowed.contains(k)) {
          throw Errors.config(file, prefix + k, null, "is not a known key",
              "remove it or correct its spelling; known keys here: " + String.join(", ", new java.util.TreeSet<>(allowed)));
        }
      }
    }

    private String id(JsonNode node, String key) {
      return id(node, key, key);
    }

    private String id(JsonNode node, String at, String key) {
      String v = required(node, at, key);
      if (!ID.matcher(v).matches()) {
        throw Errors.config(file, at, v, "is not a valid id",
            "use letters, digits, '.', '_' and '-' only, starting with a letter or digit");
      }
      return v;
    }

    private String required(JsonNode node, String at, String key) {
      String v = optText(node, key);
      if (v == null || v.isBlank()) {
        throw Errors.config(file, at, null, "is missing", "add " + key + ": to the case file");
      }
      return v;
    }

    private String optText(JsonNode node, String key) {
      JsonNode v = node.get(key);
      if (v == null || v.isNull()) {
        return null;
      }
      if (!v.isValueNode()) {
        throw Errors.config(file, key, v.toString(), "must be a single value", "write it as key: value");
      }
      return v.asText().strip();
    }

    /** Resolves a path against the case folder and checks it exists (a glob must match something). */
    private String existingPath(String key, String value) {
      if (URI.matcher(value).matches()) {
        return value; // checked when ingest opens it through the Hadoop file system
      }
      Path p = base.resolve(value).normalize();
      if (GLOB.matcher(value).matches()) {
        if (InputFiles.localGlob(p.toString()).isEmpty()) {
          throw Errors.config(file, key, value, "the pattern matches no file",
              "check the pattern; it resolves against the case file's folder " + base);
        }
      } else if (!Files.exists(p)) {
        throw Errors.config(file, key, value, "no such file or folder (looked for " + p + ")",
            "correct the path; relative paths resolve against the case file's folder");
      }
      return p.toString();
    }
  }
}
