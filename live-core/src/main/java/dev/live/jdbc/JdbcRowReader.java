package dev.live.jdbc;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * A {@link RowReader} over a JDBC {@code ResultSet}, using JDBC 4.2 types: instants travel as
 * {@code OffsetDateTime} (TIMESTAMP WITH TIME ZONE), dates as {@code LocalDate}, UUIDs as
 * {@code UUID}; H2 and PostgreSQL both support these.
 */
public final class JdbcRowReader implements RowReader {
  private final ResultSet rows;

  public JdbcRowReader(ResultSet rows) {
    this.rows = rows;
  }

  @Override
  public String getString(int column) throws SQLException {
    return rows.getString(column);
  }

  @Override
  public boolean getBoolean(int column) throws SQLException {
    return rows.getBoolean(column);
  }

  @Override
  public int getInt(int column) throws SQLException {
    return rows.getInt(column);
  }

  @Override
  public long getLong(int column) throws SQLException {
    return rows.getLong(column);
  }

  @Override
  public double getDouble(int column) throws SQLException {
    return rows.getDouble(column);
  }

  /**
   * Decimals read back by value without trailing zeros ({@code 12.50} as {@code 12.5}, {@code
   * 1000} as {@code 1000}): H2 keeps no scale for decimals of arbitrary precision, so both
   * databases give the same canonical form.
   */
  @Override
  public BigDecimal getDecimal(int column) throws SQLException {
    BigDecimal value = rows.getBigDecimal(column);
    return value == null ? null : canonical(value);
  }

  static BigDecimal canonical(BigDecimal value) {
    BigDecimal stripped = value.stripTrailingZeros();
    return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
  }

  @Override
  public Instant getInstant(int column) throws SQLException {
    OffsetDateTime value = rows.getObject(column, OffsetDateTime.class);
    return value == null ? null : value.toInstant();
  }

  @Override
  public LocalDate getLocalDate(int column) throws SQLException {
    return rows.getObject(column, LocalDate.class);
  }

  @Override
  public UUID getUuid(int column) throws SQLException {
    return rows.getObject(column, UUID.class);
  }

  @Override
  public String getJson(int column) throws SQLException {
    return rows.getString(column);
  }

  @Override
  public boolean wasNull() throws SQLException {
    return rows.wasNull();
  }
}
