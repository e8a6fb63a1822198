package dev.live.engine;

import dev.live.query.Condition;
import dev.live.query.ConditionMatcher;
import dev.live.query.IncludedValues;
import dev.live.query.LiveRow;
import dev.live.query.RowShape;
import dev.live.query.ToMany;
import dev.live.query.ToOne;
import dev.live.query.ValueOrder;
import dev.live.schema.CollectionSchema;
import dev.live.storage.Change;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The includes of one node, kept in memory: fills the slots of the rows the node takes, follows
 * the changes of related rows into them, and builds rows with their related rows. To-one targets
 * come from the set of those the include's where shows ({@link Site#targetSet}), or without a
 * where from the shared {@link RowCache}; to-many related rows are held per row in a {@link
 * Window}. What memory cannot answer (a to-many include of a row that came in through an update,
 * a target not cached, a window used up) sets {@link QueryNode#mustRead}.
 */
final class IncludeTree {
  private final QueryNode<?> node;
  private final CandidateIndex index;
  private final RowCache cache;
  private final ValueOrder values;
  /** How many of the node's includes hold each row or parent key, so that the index hears each once. */
  private final Map<Object, Integer> refs = new HashMap<>();

  IncludeTree(QueryNode<?> node, CandidateIndex index, RowCache cache, ValueOrder values) {
    this.node = node;
    this.index = index;
    this.cache = cache;
    this.values = values;
  }

  /** Fills the slots of {@code entry}, a row of the level whose includes are {@code sites}. */
  void fill(Entry entry, List<Site> sites, RowSource source) {
    for (Site site : sites) {
      if (site.toOne) {
        point(entry, site, site.keyOf(entry.record), source);
      } else {
        adopt(entry, site, source);
      }
    }
  }

  /** Lets go of everything under {@code entry}: its targets, its related rows, and its keys. */
  void drop(Entry entry, List<Site> sites) {
    for (Site site : sites) {
      if (site.toOne) {
        Object key = site.keyOf(entry.record);
        if (key != null) {
          unpoint(entry, site, key);
        }
        entry.slots[site.slot] = null;
      } else {
        Window window = (Window) entry.slots[site.slot];
        if (window != null) {
          for (Entry child : window.all()) {
            forgetChild(site, child);
          }
        }
        entry.slots[site.slot] = null;
        site.parents.remove(entry.id);
        unref(new ParentKey(site.target, site.foreignKey, entry.id));
      }
    }
  }

  /**
   * Gives {@code entry} the record {@code record} of the same row: to-one slots whose foreign key
   * changed point to their new target. Its to-many related rows stay (they hang by its id).
   */
  void retarget(Entry entry, List<Site> sites, Object record, RowSource source) {
    Object old = entry.record;
    entry.record = record;
    for (Site site : sites) {
      if (!site.toOne) {
        continue;
      }
      Object before = site.keyOf(old);
      Object after = site.keyOf(record);
      if (!Objects.equals(before, after)) {
        if (before != null) {
          unpoint(entry, site, before);
        }
        point(entry, site, after, source);
      }
    }
  }

  private void point(Entry entry, Site site, Object targetId, RowSource source) {
    entry.slots[site.slot] = null;
    if (targetId == null) {
      return;
    }
    Set<Entry> pointing = site.pointingTo(targetId);
    boolean first = pointing.isEmpty();
    pointing.add(entry);
    if (first) {
      ref(new RowKey(site.target, targetId));
      if (site.targetSet == null) {
        cache.acquire(site.target, targetId);
      }
      if (site.targetSet == null && !cache.knows(site.target, targetId)) {
        Object read = source.target(site, targetId);
        if (read == RowSource.UNKNOWN) {
          node.mustRead = true;
          return;
        }
        cache.fill(site.target, targetId, read, source.readAfter());
      }
      // The target existed before the row pointing to it: a row just inserted says nothing of the
      // target's own related rows.
      resolve(site, targetId, source == RowSource.INSERTED ? RowSource.NOTHING : source);
    }
    entry.slots[site.slot] = site.targets.get(targetId);
  }

  private void unpoint(Entry entry, Site site, Object targetId) {
    Set<Entry> pointing = site.pointing.get(targetId);
    if (pointing == null || !pointing.remove(entry)) {
      return;
    }
    if (pointing.isEmpty()) {
      site.pointing.remove(targetId);
      Entry target = site.targets.remove(targetId);
      if (target != null) {
        drop(target, site.sites);
      }
      if (site.targetSet == null) {
        cache.release(site.target, targetId);
      }
      unref(new RowKey(site.target, targetId));
    }
  }

  /**
   * Brings the shared entry of target {@code targetId} in line with the cache: created when the
   * target exists and matches the include's where, dropped when not, its record updated
   * otherwise. Every row pointing to it is marked for rebuilding when it changes.
   */
  private void resolve(Site site, Object targetId, RowSource source) {
    boolean matches;
    Object record;
    if (site.targetSet != null) {
      record = site.targetSet.row(targetId); // a member matches the where; others do not
      matches = record != null;
    } else {
      record = cache.get(site.target, targetId);
      matches = record != null && matches(site, record);
    }
    Entry target = site.targets.get(targetId);
    if (target != null && matches) {
      if (target.record != record) {
        retarget(target, site.sites, record, source);
        node.markDirty(target, site);
      }
      return;
    }
    if (target == null && !matches) {
      return;
    }
    if (matches) {
      target = new Entry(targetId, record, site.sites.size());
      site.targets.put(targetId, target);
      fill(target, site.sites, source);
    } else {
      site.targets.remove(targetId);
      drop(target, site.sites);
      target = null;
    }
    Set<Entry> pointing = site.pointing.get(targetId);
    if (pointing != null) {
      for (Entry parent : pointing) {
        parent.slots[site.slot] = target;
        node.markDirty(parent, site.parentSite);
      }
    }
  }

  private void adopt(Entry entry, Site site, RowSource source) {
    site.parents.put(entry.id, entry);
    ref(new ParentKey(site.target, site.foreignKey, entry.id));
    Window window = site.window();
    entry.slots[site.slot] = window;
    RowSource.Related related = source.related(site, entry.id);
    if (related == null) {
      node.mustRead = true;
      return;
    }
    List<Entry> children = new ArrayList<>(related.records().size());
    for (Object record : related.records()) {
      Entry child = new Entry(site.idOf(record), record, site.sites.size());
      child.parent = entry;
      children.add(child);
    }
    window.fill(children, related.more());
    for (Entry child : children) {
      holdChild(site, child, source);
    }
  }

  private void holdChild(Site site, Entry child, RowSource source) {
    site.children.put(child.id, child);
    ref(new RowKey(site.target, child.id));
    fill(child, site.sites, source);
  }

  private void forgetChild(Site site, Entry child) {
    site.children.remove(child.id);
    unref(new RowKey(site.target, child.id));
    drop(child, site.sites);
  }

  /** Takes a change of a row of {@code site}'s collection, if the site holds or may take it. */
  void apply(Site site, Change change) {
    if (site.toOne) {
      if (site.pointing.containsKey(change.id())) {
        resolve(site, change.id(), sourceOf(change));
      }
      return;
    }
    Object id = change.id();
    Entry old = site.children.get(id);
    Object record = change.row().orElse(null);
    Entry parent = record == null ? null : site.parents.get(site.keyOf(record));
    boolean matches = parent != null && matches(site, record);
    RowSource source = sourceOf(change);
    if (old != null) {
      Window window = (Window) old.parent.slots[site.slot];
      window.remove(old);
      if (matches && parent == old.parent) {
        retarget(old, site.sites, record, source);
        node.markDirty(old, site);
        Entry dropped = window.place(old);
        if (dropped != null) {
          forgetChild(site, dropped);
        }
        node.mustRead |= window.broken();
        return;
      }
      forgetChild(site, old);
      node.markDirty(old.parent, site.parentSite);
      node.mustRead |= window.broken();
    }
    if (matches) {
      Window window = (Window) parent.slots[site.slot];
      Entry child = new Entry(id, record, site.sites.size());
      child.parent = parent;
      Entry dropped = window.place(child);
      if (dropped != child) {
        holdChild(site, child, source);
        node.markDirty(child, site);
        if (dropped != null) {
          forgetChild(site, dropped);
        }
      }
      node.mustRead |= window.broken();
    }
  }

  /** After a set a site's where uses changed: its rows are judged again (to-many: only those held). */
  void rejudge(Site site) {
    if (site.toOne) {
      for (Object targetId : List.copyOf(site.pointing.keySet())) {
        resolve(site, targetId, RowSource.NOTHING);
      }
      return;
    }
    for (Entry child : List.copyOf(site.children.values())) {
      if (!matches(site, child.record)) {
        Window window = (Window) child.parent.slots[site.slot];
        window.remove(child);
        forgetChild(site, child);
        node.markDirty(child.parent, site.parentSite);
        node.mustRead |= window.broken();
      }
    }
  }

  private static RowSource sourceOf(Change change) {
    return change.operation() == Change.Operation.INSERT ? RowSource.INSERTED : RowSource.NOTHING;
  }

  @SuppressWarnings("unchecked") // the where of a site is a condition on its collection's records
  private boolean matches(Site site, Object record) {
    if (site.where.isEmpty()) {
      return true;
    }
    return ConditionMatcher.matches((Condition<Object>) site.where.get(), record, values, node.uses());
  }

  /** The row {@code entry} as its level's shape builds it, with its related rows; kept until it changes. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  Object build(Entry entry, List<Site> sites, RowShape<?, ?> shape) {
    if (!entry.dirty && entry.built != null) {
      return entry.built;
    }
    IncludedValues included = IncludedValues.none();
    if (!sites.isEmpty()) {
      IncludedValues.Builder builder = IncludedValues.builder();
      for (Site site : sites) {
        if (site.toOne) {
          Entry target = (Entry) entry.slots[site.slot];
          Optional<LiveRow<?>> row = target == null ? Optional.empty()
              : Optional.of((LiveRow<?>) build(target, site.sites, site.shape));
          builder.toOne((ToOne<?, ?>) site.relation, row);
        } else {
          Window window = (Window) entry.slots[site.slot];
          List<LiveRow<?>> rows = new ArrayList<>();
          if (window != null) {
            for (Entry child : window.shown()) {
              rows.add((LiveRow<?>) build(child, site.sites, site.shape));
            }
          }
          builder.toMany((ToMany<?, ?>) site.relation, rows);
        }
      }
      included = builder.build();
    }
    entry.built = ((RowShape) shape).build(entry.record, included);
    entry.dirty = false;
    return entry.built;
  }

  private void ref(Object key) {
    if (refs.merge(key, 1, Integer::sum) == 1) {
      if (key instanceof RowKey row) {
        index.include(node, row.collection(), row.id());
      } else {
        ParentKey parent = (ParentKey) key;
        index.parent(node, parent.collection(), parent.foreignKey(), parent.parentId());
      }
    }
  }

  private void unref(Object key) {
    Integer left = refs.computeIfPresent(key, (k, n) -> n == 1 ? null : n - 1);
    if (left == null) {
      if (key instanceof RowKey row) {
        index.uninclude(node, row.collection(), row.id());
      } else {
        ParentKey parent = (ParentKey) key;
        index.unparent(node, parent.collection(), parent.foreignKey(), parent.parentId());
      }
    }
  }

  /** A related row held: the index sends its changes here. */
  private record RowKey(CollectionSchema<?> collection, Object id) {}

  /** A row whose to-many related rows are held: rows pointing to it are sent here. */
  private record ParentKey(CollectionSchema<?> collection, dev.live.query.Field<?, ?> foreignKey, Object parentId) {}
}
