package dev.live.jdbc;

import java.sql.SQLException;

/**
 * Builds a record from the current result row, generated per collection ({@code TaskJdbc}).
 * The record's columns appear in component order starting at {@code firstColumn}, so one
 * result row can hold several records side by side (a row and its to-one includes).
 */
@FunctionalInterface
public interface RowMapper<T> {
  T map(RowReader row, int firstColumn) throws SQLException;
}
