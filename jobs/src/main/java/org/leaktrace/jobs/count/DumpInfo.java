package org.leaktrace.jobs.count;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import org.leaktrace.jobs.config.CaseFile;
import org.leaktrace.jobs.config.DatasetSpec;

/**
 * What the count stage needs to know of a dump from the case file.
 *
 * @param dataset the table name, {@code dump:<id>}
 * @param obtained the date the dump was seized or bought (minors are judged at this date)
 * @param seller the seller, or null when unknown
 * @param buyer the buyer, or null when unknown
 * @param insider obtained in the course of duties (Art. 5(1)(8): thresholds halved)
 */
public record DumpInfo(String dataset, LocalDate obtained, String seller, String buyer, boolean insider) {

  public DumpInfo {
    Objects.requireNonNull(dataset, "dataset");
    Objects.requireNonNull(obtained, "obtained");
  }

  public static DumpInfo of(DatasetSpec d) {
    if (d.kind() != DatasetSpec.Kind.DUMP) {
      throw new IllegalArgumentException(d.dataset() + " is not a dump: platforms are reference data, never counted");
    }
    return new DumpInfo(d.dataset(), d.obtained(), d.seller(), d.buyer(), d.insider());
  }

  /** The case's dumps, in case-file order. */
  public static List<DumpInfo> of(CaseFile c) {
    return c.dumps().stream().map(DumpInfo::of).toList();
  }
}
