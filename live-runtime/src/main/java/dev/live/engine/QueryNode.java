package dev.live.engine;

import dev.live.json.LiveJson;
import dev.live.query.Condition;
import dev.live.query.Field;
import dev.live.query.QuerySpec;
import dev.live.query.RowJson;
import dev.live.query.LiveRow;
import dev.live.query.RowShape;
import dev.live.schema.CollectionSchema;
import dev.live.storage.Change;
import dev.live.storage.DataAccess;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * The maintained result of one query, shared by every subscription to it. A change of one of
 * the query's own rows is applied in memory when the query allows it ({@link NodeQuery#isLocal});
 * anything else, and a window that lost a row it cannot replace from memory, is read again from
 * storage. Only the engine touches a node, under its lock.
 *
 * <p>Versions: the result holds every change up to {@link #freshFrom} and none above {@link
 * #uncertainTo}; changes in between may or may not be in it. A change at or below {@code
 * freshFrom} is skipped; one in the uncertain range is answered by reading again, since applying
 * its row could take the result back to an older value; later ones are applied as they come.
 */
final class QueryNode<T> {
  private final NodeQuery<T> query;
  private final ValueOrder values;
  private final Comparator<ResultRow> order;
  private final RowShape<T, ?> shape;
  private List<ResultRow> rows = List.of();
  private final Map<Object, ResultRow> byId = new HashMap<>();
  /** Whether {@link #rows} holds every matching row; a window may have more beyond its end. */
  private boolean complete = true;
  private long freshFrom;
  private long uncertainTo;
  /** The rows when the current batch began, or null outside a batch or when untouched. */
  private List<ResultRow> before;
  private boolean mustRead;
  private IncludeScope scope = IncludeScope.NONE;
  /** The ids of rows the current batch applied in memory. */
  private final Set<Object> batchIds = new HashSet<>();
  final List<EngineSubscriptionImpl> subscriptions = new ArrayList<>();

  QueryNode(NodeQuery<T> query, ValueOrder values) {
    this.query = query;
    this.values = values;
    RowOrder<T> rowOrder = RowOrder.of(query.collection(), query.spec().orderBy(), values);
    this.order = (a, b) -> rowOrder.compare(record(a), record(b));
    this.shape = query.spec().includes().isEmpty() ? RowShape.plain() : query.collection().rows();
  }

  NodeQuery<T> query() {
    return query;
  }

  List<ResultRow> rows() {
    return rows;
  }

  long freshFrom() {
    return freshFrom;
  }

  /**
   * Reads the whole result from storage; {@code lowerBound} and {@code upperBound} are the
   * versions read just before and just after it. Rows equal to the ones held keep their instance.
   */
  void read(DataAccess data, VersionBounds bounds) {
    QuerySpec<T> spec = query.spec();
    OptionalInt limit = spec.limit();
    long lower = bounds.lower();
    // One row more than the window shows whether anything lies beyond it.
    List<?> found = data.select(limit.isPresent() ? spec.limit(limit.getAsInt() + 1) : spec, shape);
    long upper = bounds.upper();
    boolean more = limit.isPresent() && found.size() > limit.getAsInt();
    List<ResultRow> fresh = new ArrayList<>(found.size());
    for (int i = 0; i < found.size() - (more ? 1 : 0); i++) {
      Object row = found.get(i);
      Object record = row instanceof LiveRow<?> live ? live.value() : row;
      Object id = query.collection().id().get(cast(record));
      ResultRow held = byId.get(id);
      fresh.add(held != null && held.row().equals(row) ? held : entry(id, record, row));
    }
    replaceRows(fresh);
    scope = IncludeScope.of(query.collection(), spec.includes(), fresh);
    complete = !more;
    freshFrom = Math.max(freshFrom, lower);
    uncertainTo = Math.max(uncertainTo, upper);
    mustRead = false;
  }

  /** Starts a batch touching this node: remembers the rows to diff against at its end. */
  void touch() {
    if (before == null) {
      before = rows;
      rows = new ArrayList<>(rows);
    }
  }

  boolean isTouched() {
    return before != null;
  }

