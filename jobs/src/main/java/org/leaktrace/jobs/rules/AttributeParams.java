package org.leaktrace.jobs.rules;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parameters of attribution, each with the reason for its default (METHOD.md lists them).
 *
 * @param personTypes types that describe a person, equal on every platform that knows the person
 * @param minCommonTypes types a dump row and a platform record must share to be compared
 * @param minRecordTypes of the shared types, how many must be record types (not person types)
 * @param backgroundSample rows of each other platform used to measure chance agreement
 * @param minBackground floor of the chance agreement rate
 * @param alpha largest binomial p-value of the agreement count under the background rate
 * @param minScore smallest agreement above background, as a share of what is left above it
 * @param minRows smallest number of agreeing rows for a platform to be a candidate
 * @param attributeShare share of a dump's rows one platform must explain for `attributed`
 */
public record AttributeParams(
    List<String> personTypes,
    int minCommonTypes,
    int minRecordTypes,
    int backgroundSample,
    double minBackground,
    double alpha,
    double minScore,
    int minRows,
    double attributeShare)
    implements Serializable {

  public static final AttributeParams DEFAULTS = new AttributeParams(
      List.of("cn_resident_id", "cn_mobile", "phone", "email", "bank_card", "passport", "uscc", "plate_number",
          "person_name", "nickname", "address", "gender", "birth_date"),
      2, 1, 2000, 0.01, 1e-6, 0.10, 3, 0.90);

  /** Name → (value, one-line rationale), for METHOD.md. */
  public Map<String, String[]> describe() {
    Map<String, String[]> m = new LinkedHashMap<>();
    m.put("person_types", new String[] {String.join(", ", personTypes),
        "the same person has the same values on every platform, so agreeing on these alone proves only that "
            + "the person is there (containment), not that the row is that platform's copy"});
    m.put("min_common_types", new String[] {Integer.toString(minCommonTypes),
        "one shared type is an identifier match, not a record match"});
    m.put("min_record_types", new String[] {Integer.toString(minRecordTypes),
        "a record match must include a value the platform itself created (waybill, order, stay, amount, time)"});
    m.put("background_sample", new String[] {Integer.toString(backgroundSample),
        "rows of every other platform tested against each platform measure how often rows of another source "
            + "agree by chance"});
    m.put("min_background", new String[] {Double.toString(minBackground),
        "a background measured as zero on a finite sample is not zero; 1% keeps the test conservative"});
    m.put("alpha", new String[] {Double.toString(alpha),
        "p-value of the agreement count under the background rate (binomial); a wrong attribution is the worst "
            + "error, so the false-hit rate is kept tiny as in data fingerprinting (Agrawal & Kiernan 2002)"});
    m.put("min_score", new String[] {Double.toString(minScore),
        "a significant but tiny excess (a handful of rows in a big dump) is not a source"});
    m.put("min_rows", new String[] {Integer.toString(minRows),
        "fewer agreeing rows than this are anecdotes, not evidence"});
    m.put("attribute_share", new String[] {Double.toString(attributeShare),
        "one platform explaining 90% of the counted rows (the rest noise, masked or updated rows) is `attributed`; "
            + "below, the dump is a `mixture` with an unexplained remainder"});
    return m;
  }
}
