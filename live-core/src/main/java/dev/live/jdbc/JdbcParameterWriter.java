package dev.live.jdbc;

import dev.live.json.ValueRanges;
import dev.live.schema.FieldType;
import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A {@link ParameterWriter} over a JDBC {@code PreparedStatement}. How JSON is bound differs
 * between databases, so it is a parameter: {@link JsonBinding#TEXT} for a text column,
 * {@link JsonBinding#OTHER} for PostgreSQL's {@code jsonb}, which needs the value untyped.
 */
public final class JdbcParameterWriter implements ParameterWriter {
  /** How a JSON document is bound. */
  public enum JsonBinding {
    /** As a string, into a text column. */
    TEXT,
    /** As an untyped value the server converts to the column's JSON type (PostgreSQL jsonb). */
    OTHER
  }

  private final PreparedStatement statement;
  private final JsonBinding json;

  public JdbcParameterWriter(PreparedStatement statement, JsonBinding json) {
    this.statement = statement;
    this.json = json;
  }

  @Override
  public void setString(int index, String value) throws SQLException {
    requireStorable(index, ValueRanges.textProblem(value));
    statement.setString(index, value);
  }

  /**
   * Refuses text PostgreSQL cannot hold: U+0000 (refused by the server) and unpaired surrogates
   * (which its driver silently turns into {@code ?}). H2 would take both, and refusing them on
   * every database keeps what is stored, and what a query means, the same everywhere.
   *
   * @throws UnstorableValueException when {@code value} holds either
   */
  public static void requireStorable(String value) {
    requireStorable(0, ValueRanges.textProblem(value));
  }

  private static void requireStorable(int index, @Nullable String problem) {
    if (problem != null) {
      throw new UnstorableValueException(index, problem);
    }
  }

  /** JSON text escapes U+0000 as {@code \\u0000}, which PostgreSQL's jsonb refuses too. */
  private static void requireNoEscapedNul(int index, String json) {
    for (int at = json.indexOf("\\u0000"); at >= 0; at = json.indexOf("\\u0000", at + 1)) {
      int backslashes = 0;
      for (int i = at; i >= 0 && json.charAt(i) == '\\'; i--) {
        backslashes++;
      }
      if (backslashes % 2 == 1) { // an escape, not an escaped backslash followed by "u0000"
        throw new UnstorableValueException(index, "text may not contain the character U+0000");
      }
    }
  }

  @Override
  public void setBoolean(int index, boolean value) throws SQLException {
    statement.setBoolean(index, value);
  }

  @Override
  public void setInt(int index, int value) throws SQLException {
    statement.setInt(index, value);
  }

  @Override
  public void setLong(int index, long value) throws SQLException {
    statement.setLong(index, value);
  }

  @Override
  public void setDouble(int index, double value) throws SQLException {
    // H2 stores -0.0 as 0.0; storing 0.0 everywhere keeps what reads back the same on PostgreSQL.
    statement.setDouble(index, value == 0.0 ? 0.0 : value);
  }

  @Override
  public void setDecimal(int index, BigDecimal value) throws SQLException {
    requireStorable(index, ValueRanges.decimalProblem(value));
    statement.setBigDecimal(index, value);
  }

  /**
   * Instants are stored to the microsecond, PostgreSQL's precision, on every database; finer
   * digits are dropped (not rounded), so an instant reads back the same on H2 and PostgreSQL.
   */
  @Override
  public void setInstant(int index, Instant value) throws SQLException {
    requireStorable(index, ValueRanges.instantProblem(value));
    statement.setObject(index, OffsetDateTime.ofInstant(value.truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC));
  }

  @Override
  public void setLocalDate(int index, LocalDate value) throws SQLException {
    requireStorable(index, ValueRanges.localDateProblem(value));
    statement.setObject(index, value);
  }

  @Override
  public void setUuid(int index, UUID value) throws SQLException {
    statement.setObject(index, value);
  }

  @Override
  public void setJson(int index, String value) throws SQLException {
    requireStorable(index, ValueRanges.textProblem(value));
    requireNoEscapedNul(index, value);
    if (json == JsonBinding.OTHER) {
      statement.setObject(index, value, Types.OTHER);
    } else {
      statement.setString(index, value);
    }
  }

  @Override
  public void setNull(int index, FieldType type) throws SQLException {
    statement.setNull(index, sqlType(type));
  }

  private int sqlType(FieldType type) {
    switch (type) {
      case STRING:
      case ENUM:
        return Types.VARCHAR;
      case BOOLEAN:
        return Types.BOOLEAN;
      case INT:
        return Types.INTEGER;
      case LONG:
        return Types.BIGINT;
      case DOUBLE:
        return Types.DOUBLE;
      case DECIMAL:
        return Types.NUMERIC;
      case INSTANT:
        return Types.TIMESTAMP_WITH_TIMEZONE;
      case LOCAL_DATE:
        return Types.DATE;
      case UUID:
        return Types.OTHER;
      case JSON:
        return json == JsonBinding.OTHER ? Types.OTHER : Types.VARCHAR;
      default:
        throw new IllegalArgumentException("no SQL type for " + type);
    }
  }
}
