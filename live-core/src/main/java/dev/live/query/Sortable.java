package dev.live.query;

/** A field results can be ordered by: numbers, strings, booleans, dates and instants. */
public interface Sortable<T> {
  /** Ascending order; null values come last. */
  Order<T> asc();

  /** Descending order; null values come first. */
  Order<T> desc();
}
