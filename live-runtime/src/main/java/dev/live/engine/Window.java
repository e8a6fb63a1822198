package dev.live.engine;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;

/**
 * Rows in order, of which the first {@code show} are the result: all of them without a limit,
 * or a window of the first {@code limit}. A window holds a few rows more than it shows ({@code
 * hold}), so that a row leaving it is replaced from memory; only when those are used up and more
 * rows may exist in storage ({@link #complete} false) can it no longer vouch for what it shows
 * ({@link #broken}), and its owner reads again.
 */
final class Window {
  private final Comparator<Entry> order;
  private final int show;
  private final int hold;
  private final List<Entry> entries = new ArrayList<>();
  /** Whether every matching row is held: nothing lies beyond the last one. */
  boolean complete = true;

  Window(Comparator<Entry> order, int show, int hold) {
    this.order = order;
    this.show = show;
    this.hold = hold;
  }

  /** The rows held beyond the shown ones, for a limit: about half the limit, at most 32. */
  static int slack(int limit) {
    return Math.max(1, Math.min(limit / 2, 32));
  }

  /** Fills an empty window with rows read from storage, in order; {@code more} when rows lie beyond them. */
  void fill(List<Entry> sorted, boolean more) {
    entries.clear();
    entries.addAll(sorted);
    complete = !more;
  }

  List<Entry> all() {
    return entries;
  }

  int size() {
    return entries.size();
  }

  /** The rows shown. */
  List<Entry> shown() {
    return entries.size() <= show ? entries : entries.subList(0, show);
  }

  /** Whether the shown rows may lack some that storage has: the owner must read again. */
  boolean broken() {
    return !complete && entries.size() < show;
  }

  /** Takes {@code entry}, which it holds, out (before its record changes, or for good). */
  void remove(Entry entry) {
    entries.remove(position(entry));
  }

  /**
   * Puts {@code entry}, a matching row, in its place. Returns the entry no longer held because of
   * it: the last one when the window was full, or {@code entry} itself when its place lies beyond
   * the rows held; null when every row stays.
   */
  Entry place(Entry entry) {
    int at = -Collections.binarySearch(entries, entry, order) - 1;
    if (at < 0) {
      throw new IllegalStateException("row " + entry.id + " is in the window twice");
    }
    if (at == entries.size() && !complete) {
      return entry; // beyond the held rows, with unheld ones maybe before it
    }
    entries.add(at, entry);
    if (entries.size() > hold) {
      complete = false;
      return entries.remove(entries.size() - 1);
    }
    return null;
  }

  private int position(Entry entry) {
    int at = Collections.binarySearch(entries, entry, order);
    if (at < 0 || entries.get(at) != entry) {
      throw new IllegalStateException("row " + entry.id + " is not where its order puts it");
    }
    return at;
  }
}
