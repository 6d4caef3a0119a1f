package org.leaktrace.jobs.config;

import java.io.Serializable;
import java.time.LocalDate;
import java.util.Map;
import org.leaktrace.udf.types.FieldType;

/**
 * One input dataset of a case: a dump, or a platform's folder of dated snapshots. Dump-only fields
 * are null for platforms.
 *
 * @param kind dump or platform
 * @param id the id from the case file
 * @param path file, folder or glob, resolved against the case file's folder (or a URI)
 * @param format how lines split into fields
 * @param encoding {@code auto} or a charset name
 * @param header true/false, or null to sniff
 * @param columns overrides: 0-based index or header name → field type, in case-file order
 */
public record DatasetSpec(
    Kind kind,
    String id,
    String path,
    Format format,
    String encoding,
    Boolean header,
    Map<String, FieldType> columns,
    String sector,
    LocalDate obtained,
    String seller,
    String buyer,
    boolean insider)
    implements Serializable {

  /** Dataset kinds; the key prefixes the dataset name in tables and summary.json. */
  public enum Kind {
    DUMP("dump"), PLATFORM("platform");

    private final String key;

    Kind(String key) {
      this.key = key;
    }

    public String key() {
      return key;
    }
  }

  /** The dataset name used in every table and in summary.json: {@code dump:forum-2020-03}. */
  public String dataset() {
    return kind.key() + ":" + id;
  }
}
