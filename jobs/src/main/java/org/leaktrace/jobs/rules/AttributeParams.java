package org.leaktrace.jobs.rules;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parameters of attribution, each with the reason for its default (METHOD.md lists them).
 *
 * @param personTypes types that describe a person, equal on every platform that knows the person
 * @param credentialTypes types a person chooses and reuses across services (passwords)
 * @param matchWeight smallest match weight (log2 of the likelihood ratio copy : not a copy) for a dump
 *     row to agree with a platform record
 * @param uMin smallest u of a comparison level
 * @param minUPairs fewest comparisons of a type for its u to be measured on them
 * @param personU u of an agreeing level of a person or credential type that no other platform in the
 *     case lets us measure
 * @param emIterations most EM iterations for m
 * @param backgroundSample rows of each other platform used to measure chance agreement (and u)
 * @param minBackground floor of the chance agreement rate
 * @param alpha largest binomial p-value of the agreement count under the background rate
 * @param minScore smallest agreement above background, as a share of what is left above it
 * @param minRows smallest number of agreeing rows for a platform to be a candidate
 * @param attributeShare share of a dump's rows one platform must explain for `attributed`
 */
public record AttributeParams(
    List<String> personTypes,
    List<String> credentialTypes,
    double matchWeight,
    double uMin,
    int minUPairs,
    double personU,
    int emIterations,
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
      List.of("password", "password_hash"),
      12.0, 0.001, 30, 0.5, 200, 2000, 0.01, 1e-6, 0.10, 3, 0.90);

  /** Name → (value, one-line rationale), for METHOD.md. */
  public Map<String, String[]> describe() {
    Map<String, String[]> m = new LinkedHashMap<>();
    m.put("person_types", new String[] {String.join(", ", personTypes),
        "the same person has the same values on every platform, so agreeing on these (normalized) proves "
            + "only that the person is there; their u is measured on other platforms' records of the same "
            + "person, where they agree as often as in a copy, and so they weigh about nothing"});
    m.put("credential_types", new String[] {String.join(", ", credentialTypes),
        "people reuse passwords across services (about half do, in published studies), so an equal password "
            + "is a property of the person, not of one platform's copy"});
    m.put("match_weight", new String[] {Double.toString(matchWeight),
        "a row agrees with a platform record when the comparison is at least 2^" + (int) matchWeight
            + " times likelier for a copy than for another record of the same person: more than one field's "
            + "evidence (one field weighs at most log2(1/u_min) = " + (int) Math.round(Math.log(1 / uMin) / Math.log(2))
            + ")"});
    m.put("u_min", new String[] {Double.toString(uMin),
        "a level never seen among non-copies on a finite sample is not impossible"});
    m.put("min_u_pairs", new String[] {Integer.toString(minUPairs),
        "u is measured on other platforms' records of the same person when at least this many comparisons "
            + "exist, else on random pairs of the platform's own records"});
    m.put("person_u", new String[] {Double.toString(personU),
        "a person or credential type no other platform holds cannot show how often the same person's value "
            + "recurs; it is taken to recur half the time, so it weighs at most about one bit"});
    m.put("em_iterations", new String[] {Integer.toString(emIterations),
        "m is estimated by expectation-maximisation over the candidate pairs with u fixed; it stops earlier "
            + "when no figure moves by 1e-6"});
    m.put("background_sample", new String[] {Integer.toString(backgroundSample),
        "rows of every other platform tested against each platform measure how often rows of another source "
            + "agree by chance, and give u"});
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
