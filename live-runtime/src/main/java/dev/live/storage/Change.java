package dev.live.storage;

import dev.live.schema.CollectionSchema;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One committed write, as the change log keeps it. Versions are strictly increasing in commit
 * order across the whole database; the writes of one transaction have consecutive versions, and
 * each carries the last of them, so a reader can tell where a transaction ends.
 *
 * @param version this write's version
 * @param transactionEnd the version of the last write of the same transaction
 * @param collection the collection written
 * @param id the row's id
 * @param operation insert, update or delete
 * @param changedFields the names of the fields the write set: all of them for an insert, those
 *     whose value changed for an update, none for a delete
 * @param row the row as stored after the write; empty for a delete
 */
public record Change(
    long version,
    long transactionEnd,
    CollectionSchema<?> collection,
    Object id,
    Operation operation,
    List<String> changedFields,
    Optional<Object> row) {

  public Change {
    Objects.requireNonNull(collection, "collection");
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(operation, "operation");
    changedFields = List.copyOf(changedFields);
    Objects.requireNonNull(row, "row");
    if (transactionEnd < version) {
      throw new IllegalArgumentException("a transaction cannot end (" + transactionEnd
          + ") before its write " + version);
    }
  }

  /** The row after the write, typed, if this change is of {@code expected}'s collection. */
  @SuppressWarnings("unchecked") // a change's row is a record of its collection
  public <T> Optional<T> row(CollectionSchema<T> expected) {
    return collection == expected ? (Optional<T>) row : Optional.empty();
  }

  /** Whether this is the last write of its transaction. */
  public boolean endsTransaction() {
    return version == transactionEnd;
  }

  /** What a write did to its row. */
  public enum Operation {
    INSERT,
    UPDATE,
    DELETE;

    /** The constant with this name, as stored; a plain switch, as {@code valueOf} reflects. */
    static Operation fromName(String name) {
      switch (name) {
        case "INSERT":
          return INSERT;
        case "UPDATE":
          return UPDATE;
        case "DELETE":
          return DELETE;
        default:
          throw new IllegalArgumentException("no operation named " + name);
      }
    }
  }
}
