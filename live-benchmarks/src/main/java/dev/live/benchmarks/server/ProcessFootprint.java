package dev.live.benchmarks.server;

import com.sun.management.UnixOperatingSystemMXBean;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/** What this JVM holds: heap in use after a full collection, resident memory, open files. */
public final class ProcessFootprint {
  private ProcessFootprint() {}

  /**
   * Heap in use once garbage is gone. Several collections with pauses between, because objects
   * with finalizers or cleaners (sockets have them) take more than one cycle to go.
   */
  public static long heapAfterGc() throws InterruptedException {
    for (int i = 0; i < 4; i++) {
      System.gc();
      Thread.sleep(200);
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  /** Resident set size from /proc/self/status, or -1 where there is no /proc. */
  static long rssBytes() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
        }
      }
    } catch (IOException | NumberFormatException e) {
      // RSS is reported for information only
    }
    return -1;
  }

  /** This process's open-files limit (the JVM raises its soft limit to the hard one at start). */
  static long maxOpenFiles() {
    return unix().getMaxFileDescriptorCount();
  }

  static long openFiles() {
    return unix().getOpenFileDescriptorCount();
  }

  private static UnixOperatingSystemMXBean unix() {
    if (ManagementFactory.getOperatingSystemMXBean() instanceof UnixOperatingSystemMXBean unix) {
      return unix;
    }
    throw new IllegalStateException("the idle-connections benchmark needs a Unix JVM to count open files");
  }
}
