package dev.live.storage;

import dev.live.jdbc.JdbcParameterWriter;
import dev.live.schema.FieldType;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Everything that differs between the databases Live runs on, in one place: column types, how a
 * write returns the stored row, upserts, array parameters, and locks. The SQL Live writes
 * otherwise stays within what H2 2.x and PostgreSQL 12+ both accept.
 */
sealed interface Dialect permits H2Dialect, PostgresDialect {
  /**
   * The name of the constraint that {@code e}, a constraint violation, reports; null when it
   * names none. Read from where the database names it, never from the values it quotes.
   */
  String violatedConstraint(SQLException e);

  /** For messages and logs: "H2" or "PostgreSQL". */
  String name();

  /** The column type a field of {@code type} is created with. */
  String columnType(FieldType type);

  /**
   * The column types (as {@code information_schema.columns.data_type} reports them, lower case)
   * that can hold a field of {@code type}; the first is the one Live creates.
   */
  Set<String> compatibleTypes(FieldType type);

  /**
   * The collation string columns must have for SQL to order strings as Java does (by code point);
   * empty when the database's own order already is that.
   */
  Optional<String> requiredCollation();

  /** The type name of an array parameter of id values, for {@code Connection.createArrayOf}. */
  String arrayElementType(FieldType idType);

  /** How JSON documents are bound to statement parameters. */
  JdbcParameterWriter.JsonBinding jsonBinding();

  /** The column type of the change log's row images. */
  String documentType();

  /** A statement that runs {@code write} (an INSERT, UPDATE or DELETE) and yields {@code columns} of the rows it wrote. */
  String returning(String write, String columns);

  /**
   * An upsert of {@code (client_id, last_seq)} into the client table that only ever raises
   * {@code last_seq}, setting {@code last_used} to the transaction's time when it does: its update
   * count is 1 when {@code last_seq} was raised or the row created, 0 when the stored sequence was
   * already as high.
   */
  String claimMutationSql(String table);

  /**
   * A statement taking a lock that serializes schema synchronization between nodes starting at
   * once, held until the transaction ends; empty when the database needs none.
   */
  String schemaLockSql();

  /** An expression of the database's clock now, in milliseconds since the epoch (a BIGINT). */
  String clockMillisSql();

  /**
   * Statements that set the current session's statement timeout to {@code statementMillis} and
   * its lock timeout to {@code lockMillis} (0: no statement timeout); see {@link StatementTimeouts}.
   */
  List<String> timeoutSql(long statementMillis, long lockMillis);
}
