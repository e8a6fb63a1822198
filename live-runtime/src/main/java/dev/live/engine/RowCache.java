package dev.live.engine;

import dev.live.schema.CollectionSchema;
import dev.live.storage.Change;
import java.util.HashMap;
import java.util.Map;

/**
 * The rows that to-one includes point to, shared by every node, current with the change log:
 * a row enters when a node first points to it and leaves when the last one stops. A node that
 * takes a row pointing to a cached target builds its include from here, without reading
 * storage; a target's change updates it here once, and the nodes pointing to it take it from
 * here.
 */
final class RowCache {
  /** A cached row: its record, null when it does not exist (or is not known yet). */
  private static final class Cached {
    Object record;
    boolean known;
    /** The version its state is current at: changes at or below it are in it. */
    long asOf;
    int refs;
  }

  private final Map<CollectionSchema<?>, Map<Object, Cached>> rows = new HashMap<>();

  /** One more pointer to {@code id} of {@code collection}. */
  void acquire(CollectionSchema<?> collection, Object id) {
    rows.computeIfAbsent(collection, c -> new HashMap<>()).computeIfAbsent(id, i -> new Cached()).refs++;
  }

  /** One pointer less; the last one drops the row. */
  void release(CollectionSchema<?> collection, Object id) {
    Map<Object, Cached> of = rows.get(collection);
    Cached cached = of == null ? null : of.get(id);
    if (cached != null && --cached.refs == 0) {
      of.remove(id);
    }
  }

  /** Whether the row is cached with its current state (which may be: it does not exist). */
  boolean knows(CollectionSchema<?> collection, Object id) {
    Cached cached = find(collection, id);
    return cached != null && cached.known;
  }

  /** The row's current record, or null when it does not exist or is not known. */
  Object get(CollectionSchema<?> collection, Object id) {
    Cached cached = find(collection, id);
    return cached == null ? null : cached.record;
  }

  /**
   * Fills a row whose state was not known with {@code record} (null: it does not exist), read
   * after version {@code asOf}: changes of it at or below that version are in it already.
   */
  void fill(CollectionSchema<?> collection, Object id, Object record, long asOf) {
    Cached cached = find(collection, id);
    if (cached != null && !cached.known) {
      cached.record = record;
      cached.known = true;
      cached.asOf = asOf;
    }
  }

  /**
   * Takes a change: a cached row's state becomes the change's, unless it is newer already (read
   * after it). Whether the row is cached.
   */
  boolean apply(Change change) {
    Cached cached = find(change.collection(), change.id());
    if (cached == null) {
      return false;
    }
    if (change.version() > cached.asOf) {
      cached.record = change.row().orElse(null);
      cached.known = true;
      cached.asOf = change.version();
    }
    return true;
  }

  int size() {
    int size = 0;
    for (Map<Object, Cached> of : rows.values()) {
      size += of.size();
    }
    return size;
  }

  private Cached find(CollectionSchema<?> collection, Object id) {
    Map<Object, Cached> of = rows.get(collection);
    return of == null ? null : of.get(id);
  }
}
