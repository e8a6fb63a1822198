package dev.live.engine;

import dev.live.storage.Change;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * The latest changes the engine applied, so that an operator read from storage while changes
 * went on catches up from memory with those after its read. Bounded by count: older changes are
 * forgotten, and a read older than the oldest kept catches up from the change log instead.
 */
final class ChangeHistory {
  private final int capacity;
  private final ArrayDeque<Change> changes = new ArrayDeque<>();
  /** Every change above this version is kept (up to the engine's position). */
  private long floor;

  ChangeHistory(int capacity, long start) {
    this.capacity = capacity;
    this.floor = start;
  }

  void add(List<Change> batch) {
    for (Change change : batch) {
      changes.addLast(change);
    }
    while (changes.size() > capacity) {
      floor = changes.removeFirst().version();
    }
  }

  /** Whether every change above {@code version} is kept. */
  boolean covers(long version) {
    return version >= floor;
  }

  long floor() {
    return floor;
  }

  /** The changes kept above {@code version}, in order; check {@link #covers} first. */
  List<Change> after(long version) {
    List<Change> found = new ArrayList<>();
    for (Iterator<Change> it = changes.descendingIterator(); it.hasNext(); ) {
      Change change = it.next();
      if (change.version() <= version) {
        break;
      }
      found.add(change);
    }
    java.util.Collections.reverse(found);
    return found;
  }
}
