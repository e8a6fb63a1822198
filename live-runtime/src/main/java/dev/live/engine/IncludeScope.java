package dev.live.engine;

import dev.live.query.Field;
import dev.live.query.Include;
import dev.live.query.IncludedValues;
import dev.live.query.LiveRow;
import dev.live.query.Relation;
import dev.live.query.ToMany;
import dev.live.query.ToOne;
import dev.live.schema.CollectionSchema;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Which rows of other collections a node's includes reach, so that a change of one of them is
 * matched to the nodes it concerns rather than to every node including its collection:
 * <ul>
 *   <li>{@link #rows()}: by collection, the ids of the included rows, and the ids that to-one
 *       foreign keys point to (a target a where keeps out may come in when it changes);
 *   <li>{@link #parents()}: by the foreign key of a to-many relation, the ids of the rows whose
 *       related rows are included (a row that starts pointing to one of them comes in).
 * </ul>
 */
record IncludeScope(Map<CollectionSchema<?>, Set<Object>> rows, Map<ForeignKey, Set<Object>> parents) {
  static final IncludeScope NONE = new IncludeScope(Map.of(), Map.of());

  /** The scope of {@code results}, rows of {@code collection} built with {@code includes}. */
  static <T> IncludeScope of(CollectionSchema<T> collection, List<Include<T, ?>> includes, List<ResultRow> results) {
    if (includes.isEmpty()) {
      return NONE;
    }
    IncludeScope scope = new IncludeScope(new HashMap<>(), new HashMap<>());
    for (ResultRow row : results) {
      scope.scan(collection, includes, (LiveRow<?>) row.row());
    }
    return scope;
  }

  @SuppressWarnings("unchecked") // a LiveRow of a collection holds a record of that collection
  private <T> void scan(CollectionSchema<T> collection, List<Include<T, ?>> includes, LiveRow<?> row) {
    T record = (T) row.value();
    for (Include<T, ?> include : includes) {
      scanInclude(collection, include, record, row.included());
    }
  }

  private <T, U> void scanInclude(CollectionSchema<T> collection, Include<T, U> include, T record,
      IncludedValues included) {
    Relation<T, U> relation = include.relation();
    CollectionSchema<U> target = relation.target();
    if (relation instanceof ToOne<T, U> toOne) {
      Object key = toOne.foreignKey().get(record);
      if (key != null) {
        rows.computeIfAbsent(target, c -> new HashSet<>()).add(key);
      }
      Optional<LiveRow<?>> related = included.toOne(toOne);
      related.ifPresent(live -> scan(target, include.includes(), live));
      return;
    }
    ToMany<T, U> toMany = (ToMany<T, U>) relation;
    parents.computeIfAbsent(new ForeignKey(target, toMany.inverse().foreignKey()), f -> new HashSet<>())
        .add(collection.id().get(record));
    List<LiveRow<?>> related = included.toMany(toMany);
    for (LiveRow<?> live : related) {
      rows.computeIfAbsent(target, c -> new HashSet<>()).add(idOf(target, live.value()));
      scan(target, include.includes(), live);
    }
  }

  /** A foreign key field and the collection it is a field of. */
  record ForeignKey(CollectionSchema<?> collection, Field<?, ?> field) {}

  @SuppressWarnings("unchecked")
  private static <U> Object idOf(CollectionSchema<U> collection, Object record) {
    return collection.id().get((U) record);
  }
}
