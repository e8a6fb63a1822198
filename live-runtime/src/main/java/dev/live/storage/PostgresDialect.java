package dev.live.storage;

import dev.live.jdbc.JdbcParameterWriter;
import dev.live.schema.FieldType;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.postgresql.util.PSQLException;

/**
 * PostgreSQL 12 and later. Text columns use the "C" collation, so that string order is code
 * point order whatever the database's locale, as Java and the live query engine order them.
 * JSON is {@code jsonb}.
 */
final class PostgresDialect implements Dialect {
  static final PostgresDialect INSTANCE = new PostgresDialect();

  /** Any constant works; it only has to be the same on every node. */
  private static final long SCHEMA_LOCK_KEY = 0x4C6976655363L;

  private PostgresDialect() {}

  /** The server names the constraint in a field of its own, in any message language. */
  @Override
  public String violatedConstraint(SQLException e) {
    if (e instanceof PSQLException pg && pg.getServerErrorMessage() != null) {
      return pg.getServerErrorMessage().getConstraint();
    }
    return null;
  }

  @Override
  public String name() {
    return "PostgreSQL";
  }

  @Override
  public String columnType(FieldType type) {
    switch (type) {
      case STRING:
      case ENUM:
        return "text COLLATE \"C\"";
      case BOOLEAN:
        return "boolean";
      case INT:
        return "integer";
      case LONG:
        return "bigint";
      case DOUBLE:
        return "double precision";
      case DECIMAL:
        return "numeric";
      case INSTANT:
        return "timestamp with time zone";
      case LOCAL_DATE:
        return "date";
      case UUID:
        return "uuid";
      case JSON:
        return "jsonb";
      default:
        throw new IllegalArgumentException("no column type for " + type);
    }
  }

  @Override
  public Set<String> compatibleTypes(FieldType type) {
    switch (type) {
      case STRING:
      case ENUM:
        return Set.of("text", "character varying");
      case JSON:
        return Set.of("jsonb", "json");
      default:
        return Set.of(columnType(type));
    }
  }

  @Override
  public Optional<String> requiredCollation() {
    return Optional.of("C");
  }

  @Override
  public String arrayElementType(FieldType idType) {
    switch (idType) {
      case STRING:
        return "text";
      case INT:
        return "int4";
      case LONG:
        return "int8";
      case UUID:
        return "uuid";
      default:
        throw new IllegalArgumentException(idType + " is not an id type");
    }
  }

  @Override
  public JdbcParameterWriter.JsonBinding jsonBinding() {
    return JdbcParameterWriter.JsonBinding.OTHER;
  }

  @Override
  public String documentType() {
    return "text";
  }

  @Override
  public String returning(String write, String columns) {
    return write + " RETURNING " + columns;
  }

  @Override
  public String claimMutationSql(String table) {
    return "INSERT INTO " + table + " (client_id, last_seq, last_used) VALUES (?, ?, CURRENT_TIMESTAMP)"
        + " ON CONFLICT (client_id) DO UPDATE SET last_seq = EXCLUDED.last_seq, last_used = EXCLUDED.last_used"
        + " WHERE " + table + ".last_seq < EXCLUDED.last_seq";
  }

  @Override
  public String clockMillisSql() {
    // clock_timestamp(), not now(): the time of the statement, not of its transaction's start.
    return "CAST(EXTRACT(EPOCH FROM clock_timestamp()) * 1000 AS BIGINT)";
  }

  @Override
  public String schemaLockSql() {
    return "SELECT pg_advisory_xact_lock(" + SCHEMA_LOCK_KEY + ")";
  }

  /**
   * {@code statement_timeout} covers the statement's lock waits too; {@code lock_timeout} is left
   * as the server has it (off by default).
   */
  @Override
  public List<String> timeoutSql(long statementMillis, long lockMillis) {
    return List.of("SET statement_timeout = " + statementMillis);
  }
}
