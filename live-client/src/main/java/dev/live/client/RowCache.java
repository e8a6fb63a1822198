package dev.live.client;

import dev.live.schema.CollectionSchema;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The rows the client holds, normalized by collection and id: every subscription holding a row
 * reads the same record, so a change that reaches one subscription shows in all of them. Each
 * record remembers the version it is from, and an older one never replaces a newer one (a
 * subscription that is behind another does not undo what the other already shows).
 */
final class RowCache {
  private record Cached(Object record, long version) {}

  private final Map<CollectionSchema<?>, Map<Object, Cached>> rows = new HashMap<>();

  void put(CollectionSchema<?> collection, Object id, Object record, long version) {
    Map<Object, Cached> byId = rows.computeIfAbsent(collection, c -> new HashMap<>());
    Cached held = byId.get(id);
    if (held == null || held.version() <= version) {
      byId.put(id, new Cached(record, version));
    }
  }

  @Nullable Object get(CollectionSchema<?> collection, Object id) {
    Map<Object, Cached> byId = rows.get(collection);
    Cached held = byId == null ? null : byId.get(id);
    return held == null ? null : held.record();
  }

  /** The version the held record is from, or -1 when none is held. */
  long version(CollectionSchema<?> collection, Object id) {
    Map<Object, Cached> byId = rows.get(collection);
    Cached held = byId == null ? null : byId.get(id);
    return held == null ? -1 : held.version();
  }

  /** Forgets every row no subscription holds any more. */
  void retainOnly(Map<CollectionSchema<?>, Set<Object>> held) {
    rows.entrySet().removeIf(entry -> {
      Set<Object> ids = held.get(entry.getKey());
      if (ids == null) {
        return true;
      }
      entry.getValue().keySet().retainAll(ids);
      return entry.getValue().isEmpty();
    });
  }
}
