package dev.live.server;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The latest deltas of one subscription, kept so that a client that lost its connection can
 * resume the subscription from the last version it holds: the deltas after that version are sent
 * again instead of a whole snapshot. The entries form a chain (each delta's {@code from} is the
 * {@code to} of the one before); a break in it, such as a fresh snapshot, starts a new chain.
 *
 * <p>Bounded by its client's {@link ResumeBudget} and by {@link #MAX_ENTRIES}: beyond either, the
 * oldest entries go first, and a client resuming from before the oldest one gets a snapshot (a reset) instead.
 * The texts are shared with the outbound queues, so an entry costs a reference, not a copy.
 * Not thread-safe: its subscription guards it.
 */
final class ResumeLog {
  /**
   * Entries kept at most, whatever the budget: texts are shared between subscribers, so the
   * entries themselves are most of a log's memory.
   */
  static final int MAX_ENTRIES = 256;

  private record Entry(long from, long to, OutgoingText text) {}

  private final ArrayDeque<Entry> entries = new ArrayDeque<>();
  private ResumeBudget budget;
  /** The version the client holds once it has every entry; -1 before the first snapshot. */
  private long head = -1;

  ResumeLog(ResumeBudget budget) {
    this.budget = budget;
  }

  /** A snapshot at {@code version}: a client holding it needs no entry from before. */
  void snapshot(long version) {
    if (version != head) {
      clear();
      head = version;
    }
  }

  /** A delta from {@code from} to {@code to}, with its message text. */
  void delta(long from, long to, OutgoingText text) {
    if (from != head) {
      clear(); // not a continuation: a client at an older version cannot be brought forward by it
    }
    head = to;
    entries.addLast(new Entry(from, to, text));
    budget.spend(text.length());
    trim();
  }

  private void trim() {
    while ((budget.exceeded() || entries.size() > MAX_ENTRIES) && !entries.isEmpty()) {
      budget.release(entries.removeFirst().text().length());
    }
  }

  /**
   * The deltas that bring a client at {@code version} to the latest one, in order (empty when it
   * is up to date), or nothing when this log cannot: the version is older than the oldest entry,
   * or is not one this subscription was ever at.
   */
  Optional<List<OutgoingText>> since(long version) {
    if (version == head) {
      return Optional.of(List.of());
    }
    List<OutgoingText> texts = new ArrayList<>();
    boolean found = false;
    for (Entry entry : entries) {
      if (!found && entry.from() == version) {
        found = true;
      }
      if (found) {
        texts.add(entry.text());
      }
    }
    return found ? Optional.of(texts) : Optional.empty();
  }

  /** Charges the entries to {@code other} from now on: the subscription moved to a new connection. */
  void chargeTo(ResumeBudget other) {
    long size = 0;
    for (Entry entry : entries) {
      size += entry.text().length();
    }
    budget.release(size);
    other.spend(size);
    budget = other;
    trim();
  }

  /** Forgets every entry and gives their size back to the budget. */
  void clear() {
    for (Entry entry : entries) {
      budget.release(entry.text().length());
    }
    entries.clear();
  }
}
