package dev.live.engine;

import dev.live.json.LiveJson;
import dev.live.query.Condition;
import dev.live.query.ConditionMatcher;
import dev.live.query.Field;
import dev.live.query.QuerySpec;
import dev.live.query.RowJson;
import dev.live.query.RowOrder;
import dev.live.query.RowShape;
import dev.live.query.ValueOrder;
import dev.live.schema.CollectionSchema;
import dev.live.storage.Change;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The maintained result of one query, shared by every subscription to it, kept in memory: its
 * rows (a {@link Window} when it has a limit), their related rows ({@link IncludeTree}), and the
 * result as last published. Relation conditions are answered by {@link RelationSet}s. A change
 * is applied in memory; when memory cannot answer ({@link #mustRead}), the node is read again
 * from storage, off the engine's lock, while it takes no changes ({@link Operator#pending}), and
 * catches up with those it missed when the read is installed. Only the engine touches a node,
 * under its lock.
 *
 * <p>Versions: the published result is current at the engine's position, or, while the node is
 * pending, at {@link #version}. Changes at or below {@link #freshFrom} are in what was read and
 * are skipped.
 */
final class QueryNode<T> extends Operator {
  private final NodeQuery<T> query;
  private final ValueOrder values;
  private final CandidateIndex index;
  private final RelationUses uses = new RelationUses();
  private final List<Site> sites;
  private final List<Site> allSites;
  private final RowShape<T, ?> shape;
  private final IncludeTree includes;
  private final Window rows;
  private final Map<Object, Entry> byId = new HashMap<>();
  /** The node's result as its subscribers have it. */
  private List<ResultRow> published = List.of();
  /** Whether a result was ever published: subscribers wait for the first. */
  boolean everPublished;
  /** Set when memory cannot answer a change: the node must be read again. */
  boolean mustRead;
  /** Whether its rows were just replaced by a read: the next publish matches them with the published ones. */
  private boolean read;
  /** Whether the current batch changed something in the node. */
  boolean touched;
  /** A read of the node is running. */
  boolean loading;
  /** While pending: the version its published result is current at. */
  long version;
  long freshFrom;
  final List<EngineSubscriptionImpl> subscriptions = new ArrayList<>();
  /** Subscriptions waiting for the node's first result. */
  final List<EngineSubscriptionImpl> waiting = new ArrayList<>();
  /** The owners of its subscriptions (waiting ones included), with how many each has. */
  final Map<Owner, Integer> owners = new HashMap<>();
  /** Subscriptions without an owner: such a node is never held back. */
  int unowned;
  /** Held back because every owner used up its engine time: it catches up from memory later. */
  boolean deferred;
  /** Engine time spent on it in the current batch, charged to its owners at the batch's end. */
  long work;
  /** The batch its place was decided in, and whether it waits for the second pass of that batch. */
  long batch;
  boolean heavy;

  QueryNode(NodeQuery<T> query, ValueOrder values, CandidateIndex index, RowCache cache) {
    this.query = query;
    this.values = values;
    this.index = index;
    QuerySpec<T> spec = query.spec();
    this.sites = Site.of(spec.includes(), null, values);
    this.allSites = Site.flatten(sites);
    this.shape = spec.includes().isEmpty() ? RowShape.plain() : query.collection().rows();
    this.includes = new IncludeTree(this, index, cache, values);
    RowOrder<T> rowOrder = RowOrder.of(query.collection(), spec.orderBy(), values);
    int limit = spec.limit().orElse(Integer.MAX_VALUE);
    int hold = spec.limit().isPresent() ? limit + Window.slack(limit) : Integer.MAX_VALUE;
    this.rows = new Window((a, b) -> rowOrder.compare(record(a), record(b)), limit, hold);
    this.pending = true;
  }

  /** Acquires the sets of its where and its includes' wheres. Once, under the engine's lock. */
  void collectUses(RelationSets sets) {
    query.spec().where().ifPresent(where -> uses.collect(where, null, sets, this));
    for (Site site : allSites) {
      if (site.toOne && site.where.isPresent()) {
        site.targetSet = uses.targets(site, sets, this);
      } else {
        site.where.ifPresent(where -> uses.collect(where, site, sets, this));
      }
    }
  }

  @Override
  NodeQuery<T> query() {
    return query;
  }

  @Override
  RelationUses uses() {
    return uses;
  }

  @Override
  boolean holds(Object id) {
    return byId.containsKey(id);
  }

  /** Every include site, parents first: what a read of the node fetches, level by level. */
  List<Site> allSites() {
    return allSites;
  }

  List<Site> sites() {
    return sites;
  }

  /** How many rows a read of the node fetches at most: those it holds and one to tell whether more exist. */
  int readLimit() {
    return query.spec().limit().isPresent() ? holdLimit() + 1 : Integer.MAX_VALUE;
  }

  private int holdLimit() {
    int limit = query.spec().limit().getAsInt();
    return limit + Window.slack(limit);
  }

  /** Orders records as the node does. */
  RowOrder<T> order() {
    return RowOrder.of(query.collection(), query.spec().orderBy(), values);
  }

  /** Takes one change of a row of its collection or of a collection its includes reach. */
  void apply(Change change) {
    // What the node read is current after freshFrom; its to-one targets come from the row cache
    // and target sets, which are as current as the change tail, even when the node was read ahead
    // of it: those take every change (judging a target again is idempotent).
    boolean read = change.version() <= freshFrom;
    touched = true;
    if (!read && change.collection() == query.collection()) {
      applyOwn(change);
    }
    for (Site site : allSites) {
      if (site.target == change.collection() && (site.toOne || !read)) {
        includes.apply(site, change);
      }
    }
  }

  private void applyOwn(Change change) {
    Object id = change.id();
    Entry old = byId.get(id);
    Optional<T> record = change.row(query.collection());
    boolean matches = record.isPresent() && matches(record.get());
    RowSource source = change.operation() == Change.Operation.INSERT ? RowSource.INSERTED : RowSource.NOTHING;
    if (old != null) {
      rows.remove(old);
      if (matches) {
        includes.retarget(old, sites, record.get(), source);
        markDirty(old, null);
        Entry dropped = rows.place(old);
        if (dropped != null) {
          forget(dropped);
        }
      } else {
        forget(old);
      }
    } else if (matches) {
      Entry entry = new Entry(id, record.get(), sites.size());
      Entry dropped = rows.place(entry);
      if (dropped != entry) {
        hold(entry, source);
        if (dropped != null) {
          forget(dropped);
        }
      }
    }
    mustRead |= rows.broken();
  }

  private boolean matches(T record) {
    Optional<Condition<T>> where = query.spec().where();
    return where.isEmpty() || ConditionMatcher.matches(where.get(), record, values, uses);
  }

  private void hold(Entry entry, RowSource source) {
    byId.put(entry.id, entry);
    index.hold(this, entry.id);
    includes.fill(entry, sites, source);
  }

  /** Lets go of one of its rows, no longer in the window. */
  private void forget(Entry entry) {
    byId.remove(entry.id);
    index.unhold(this, entry.id);
    includes.drop(entry, sites);
  }

  /** Marks {@code entry} (of {@code site}'s level, null for the node's rows) and the rows above it for rebuilding. */
  void markDirty(Entry entry, Site site) {
    entry.dirty = true;
    if (site == null) {
      return;
    }
    if (site.toOne) {
      java.util.Set<Entry> pointing = site.pointing.get(entry.id);
      if (pointing != null) {
        for (Entry parent : pointing) {
          markDirty(parent, site.parentSite);
        }
      }
    } else if (entry.parent != null) {
      markDirty(entry.parent, site.parentSite);
    }
  }

  /**
   * A key entered or left a set one of its conditions uses. Rows it holds may leave, which memory
   * decides; rows it does not hold may come in, which only storage knows, unless the node's
   * equality key rules them out.
   */
  void keyChanged(RelationUses.Use use, Object key, boolean gained) {
    touched = true;
    boolean mayEnter = gained ? use.entersOnGain : use.entersOnLoss;
    boolean mayLeave = gained ? use.entersOnLoss : use.entersOnGain;
    for (Site site : use.sites) {
      if (site == null) {
        ownKeyChanged(use, key, mayEnter, mayLeave);
      } else if (site.toOne) {
        includes.rejudge(site);
      } else {
        mustRead |= mayEnter;
        if (mayLeave) {
          includes.rejudge(site);
        }
      }
    }
  }

  private void ownKeyChanged(RelationUses.Use use, Object key, boolean mayEnter, boolean mayLeave) {
    if (mayEnter && !keyRulesOut(use, key)) {
      mustRead = true;
    }
    if (mayLeave) {
      for (Entry entry : List.copyOf(rows.all())) {
        if (key.equals(probe(use, entry)) && !matches(record(entry))) {
          rows.remove(entry);
          forget(entry);
        }
      }
      mustRead |= rows.broken();
    }
  }

  /** Whether the node's equality key leaves out every row whose probed field is {@code key}. */
  private boolean keyRulesOut(RelationUses.Use use, Object key) {
    return query.key().isPresent() && query.key().get().field() == use.probe
        && !query.key().get().values().contains(key);
  }

  @SuppressWarnings("unchecked")
  private static Object probe(RelationUses.Use use, Entry entry) {
    return ((Field<Object, ?>) use.probe).get(entry.record);
  }

  /**
   * Replaces what it holds with {@code image}, read from storage after version {@code lower}.
   * The published result stays: the next {@link #publish} sends the difference.
   */
  void install(NodeImage image, long lower) {
    clear();
    List<Entry> entries = new ArrayList<>(image.rows().size());
    for (Object record : image.rows()) {
      entries.add(new Entry(query.collection().id().get(cast(record)), record, sites.size()));
    }
    rows.fill(entries, image.more());
    for (Entry entry : entries) {
      hold(entry, image);
    }
    freshFrom = lower;
    mustRead = false;
    read = true;
  }

  /** Lets go of every row and related row (the node is read again, or dropped). */
  void clear() {
    for (Entry entry : List.copyOf(rows.all())) {
      forget(entry);
    }
    rows.fill(List.of(), false);
    mustRead = false;
  }

  /**
   * Ends a batch: rebuilds the rows that changed and returns the difference from the published
   * result, which it now is.
   */
  ResultDiff publish(Map<Object, String> sharedJson) {
    touched = false;
    List<Entry> shown = rows.shown();
    CollectionSchema<T> collection = query.collection();
    // After a read every row is a new instance: those equal to what subscribers have keep the
    // published row, so that the delta carries only what changed.
    Map<Object, ResultRow> publishedById = null;
    if (read) {
      publishedById = new HashMap<>(published.size() * 2);
      for (ResultRow row : published) {
        publishedById.put(row.id(), row);
      }
      read = false;
    }
    boolean same = shown.size() == published.size();
    for (int i = 0; i < shown.size(); i++) {
      Entry entry = shown.get(i);
      if (entry.dirty || entry.result == null) {
        Object built = includes.build(entry, sites, shape);
        ResultRow previous = entry.result != null || publishedById == null ? entry.result
            : publishedById.get(entry.id);
        if (previous == null || !previous.row().equals(built)) {
          entry.result = new ResultRow(entry.id, entry.record, built,
              previous != null ? previous.idJson() : idJson(collection.id(), entry.id),
              json(built, sharedJson));
        } else {
          entry.result = previous;
        }
      }
      if (same && entry.result != published.get(i)) {
        same = false;
      }
    }
    if (same) {
      // Most changes a node takes leave what it shows as it was (a row beyond a window, one that
      // does not match): nothing to send, and nothing to allocate for it.
      everPublished = true;
      return ResultDiff.NONE;
    }
    List<ResultRow> now = new ArrayList<>(shown.size());
    for (Entry entry : shown) {
      now.add(entry.result);
    }
    ResultDiff diff = ResultDiff.between(published, now);
    published = now;
    everPublished = true;
    return diff;
  }

  /**
   * The JSON of {@code built}. A record without includes is the same text for every node that
   * takes it, so nodes taking one change share its encoding ({@code sharedJson}, by identity).
   */
  private String json(Object built, Map<Object, String> sharedJson) {
    if (!query.spec().includes().isEmpty()) {
      return RowJson.encode(query.collection(), query.spec().includes(), built);
    }
    return sharedJson.computeIfAbsent(built, record -> RowJson.encode(query.collection(), List.of(), record));
  }

  @SuppressWarnings("unchecked") // the id of a row of this collection has the id field's type
  private static <T, V> String idJson(Field<T, V> idField, Object id) {
    return LiveJson.encode(idField.codec(), (V) id);
  }

  @SuppressWarnings("unchecked") // every record a node holds is a row of its collection
  private T record(Entry entry) {
    return (T) entry.record;
  }

  @SuppressWarnings("unchecked")
  private T cast(Object record) {
    return (T) record;
  }

  /** The published result as a JSON array of rows, for a new subscription's snapshot. */
  String snapshotJson() {
    StringBuilder json = new StringBuilder(64 + published.size() * 128).append('[');
    for (int i = 0; i < published.size(); i++) {
      json.append(i == 0 ? "" : ",").append(published.get(i).json());
    }
    return json.append(']').toString();
  }

  /** Whether every subscription's owner is out of engine time: the node may wait. */
  boolean throttled() {
    if (unowned > 0 || owners.isEmpty()) {
      return false;
    }
    for (Owner owner : owners.keySet()) {
      if (!owner.inDebt()) {
        return false;
      }
    }
    return true;
  }

  /** Whether every owner of it used more than half of its engine time lately (none: unowned). */
  boolean heavy() {
    if (unowned > 0 || owners.isEmpty()) {
      return false;
    }
    for (Owner owner : owners.keySet()) {
      if (owner.light()) {
        return false;
      }
    }
    return true;
  }

  /** Charges {@code nanos} of engine time to its owners, in equal parts. */
  void charge(long nanos) {
    if (owners.isEmpty() || nanos <= 0) {
      return;
    }
    long share = nanos / owners.size();
    for (Owner owner : owners.keySet()) {
      owner.charge(share);
    }
  }

  /** Rows held, shown or not. */
  int heldRows() {
    return byId.size();
  }

  @Override
  public String toString() {
    return query.toString();
  }
}
