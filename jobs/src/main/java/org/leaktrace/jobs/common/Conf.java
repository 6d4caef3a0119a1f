package org.leaktrace.jobs.common;

import java.nio.file.Files;
import java.nio.file.Path;
import org.leaktrace.jobs.config.CaseFile;
import org.leaktrace.udf.taxonomy.Taxonomy;
import org.leaktrace.udf.taxonomy.TaxonomyException;

/** Finds the {@code conf/} folder and loads the case's taxonomy from it (or from a path). */
public final class Conf {

  private Conf() {}

  /**
   * The conf folder: {@code -Dleaktrace.conf} (set by bin/leaktrace), else the nearest {@code conf/}
   * with a {@code taxonomy/} folder in the working directory or one of its parents.
   */
  public static Path dir() {
    String prop = System.getProperty("leaktrace.conf");
    if (prop != null) {
      return Path.of(prop);
    }
    for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
      if (Files.isDirectory(p.resolve("conf/taxonomy"))) {
        return p.resolve("conf");
      }
    }
    return Path.of("conf");
  }

  /** The file the case's taxonomy is read from (for METHOD.md and its hash). */
  public static Path taxonomyFile(CaseFile c) {
    String v = c.taxonomy();
    return isPath(v) ? c.baseDir().resolve(v).normalize() : dir().resolve("taxonomy").resolve(v + ".yaml");
  }

  /** The case file's rule: anything with a path separator or a YAML suffix is a path, else a name. */
  private static boolean isPath(String v) {
    return v.contains("/") || v.contains("\\") || v.endsWith(".yaml") || v.endsWith(".yml");
  }

  /** The case's taxonomy: a name under conf/taxonomy, or a path relative to the case file's folder. */
  public static Taxonomy taxonomy(CaseFile c) {
    String v = c.taxonomy();
    try {
      return Taxonomy.named(isPath(v) ? c.baseDir().resolve(v).toString() : v, dir());
    } catch (TaxonomyException e) {
      throw Errors.config(c.file(), "taxonomy", v, e.getMessage(),
          "name a file of conf/taxonomy (e.g. cn-spc-2017), give a path to a taxonomy .yaml, "
              + "or point -Dleaktrace.conf at the conf folder");
    }
  }
}
