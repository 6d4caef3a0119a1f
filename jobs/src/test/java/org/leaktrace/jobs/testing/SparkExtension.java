package org.leaktrace.jobs.testing;

import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.leaktrace.jobs.common.Sessions;

/**
 * One local SparkSession with Delta for the whole test JVM, injected as a parameter. The session is
 * stopped by Spark's own shutdown hook when the JVM ends.
 */
public final class SparkExtension implements ParameterResolver {

  private static volatile SparkSession session;

  public static SparkSession spark() {
    SparkSession s = session;
    if (s == null) {
      synchronized (SparkExtension.class) {
        s = session;
        if (s == null) {
          s = Sessions.forTests();
          session = s;
        }
      }
    }
    return s;
  }

  /**
   * Stops the shared session and starts one on {@code master} in its place (one SparkContext per JVM);
   * {@code restart("local[2]")} puts the usual one back.
   */
  public static synchronized SparkSession restart(String master) {
    if (session != null) {
      session.stop();
    }
    session = Sessions.forTests(master);
    return session;
  }

  @Override
  public boolean supportsParameter(ParameterContext p, ExtensionContext e) {
    return p.getParameter().getType() == SparkSession.class;
  }

  @Override
  public Object resolveParameter(ParameterContext p, ExtensionContext e) {
    return spark();
  }
}
