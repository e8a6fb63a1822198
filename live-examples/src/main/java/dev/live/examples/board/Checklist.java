package dev.live.examples.board;

import java.util.List;

/** The steps of a task, stored with it as JSON. */
public record Checklist(List<Item> items) {
  /** One step. */
  public record Item(String text, boolean done) {}
}
