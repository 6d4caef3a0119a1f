package org.leaktrace.jobs.common;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The tool's version, from the build (shown in summary.json and METHOD.md). */
public final class Version {

  private static final Properties BUILD = load();

  public static final String TOOL = BUILD.getProperty("version", "unknown");
  /** The Spark and Delta versions the job was built against (the running Spark reports its own). */
  public static final String SPARK_BUILT = BUILD.getProperty("spark", "unknown");
  public static final String DELTA = BUILD.getProperty("delta", "unknown");

  private Version() {}

  private static Properties load() {
    Properties p = new Properties();
    try (InputStream in = Version.class.getResourceAsStream("/org/leaktrace/jobs/version.properties")) {
      if (in != null) {
        p.load(in);
      }
    } catch (IOException e) {
      // versions then read "unknown"
    }
    return p;
  }
}
