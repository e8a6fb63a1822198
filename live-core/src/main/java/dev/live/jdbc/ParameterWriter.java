package dev.live.jdbc;

import dev.live.schema.FieldType;
import java.math.BigDecimal;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * Typed setting of statement parameters, for generated parameter binders. Storage supplies the
 * implementation ({@link JdbcParameterWriter} over a {@code PreparedStatement}). Parameters are
 * numbered from 1.
 */
public interface ParameterWriter {
  void setString(int index, String value) throws SQLException;

  void setBoolean(int index, boolean value) throws SQLException;

  void setInt(int index, int value) throws SQLException;

  void setLong(int index, long value) throws SQLException;

  void setDouble(int index, double value) throws SQLException;

  void setDecimal(int index, BigDecimal value) throws SQLException;

  void setInstant(int index, Instant value) throws SQLException;

  void setLocalDate(int index, LocalDate value) throws SQLException;

  void setUuid(int index, UUID value) throws SQLException;

  /** A JSON document, given as its text. */
  void setJson(int index, String json) throws SQLException;

  /** SQL NULL in a parameter for a field of {@code type}. */
  void setNull(int index, FieldType type) throws SQLException;
}
