package dev.live.engine;

/**
 * One row of a node's result: its id, its record (what the order and the where look at), the
 * row as the query's shape builds it (the record, or a {@code LiveRow} with includes), and both
 * encoded once for every subscriber. Compared by identity: a row that did not change keeps its
 * instance, which is how a diff skips it cheaply.
 */
record ResultRow(Object id, Object record, Object row, String idJson, String json) {
  @Override
  public boolean equals(Object other) {
    return this == other;
  }

  @Override
  public int hashCode() {
    return System.identityHashCode(this);
  }
}
