package dev.live.query;

/**
 * Answers a condition on related rows for one row, from what the engine keeps of those rows
 * (the engine's relation sets), so that relational conditions are evaluated in memory.
 */
public interface RelationLookup {
  /** For local conditions only: a relation condition reached here is a mistake of the caller's. */
  RelationLookup NONE = new RelationLookup() {
    @Override
    public <T> boolean matches(RelationMatch<T, ?> match, T row) {
      throw new IllegalArgumentException("the condition on relation " + match.relation().name()
          + " needs the related rows, so it cannot be evaluated on one row in memory");
    }
  };

  /** Whether {@code row} matches {@code match}. */
  <T> boolean matches(RelationMatch<T, ?> match, T row);
}
