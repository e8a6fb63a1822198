package dev.live.storage;

import dev.live.jdbc.JdbcParameterWriter;
import dev.live.schema.FieldType;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Embedded H2 2.x. Decimals are {@code DECFLOAT}: H2's {@code NUMERIC} without a scale rounds to
 * whole numbers. JSON is kept as text ({@code CHARACTER LARGE OBJECT}): H2's own JSON type would
 * take a bound string for a JSON string literal.
 */
final class H2Dialect implements Dialect {
  static final H2Dialect INSTANCE = new H2Dialect();

  private H2Dialect() {}

  /**
   * H2 quotes the constraint first, then the values: {@code "PUBLIC.ux_teams_name ON
   * PUBLIC.teams(name) VALUES (...)"}, {@code "fk_tasks_board_id: PUBLIC.tasks FOREIGN
   * KEY(board_id) ... ('b9')"}.
   */
  @Override
  public String violatedConstraint(SQLException e) {
    String message = e.getMessage();
    int start = message == null ? -1 : message.indexOf('"');
    if (start < 0) {
      return null;
    }
    int end = start + 1;
    while (end < message.length() && message.charAt(end) != ' ' && message.charAt(end) != ':'
        && message.charAt(end) != '"') {
      end++;
    }
    String name = message.substring(start + 1, end);
    return name.substring(name.lastIndexOf('.') + 1);
  }

  @Override
  public String name() {
    return "H2";
  }

  @Override
  public String columnType(FieldType type) {
    switch (type) {
      case STRING:
      case ENUM:
        return "CHARACTER VARYING";
      case BOOLEAN:
        return "BOOLEAN";
      case INT:
        return "INTEGER";
      case LONG:
        return "BIGINT";
      case DOUBLE:
        return "DOUBLE PRECISION";
      case DECIMAL:
        return "DECFLOAT";
      case INSTANT:
        return "TIMESTAMP(6) WITH TIME ZONE";
      case LOCAL_DATE:
        return "DATE";
      case UUID:
        return "UUID";
      case JSON:
        return "CHARACTER LARGE OBJECT";
      default:
        throw new IllegalArgumentException("no column type for " + type);
    }
  }

  @Override
  public Set<String> compatibleTypes(FieldType type) {
    switch (type) {
      case STRING:
      case ENUM:
        return Set.of("character varying", "character large object");
      case DECIMAL:
        return Set.of("decfloat", "numeric");
      case INSTANT:
        return Set.of("timestamp with time zone");
      case JSON:
        return Set.of("character large object", "character varying", "json");
      default:
        return Set.of(columnType(type).toLowerCase(java.util.Locale.ROOT));
    }
  }

  @Override
  public Optional<String> requiredCollation() {
    return Optional.empty();
  }

  @Override
  public String arrayElementType(FieldType idType) {
    switch (idType) {
      case STRING:
        return "CHARACTER VARYING";
      case INT:
        return "INTEGER";
      case LONG:
        return "BIGINT";
      case UUID:
        return "UUID";
      default:
        throw new IllegalArgumentException(idType + " is not an id type");
    }
  }

  @Override
  public JdbcParameterWriter.JsonBinding jsonBinding() {
    return JdbcParameterWriter.JsonBinding.TEXT;
  }

  @Override
  public String documentType() {
    return "CHARACTER LARGE OBJECT";
  }

  @Override
  public String returning(String write, String columns) {
    return "SELECT " + columns + " FROM FINAL TABLE (" + write + ")";
  }

  @Override
  public String claimMutationSql(String table) {
    return "MERGE INTO " + table + " t USING (VALUES (CAST(? AS CHARACTER VARYING), CAST(? AS BIGINT)))"
        + " s(client_id, last_seq) ON t.client_id = s.client_id"
        + " WHEN MATCHED AND t.last_seq < s.last_seq THEN UPDATE SET last_seq = s.last_seq, last_used = CURRENT_TIMESTAMP"
        + " WHEN NOT MATCHED THEN INSERT (client_id, last_seq, last_used) VALUES (s.client_id, s.last_seq,"
        + " CURRENT_TIMESTAMP)";
  }

  @Override
  public String clockMillisSql() {
    return "CAST(EXTRACT(EPOCH FROM CURRENT_TIMESTAMP) * 1000 AS BIGINT)";
  }

  @Override
  public String schemaLockSql() {
    // One process owns an embedded database file; nothing to serialize with.
    return "";
  }

  /**
   * H2 waits for a row lock apart from running: a wait ends at {@code LOCK_TIMEOUT} (SQLState
   * HYT00), a run at {@code QUERY_TIMEOUT} (57014). Both get the statement timeout, so a statement
   * ends after about that long, as on PostgreSQL, whatever it was doing.
   */
  @Override
  public List<String> timeoutSql(long statementMillis, long lockMillis) {
    return List.of("SET QUERY_TIMEOUT " + statementMillis, "SET LOCK_TIMEOUT " + lockMillis);
  }
}
