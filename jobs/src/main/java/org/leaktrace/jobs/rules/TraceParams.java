package org.leaktrace.jobs.rules;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parameters of resale tracing, each with the reason for its default (METHOD.md lists them).
 *
 * @param personTypes types that describe a person (equal in every dataset that knows the person)
 * @param minCommonTypes types two rows must share to be compared field by field
 * @param minRecordTypes of the shared types, how many must be record types (not person types)
 * @param minShared fewest shared rows for an edge
 * @param contain share of a dump found in another for it to count as contained (same / subset)
 * @param maxAnchorRows identifiers held by more rows of one dump are not used to pair rows (hubs)
 */
public record TraceParams(
    List<String> personTypes,
    int minCommonTypes,
    int minRecordTypes,
    int minShared,
    double contain,
    int maxAnchorRows)
    implements Serializable {

  public static final TraceParams DEFAULTS = new TraceParams(AttributeParams.DEFAULTS.personTypes(), 2, 1, 3,
      0.90, 1000);

  /** Name → (value, one-line rationale), for METHOD.md. */
  public Map<String, String[]> describe() {
    Map<String, String[]> m = new LinkedHashMap<>();
    m.put("person_types", new String[] {String.join(", ", personTypes),
        "two dumps holding the same person agree on these by nature; a shared record must agree on more"});
    m.put("min_common_types", new String[] {Integer.toString(minCommonTypes),
        "rows of two dumps are compared field by field when they share at least this many typed fields"});
    m.put("min_record_types", new String[] {Integer.toString(minRecordTypes),
        "a shared record must include a value the source itself created (waybill, order, stay, amount, "
            + "password); identical rows also match when they hold any value beyond person fields"});
    m.put("min_shared", new String[] {Integer.toString(minShared),
        "fewer shared records than this are anecdotes, not a resale edge"});
    m.put("contain", new String[] {Double.toString(contain),
        "a dump with 90% of its counted rows in another is contained in it (re-formatting, masking and "
            + "quarantined lines lose a few); both ways: same"});
    m.put("max_anchor_rows", new String[] {Integer.toString(maxAnchorRows),
        "an identifier on more rows of one dump than this (a placeholder number) pairs rows by the "
            + "thousand and proves nothing; identical rows are still paired by their content"});
    return m;
  }
}
