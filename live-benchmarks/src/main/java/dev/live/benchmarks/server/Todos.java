package dev.live.benchmarks.server;

import dev.live.benchmarks.codec.Status;
import dev.live.benchmarks.codec.TodoInsert;
import dev.live.benchmarks.codec.TodoUpdate;
import java.time.Instant;
import java.util.List;

/**
 * Rows the server and storage benchmarks write: {@code createdAt} is when the write was sent, for
 * latency.
 */
public final class Todos {
  private Todos() {}

  /** The change a benchmark mutation makes to a row it keeps updating: {@code createdAt} now. */
  static TodoUpdate touch(long revision) {
    return TodoUpdate.of().createdAt(Instant.now()).revision(revision);
  }

  /** A todo in list {@code title}; its {@code createdAt} is now. */
  public static TodoInsert insert(String id, String title) {
    return TodoInsert.builder().id(id).title(title).done(false).priority(1).createdAt(Instant.now())
        .estimate(1.5).revision(1L).status(Status.DOING).tags(List.of("bench")).build();
  }
}
