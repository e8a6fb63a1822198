package dev.live.benchmarks.codec;

/** Where a {@link Todo} stands. */
public enum Status {
  TODO,
  DOING,
  DONE
}
