package org.leaktrace.udf.classify;

import java.io.Serializable;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import org.leaktrace.udf.compare.RecordComparison;
import org.leaktrace.udf.fields.ComparisonKeys;
import org.leaktrace.udf.hash.KeyedHasher;
import org.leaktrace.udf.id.ResidentIds;
import org.leaktrace.udf.taxonomy.Taxonomy;
import org.leaktrace.udf.types.Check;
import org.leaktrace.udf.types.FieldHandler;
import org.leaktrace.udf.types.FieldHandlers;
import org.leaktrace.udf.types.FieldType;
import org.leaktrace.udf.types.Text;

/**
 * Turns one parsed row into what the analytic zone keeps: keyed-hash tokens of its values, a content
 * key for duplicate detection, its legal class and its validity, with no raw identifier in the output.
 * Plain Java; one instance per file layout, reused for every row of that layout.
 */
public final class RowClassifier implements Serializable {

  private static final long serialVersionUID = 1L;

  /** A column of the file layout, by position. */
  public record Column(String name, FieldType type) implements Serializable {}

  /** A keyed-hash token of one value; {@code status} tells whether the value passed its validator. */
  public record Token(String column, FieldType type, Check.Status status, String token) {}

  /**
   * What a row is.
   *
   * @param contentKey token of the row's content: every non-empty value, normalized by its type (folded
   *     text when untyped), as a sorted multiset, independent of column order, names and types: equal
   *     keys mean duplicate content
   * @param cls the most sensitive class of the row's usable values (null when none has a class)
   * @param types the types of the row's non-empty values, in type order
   * @param identifying the row carries a non-empty identifying value (strong or weak)
   * @param validated non-empty values of validated types
   * @param valid of those, the ones that pass validation
   * @param failedChecks {@code type:reason} for each validated value that failed
   * @param birthDate the birth date of the first valid resident ID, or null
   * @param untypedValues non-empty values of columns no type was found for (part of the content key,
   *     not tokenized; 0 for token-file rows, which carry only typed values)
   * @param levels what graded comparison needs of the usable values besides their tokens: written-form,
   *     meaning and written-prefix tokens by granularity ({@link RecordComparison}'s keys → token; several
   *     values of one type joined with {@code ;} in token order); for token-file rows, as the file's
   *     {@link #TOKEN_FILE_LEVELS} column gives it (empty without one)
   */
  public record Result(
      String contentKey,
      String cls,
      List<String> types,
      boolean identifying,
      int validated,
      int valid,
      List<String> failedChecks,
      LocalDate birthDate,
      List<Token> tokens,
      int untypedValues,
      SortedMap<String, String> levels) {

    /** DESIGN.md: at least one validated identifier and none that passes validation. */
    public boolean unverifiable() {
      return validated > 0 && valid == 0;
    }

    /**
     * The row's usable values (valid or not validated) as type key → token, in type-key order; several
     * distinct tokens of one type are joined with {@code ;} in token order. What attribution and trace
     * compare rows by; empty when the row has no usable value.
     */
    public SortedMap<String, String> tokenMap() {
      SortedMap<String, SortedSet<String>> byType = new TreeMap<>();
      for (Token t : tokens) {
        if (t.status() == Check.Status.VALID || t.status() == Check.Status.NOT_VALIDATED) {
          byType.computeIfAbsent(t.type().key(), k -> new TreeSet<>()).add(t.token());
        }
      }
      SortedMap<String, String> out = new TreeMap<>();
      byType.forEach((type, set) -> out.put(type, String.join(";", set)));
      return out;
    }
  }

  /** First header field of a token file written by {@code leaktrace tokenize}. */
  public static final String TOKEN_FILE_MARK = "_lt_content_key";
  /** Second header field of a token file: the row's present field types, {@code ;}-separated. */
  public static final String TOKEN_FILE_TYPES = "_lt_types";
  /**
   * Last header field of a token file (files written before it have none): the row's level map ({@link
   * Result#levels()}), entries {@code key=token} separated by spaces.
   */
  public static final String TOKEN_FILE_LEVELS = "_lt_levels";

  private final List<Column> columns;
  private final KeyedHasher hasher;
  private final Taxonomy taxonomy;
  private final Set<FieldType> datasetTypes;

  /**
   * @param columns the file's columns by position (a missing or UNKNOWN type: the value is ignored)
   * @param datasetTypes every type of the dataset, for the taxonomy's dataset-level rules
   */
  public RowClassifier(List<Column> columns, KeyedHasher hasher, Taxonomy taxonomy, Set<FieldType> datasetTypes) {
    this.columns = List.copyOf(columns);
    this.hasher = hasher;
    this.taxonomy = taxonomy;
    this.datasetTypes = datasetTypes.isEmpty() ? EnumSet.noneOf(FieldType.class) : EnumSet.copyOf(datasetTypes);
  }

