package dev.live.examples.board;

/** Where a task stands. */
public enum Status {
  TODO,
  DOING,
  DONE
}
