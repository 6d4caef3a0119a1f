package org.leaktrace.jobs.common;

import java.time.Duration;
import java.util.Locale;

/** One log line saying how far a running stage is: what is done of the total, the rate and the time left. */
public final class ProgressLine {

  /** The share of the work that must be done before the time left is estimated: less says little. */
  static final double ESTIMATE_FROM = 0.05;

  /**
   * What a stage has done so far; counts only, never a value read.
   *
   * @param tasksDone Spark tasks ended successfully
   * @param tasksTotal tasks of the stage's Spark stages submitted so far (a later job adds its own)
   * @param linesRead input lines read by ingest's full scan (0 in other stages)
   * @param bytesRead input bytes (as stored) read by that scan
   * @param bytesTotal the input's bytes, known before reading (0 when unknown)
   */
  public record Counts(long tasksDone, long tasksTotal, long linesRead, long bytesRead, long bytesTotal) {}

  private ProgressLine() {}

  /**
   * The line for {@code stage}: {@code ingest: 412,000 lines read, 38% of 1.2 GB, 52,000 lines/s, about 1 min
   * 10 s left} while ingest's scan reads, {@code ingest: 1,234,000 lines read (all of 1.2 GB), 70 of 97 tasks}
   * once it has read all, else {@code count: 37 of 96 tasks, 2.1 tasks/s, about 28 s left}. The
   * time left is given once {@value #ESTIMATE_FROM} of the total is done, and assumes the rate so far;
   * {@code elapsed} is the time the counted work took so far.
   */
  public static String format(String stage, Counts c, Duration elapsed) {
    double seconds = Math.max(elapsed.toMillis() / 1000.0, 0.001);
    StringBuilder b = new StringBuilder(stage).append(": ");
    double fraction;
    if (c.linesRead() > 0 && c.bytesTotal() > 0 && c.bytesRead() >= c.bytesTotal()) {
      // the scan is over; what follows (writing its tables) is told in tasks, with no rate
      return b.append(count(c.linesRead())).append(" lines read (all of ").append(bytes(c.bytesTotal()))
          .append("), ").append(count(c.tasksDone())).append(" of ").append(count(c.tasksTotal())).append(" tasks")
          .toString();
    }
    if (c.linesRead() > 0) {
      b.append(count(c.linesRead())).append(" lines read");
      fraction = c.bytesTotal() > 0 ? Math.min(1.0, (double) c.bytesRead() / c.bytesTotal()) : -1;
      if (fraction >= 0) {
        b.append(", ").append(Math.round(fraction * 100)).append("% of ").append(bytes(c.bytesTotal()));
      }
      b.append(", ").append(rate(c.linesRead() / seconds)).append(" lines/s");
    } else {
      b.append(count(c.tasksDone())).append(" of ").append(count(c.tasksTotal())).append(" tasks");
      fraction = c.tasksTotal() > 0 ? (double) c.tasksDone() / c.tasksTotal() : -1;
      b.append(", ").append(rate(c.tasksDone() / seconds)).append(" tasks/s");
    }
    if (fraction >= ESTIMATE_FROM && fraction < 1.0) {
      b.append(", about ").append(duration(seconds * (1 - fraction) / fraction)).append(" left");
    }
    return b.toString();
  }

  /** {@code 1,234,567}. */
  public static String count(long n) {
    return String.format(Locale.ROOT, "%,d", n);
  }

  /** Whole numbers from 100 up, else one decimal: {@code 52,000}, {@code 2.1}. */
  static String rate(double perSecond) {
    return perSecond >= 100 ? count(Math.round(perSecond)) : String.format(Locale.ROOT, "%.1f", perSecond);
  }

  /** Decimal units, one decimal: {@code 1.2 GB}, {@code 640.0 kB}, {@code 12 bytes}. */
  static String bytes(long n) {
    String[] units = {"kB", "MB", "GB", "TB", "PB"};
    if (n < 1000) {
      return n + " bytes";
    }
    double v = n;
    int u = -1;
    while (v >= 999.95 && u < units.length - 1) {
      v /= 1000;
      u++;
    }
    return String.format(Locale.ROOT, "%.1f %s", v, units[u]);
  }

  /** Rounded to what a reader can use: {@code 28 s}, {@code 1 min 10 s}, {@code 2 h 5 min}; 1 s at least. */
  static String duration(double seconds) {
    long s = Math.max(1, Math.round(seconds));
    if (s < 60) {
      return s + " s";
    }
    if (s < 3600) {
      return s / 60 + " min" + (s % 60 == 0 ? "" : " " + s % 60 + " s");
    }
    long m = Math.round(seconds / 60);
    return m / 60 + " h" + (m % 60 == 0 ? "" : " " + m % 60 + " min");
  }
}