  /**
   * Classifies a row.
   *
   * @param fields the row's values by position (shorter than the layout: the rest are empty)
   * @param asOf the date validity is judged at (a dump's obtained date, a snapshot's date), so results
   *     do not depend on the day the job runs
   */
  public Result classify(List<String> fields, LocalDate asOf) {
    List<String> content = new ArrayList<>();
    List<Token> tokens = new ArrayList<>();
    List<String> failed = new ArrayList<>();
    Set<FieldType> present = EnumSet.noneOf(FieldType.class);
    Set<FieldType> usable = EnumSet.noneOf(FieldType.class);
    boolean identifying = false;
    int validated = 0;
    int valid = 0;
    LocalDate birth = null;
    int untyped = 0;
    SortedMap<String, SortedSet<String>> levelSets = new TreeMap<>();
    int n = Math.min(fields.size(), columns.size());
    for (int i = 0; i < n; i++) {
      String raw = fields.get(i);
      Column c = columns.get(i);
      if (raw == null || Text.blank(raw)) {
        continue;
      }
      if (c.type() == null || c.type() == FieldType.UNKNOWN) {
        // a column detection could not type is still content: two rows differing there are not the same
        content.add(Text.foldSpaces(Text.halfWidth(raw)));
        untyped++;
        continue;
      }
      FieldType t = c.type();
      FieldHandler h = FieldHandlers.of(t);
      Check check = t == FieldType.CN_RESIDENT_ID ? ResidentIds.validate(raw, asOf) : h.validate(raw);
      if (check.status() == Check.Status.EMPTY) {
        continue;
      }
      String norm = h.normalize(raw);
      // a value that cannot be normalized still counts, as its folded text
      String value = norm != null ? norm : "~" + Text.foldSpaces(Text.halfWidth(raw));
      // no type label: the same value typed in one dump and left untyped in another is the same content
      content.add(value);
      present.add(t);
      if (t.identifying()) {
        identifying = true;
      }
      if (t.validated()) {
        validated++;
        if (check.valid()) {
          valid++;
        } else {
          failed.add(t.key() + ":" + (check.reason() == null ? check.status().name().toLowerCase() : check.reason()));
        }
      }
      boolean ok = check.status() == Check.Status.VALID || check.status() == Check.Status.NOT_VALIDATED;
      if (ok) {
        usable.add(t);
        if (norm != null) {
          addLevels(levelSets, t, norm, ComparisonKeys.of(t, raw, norm));
        }
      }
      if (t == FieldType.CN_RESIDENT_ID && check.valid() && birth == null) {
        birth = ResidentIds.birthDate(norm);
      }
      // every typed value is tokenized: identifiers link rows, the other values (a hotel, a stay date, an
      // amount) make record fingerprints that tell one platform's copy of a person from another's
      String token = norm != null ? hasher.token(t, norm) : hasher.token("raw_" + t.key(), value);
      tokens.add(new Token(c.name(), t, check.status(), token));
    }
    Collections.sort(content);
    String key = hasher.token("row", String.join("\u0001", content));
    List<String> types = new ArrayList<>();
    for (FieldType t : present) {
      types.add(t.key());
    }
    // Only values that pass (or have no) validation decide the class: a failing card number is no
    // evidence of property information.
    String cls = usable.isEmpty() ? null : taxonomy.classOfRow(usable, datasetTypes);
    return new Result(key, cls, types, identifying, validated, valid, failed, birth, tokens, untyped,
        joined(levelSets));
  }

  /** Level tokens are short (48-bit): they are compared only between candidate records of one person. */
  private void addLevels(SortedMap<String, SortedSet<String>> sets, FieldType t, String normalized,
      ComparisonKeys.Keys k) {
    String type = t.key();
    if (k.surface() != null) {
      sets.computeIfAbsent(RecordComparison.surfaceKey(type), x -> new TreeSet<>())
          .add(hasher.shortToken(RecordComparison.surfaceKey(type), k.surface()));
    }
    for (int g = 0; g < ComparisonKeys.LEVELS; g++) {
      if (k.meaning()[g] != null) {
        String key = RecordComparison.meaningKey(type, g);
        // the finest meaning is often the normalized value itself: a mark, not another hash
        sets.computeIfAbsent(key, x -> new TreeSet<>()).add(g == 0 && k.meaning()[0].equals(normalized)
            ? RecordComparison.AS_NORMALIZED : hasher.shortToken(key, k.meaning()[g]));
      }
      if (k.form()[g] != null) {
        String key = RecordComparison.formKey(type, g);
        sets.computeIfAbsent(key, x -> new TreeSet<>()).add(hasher.shortToken(key, k.form()[g]));
      }
    }
  }

