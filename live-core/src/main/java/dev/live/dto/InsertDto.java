package dev.live.dto;

import dev.live.schema.CollectionSchema;

/**
 * A new row of a collection, as a client or server code writes it. The processor generates one
 * per collection ({@code TaskInsert}), with a builder that reports every missing required field
 * at once:
 *
 * <pre>{@code
 * TaskInsert insert = TaskInsert.builder().id("t1").title("Ship it").done(false).due(now).build();
 * }</pre>
 */
public interface InsertDto<T> {
  /** The collection the row goes into. */
  CollectionSchema<T> collection();

  /** The row as the collection's record. */
  T toRecord();
}
