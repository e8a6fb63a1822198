package dev.live.jdbc;

import dev.live.dto.UpdateDto;
import java.sql.SQLException;

/**
 * Binds a record's values to statement parameters, generated per collection ({@code
 * TaskJdbc}). Each method binds from {@code firstIndex} on and returns the next free index.
 */
public interface ParameterBinder<T> {
  /** Binds every field of {@code value} in component order (for an insert). */
  int bind(ParameterWriter out, int firstIndex, T value) throws SQLException;

  /** Binds the fields {@code update} sets, in component order (for an update's SET list). */
  int bindChanges(ParameterWriter out, int firstIndex, UpdateDto<T> update) throws SQLException;
}
