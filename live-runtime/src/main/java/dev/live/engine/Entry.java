package dev.live.engine;

/**
 * One row a node keeps, at any depth of its result: a row of the query itself, a to-one target
 * or a to-many related row, with one slot per include of its level ({@link Site}): a to-one
 * slot holds the target's entry (null when there is none, or the include's where hides it), a
 * to-many slot a {@link Window} of related rows. A to-one target's entry is shared by every row
 * pointing to it.
 *
 * <p>The row as the query shape builds it ({@link #built}) is kept until something under it
 * changes ({@link #dirty}), so that an unchanged row keeps its instance and its JSON.
 */
final class Entry {
  final Object id;
  Object record;
  final Object[] slots;
  /** The row whose to-many include holds this one; null for the query's rows and to-one targets. */
  Entry parent;
  Object built;
  boolean dirty = true;
  /** For the query's own rows: the row as last published (its JSON), rebuilt when dirty. */
  ResultRow result;

  Entry(Object id, Object record, int slots) {
    this.id = id;
    this.record = record;
    this.slots = new Object[slots];
  }

  @Override
  public String toString() {
    return String.valueOf(id);
  }
}