  private static SortedMap<String, String> joined(SortedMap<String, SortedSet<String>> sets) {
    SortedMap<String, String> out = new TreeMap<>();
    sets.forEach((k, set) -> out.put(k, String.join(";", set)));
    return out;
  }

  /** A token-file cell: status letter, colon, token ({@code v:3fa9...}). */
  public static String tokenCell(Check.Status status, String token) {
    return switch (status) {
      case VALID -> "v:";
      case INVALID -> "i:";
      case MASKED -> "m:";
      default -> "n:";
    } + token;
  }

  /**
   * Reads a row of a token file ({@code leaktrace tokenize}'s output, made on a platform's premises):
   * the content key and tokens are taken as computed there; the class follows from the present types,
   * those whose tokens failed validation left out. Columns are {@code type:name} from the header.
   */
  public Result fromTokens(List<String> fields) {
    String key = fields.isEmpty() ? null : fields.get(0);
    Set<FieldType> present = EnumSet.noneOf(FieldType.class);
    if (fields.size() > 1 && fields.get(1) != null) {
      for (String t : fields.get(1).split(";")) {
        if (!t.isBlank()) {
          present.add(FieldType.of(t));
        }
      }
    }
    Set<FieldType> usable = EnumSet.copyOf(present.isEmpty() ? EnumSet.noneOf(FieldType.class) : present);
    List<Token> tokens = new ArrayList<>();
    List<String> failed = new ArrayList<>();
    boolean identifying = false;
    int validated = 0;
    int valid = 0;
    for (int i = 2; i < Math.min(fields.size(), columns.size()); i++) {
      String cell = fields.get(i);
      Column c = columns.get(i);
      if (cell == null || cell.length() < 3 || c.type() == null) {
        continue;
      }
      Check.Status st = switch (cell.charAt(0)) {
        case 'v' -> Check.Status.VALID;
        case 'i' -> Check.Status.INVALID;
        case 'm' -> Check.Status.MASKED;
        default -> Check.Status.NOT_VALIDATED;
      };
      FieldType t = c.type();
      identifying |= t.identifying();
      if (t.validated()) {
        validated++;
        if (st == Check.Status.VALID) {
          valid++;
        } else {
          failed.add(t.key() + ":" + st.name().toLowerCase(java.util.Locale.ROOT));
          usable.remove(t);
        }
      }
      tokens.add(new Token(c.name(), t, st, cell.substring(2)));
    }
    List<String> types = new ArrayList<>();
    for (FieldType t : present) {
      types.add(t.key());
    }
    String cls = usable.isEmpty() ? null : taxonomy.classOfRow(usable, datasetTypes);
    SortedMap<String, String> levels = new TreeMap<>();
    for (int i = 2; i < Math.min(fields.size(), columns.size()); i++) {
      if (TOKEN_FILE_LEVELS.equals(columns.get(i).name()) && columns.get(i).type() == null) {
        levels = parseLevels(fields.get(i));
      }
    }
    return new Result(key, cls, types, identifying, validated, valid, failed, null, tokens, 0, levels);
  }

  /** A token file's level cell: the level map's entries as {@code key=token}, space-separated. */
  public static String levelsCell(Map<String, String> levels) {
    StringBuilder b = new StringBuilder();
    if (levels != null) {
      new TreeMap<>(levels).forEach((k, v) -> b.append(b.length() == 0 ? "" : " ").append(k).append('=').append(v));
    }
    return b.toString();
  }

  /** Reads {@link #levelsCell}; blank → empty, an entry without {@code =} is skipped. */
  public static SortedMap<String, String> parseLevels(String cell) {
    SortedMap<String, String> out = new TreeMap<>();
    if (cell == null || cell.isBlank()) {
      return out;
    }
    for (String e : cell.strip().split(" +")) {
      int eq = e.indexOf('=');
      if (eq > 0 && eq < e.length() - 1) {
        out.put(e.substring(0, eq), e.substring(eq + 1));
      }
    }
    return out;
  }

  /** The columns of a token file from its header ({@code _lt_content_key,_lt_types,type:name,...}). */
  public static List<Column> tokenColumns(List<String> header) {
    List<Column> out = new ArrayList<>();
    for (int i = 0; i < header.size(); i++) {
      String h = header.get(i);
      int at = h.indexOf(':');
      out.add(i < 2 || at < 0 ? new Column(h, null) : new Column(h.substring(at + 1), FieldType.of(h.substring(0, at))));
    }
    return out;
  }

  /** True when a file's header marks it as a token file. */
  public static boolean isTokenFile(List<String> header) {
    return header != null && !header.isEmpty() && TOKEN_FILE_MARK.equals(header.get(0));
  }
}
