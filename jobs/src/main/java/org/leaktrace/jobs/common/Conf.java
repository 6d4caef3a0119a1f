package org.leaktrace.jobs.common;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.leaktrace.jobs.config.CaseFile;
import org.leaktrace.udf.taxonomy.Taxonomy;
import org.leaktrace.udf.taxonomy.TaxonomyException;

/** Finds the files of {@code conf/} (taxonomies) for a case, wherever the job was started from. */
public final class Conf {

  /** System property naming the conf folder; default {@code conf} relative to the working directory. */
  public static final String PROPERTY = "leaktrace.conf";

  private Conf() {}

  /**
   * The case's taxonomy. A path ({@code /}, {@code \} or a {@code .yaml}/{@code .yml} suffix) resolves
   * against the case file's folder; a name is looked up as {@code taxonomy/<name>.yaml} in {@link
   * #confDirs}. Not found or invalid: a configuration error (exit 2) naming what was tried.
   */
  public static Taxonomy taxonomy(CaseFile c) {
    return taxonomy(c, confDirs(System.getProperty(PROPERTY), Path.of("").toAbsolutePath()));
  }

  /** As {@link #taxonomy(CaseFile)}, looking for names in the given conf folders, in order. */
  public static Taxonomy taxonomy(CaseFile c, List<Path> confDirs) {
    String v = c.taxonomy() == null ? "" : c.taxonomy().strip();
    if (v.isEmpty()) {
      throw Errors.config(c.file(), "taxonomy", null, "is empty", "set taxonomy: to a name such as cn-spc-2017 or a path");
    }
    boolean isPath = v.contains("/") || v.contains("\\") || v.endsWith(".yaml") || v.endsWith(".yml");
    if (isPath) {
      Path file = c.baseDir().resolve(v).normalize();
      if (!Files.isRegularFile(file)) {
        throw Errors.config(c.file(), "taxonomy", v, "no such file (looked for " + file + ")",
            "correct the path; relative paths resolve against the case file's folder");
      }
      return load(c, v, file);
    }
    List<Path> tried = new ArrayList<>();
    for (Path dir : confDirs) {
      Path file = dir.resolve("taxonomy").resolve(v + ".yaml");
      tried.add(file);
      if (Files.isRegularFile(file)) {
        return load(c, v, file);
      }
    }
    throw Errors.config(c.file(), "taxonomy", v, "no taxonomy of that name; looked for "
            + tried.stream().map(Path::toString).collect(Collectors.joining(", ")),
        "set taxonomy: to a name found in conf/taxonomy (e.g. cn-spc-2017) or to the path of a .yaml file, "
            + "or start the job with -D" + PROPERTY + "=<folder holding taxonomy/>");
  }

  /**
   * Where taxonomy names are looked up, in order: the {@code leaktrace.conf} folder (default {@code
   * conf} in the working directory), then the {@code conf} folder of the working directory's
   * ancestors, so that a run from inside the repository (a module folder, a notebook) finds it.
   */
  public static List<Path> confDirs(String property, Path workingDir) {
    Set<Path> dirs = new LinkedHashSet<>();
    Path wd = workingDir.toAbsolutePath().normalize();
    dirs.add(wd.resolve(property != null && !property.isBlank() ? property.strip() : "conf").normalize());
    for (Path p = wd; p != null; p = p.getParent()) {
      dirs.add(p.resolve("conf"));
    }
    return List.copyOf(dirs);
  }

  private static Taxonomy load(CaseFile c, String value, Path file) {
    try {
      return Taxonomy.load(file);
    } catch (TaxonomyException e) {
      throw Errors.config(c.file(), "taxonomy", value, e.getMessage(), "correct the taxonomy file " + file);
    }
  }
}
