package org.leaktrace.jobs.generate;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** Ground-truth counting rules of DESIGN.md, written apart from the job's count stage. */
final class Counter {

  /** cn-spc-2017 classes, most sensitive first. */
  static final List<String> CLASSES = List.of("whereabouts", "communication_content", "credit", "property",
      "accommodation", "communication_records", "health", "transaction", "other");

  private static final Set<String> IDENTIFYING = Set.of("cn_resident_id", "cn_mobile", "phone", "email",
      "bank_card", "passport", "uscc", "plate_number", "person_name", "nickname", "user_id", "address",
      "gender", "birth_date", "ip_address", "waybill_no");
  private static final Set<String> VALIDATED = Set.of("cn_resident_id", "cn_mobile", "phone", "email",
      "bank_card", "passport", "uscc", "plate_number");
  private static final Set<String> STRONG = Set.of("cn_resident_id", "cn_mobile", "email", "bank_card", "passport");
  private static final Set<String> PROVINCES = Set.of("11", "12", "13", "14", "15", "21", "22", "23", "31",
      "32", "33", "34", "35", "36", "37", "41", "42", "43", "44", "45", "46", "50", "51", "52", "53", "54",
      "61", "62", "63", "64", "65", "71", "81", "82");
  private static final Pattern MOBILE = Pattern.compile("1[3-9][0-9]{9}");
  private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[a-z]{2,}");

  /** A counted piece: its class rank, its valid strong identifiers, and whether it shows a minor. */
  /**
   * A counted row: its class, valid strong identifiers, whether it shows a minor, and its content (the
   * sorted {@code type=value} pairs of its non-empty normalized values: the same piece in two dumps, in
   * any column order, has the same content).
   */
  record Piece(int cls, List<String> keys, boolean minor, String content) {}

  /** Counts of one dump. */
  static final class DumpCount {
    int duplicates;
    int unverifiable;
    int withoutIdentifier;
    final long[] piecesByClass = new long[CLASSES.size()];
    final long[] individualsByClass = new long[CLASSES.size()];
    int individuals;
    int minors;
    /** Actual source platform → pieces, in order of first appearance. */
    final Map<String, Integer> piecesBySource = new LinkedHashMap<>();
    final List<Piece> pieces = new ArrayList<>();
  }

  private Counter() {}

  static DumpCount count(List<String> types, LocalDate obtained, List<String[]> rows, List<String> sources) {
    DumpCount c = new DumpCount();
    int[] cls = new int[types.size()];
    boolean financial = types.contains("bank_card");
    for (int i = 0; i < cls.length; i++) {
      cls[i] = classOf(types.get(i), financial);
    }
    Set<String> seen = new HashSet<>();
    for (int r = 0; r < rows.size(); r++) {
      String[] row = rows.get(r);
      String[] norm = new String[row.length];
      for (int i = 0; i < row.length; i++) {
        norm[i] = normalize(types.get(i), row[i]);
      }
      if (!seen.add(String.join("\u0001", norm))) {
        c.duplicates++;
        continue;
      }
      boolean anyValidated = false;
      boolean anyValid = false;
      boolean identifying = false;
      boolean minor = false;
      int best = Integer.MAX_VALUE;
      List<String> keys = new ArrayList<>(2);
      for (int i = 0; i < row.length; i++) {
        String t = types.get(i);
        if (norm[i].isEmpty()) {
          continue;
        }
        identifying |= IDENTIFYING.contains(t);
        best = Math.min(best, cls[i]);
        if (VALIDATED.contains(t)) {
          anyValidated = true;
          boolean ok = valid(t, norm[i]);
          anyValid |= ok;
          if (ok && STRONG.contains(t)) {
            keys.add(t + ":" + norm[i]);
          }
          if (ok && t.equals("cn_resident_id")) {
            minor |= birthDate(norm[i]).plusYears(14).isAfter(obtained);
          }
        }
      }
      if (anyValidated && !anyValid) {
        c.unverifiable++;
      } else if (!identifying) {
        c.withoutIdentifier++;
      } else {
        List<String> content = new ArrayList<>();
        for (int i = 0; i < row.length; i++) {
          if (!norm[i].isEmpty()) {
            content.add(types.get(i) + "=" + norm[i]);
          }
        }
        java.util.Collections.sort(content);
        c.pieces.add(new Piece(best, keys, minor, String.join("\u0001", content)));
        c.piecesByClass[best]++;
        c.piecesBySource.merge(sources.get(r), 1, Integer::sum);
      }
    }
    Components comp = components(c.pieces);
    c.individuals = comp.count;
    c.minors = comp.minors;
    System.arraycopy(comp.byClass, 0, c.individualsByClass, 0, comp.byClass.length);
    return c;
  }

