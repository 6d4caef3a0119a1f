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
 * The benchmark's peer: the same ingest, identifier normalization, hashing, join of each dump against the
 * platforms (a platform's snapshots as one distinct set), containment per platform, distinct individuals
 * and the dumps' overlaps with the dumps before them, as SQL run by DuckDB in this process (JDBC) over the
 * same CSV files. Hashing is SHA-256 of key, type and normalized value (DuckDB has no HMAC); the cost is
 * of the same kind.
 */
public final class DuckPeer {

  /** A dataset: a glob of CSV files with a header row, and the type key of each column in file order. */
  public record Dataset(String name, Path glob, String[] types) {}

  /**
   * The peer's mobile rule, shared with the Spark floor so that both give a token to the same values: drop
   * every non-digit, then a 86 or 0086 prefix in front of a mainland-shaped number ({@link #MOBILE_PREFIXED},
   * group 1 kept). Every other non-empty digit string keeps a token too (the case's invalid mobiles do).
   */
  static final String MOBILE_NON_DIGITS = "[^0-9]";
  static final String MOBILE_PREFIXED = "^(?:0086|86)(1[3-9][0-9]{9})$";

  private DuckPeer() {}

  /** The SQL statements, in order; the last one returns the figures. Public so the docs can show them. */
  public static List<String> sql(List<Dataset> dumps, List<Dataset> platforms, String key, int threads, Path tmp) {
    List<String> s = new ArrayList<>();
    s.add("SET threads = " + threads);
    s.add("SET temp_directory = '" + quote(tmp.toString()) + "'");
    s.add("SET preserve_insertion_order = false");
    // normalization, as leaktrace's handlers do for the strong identifiers the case holds
    s.add("CREATE MACRO n_mobile(x) AS regexp_replace(regexp_replace(x, '" + MOBILE_NON_DIGITS + "', '', 'g'), "
        + "'" + MOBILE_PREFIXED + "', '\\1')");
    s.add("CREATE MACRO n_id(x) AS upper(regexp_replace(x, '[\\s-]', '', 'g'))");
    s.add("CREATE MACRO n_email(x) AS lower(trim(x))");
    s.add("CREATE MACRO n_card(x) AS regexp_replace(x, '[^0-9]', '', 'g')");
    s.add("CREATE MACRO tok(t, v) AS CASE WHEN v IS NULL OR v = '' THEN NULL "
        + "ELSE sha256('" + quote(key) + "|' || t || '|' || v) END");
    for (int i = 0; i < dumps.size(); i++) {
      s.add("CREATE TABLE dump_" + i + " AS SELECT " + tokens(dumps.get(i).types()) + " FROM " + read(dumps.get(i)));
    }
    for (int k = 0; k < platforms.size(); k++) {
      Dataset p = platforms.get(k);
      // every snapshot file of the platform: a record unchanged between snapshots counts once
      s.add("CREATE TABLE platform_" + k + " AS SELECT DISTINCT " + tokens(p.types()) + " FROM " + read(p));
    }
    StringBuilder q = new StringBuilder("SELECT (SELECT count(DISTINCT m) FROM (");
    for (int i = 0; i < dumps.size(); i++) {
      q.append(i == 0 ? "" : " UNION ALL ").append("SELECT ").append(mobile(dumps.get(i))).append(" AS m FROM dump_")
          .append(i);
    }
    q.append(")) AS individuals");
    for (int i = 0; i < dumps.size(); i++) {
      String m = mobile(dumps.get(i));
      q.append(", (SELECT count(*) FROM dump_").append(i).append(") AS rows_").append(i)
          .append(", (SELECT count(DISTINCT ").append(m).append(") FROM dump_").append(i).append(") AS individuals_")
          .append(i);
      for (int k = 0; k < platforms.size(); k++) {
        q.append(", (SELECT count(*) FROM dump_").append(i).append(" d WHERE d.").append(m).append(" IN (SELECT ")
            .append(mobile(platforms.get(k))).append(" FROM platform_").append(k).append(")) AS contained_")
            .append(i).append('_').append(k);
      }
      for (int e = 0; e < i; e++) {
        // trace's question: how much of this dump an earlier one already held
        q.append(", (SELECT count(*) FROM dump_").append(i).append(" d WHERE d.").append(m).append(" IN (SELECT ")
            .append(mobile(dumps.get(e))).append(" FROM dump_").append(e).append(")) AS shared_").append(e)
            .append('_').append(i);
      }
    }
    s.add(q.toString());
    return s;
  }

  /** As {@link #run(List, List, String, int, Path)} for one dump. */
  public static Map<String, Object> run(Dataset dump, List<Dataset> platforms, String key, int threads, Path tmp)
      throws SQLException {
    return run(List.of(dump), platforms, key, threads, tmp);
  }

  /**
   * Runs the statements and returns, over all dumps, rows, individuals and containment per platform (by
   * name); per dump the same ({@code dumps}); and per dump and earlier dump the rows it shares with it
   * ({@code overlaps}: shared rows and their share of the later dump).
   */
  public static Map<String, Object> run(List<Dataset> dumps, List<Dataset> platforms, String key, int threads,
      Path tmp) throws SQLException {
    List<String> statements = sql(dumps, platforms, key, threads, tmp);
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement st = c.createStatement()) {
      for (int i = 0; i < statements.size() - 1; i++) {
        st.execute(statements.get(i));
      }
      try (ResultSet r = st.executeQuery(statements.get(statements.size() - 1))) {
        r.next();
        long rows = 0;
        long[] contained = new long[platforms.size()];
        Map<String, Object> perDump = new LinkedHashMap<>();
        List<Map<String, Object>> overlaps = new ArrayList<>();
        for (int i = 0; i < dumps.size(); i++) {
          long n = r.getLong("rows_" + i);
          long[] in = new long[platforms.size()];
          for (int k = 0; k < platforms.size(); k++) {
            in[k] = r.getLong("contained_" + i + "_" + k);
            contained[k] += in[k];
          }
          rows += n;
          perDump.put(dumps.get(i).name(), figures(n, r.getLong("individuals_" + i), in, platforms));
          for (int e = 0; e < i; e++) {
            Map<String, Object> o = new LinkedHashMap<>();
            long shared = r.getLong("shared_" + e + "_" + i);
            o.put("from", dumps.get(e).name());
            o.put("to", dumps.get(i).name());
            o.put("shared_rows", shared);
            o.put("containment", share(shared, n));
            overlaps.add(o);
          }
        }
        Map<String, Object> out = figures(rows, r.getLong("individuals"), contained, platforms);
        out.put("dumps", perDump);
        out.put("overlaps", overlaps);
        return out;
      }
    }
  }

  static Map<String, Object> figures(long rows, long individuals, long[] contained, List<Dataset> platforms) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("rows", rows);
    out.put("individuals", individuals);
    Map<String, Object> containment = new LinkedHashMap<>();
    for (int k = 0; k < platforms.size(); k++) {
      containment.put(platforms.get(k).name(), share(contained[k], rows));
    }
    out.put("containment", containment);
    return out;
  }

  static double share(long part, long of) {
    return of == 0 ? 0.0 : Math.round(1e4 * part / (double) of) / 1e4;
  }

  private static String mobile(Dataset d) {
    return "t_cn_mobile_" + index(d.types(), "cn_mobile");
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

  static int index(String[] types, String type) {
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
