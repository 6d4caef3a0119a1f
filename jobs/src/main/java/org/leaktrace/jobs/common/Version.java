package org.leaktrace.jobs.common;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The tool's version, from the build (shown in summary.json and METHOD.md). */
public final class Version {

  public static final String TOOL = load();

  private Version() {}

  private static String load() {
    try (InputStream in = Version.class.getResourceAsStream("/org/leaktrace/jobs/version.properties")) {
      Properties p = new Properties();
      if (in != null) {
        p.load(in);
      }
      return p.getProperty("version", "unknown");
    } catch (IOException e) {
      return "unknown";
    }
  }
}
