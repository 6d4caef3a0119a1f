package org.leaktrace.jobs.rules;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.leaktrace.jobs.common.Errors;
import org.leaktrace.udf.types.FieldType;

/**
 * The counting rules of the count stage as named parameters (DESIGN.md, "Rules of the default
 * counting"); {@link #describe()} lists them for METHOD.md.
 *
 * @param dedupe Art. 11(3): a row whose content key equals an earlier row's (smallest row_id) in the
 *     same dump is a duplicate, not a new piece
 * @param excludeUnverifiable Art. 11(3): a non-duplicate row with validated values and none valid is
 *     reported as unverifiable, not counted
 * @param linkTypes field types whose shared token links two pieces to one individual
 * @param linkStatuses token statuses that may link (masked and invalid values never identify a person)
 * @param linkSameContentAcrossDumps for the case figure, pieces with the same content key in two dumps
 *     are the same piece, hence the same individual, even without a linking token
 * @param unclassifiedKey the map key under which pieces without a class are reported; never part of
 *     the severity sum
 * @param unknownParty the seller or buyer key for dumps whose case-file entry names none (Art. 11:
 *     all such dumps are taken as one party, the reading that does not inflate the count)
 * @param maxRounds bound on the connected-components rounds (O(log² n) expected); exceeding it is a bug
 * @param localComponentsMaxEdges a graph of individuals (one dump's, or the case's) with at most this
 *     many distinct links is solved by union–find in one task; a larger one by distributed rounds. The
 *     figures are the same either way (components are labelled by their smallest piece); 4,000,000
 *     links take about 160 MB of one executor's memory.
 */
public record CountParams(
    boolean dedupe,
    boolean excludeUnverifiable,
    Set<String> linkTypes,
    Set<String> linkStatuses,
    boolean linkSameContentAcrossDumps,
    String unclassifiedKey,
    String unknownParty,
    int maxRounds,
    long localComponentsMaxEdges) {

  public static final Set<String> DEFAULT_LINK_TYPES =
      Set.of("cn_resident_id", "cn_mobile", "email", "bank_card", "passport");

  /** Default of {@code local_components_max_edges}: about 160 MB of union–find in one task. */
  public static final long DEFAULT_LOCAL_EDGES = 4_000_000L;

  public CountParams {
    if (linkTypes == null || linkTypes.isEmpty()) {
      throw Errors.usage("count parameter link_types is empty",
          "give the strong identifier types that link pieces, e.g. " + new TreeSet<>(DEFAULT_LINK_TYPES));
    }
    for (String t : linkTypes) {
      try {
        FieldType.of(t);
      } catch (IllegalArgumentException e) {
        throw Errors.usage("count parameter link_types: '" + t + "' is not a field type",
            "use field types from: " + FieldType.keys());
      }
    }
    if (linkStatuses == null || linkStatuses.isEmpty()) {
      throw Errors.usage("count parameter link_statuses is empty", "use [valid]");
    }
    if (unclassifiedKey == null || unclassifiedKey.isBlank()) {
      throw Errors.usage("count parameter unclassified_key is empty", "use none");
    }
    if (unknownParty == null || unknownParty.isBlank()) {
      throw Errors.usage("count parameter unknown_party is empty", "use unknown");
    }
    if (maxRounds < 1) {
      throw Errors.usage("count parameter max_rounds = " + maxRounds + " is below 1", "use 64");
    }
    if (localComponentsMaxEdges < 0) {
      throw Errors.usage("count parameter local_components_max_edges = " + localComponentsMaxEdges + " is negative",
          "use 0 to solve every graph by distributed rounds, or a number of links such as " + DEFAULT_LOCAL_EDGES);
    }
    linkTypes = Set.copyOf(linkTypes);
    linkStatuses = Set.copyOf(linkStatuses);
  }

  /** The defaults of DESIGN.md. */
  public static CountParams defaults() {
    return new CountParams(true, true, DEFAULT_LINK_TYPES, Set.of("valid"), true, "none", "unknown", 64, DEFAULT_LOCAL_EDGES);
  }

  public CountParams withLinkTypes(Set<String> types) {
    return new CountParams(dedupe, excludeUnverifiable, types, linkStatuses, linkSameContentAcrossDumps,
        unclassifiedKey, unknownParty, maxRounds, localComponentsMaxEdges);
  }

  /** These rules with another bound on the graphs solved in one task (tests: 0 = distributed rounds only). */
  public CountParams withLocalComponentsMaxEdges(long edges) {
    return new CountParams(dedupe, excludeUnverifiable, linkTypes, linkStatuses, linkSameContentAcrossDumps,
        unclassifiedKey, unknownParty, maxRounds, edges);
  }

  /** Every rule with its value, in a fixed order, for METHOD.md (the fixed rules included). */
  public Map<String, String> describe() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("count.datasets", "dumps only; platforms are reference data");
    m.put("count.dedupe", dedupe + " (Art. 11(3): equal content key within a dump; the smallest row_id is kept)");
    m.put("count.exclude_unverifiable", excludeUnverifiable
        + " (a row with validated values and none valid is reported, not counted)");
    m.put("count.piece", "a non-duplicate, verifiable row with at least one identifying field");
    m.put("count.link_types", String.join(", ", new TreeSet<>(linkTypes)));
    m.put("count.link_statuses", String.join(", ", new TreeSet<>(linkStatuses)));
    m.put("count.link_same_content_across_dumps", String.valueOf(linkSameContentAcrossDumps));
    m.put("count.individuals", "connected components of pieces linked by a shared token; the component id"
        + " is its smallest (dataset, row_id); per dump and across the case");
    m.put("count.case_piece_class", "a piece found in several dumps counts once for the case, under the"
        + " most sensitive class it has in any of them");
    m.put("count.minors", "an individual with a valid resident-ID birth date b and a piece in a dump"
        + " obtained at o with b + minors_age years > o (a 14th birthday on o is not a minor); for the"
        + " case, b and o range over all the individual's pieces");
    m.put("count.by_seller", "distinct (content key, buyer) over the seller's dumps (Art. 11(1), 11(2));"
        + " thresholds halved when any of the seller's dumps is insider");
    m.put("count.unclassified_key", unclassifiedKey + " (reported, excluded from the severity sum)");
    m.put("count.unknown_party", unknownParty + " (dumps without seller or buyer form one party)");
    m.put("count.max_rounds", String.valueOf(maxRounds));
    m.put("count.local_components_max_edges", localComponentsMaxEdges
        + " (a graph of individuals with at most this many links is solved by union-find in one task, a larger"
        + " one by distributed rounds; the same components either way)");
    return m;
  }

  /** The link types, sorted, for Spark's {@code isin}. */
  public List<String> sortedLinkTypes() {
    return List.copyOf(new TreeSet<>(linkTypes));
  }

  public List<String> sortedLinkStatuses() {
    return List.copyOf(new TreeSet<>(linkStatuses));
  }
}
