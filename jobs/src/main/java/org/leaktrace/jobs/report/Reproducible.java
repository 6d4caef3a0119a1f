package org.leaktrace.jobs.report;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The {@code --reproducible} rule: exhibit files hold no time of day; the one generation time lives in
 * summary.json's {@code generated_at} and is left out in reproducible mode, so two runs on the same case
 * give byte-identical exhibits (and the same MANIFEST.sha256).
 */
public final class Reproducible {

  /** The only field of the exhibit that may hold a time of day. */
  public static final String GENERATED_AT = "generated_at";

  private Reproducible() {}

  /**
   * Sets {@code generated_at} (UTC, whole seconds) unless {@code reproducible}, in which case any such
   * field is removed. Call it last, just before summary.json is written.
   */
  public static ObjectNode stamp(ObjectNode summary, boolean reproducible, Instant now) {
    summary.remove(GENERATED_AT);
    if (!reproducible) {
      summary.put(GENERATED_AT, now.truncatedTo(ChronoUnit.SECONDS).toString());
    }
    return summary;
  }
}
