package dev.live.storage;

import dev.live.error.ErrorCode;
import dev.live.query.Field;
import dev.live.query.Relation;
import dev.live.query.ToOne;
import dev.live.schema.CollectionSchema;
import dev.live.schema.LiveSchema;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns the database's {@link SQLException}s into typed {@link StorageException}s. Constraint
 * violations are recognised by SQLState, and the field by the name of the violated constraint as
 * the database reports it ({@link Dialect#violatedConstraint}), which Live chose itself when it
 * created it ({@code ux_teams_name}, {@code fk_tasks_assignee_id}).
 */
final class SqlErrors {
  private static final Logger log = LoggerFactory.getLogger(SqlErrors.class);
  /** At most one log line about timed-out statements per this many nanoseconds: they can come in floods. */
  private static final long TIMEOUT_LOG_INTERVAL_NANOS = 10_000_000_000L;

  /** A constraint Live created, and the field it guards. */
  private record Constraint(String name, CollectionSchema<?> collection, Field<?, ?> field, Kind kind) {}

  private enum Kind {
    UNIQUE,
    FOREIGN_KEY
  }

  /** What was being done when the error came, for the message. */
  enum Operation {
    INSERT("inserting into"),
    UPDATE("updating"),
    DELETE("deleting from"),
    READ("reading");

    final String verb;

    Operation(String verb) {
      this.verb = verb;
    }
  }

  private final List<Constraint> constraints = new ArrayList<>();
  private final Dialect dialect;
  private final Duration statementTimeout;
  private final AtomicLong nextTimeoutLog = new AtomicLong(System.nanoTime());
  private final AtomicLong timeoutsNotLogged = new AtomicLong();

  SqlErrors(LiveSchema schema, Dialect dialect, Duration statementTimeout) {
    this.dialect = dialect;
    this.statementTimeout = statementTimeout;
    for (CollectionSchema<?> collection : schema.collections()) {
      for (Field<?, ?> field : collection.fields()) {
        if (field.info().isUnique()) {
          constraints.add(new Constraint(SqlNames.uniqueIndex(collection.table(), field.column()),
              collection, field, Kind.UNIQUE));
        }
      }
      for (Relation<?, ?> relation : collection.relations()) {
        if (relation instanceof ToOne<?, ?> toOne) {
          constraints.add(new Constraint(SqlNames.foreignKey(collection.table(), toOne.foreignKey().column()),
              collection, toOne.foreignKey(), Kind.FOREIGN_KEY));
        }
      }
    }
  }

  /** Whether running the transaction again may succeed: serialization failure or deadlock. */
  static boolean isRetryable(SQLException e) {
    String state = e.getSQLState();
    return "40001".equals(state) || "40P01".equals(state);
  }

  /**
   * Whether the database canceled the statement: it ran past the statement timeout (57014 on
   * both databases; on PostgreSQL also an administrator's cancel, which is rare and alike to the
   * client), or on H2 waited for a lock past the lock timeout (HYT00).
   */
  static boolean isTimeout(SQLException e) {
    String state = e.getSQLState();
    return "57014".equals(state) || "HYT00".equals(state);
  }

  /**
   * The typed error for {@code e}, raised while doing {@code operation} on {@code collection}
   * ({@code id} being the row's id, when known).
   */
  StorageException map(SQLException e, Operation operation, CollectionSchema<?> collection, Object id) {
    String state = e.getSQLState() == null ? "" : e.getSQLState();
    String where = operation.verb + " " + collection.name();
    if (isTimeout(e)) {
      return timeout(e, where, collection.name());
    }
    if (isRetryable(e)) {
      return new StorageException(ErrorCode.CONFLICT, "a concurrent transaction conflicted with this one while "
          + where + (state.equals("40P01") ? " (deadlock)" : " (serialization failure)"),
          collection.name(), null, e, true);
    }
    switch (state) {
      case "23505":
        return unique(e, operation, collection, id);
      case "23503":
      case "23506":
        return foreignKey(e, operation, collection, id);
      case "23502":
        return new StorageException(ErrorCode.NULL_NOT_ALLOWED, "a required column would be NULL while "
            + where + "; every field not marked @Nullable needs a value", collection.name(), null, e, false);
      case "22001":
        return new StorageException(ErrorCode.VALUE_TOO_LONG, "a value is too long for its column while "
            + where + " (H2 keeps at most 1,000,000,000 characters in a string, PostgreSQL about 1 GB in a value)",
            collection.name(), null, e, false);
      case "22021":
      case "22P05":
        return new StorageException(ErrorCode.INVALID_VALUE, "a string holds the character U+0000, which"
            + " PostgreSQL cannot store, while " + where, collection.name(), null, e, false);
      default:
        return failed(e, where, collection.name());
    }
  }

  /** An error with no collection to blame: connecting, committing, the change log. */
  StorageException failed(SQLException e, String doing, String collection) {
    if (isTimeout(e)) {
      return timeout(e, doing, collection);
    }
    return failedOutsideStore(e, doing, collection);
  }

  /** As {@link #failed}, for work outside a store, where no statement timeout is set (opening a database). */
  static StorageException failedOutsideStore(SQLException e, String doing, String collection) {
    if (isRetryable(e)) {
      return new StorageException(ErrorCode.CONFLICT, "a concurrent transaction conflicted with this one while "
          + doing, collection, null, e, true);
    }
    return new StorageException(ErrorCode.STORAGE_FAILED, "storage failed while " + doing + " (SQLState "
        + (e.getSQLState() == null ? "none" : e.getSQLState()) + "); the server log has the database's message",
        collection, null, e, false);
  }

  /**
   * {@code TIMEOUT}, never retried: a statement that ran out of time would likely run out again,
   * and holding the request for several timeouts is what the limit is there to prevent.
   */
  private StorageException timeout(SQLException e, String doing, String collection) {
    logTimeout(doing);
    return new StorageException(ErrorCode.TIMEOUT, "a database statement ran longer than the statement"
        + " timeout of " + describe(statementTimeout) + " while " + doing + ", waiting for locks included, and"
        + " was canceled, so the request did not take effect. Ask for less (a narrower query, fewer rows), or let the"
        + " server's operator raise StoreOptions.statementTimeout", collection, null, e, false);
  }

  /**
   * One WARN line without a stack trace, at most every ten seconds, counting those in between:
   * what the operator needs (the limit is being hit, and how often) without a line per request.
   */
  private void logTimeout(String doing) {
    long now = System.nanoTime();
    long next = nextTimeoutLog.get();
    if (now - next < 0 || !nextTimeoutLog.compareAndSet(next, now + TIMEOUT_LOG_INTERVAL_NANOS)) {
      timeoutsNotLogged.incrementAndGet();
      return;
    }
    long others = timeoutsNotLogged.getAndSet(0);
    log.warn("a statement ran past the statement timeout of {} while {} and was canceled{}", describe(statementTimeout),
        doing, others == 0 ? "" : " (" + others + " more timed out since the last such line)");
  }

  /** "250 ms", "30 s", "2 min", "30 days": as an operator would write the limit. */
  static String describe(Duration duration) {
    long millis = duration.toMillis();
    long seconds = millis / 1000;
    if (millis % 1000 != 0 || seconds == 0) {
      return millis + " ms";
    } else if (seconds % 60 != 0) {
      return seconds + " s";
    } else if (seconds % 3600 != 0) {
      return seconds / 60 + " min";
    } else if (seconds % 86_400 != 0) {
      return seconds / 3600 + " h";
    }
    return seconds / 86_400 + (seconds == 86_400 ? " day" : " days");
  }

  private StorageException unique(SQLException e, Operation operation, CollectionSchema<?> collection, Object id) {
    Constraint constraint = find(e, Kind.UNIQUE);
    if (constraint != null) {
      return new StorageException(ErrorCode.UNIQUE_VIOLATION, "another " + constraint.collection().name()
          + " row already has this " + constraint.field().name() + "; " + constraint.field().name()
          + " is @Unique", constraint.collection().name(), constraint.field().name(), e, false);
    }
    // No unique index of ours is named: the primary key, which only an insert can hit.
    return new StorageException(ErrorCode.ALREADY_EXISTS, "a " + collection.name() + " row with id "
        + quoted(id) + " already exists; ids are unique within a collection: insert with another id, or"
        + " update the existing row", collection.name(), collection.id().name(), e, false);
  }

  private StorageException foreignKey(SQLException e, Operation operation, CollectionSchema<?> collection, Object id) {
    Constraint constraint = find(e, Kind.FOREIGN_KEY);
    String referencing = constraint == null ? "another collection"
        : constraint.collection().name() + "." + constraint.field().name();
    if (operation == Operation.DELETE) {
      return new StorageException(ErrorCode.STILL_REFERENCED, "cannot delete " + collection.name() + " "
          + quoted(id) + ": rows of " + referencing + " still refer to it; delete or re-point them first",
          collection.name(), null, e, false);
    }
    String field = constraint == null ? null : constraint.field().name();
    String target = constraint == null ? "its target collection" : targetOf(constraint);
    return new StorageException(ErrorCode.REFERENCE_NOT_FOUND, referencing + " refers to a row that "
        + target + " does not have; a @Ref field holds the id of an existing row, or null where nullable",
        collection.name(), field, e, false);
  }

  private static String targetOf(Constraint constraint) {
    for (Relation<?, ?> relation : constraint.collection().relations()) {
      if (relation instanceof ToOne<?, ?> toOne && toOne.foreignKey() == constraint.field()) {
        return toOne.target().name();
      }
    }
    return "its target collection";
  }

  /**
   * Our constraint that the database reports as violated, if any. Only the place where the
   * database names the constraint is read: the rest of its message quotes the offending values,
   * which may spell any constraint's name.
   */
  private Constraint find(SQLException e, Kind kind) {
    String name = dialect.violatedConstraint(e);
    if (name == null) {
      return null;
    }
    for (Constraint constraint : constraints) {
      if (constraint.kind() == kind && constraint.name().equalsIgnoreCase(name)) {
        return constraint;
      }
    }
    return null;
  }

  private static String quoted(Object id) {
    return id == null ? "(unknown)" : "'" + id + "'";
  }
}
