package dev.live.query;

/** How many rows a query asks for. */
public enum Cardinality {
  /** Every matching row, up to the limit. */
  MANY,
  /** The first matching row in the query's order, if any. */
  FIRST,
  /** The row with a given id, if it exists and matches. */
  ONE
}
