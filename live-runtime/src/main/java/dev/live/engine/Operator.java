package dev.live.engine;

/**
 * What the engine keeps current from the change log: a {@link QueryNode} (a subscribed query's
 * result) or a {@link RelationSet} (related rows a relational condition needs). The {@link
 * CandidateIndex} routes each change to the operators it can matter to.
 */
abstract sealed class Operator permits QueryNode, RelationSet {
  /**
   * Whether the operator is waiting for a read of storage: it takes no changes meanwhile, and
   * catches up with the ones it missed when the read is installed.
   */
  boolean pending;

  /** The query whose key and collection the index routes by. */
  abstract NodeQuery<?> query();

  /** Whether the operator holds the row with {@code id} of its collection now. */
  abstract boolean holds(Object id);

  /** The relation conditions of its own rows and includes, with their sets. */
  abstract RelationUses uses();
}
