package dev.live.storage;

import dev.live.json.LiveJson;
import dev.live.schema.CollectionSchema;
import java.util.List;
import java.util.Optional;

/** A write of a transaction that is not committed yet: a {@link Change} without its version. */
record PendingChange(
    CollectionSchema<?> collection,
    Object id,
    Change.Operation operation,
    List<String> changedFields,
    Optional<Object> row) {

  static <T> PendingChange of(CollectionSchema<T> collection, Change.Operation operation,
      List<String> changedFields, T row) {
    return new PendingChange(collection, collection.id().get(row), operation, changedFields,
        operation == Change.Operation.DELETE ? Optional.empty() : Optional.of(row));
  }

  Change at(long version, long transactionEnd) {
    return new Change(version, transactionEnd, collection, id, operation, changedFields, row);
  }

  /** The row's JSON, as the change log keeps it; null for a delete. */
  String rowJson() {
    return row.map(value -> json(collection, value)).orElse(null);
  }

  @SuppressWarnings("unchecked") // the row is a record of its collection
  private static <T> String json(CollectionSchema<T> collection, Object row) {
    return LiveJson.encode(collection.codec(), (T) row);
  }
}
