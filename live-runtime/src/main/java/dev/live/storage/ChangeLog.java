package dev.live.storage;

import dev.live.json.LiveJson;
import dev.live.schema.CollectionSchema;
import dev.live.schema.LiveSchema;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes and reads the change log table.
 *
 * <p><b>Why versions come from a locked row and not a sequence.</b> On PostgreSQL a sequence
 * value taken by a transaction that commits later can become visible after a larger one: a
 * reader that has seen version 12 would then never ask for 11. Here a transaction takes its
 * versions as its last step before commit, by incrementing the single row of the version table.
 * That row stays locked until the transaction commits, and a transaction becomes visible before
 * it releases its locks, so versions become visible in increasing order: "everything after V"
 * never misses a change. The price is that committing writers queue for that row; it is held
 * only for the change log insert and the commit itself.
 *
 * <p>An embedded H2 database, which only this process writes, takes its versions from a {@link
 * VersionClock} instead, without a lock held through the commit: the clock knows which versions
 * are still committing, and readers read only below them.
 */
final class ChangeLog {
  private static final Logger log = LoggerFactory.getLogger(ChangeLog.class);

  static final String COLUMNS = "version, tx_end, collection, row_id, operation, fields, row_json";

  private ChangeLog() {}

  /**
   * Gives {@code pending} their versions, appends them and commits: under the version row's lock
   * on a database other processes write too, or with the embedded database's clock.
   */
  static List<Change> commit(Sql sql, List<PendingChange> pending, Optional<VersionClock> clock)
      throws SQLException {
    if (pending.isEmpty()) {
      sql.connection().commit();
      return List.of();
    }
    if (clock.isEmpty()) {
      List<Change> changes = append(sql, pending, versionRow(sql, pending.size()));
      sql.connection().commit();
      return changes;
    }
    long last = clock.get().take(pending.size());
    long first = last - pending.size() + 1;
    boolean committed = false;
    try {
      List<Change> changes = append(sql, pending, last);
      sql.connection().commit();
      committed = true;
      return changes;
    } finally {
      clock.get().finished(first, last, committed);
    }
  }

  /**
   * Takes {@code count} versions from the version row, which stays locked until the transaction
   * ends; returns the last of them. Call it last before commit.
   */
  private static long versionRow(Sql sql, int count) throws SQLException {
    String take = sql.dialect().returning(
        "UPDATE " + SqlNames.VERSION + " SET version = version + ? WHERE id = 1", "version");
    try (PreparedStatement statement = sql.prepare(take)) {
      statement.setLong(1, count);
      try (ResultSet result = statement.executeQuery()) {
        if (!result.next()) {
          throw new SQLException("the version table " + SqlNames.VERSION + " has no row; it is created at start",
              "55000");
        }
        return result.getLong(1);
      }
    }
  }

  /** Appends {@code pending} with the consecutive versions ending at {@code last}. */
  private static List<Change> append(Sql sql, List<PendingChange> pending, long last) throws SQLException {
    long first = last - pending.size() + 1;
    List<Change> changes = new ArrayList<>(pending.size());
    try (PreparedStatement insert = sql.prepare("INSERT INTO " + SqlNames.CHANGES + " (" + COLUMNS
        + ") VALUES (?, ?, ?, ?, ?, ?, ?)")) {
      for (int i = 0; i < pending.size(); i++) {
        PendingChange change = pending.get(i);
        insert.setLong(1, first + i);
        insert.setLong(2, last);
        insert.setString(3, change.collection().name());
        insert.setString(4, SqlValues.idText(change.id()));
        insert.setString(5, change.operation().name());
        insert.setString(6, String.join(",", change.changedFields()));
        insert.setString(7, change.rowJson());
        insert.addBatch();
        changes.add(change.at(first + i, last));
      }
      insert.executeBatch();
    }
    return changes;
  }

  /** The highest version the database holds: in the log, or in the version row if the log was pruned. */
  static long latestVersion(Sql sql) throws SQLException {
    try (PreparedStatement statement = sql.prepare("SELECT GREATEST((SELECT COALESCE(MAX(version), 0) FROM "
        + SqlNames.CHANGES + "), (SELECT COALESCE(MAX(version), 0) FROM " + SqlNames.VERSION + "))");
        ResultSet result = statement.executeQuery()) {
      result.next();
      return result.getLong(1);
    }
  }

  /**
   * What one read of the log found: the changes, how far it looked ({@code scannedTo}, which
   * passes changes of collections the schema no longer has), and whether it stopped at its limit.
   */
  record Page(List<Change> changes, long scannedTo, boolean full) {}

  /** Up to {@code max} changes with a version above {@code after} and at most {@code upTo}, in version order. */
  static Page readAfter(Sql sql, LiveSchema schema, long after, long upTo, int max) throws SQLException {
    List<Change> changes = new ArrayList<>();
    long scannedTo = after;
    int scanned = 0;
    try (PreparedStatement statement = sql.prepare("SELECT " + COLUMNS + " FROM " + SqlNames.CHANGES
        + " WHERE version > ? AND version <= ? ORDER BY version LIMIT ?")) {
      statement.setLong(1, after);
      statement.setLong(2, upTo);
      statement.setInt(3, max);
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          scanned++;
          scannedTo = rows.getLong(1);
          Optional<CollectionSchema<?>> collection = schema.collection(rows.getString(3));
          if (collection.isEmpty()) {
            // Written by a version of the application that had this collection; nothing reads it now.
            log.debug("change {} is of collection {}, which the schema no longer has", rows.getLong(1), rows.getString(3));
            continue;
          }
          changes.add(decode(rows, collection.get()));
        }
      }
    }
    return new Page(changes, scannedTo, scanned == max);
  }

  private static Change decode(ResultSet rows, CollectionSchema<?> collection) throws SQLException {
    String json = rows.getString(7);
    Optional<Object> row = json == null ? Optional.empty() : Optional.of(LiveJson.decode(collection.codec(), json));
    String fields = rows.getString(6);
    return new Change(rows.getLong(1), rows.getLong(2), collection,
        SqlValues.idFromText(collection.id().type(), rows.getString(4)),
        Change.Operation.fromName(rows.getString(5)),
        fields.isEmpty() ? List.of() : List.of(fields.split(",")), row);
  }
}
