package org.leaktrace.jobs.bench;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Per stage of a leaktrace run: the largest size of its work folder (warehouse, Spark's spill and shuffle
 * files) seen while the stage ran, and the garbage collection time of this JVM in it.
 */
final class StageProbe implements AutoCloseable {

  private final Path folder;
  private final Map<String, Long> peakBytes = new LinkedHashMap<>();
  private final Map<String, Double> gcSeconds = new LinkedHashMap<>();
  private final Thread sampler;
  private volatile String stage;
  private long gcAtStart;

  StageProbe(Path folder, Duration every) {
    this.folder = folder;
    sampler = new Thread(() -> {
      while (!Thread.currentThread().isInterrupted()) {
        try {
          Thread.sleep(every.toMillis());
        } catch (InterruptedException e) {
          return;
        }
        sample();
      }
    }, "leaktrace-bench-stage-probe");
    sampler.setDaemon(true);
    sampler.start();
  }

  void begin(String key) {
    gcAtStart = Probe.gcMillis();
    stage = key;
    sample();
  }

  /** Ends the stage that began last; a last sample makes sure a stage shorter than a period has one. */
  void end() {
    sample();
    gcSeconds.put(stage, (Probe.gcMillis() - gcAtStart) / 1e3);
    stage = null;
  }

  /** Stage → the largest size of the folder seen while it ran, in run order. */
  synchronized Map<String, Long> peakBytes() {
    return new LinkedHashMap<>(peakBytes);
  }

  /** Stage → seconds the collectors took while it ran, in run order. */
  Map<String, Double> gcSeconds() {
    return new LinkedHashMap<>(gcSeconds);
  }

  private void sample() {
    String s = stage;
    if (s == null) {
      return;
    }
    long bytes = treeBytes(folder);
    synchronized (this) {
      peakBytes.merge(s, bytes, Math::max);
    }
  }

  /** Bytes of the regular files under {@code root}; files deleted during the walk (Spark's, Delta's) are skipped. */
  static long treeBytes(Path root) {
    if (!Files.isDirectory(root)) {
      return 0;
    }
    AtomicLong sum = new AtomicLong();
    try {
      Files.walkFileTree(root, new SimpleFileVisitor<>() {
        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
          if (attrs.isRegularFile()) {
            sum.addAndGet(attrs.size());
          }
          return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFileFailed(Path file, IOException e) {
          return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult postVisitDirectory(Path dir, IOException e) {
          return FileVisitResult.CONTINUE;
        }
      });
    } catch (IOException e) {
      // the walk visits failures instead of throwing; the root going away mid-walk ends it with what it saw
    }
    return sum.get();
  }

  @Override
  public void close() {
    sampler.interrupt();
  }
}
