package dev.live.storage;

import dev.live.schema.CollectionSchema;
import dev.live.schema.LiveSchema;
import java.util.Map;
import java.util.Optional;

/**
 * What every transaction of one store shares: schema, dialect, table SQL, hooks, error mapping,
 * and for an embedded database, the clock its versions come from.
 */
record StoreContext(
    LiveSchema schema,
    Dialect dialect,
    Map<CollectionSchema<?>, TableSql<?>> tables,
    Hooks hooks,
    SqlErrors errors,
    StatementObserver observer,
    Optional<VersionClock> clock) {

  @SuppressWarnings("unchecked") // filed under its own collection
  <T> TableSql<T> table(CollectionSchema<T> collection) {
    TableSql<?> table = tables.get(collection);
    if (table == null) {
      throw new IllegalArgumentException("collection " + collection.name() + " is not part of this"
          + " store's schema; its collections are " + schema.collectionNames());
    }
    return (TableSql<T>) table;
  }
}
