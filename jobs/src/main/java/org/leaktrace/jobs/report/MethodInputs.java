package org.leaktrace.jobs.report;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What METHOD.md states besides summary.json: the case file, the command to reproduce, the taxonomy and
 * its hash, the versions, the Delta table versions read and every stage's named parameters.
 *
 * @param caseFile the case file as given (path shown as is)
 * @param command the command line that reproduces the exhibit
 * @param taxonomyName taxonomy name, e.g. {@code cn-spc-2017}
 * @param taxonomyFile the taxonomy file read
 * @param taxonomySha256 sha256 (hex) of the taxonomy file
 * @param toolVersion leaktrace version
 * @param sparkVersion Spark version ({@code spark.version()})
 * @param deltaVersion Delta Lake version ({@code io.delta.VersionKt} or the jar manifest)
 * @param tableVersions Delta table name to the version read, e.g. {@code analytic/records -> 3}
 * @param parameters named parameters in a fixed order, prefixed by stage ({@code count.dedupe}); a value
 *     may be a {@code String[]} of value and explanation
 */
public record MethodInputs(String caseFile, String command, String taxonomyName, String taxonomyFile,
    String taxonomySha256, String toolVersion, String sparkVersion, String deltaVersion,
    Map<String, Long> tableVersions, Map<String, Object> parameters) {

  public MethodInputs {
    Objects.requireNonNull(caseFile, "caseFile");
    Objects.requireNonNull(command, "command");
    // ordered copies (never Map.of, whose order changes between JVMs): METHOD.md lists them as given
    tableVersions = tableVersions == null ? new LinkedHashMap<>() : new LinkedHashMap<>(tableVersions);
    parameters = parameters == null ? new LinkedHashMap<>() : new LinkedHashMap<>(parameters);
  }
}
