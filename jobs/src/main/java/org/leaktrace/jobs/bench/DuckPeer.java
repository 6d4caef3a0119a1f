package org.leaktrace.jobs.bench;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The benchmark's peer: the same ingest, identifier normalization, hashing, join against the platforms,
 * containment per platform and distinct individuals, as SQL run by DuckDB in this process (JDBC) over the
 * same CSV files. Hashing is SHA-256 of key, type and normalized value (DuckDB has no HMAC); the cost is
 * of the same kind.
 */
public final class DuckPeer {

  /** A dataset: a glob of CSV files with a header row, and the type key of each column in file order. */
  public record Dataset(String name, Path glob, String[] types) {}

  private DuckPeer() {}

  /** The SQL statements, in order; the last one returns the figures. Public so the docs can show them. */
  public static List<String> sql(Dataset dump, List<Dataset> platforms, String key, int threads, Path tmp) {
    List<String> s = new ArrayList<>();
    s.add("SET threads = " + threads);
    s.add("SET temp_directory = '" + quote(tmp.toString()) + "'");
    s.add("SET preserve_insertion_order = false");
    // normalization, as leaktrace's handlers do for the strong identifiers the case holds
    s.add("CREATE MACRO n_mobile(x) AS regexp_replace(regexp_replace(x, '[^0-9]', '', 'g'), "
        + "'^(?:0086|86)(1[3-9][0-9]{9})$', '\\1')");
    s.add("CREATE MACRO n_id(x) AS upper(regexp_replace(x, '[\\s-]', '', 'g'))");
    s.add("CREATE MACRO n_email(x) AS lower(trim(x))");
    s.add("CREATE MACRO n_card(x) AS regexp_replace(x, '[^0-9]', '', 'g')");
    s.add("CREATE MACRO tok(t, v) AS CASE WHEN v IS NULL OR v = '' THEN NULL "
        + "ELSE sha256('" + quote(key) + "|' || t || '|' || v) END");
    s.add("CREATE TABLE dump_tokens AS SELECT " + tokens(dump.types()) + " FROM " + read(dump));
    for (int k = 0; k < platforms.size(); k++) {
      Dataset p = platforms.get(k);
      s.add("CREATE TABLE platform_" + k + " AS SELECT " + tokens(p.types()) + " FROM " + read(p));
    }
    String mobile = "t_cn_mobile_" + index(dump.types(), "cn_mobile");
    StringBuilder q = new StringBuilder("SELECT (SELECT count(*) FROM dump_tokens) AS rows, ")
        .append("(SELECT count(DISTINCT ").append(mobile).append(") FROM dump_tokens) AS individuals");
    for (int k = 0; k < platforms.size(); k++) {
      String pm = "t_cn_mobile_" + index(platforms.get(k).types(), "cn_mobile");
      q.append(", (SELECT count(*) FROM dump_tokens d WHERE d.").append(mobile).append(" IN (SELECT ")
          .append(pm).append(" FROM platform_").append(k).append(")) AS contained_").append(k);
    }
    s.add(q.toString());
    return s;
  }

  /** Runs the statements and returns rows, individuals and containment per platform (by name). */
  public static Map<String, Object> run(Dataset dump, List<Dataset> platforms, String key, int threads, Path tmp)
      throws SQLException {
    List<String> statements = sql(dump, platforms, key, threads, tmp);
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement st = c.createStatement()) {
      for (int i = 0; i < statements.size() - 1; i++) {
        st.execute(statements.get(i));
      }
      try (ResultSet r = st.executeQuery(statements.get(statements.size() - 1))) {
        r.next();
        Map<String, Object> out = new LinkedHashMap<>();
        long rows = r.getLong("rows");
        out.put("rows", rows);
        out.put("individuals", r.getLong("individuals"));
        Map<String, Object> containment = new LinkedHashMap<>();
        for (int k = 0; k < platforms.size(); k++) {
          containment.put(platforms.get(k).name(), rows == 0 ? 0.0
              : Math.round(1e4 * r.getLong("contained_" + k) / (double) rows) / 1e4);
        }
        out.put("containment", containment);
        return out;
      }
    }
  }

  private static String read(Dataset d) {
    StringBuilder names = new StringBuilder();
    for (int i = 0; i < d.types().length; i++) {
      names.append(i == 0 ? "" : ", ").append("'c").append(i).append('\'');
    }
    return "read_csv('" + quote(d.glob().toString()) + "', header = true, all_varchar = true, delim = ',', "
        + "quote = '\"', names = [" + names + "])";
  }

  private static String tokens(String[] types) {
    List<String> cols = new ArrayList<>();
    for (int i = 0; i < types.length; i++) {
      String norm = switch (types[i]) {
        case "cn_mobile" -> "n_mobile(c" + i + ")";
        case "cn_resident_id" -> "n_id(c" + i + ")";
        case "email" -> "n_email(c" + i + ")";
        case "bank_card" -> "n_card(c" + i + ")";
        default -> null;
      };
      if (norm != null) {
        cols.add("tok('" + types[i] + "', " + norm + ") AS t_" + types[i] + "_" + i);
      }
    }
    if (cols.isEmpty()) {
      throw new IllegalArgumentException("no identifier column among " + String.join(", ", types));
    }
    return String.join(", ", cols);
  }

  private static int index(String[] types, String type) {
    for (int i = 0; i < types.length; i++) {
      if (types[i].equals(type)) {
        return i;
      }
    }
    throw new IllegalArgumentException("no " + type + " column among " + String.join(", ", types));
  }

  private static String quote(String s) {
    return s.replace("'", "''");
  }
}
