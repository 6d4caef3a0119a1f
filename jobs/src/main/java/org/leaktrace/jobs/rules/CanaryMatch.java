package org.leaktrace.jobs.rules;

import static org.apache.spark.sql.functions.array_sort;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_set;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.map_from_entries;
import static org.apache.spark.sql.functions.struct;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.leaktrace.jobs.common.Cols;

/**
 * Where a dump row holds a canary (LEGAL.md, honey records), for attribute and trace alike: the row
 * holds one of the canary record's strong identifiers, valid, and agrees with the whole canary record
 * on every type both carry. One planted phone number seen elsewhere (a person's number recycled, a
 * typing coincidence) is not the canary record.
 */
public final class CanaryMatch {

  private static final String CANARY = "_lt_canary";

  private CanaryMatch() {}

  /**
   * (dump, row_id, platform, partner, record) of every canary record found in a dump row.
   *
   * @param rows the dumps' counted rows: dump, row_id, tokens (type → token)
   * @param tokens the dumps' tokens: dump, row_id, type, strength, status, token
   * @param canaries {@code reference/canaries}
   */
  public static Dataset<Row> hits(Dataset<Row> rows, Dataset<Row> tokens, Dataset<Row> canaries) {
    // each canary record as a type → token map, several values of one type joined as records' tokens are
    Dataset<Row> records = canaries.groupBy(Cols.PLATFORM, Cols.PARTNER, Cols.RECORD, Cols.TYPE)
        .agg(concat_ws(";", array_sort(collect_set(Cols.TOKEN))).as(Cols.TOKEN))
        .groupBy(Cols.PLATFORM, Cols.PARTNER, Cols.RECORD)
        .agg(map_from_entries(collect_set(struct(col(Cols.TYPE), col(Cols.TOKEN)))).as(CANARY));
    Dataset<Row> anchored = tokens
        .filter(col(Cols.STRENGTH).equalTo("STRONG").and(col(Cols.STATUS).equalTo("valid")))
        .select(Cols.DUMP, Cols.ROW_ID, Cols.TYPE, Cols.TOKEN)
        .join(canaries.select(Cols.PLATFORM, Cols.PARTNER, Cols.RECORD, Cols.TYPE, Cols.TOKEN),
            new String[] {Cols.TYPE, Cols.TOKEN})
        .select(Cols.DUMP, Cols.ROW_ID, Cols.PLATFORM, Cols.PARTNER, Cols.RECORD)
        .distinct();
    return anchored
        .join(rows.select(Cols.DUMP, Cols.ROW_ID, Cols.TOKENS), new String[] {Cols.DUMP, Cols.ROW_ID})
        .join(records, new String[] {Cols.PLATFORM, Cols.PARTNER, Cols.RECORD})
        .filter(expr("forall(array_intersect(map_keys(" + CANARY + "), map_keys(" + Cols.TOKENS + ")), k -> "
            + CANARY + "[k] = " + Cols.TOKENS + "[k])"))
        .select(Cols.DUMP, Cols.ROW_ID, Cols.PLATFORM, Cols.PARTNER, Cols.RECORD);
  }
}
