package org.leaktrace.jobs.generate;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/** The ground truth of a generated world (truth.json, {@code leaktrace.truth/1}), snake_case, names as in summary.json. */
public record Truth(
    String schema,
    String caseId,
    long seed,
    int persons,
    List<PlatformTruth> platforms,
    List<DumpTruth> dumps,
    List<Edge> resaleEdges,
    List<PartnerCopy> partnerCopies,
    List<Estimate> estimates,
    Impact caseImpact) {

  public static final String SCHEMA = "leaktrace.truth/1";

  /** A platform, in or outside the reference set, with its size over time. */
  public record PlatformTruth(String id, String sector, boolean inReference, List<String> snapshots,
      Map<String, Integer> sizeBySnapshot, int recordsEver, int size, List<Column> columns) {}

  /** A column name and its field type. */
  public record Column(String column, String type) {}

  /** One dump file's line accounting; {@code path} is relative to the case directory. */
  public record FileTruth(String path, String compression, long bytes, int linesRead, int rowsParsed,
      int rowsQuarantined, Map<String, Integer> quarantineByReason) {}

  /** Where a dump's counted pieces come from; {@code platform} is null outside the reference set. */
  public record Source(String platform, String actual, double share, int rows) {}

  /** The snapshots just before and just after an extraction date. */
  public record Window(String from, String to) {}

  /** One dump: layout, line accounting, sources, and counts under the default counting rules. */
  public record DumpTruth(String id, String kind, String format, String encoding, boolean bom, boolean header,
      String obtained, String seller, String buyer, boolean insider, List<FileTruth> files, int linesRead,
      int rowsParsed, int rowsQuarantined, Map<String, Integer> quarantineByReason, List<Column> columns,
      List<Source> sources, String extractionDate, Window extractionWindow, Map<String, Integer> windowEvidence,
      String canaryPartner, int canaryRows, String derivedFrom, int rowsDuplicate, int rowsUnverifiable,
      int rowsWithoutIdentifier, long pieces, int individuals, @JsonProperty("minors_under_14") int minorsUnder14,
      Map<String, Long> piecesByClass, Map<String, Long> individualsByClass) {}

  /** A relation between two dumps: a resale ({@code kind} resale) or a common source. */
  public record Edge(String from, String to, String relation, String kind, int sharedRows) {}

  /** A licensed copy of a platform carrying canary records. */
  public record PartnerCopy(String platform, String partner, String copied, int canaryRecords, String seenInDump) {}

  /** Capture–recapture target: the true size of a platform known only through samples. */
  public record Estimate(String platform, List<String> samples, int trueSize, int n1, int n2, int m,
      double chapman) {}

  /** Counts over all dumps: pieces summed per dump, individuals linked across dumps. */
  public record Impact(int individuals, long pieces, Map<String, Long> piecesByClass,
      Map<String, Long> individualsByClass) {}
}
