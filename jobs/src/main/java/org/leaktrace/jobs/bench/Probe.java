package org.leaktrace.jobs.bench;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

/**
 * Memory of this JVM while a benchmark part runs: the largest heap still in use right after a garbage
 * collection (what the process holds, not garbage waiting to be collected), the largest heap in use seen
 * by a sampler, and the peak resident set size the kernel reports (VmHWM, native memory included); and
 * the disk it takes: the largest drop of the free space of the work folder's file system since the part
 * started (warehouse, Spark's spill and shuffle files; on a shared disk other writers count too).
 */
final class Probe implements AutoCloseable {

  private final AtomicLong peakLive = new AtomicLong();
  private final AtomicLong peakUsed = new AtomicLong();
  private final java.nio.file.FileStore store;
  private final long freeAtStart;
  private final AtomicLong minFree = new AtomicLong(Long.MAX_VALUE);
  private final Set<String> heapPools = new HashSet<>();
  private final NotificationListener listener = (n, handback) -> {
    if (GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(n.getType())) {
      GarbageCollectionNotificationInfo info =
          GarbageCollectionNotificationInfo.from((CompositeData) n.getUserData());
      long live = 0;
      for (Map.Entry<String, MemoryUsage> e : info.getGcInfo().getMemoryUsageAfterGc().entrySet()) {
        if (heapPools.contains(e.getKey())) {
          live += e.getValue().getUsed();
        }
      }
      peakLive.accumulateAndGet(live, Math::max);
    }
  };
  private final Thread sampler;
  private volatile boolean running = true;

  Probe(Path work) throws IOException {
    Files.createDirectories(work);
    store = Files.getFileStore(work);
    freeAtStart = store.getUsableSpace();
    minFree.set(freeAtStart);
    ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP)
        .forEach(p -> heapPools.add(p.getName()));
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      if (gc instanceof NotificationEmitter e) {
        e.addNotificationListener(listener, null, null);
      }
    }
    sampler = new Thread(() -> {
      for (long n = 0; running; n++) {
        peakUsed.accumulateAndGet(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed(), Math::max);
        if (n % 20 == 0) {
          try {
            minFree.accumulateAndGet(store.getUsableSpace(), Math::min);
          } catch (IOException e) {
            // the file system went away: keep the last figure
          }
        }
        try {
          Thread.sleep(50);
        } catch (InterruptedException e) {
          return;
        }
      }
    }, "leaktrace-bench-probe");
    sampler.setDaemon(true);
    sampler.start();
  }

  /** Largest heap in use right after a collection (0 when no collection ran). */
  long peakLiveHeap() {
    return peakLive.get();
  }

  long peakUsedHeap() {
    return peakUsed.get();
  }

  /** Free space of the work folder's file system when the part started. */
  long freeDiskAtStart() {
    return freeAtStart;
  }

  /** The largest drop of that free space while the part ran (sampled each second). */
  long peakDiskUsed() {
    return Math.max(0, freeAtStart - minFree.get());
  }

  /**
   * Milliseconds this JVM's collectors have spent since it started, as the GarbageCollectorMXBeans report
   * it. G1 on Java 17 reports its young, mixed and full collections there, not the remark and cleanup
   * pauses of its concurrent cycles (a bean for those came with Java 20).
   */
  static long gcMillis() {
    return ManagementFactory.getGarbageCollectorMXBeans().stream()
        .mapToLong(GarbageCollectorMXBean::getCollectionTime).filter(t -> t > 0).sum();
  }

  /** Collections this JVM has run since it started. */
  static long gcCount() {
    return ManagementFactory.getGarbageCollectorMXBeans().stream()
        .mapToLong(GarbageCollectorMXBean::getCollectionCount).filter(n -> n > 0).sum();
  }

  static long maxHeap() {
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getMax();
  }

  /** The peak resident set size of this process (VmHWM), or -1 where /proc is not there. */
  static long peakRss() {
    try {
      List<String> lines = Files.readAllLines(Path.of("/proc/self/status"));
      for (String l : lines) {
        if (l.startsWith("VmHWM:")) {
          return Long.parseLong(l.replaceAll("[^0-9]", "")) * 1024;
        }
      }
    } catch (IOException | RuntimeException e) {
      return -1;
    }
    return -1;
  }

  @Override
  public void close() {
    running = false;
    sampler.interrupt();
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      if (gc instanceof NotificationEmitter e) {
        try {
          e.removeNotificationListener(listener);
        } catch (javax.management.ListenerNotFoundException ignored) {
          // not registered
        }
      }
    }
  }
}
