package org.leaktrace.jobs.common;

import java.nio.file.Path;
import org.leaktrace.jobs.config.CaseFile;

/**
 * Where a run writes: the output folder ({@code exhibit/}, {@code report/}) and the Delta warehouse
 * (the case file's, else {@code <out>/warehouse}).
 */
public record Workspace(Path out, String warehouse) {

  public static Workspace of(CaseFile c, Path out) {
    Path o = (out != null ? out : Path.of("out", c.caseId())).toAbsolutePath().normalize();
    String wh = c.warehouse() != null ? c.warehouse() : o.resolve("warehouse").toString();
    return new Workspace(o, wh);
  }

  /** The location of a warehouse table, e.g. {@code <warehouse>/raw/custody}. */
  public String table(String name) {
    return warehouse.endsWith("/") ? warehouse + name : warehouse + "/" + name;
  }

  public Path exhibit() {
    return out.resolve("exhibit");
  }

  public Path report() {
    return out.resolve("report");
  }
}
