package dev.live.jdbc;

import java.math.BigDecimal;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Typed access to the columns of the current result row, for generated row mappers. Storage
 * supplies the implementation ({@link JdbcRowReader} over a {@code ResultSet}), so generated
 * code does not depend on a database's quirks. Columns are numbered from 1.
 */
public interface RowReader {
  @Nullable String getString(int column) throws SQLException;

  /** The value, or false for SQL NULL; check {@link #wasNull()}. */
  boolean getBoolean(int column) throws SQLException;

  /** The value, or 0 for SQL NULL; check {@link #wasNull()}. */
  int getInt(int column) throws SQLException;

  /** The value, or 0 for SQL NULL; check {@link #wasNull()}. */
  long getLong(int column) throws SQLException;

  /** The value, or 0 for SQL NULL; check {@link #wasNull()}. */
  double getDouble(int column) throws SQLException;

  @Nullable BigDecimal getDecimal(int column) throws SQLException;

  @Nullable Instant getInstant(int column) throws SQLException;

  @Nullable LocalDate getLocalDate(int column) throws SQLException;

  @Nullable UUID getUuid(int column) throws SQLException;

  /** The text of a JSON column. */
  @Nullable String getJson(int column) throws SQLException;

  /** Whether the last column read was SQL NULL. */
  boolean wasNull() throws SQLException;
}
