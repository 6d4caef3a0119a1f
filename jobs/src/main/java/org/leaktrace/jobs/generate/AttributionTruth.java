package org.leaktrace.jobs.generate;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The ground truth of the attribution scenario (attribution-truth.json, {@code leaktrace.attribution-truth/1}):
 * per dump, which platform each counted row was copied from, when, and the verdict that follows.
 */
public record AttributionTruth(
    String schema,
    String caseId,
    long seed,
    int persons,
    List<String> snapshots,
    List<PlatformTruth> platforms,
    List<DumpTruth> dumps) {

  public static final String SCHEMA = "leaktrace.attribution-truth/1";
  public static final String FILE = "attribution-truth.json";
  /** A reference platform's share at or above which one platform explains a dump. */
  public static final double ATTRIBUTED_SHARE = 0.90;

  /** A platform of the world: in the reference set (case.yaml) or only a source of dumps. */
  public record PlatformTruth(String id, String sector, boolean inReference, int recordsEver,
      Map<String, Integer> sizeBySnapshot, List<String> columns) {}

  /** The reference snapshots just before and just after an extraction date ({@code to} null after the last). */
  public record Window(String from, String to) {}

  /**
   * Rows of a dump copied from one platform: {@code platform} is the reference id, null when the
   * generating platform ({@code actual}) is outside the reference set; {@code extractionDate} and
   * {@code window} are set for reference sources.
   */
  public record Source(String platform, String actual, int rows, double share, String extractionDate,
      Window window) {}

  /**
   * One dump. {@code rows} are its counted rows (all clean and unique by construction), {@code sources}
   * sorted by rows descending; {@code extractionDate}/{@code window} are those of the largest reference
   * source (null without one); {@code variations} counts the re-typed values planted in it.
   */
  public record DumpTruth(String id, String kind, String obtained, String seller, String buyer, boolean insider,
      String format, String encoding, boolean header, List<String> files, int rows, String verdict,
      List<Source> sources, String extractionDate, Window window, String derivedFrom,
      Map<String, Integer> variations) {}

  /** The mapper that writes and reads the file: snake_case, indented. */
  static ObjectMapper mapper() {
    return new ObjectMapper()
        .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
        .enable(SerializationFeature.INDENT_OUTPUT)
        .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
  }

  /** Reads an attribution-truth.json. */
  public static AttributionTruth read(Path file) throws IOException {
    return mapper().readValue(file.toFile(), AttributionTruth.class);
  }

  /** The verdict rule of the truth: attributed at one reference share ≥ 0.90, mixture below, unknown without. */
  static String verdict(List<Source> sources) {
    long total = 0;
    for (Source s : sources) {
      total += s.rows();
    }
    boolean reference = false;
    for (Source s : sources) {
      if (s.platform() != null) {
        reference = true;
        // on the exact row counts, not the rounded share
        if (s.rows() >= ATTRIBUTED_SHARE * total) {
          return "attributed";
        }
      }
    }
    return reference ? "mixture" : "unknown";
  }
}
