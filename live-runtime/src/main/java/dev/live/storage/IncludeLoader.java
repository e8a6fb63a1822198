package dev.live.storage;

import dev.live.query.Field;
import dev.live.query.Include;
import dev.live.query.IncludedValues;
import dev.live.query.LiveRow;
import dev.live.query.Relation;
import dev.live.query.ToMany;
import dev.live.query.ToOne;
import dev.live.schema.CollectionSchema;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Loads the includes of a list of rows with one statement per include node, whatever the number
 * of rows (no N+1): the related rows of every parent at once, by an array of ids, then grouped in
 * memory. Nested includes repeat this one level down over all related rows together. Only beyond
 * {@value #IDS_PER_STATEMENT} distinct ids does a node take more than one statement.
 */
final class IncludeLoader {
  static final int IDS_PER_STATEMENT = 10_000;

  private IncludeLoader() {}

  /** The included values of each of {@code parents}, in the same order. */
  static <T> List<IncludedValues> load(Sql sql, List<T> parents, List<Include<T, ?>> includes)
      throws SQLException {
    if (includes.isEmpty() || parents.isEmpty()) {
      return Collections.nCopies(parents.size(), IncludedValues.none());
    }
    List<IncludedValues.Builder> builders = new ArrayList<>(parents.size());
    for (int i = 0; i < parents.size(); i++) {
      builders.add(IncludedValues.builder());
    }
    for (Include<T, ?> include : includes) {
      add(sql, parents, include, builders);
    }
    List<IncludedValues> values = new ArrayList<>(parents.size());
    for (IncludedValues.Builder builder : builders) {
      values.add(builder.build());
    }
    return values;
  }

  private static <T, U> void add(Sql sql, List<T> parents, Include<T, U> include,
      List<IncludedValues.Builder> builders) throws SQLException {
    Relation<T, U> relation = include.relation();
    CollectionSchema<U> target = relation.target();
    if (relation instanceof ToOne<T, U> toOne) {
      Set<Object> ids = new LinkedHashSet<>();
      for (T parent : parents) {
        Object id = toOne.foreignKey().get(parent);
        if (id != null) {
          ids.add(id);
        }
      }
      List<U> rows = new ArrayList<>();
      for (List<Object> chunk : chunks(ids)) {
        rows.addAll(sql.query(QuerySql.byIds(target, chunk, include.where()), target.rowMapper()));
      }
      List<? extends LiveRow<U>> built = build(sql, rows, target, include.includes());
      Map<Object, LiveRow<U>> byId = new HashMap<>();
      for (LiveRow<U> row : built) {
        byId.put(target.id().get(row.value()), row);
      }
      for (int i = 0; i < parents.size(); i++) {
        Object id = toOne.foreignKey().get(parents.get(i));
        builders.get(i).toOne(toOne, Optional.ofNullable(id == null ? null : byId.get(id)));
      }
      return;
    }
    ToMany<T, U> toMany = (ToMany<T, U>) relation;
    Field<T, ?> parentId = toMany.source().id();
    Field<U, ?> foreignKey = toMany.inverse().foreignKey();
    Set<Object> ids = new LinkedHashSet<>();
    for (T parent : parents) {
      ids.add(parentId.get(parent));
    }
    List<U> rows = new ArrayList<>();
    for (List<Object> chunk : chunks(ids)) {
      rows.addAll(sql.query(QuerySql.byForeignKey(target, foreignKey, chunk, include.where(),
          include.orderBy(), include.limit()), target.rowMapper()));
    }
    List<? extends LiveRow<U>> built = build(sql, rows, target, include.includes());
    Map<Object, List<LiveRow<U>>> byParent = new HashMap<>();
    for (LiveRow<U> row : built) {
      byParent.computeIfAbsent(foreignKey.get(row.value()), key -> new ArrayList<>()).add(row);
    }
    for (int i = 0; i < parents.size(); i++) {
      builders.get(i).toMany(toMany, byParent.getOrDefault(parentId.get(parents.get(i)), List.of()));
    }
  }

  /** The generated row type of each related row, with its own includes loaded. */
  private static <U> List<? extends LiveRow<U>> build(Sql sql, List<U> rows, CollectionSchema<U> collection,
      List<Include<U, ?>> nested) throws SQLException {
    List<IncludedValues> included = load(sql, rows, nested);
    List<LiveRow<U>> built = new ArrayList<>(rows.size());
    for (int i = 0; i < rows.size(); i++) {
      built.add(collection.rows().build(rows.get(i), included.get(i)));
    }
    return built;
  }

  private static List<List<Object>> chunks(Set<Object> ids) {
    List<Object> all = new ArrayList<>(ids);
    List<List<Object>> chunks = new ArrayList<>();
    for (int from = 0; from < all.size(); from += IDS_PER_STATEMENT) {
      chunks.add(all.subList(from, Math.min(all.size(), from + IDS_PER_STATEMENT)));
    }
    return chunks;
  }
}
