package org.leaktrace.jobs.rules;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.regexp_replace;

import org.apache.spark.sql.Column;
import org.leaktrace.jobs.common.Cols;

/** Dataset names in the tables ({@code dump:forum-2020-03}, {@code platform:courier-x}, the case row) and their ids. */
public final class DatasetIds {

  /** The dataset value of the impact table's case-wide row. */
  public static final String CASE_ROW = "case";

  private DatasetIds() {}

  /** {@code dump:forum-2020-03} → {@code forum-2020-03}. */
  public static Column dumpId() {
    return regexp_replace(col(Cols.DATASET), "^dump:", "");
  }

  /** The row belongs to a dump, not a platform. */
  public static Column isDump() {
    return col(Cols.DATASET).startsWith("dump:");
  }

  /** {@code platform:courier-x} → {@code courier-x}. */
  public static Column platformId() {
    return regexp_replace(col(Cols.DATASET), "^platform:", "");
  }
}
