package dev.live.server;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;

/**
 * The heap as the stats endpoint shows it: in use now, in use after the last collection, and the
 * maximum. "After the last collection" is what the server really keeps (the garbage is gone): the
 * sum, over the heap's memory pools, of each pool's use when its collector last ran, read from
 * {@link MemoryPoolMXBean#getCollectionUsage()}. With a generational collector the old
 * generation's figure dates from its last (full or mixed) collection, so it is exact right after
 * a full one ({@code jcmd <pid> GC.run}) and an estimate otherwise.
 */
final class HeapFigures {
  private HeapFigures() {}

  /** {@code {"usedBytes":...,"afterGcBytes":...,"maxBytes":...}}; max is -1 when the JVM sets none. */
  static String json() {
    MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
    return "{\"usedBytes\":" + heap.getUsed() + ",\"afterGcBytes\":" + afterLastCollection()
        + ",\"maxBytes\":" + heap.getMax() + "}";
  }

  /** Bytes in use in the heap's pools right after their last collection (0 for a pool not collected yet). */
  static long afterLastCollection() {
    long total = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP && pool.isValid()) {
        MemoryUsage collected = pool.getCollectionUsage();
        if (collected != null) {
          total += collected.getUsed();
        }
      }
    }
    return total;
  }
}
