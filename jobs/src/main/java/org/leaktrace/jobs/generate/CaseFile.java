package org.leaktrace.jobs.generate;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/** Writes case.yaml, keys/case.key and canaries.csv in the contract's format. */
final class CaseFile {

  static final String CASE_ID = "demo-2020";
  static final String TAXONOMY = "cn-spc-2017";

  private CaseFile() {}

  /**
   * A 64-hex-character HMAC key derived from the seed, so the synthetic case is reproducible. A real
   * case must use a random key from a secure source, kept out of the case folder.
   */
  static void writeKey(Path caseDir, long seed) throws IOException {
    try {
      byte[] key = MessageDigest.getInstance("SHA-256")
          .digest(("leaktrace-synthetic-case-key/" + seed).getBytes(StandardCharsets.UTF_8));
      Path file = Files.createDirectories(caseDir.resolve("keys")).resolve("case.key");
      Files.writeString(file, HexFormat.of().formatHex(key), StandardCharsets.UTF_8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** case.yaml by hand: keys in the contract's order, only plain scalars (ids, dates, booleans). */
  static void writeCase(Path caseDir, List<Platform> platforms, List<Dump> dumps, int persons, long seed)
      throws IOException {
    writeCase(caseDir, CASE_ID, "truth.json", platforms, dumps, persons, seed);
  }

  /** case.yaml for the case {@code caseId} whose ground truth is in {@code truthFile}. */
  static void writeCase(Path caseDir, String caseId, String truthFile, List<Platform> platforms, List<Dump> dumps,
      int persons, long seed) throws IOException {
    StringBuilder y = new StringBuilder();
    y.append("# Synthetic case written by leaktrace generate (persons ").append(persons)
        .append(", seed ").append(seed).append("); ground truth in ").append(truthFile).append(".\n");
    y.append("# Relative paths resolve against this file's folder.\n");
    y.append("case_id: ").append(caseId).append('\n');
    y.append("taxonomy: ").append(TAXONOMY).append('\n');
    y.append("key_file: keys/case.key\n");
    y.append("platforms:\n");
    for (Platform p : platforms) {
      if (p.inReference) {
        y.append("  - id: ").append(p.id).append('\n');
        y.append("    sector: ").append(p.sector).append('\n');
        y.append("    path: platforms/").append(p.id).append('\n');
      }
    }
    y.append("canaries: canaries.csv\n");
    y.append("dumps:\n");
    for (Dump d : dumps) {
      y.append("  - id: ").append(d.id).append('\n');
      y.append("    path: dumps/").append(d.id).append('\n');
      y.append("    obtained: ").append(d.obtained).append('\n');
      y.append("    seller: ").append(d.seller).append('\n');
      y.append("    buyer: ").append(d.buyer).append('\n');
      y.append("    insider: ").append(d.insider).append('\n');
      y.append("    format: auto\n");
      y.append("    encoding: auto\n");
    }
    Files.writeString(caseDir.resolve("case.yaml"), y.toString(), StandardCharsets.UTF_8);
  }

  /**
   * canaries.csv: every value of each canary record, with the record it belongs to (a canary is found
   * only where a dump row holds the whole record, not one planted number).
   */
  static void writeCanaries(Path caseDir, String platform, List<String> types,
      Map<String, List<String[]>> canaries) throws IOException {
    StringBuilder b = new StringBuilder("platform,partner,record,type,value\n");
    for (Map.Entry<String, List<String[]>> e : canaries.entrySet()) {
      int k = 0;
      for (String[] row : e.getValue()) {
        String record = e.getKey() + "-" + ++k;
        for (int i = 0; i < row.length; i++) {
          b.append(platform).append(',').append(e.getKey()).append(',').append(record).append(',')
              .append(types.get(i)).append(',').append(row[i]).append('\n');
        }
      }
    }
    Files.writeString(caseDir.resolve("canaries.csv"), b.toString(), StandardCharsets.UTF_8);
  }
}
