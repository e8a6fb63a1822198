package dev.live.engine;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A node as read from storage: its rows in order (at most as many as it holds), whether more
 * exist, and the related rows of its includes: to-one targets by id (whatever the include's where:
 * the node judges them itself, and keeps them cached), to-many related rows by parent id.
 */
final class NodeImage implements RowSource {
  private final List<Object> rows;
  private final boolean more;
  private long readAfter;
  private final Map<Site, Map<Object, Object>> targets = new HashMap<>();
  private final Map<Site, Map<Object, Related>> related = new HashMap<>();

  NodeImage(List<Object> rows, boolean more) {
    this.rows = List.copyOf(rows);
    this.more = more;
  }

  @Override
  public long readAfter() {
    return readAfter;
  }

  /** Sets the version read before the image: every change at or below it is in the image. */
  void readAfter(long version) {
    this.readAfter = version;
  }

  List<Object> rows() {
    return rows;
  }

  boolean more() {
    return more;
  }

  void putTarget(Site site, Object id, Object record) {
    targets.computeIfAbsent(site, s -> new HashMap<>()).put(id, record);
  }

  void putRelated(Site site, Object parentId, Related rows) {
    related.computeIfAbsent(site, s -> new HashMap<>()).put(parentId, rows);
  }

  @Override
  public Object target(Site site, Object id) {
    Map<Object, Object> of = targets.get(site);
    if (of == null || !of.containsKey(id)) {
      return UNKNOWN;
    }
    return of.get(id);
  }

  @Override
  public Related related(Site site, Object parentId) {
    Map<Object, Related> of = related.get(site);
    Related found = of == null ? null : of.get(parentId);
    return found == null ? Related.NONE : found;
  }
}
