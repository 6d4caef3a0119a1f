package org.leaktrace.jobs.count;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.leaktrace.jobs.common.Tables;

/**
 * The count stage's tables: {@code auditDF} in {@link Tables#COUNT_AUDIT_SCHEMA} (cached until
 * {@link #close()}), {@code impactDF} in {@link Tables#IMPACT_SCHEMA}, {@code bySellerDF} in {@link
 * Tables#IMPACT_BY_SELLER_SCHEMA}.
 */
public record CountResult(Dataset<Row> auditDF, Dataset<Row> impactDF, Dataset<Row> bySellerDF)
    implements AutoCloseable {

  /** Releases the cached audit rows. */
  @Override
  public void close() {
    auditDF.unpersist();
  }
}