  /** Takes one change of a row of this node's collection or of a collection it depends on. */
  void apply(Change change) {
    touch();
    if (mustRead) {
      return;
    }
    if (!query.isLocal() || change.collection() != query.collection() || change.version() <= uncertainTo) {
      mustRead = true;
      return;
    }
    applyLocal(change);
  }

  boolean mustRead() {
    return mustRead;
  }

  /** The rows of other collections the includes reach, as of the last read. */
  IncludeScope scope() {
    return scope;
  }

  /** Whether the result holds the row with {@code id} now. */
  boolean holds(Object id) {
    return byId.containsKey(id);
  }

  /** The ids of the rows the current batch changed in memory; cleared by the caller. */
  Set<Object> batchIds() {
    return batchIds;
  }

  /** Ends the batch: the changes since {@link #touch}, and the node ready for the next batch. */
  ResultDiff finish() {
    List<ResultRow> old = before;
    before = null;
    rows = List.copyOf(rows);
    return ResultDiff.between(old, rows);
  }

  private void applyLocal(Change change) {
    batchIds.add(change.id());
    CollectionSchema<T> collection = query.collection();
    Optional<T> record = change.row(collection);
    ResultRow old = byId.get(change.id());
    if (old != null) {
      removeAt(position(old));
    }
    Optional<Condition<T>> where = query.spec().where();
    boolean matches = record.isPresent()
        && (where.isEmpty() || ConditionMatcher.matches(where.get(), record.get(), values));
    OptionalInt limit = query.spec().limit();
    if (!matches) {
      if (old != null && !complete) {
        mustRead = true; // a window lost a row: what comes after it is in storage only
      }
      return;
    }
    ResultRow entry = old != null && old.record().equals(record.get()) ? old
        : entry(change.id(), record.get(), record.get());
    int at = -Collections.binarySearch(rows, entry, order) - 1;
    if (limit.isEmpty()) {
      insertAt(at, entry);
      return;
    }
    int size = rows.size();
    if (at < size) {
      insertAt(at, entry);
      if (rows.size() > limit.getAsInt()) {
        removeAt(rows.size() - 1);
        complete = false;
      }
    } else if (size < limit.getAsInt() && complete) {
      insertAt(at, entry);
    } else if (size < limit.getAsInt()) {
      mustRead = true; // a row sorted to the end of a window that may be missing rows before it
    } else {
      complete = false; // a row beyond a full window
    }
  }

  private int position(ResultRow row) {
    int at = Collections.binarySearch(rows, row, order);
    if (at < 0 || rows.get(at) != row) {
      throw new IllegalStateException("row " + row.id() + " is not where its order puts it");
    }
    return at;
  }

  private void insertAt(int at, ResultRow row) {
    rows.add(at, row);
    byId.put(row.id(), row);
  }

  private void removeAt(int at) {
    ResultRow removed = rows.remove(at);
    byId.remove(removed.id());
  }

  private void replaceRows(List<ResultRow> fresh) {
    byId.clear();
    for (ResultRow row : fresh) {
      byId.put(row.id(), row);
    }
    if (before == null) {
      rows = List.copyOf(fresh);
    } else {
      rows = fresh;
    }
  }

  private ResultRow entry(Object id, Object record, Object row) {
    CollectionSchema<T> collection = query.collection();
    return new ResultRow(id, record, row, idJson(collection.id(), id),
        RowJson.encode(collection, query.spec().includes(), row));
  }

  @SuppressWarnings("unchecked") // the id of a row of this collection has the id field's type
  private static <T, V> String idJson(Field<T, V> idField, Object id) {
    return LiveJson.encode(idField.codec(), (V) id);
  }

  @SuppressWarnings("unchecked") // every record a node holds is a row of its collection
  private T record(ResultRow row) {
    return (T) row.record();
  }

  @SuppressWarnings("unchecked")
  private T cast(Object record) {
    return (T) record;
  }

  /** The result as a JSON array of rows, for a new subscription's snapshot. */
  String snapshotJson() {
    StringBuilder json = new StringBuilder(64 + rows.size() * 128).append('[');
    for (int i = 0; i < rows.size(); i++) {
      json.append(i == 0 ? "" : ",").append(rows.get(i).json());
    }
    return json.append(']').toString();
  }

  /** Versions read around a storage read: see the class comment. */
  interface VersionBounds {
    long lower();

    long upper();
  }
}