  /** Connected components of pieces linked by a shared valid strong identifier. */
  static Components components(List<Piece> pieces) {
    int[] parent = new int[pieces.size()];
    Map<String, Integer> firstWithKey = new HashMap<>();
    for (int i = 0; i < parent.length; i++) {
      parent[i] = i;
      for (String k : pieces.get(i).keys()) {
        Integer j = firstWithKey.putIfAbsent(k, i);
        if (j != null) {
          parent[find(parent, i)] = find(parent, j);
        }
      }
    }
    Map<Integer, long[]> classMasks = new HashMap<>();
    Set<Integer> minorRoots = new HashSet<>();
    for (int i = 0; i < parent.length; i++) {
      int root = find(parent, i);
      classMasks.computeIfAbsent(root, k -> new long[1])[0] |= 1L << pieces.get(i).cls();
      if (pieces.get(i).minor()) {
        minorRoots.add(root);
      }
    }
    Components out = new Components();
    out.count = classMasks.size();
    out.minors = minorRoots.size();
    for (long[] mask : classMasks.values()) {
      for (int k = 0; k < CLASSES.size(); k++) {
        if ((mask[0] & (1L << k)) != 0) {
          out.byClass[k]++;
        }
      }
    }
    return out;
  }

  /** Component totals: how many, how many show a minor, and how many have a piece of each class. */
  static final class Components {
    int count;
    int minors;
    final long[] byClass = new long[CLASSES.size()];
  }

  private static int find(int[] parent, int i) {
    while (parent[i] != i) {
      parent[i] = parent[parent[i]];
      i = parent[i];
    }
    return i;
  }

  /** The class rank of a column type; {@link Integer#MAX_VALUE} for types with no class alone. */
  static int classOf(String type, boolean financialTable) {
    switch (type) {
      case "gps":
        return 0;
      case "message_text":
        return 1;
      case "credit_record":
        return 2;
      case "bank_card":
        return 3;
      case "password":
      case "password_hash":
        return financialTable ? 3 : 8;
      case "stay_checkin":
      case "stay_checkout":
      case "hotel":
        return 4;
      case "call_record":
        return 5;
      case "medical_record":
      case "biometric":
        return 6;
      case "order_id":
      case "amount":
      case "item":
        return 7;
      default:
        return IDENTIFYING.contains(type) ? 8 : Integer.MAX_VALUE;
    }
  }

  /** The normal form of a value of a type; never null ("" for blank). */
  static String normalize(String type, String raw) {
    String s = fold(raw);
    switch (type) {
      case "cn_mobile": {
        String d = strip(s);
        if (d.startsWith("+86")) {
          d = d.substring(3);
        } else if (d.startsWith("0086")) {
          d = d.substring(4);
        } else if (d.startsWith("86") && d.length() == 13) {
          d = d.substring(2);
        }
        return d;
      }
      case "cn_resident_id": {
        String d = strip(s).toUpperCase(java.util.Locale.ROOT);
        return d.length() == 15 && digits(d) ? Checks.upgradeId15(d) : d;
      }
      case "email":
        return s.toLowerCase(java.util.Locale.ROOT);
      case "bank_card":
        return strip(s);
      default:
        return s;
    }
  }

  /** Whether a normalized value of a validated type passes its checks. */
  static boolean valid(String type, String v) {
    switch (type) {
      case "cn_mobile":
        return MOBILE.matcher(v).matches();
      case "cn_resident_id":
        return Checks.idCheckOk(v) && PROVINCES.contains(v.substring(0, 2)) && birthOk(v);
      case "email":
        return EMAIL.matcher(v).matches();
      case "bank_card":
        return v.length() >= 16 && v.length() <= 19 && Checks.luhnOk(v);
      default:
        return !v.isEmpty() && v.indexOf('*') < 0;
    }
  }

  static LocalDate birthDate(String id18) {
    return LocalDate.of(Integer.parseInt(id18.substring(6, 10)), Integer.parseInt(id18.substring(10, 12)),
        Integer.parseInt(id18.substring(12, 14)));
  }

  private static boolean birthOk(String id18) {
    try {
      int year = birthDate(id18).getYear();
      return year >= 1900 && year <= 2020;
    } catch (DateTimeException e) {
      return false;
    }
  }

  /** Full-width ASCII and the ideographic space folded to ASCII, then trimmed. */
  static String fold(String s) {
    StringBuilder b = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c >= '\uFF01' && c <= '\uFF5E') {
        c = (char) (c - 0xFEE0);
      } else if (c == '\u3000') {
        c = ' ';
      }
      b.append(c);
    }
    return b.toString().trim();
  }

  /** Drops the spaces, dashes, dots and brackets people put inside numbers. */
  private static String strip(String s) {
    StringBuilder b = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c != ' ' && c != '-' && c != '.' && c != '(' && c != ')') {
        b.append(c);
      }
    }
    return b.toString();
  }

  private static boolean digits(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (!Checks.isDigit(s.charAt(i))) {
        return false;
      }
    }
    return true;
  }
}
