package dev.live.examples.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.live.examples.board.Board;
import dev.live.examples.board.BoardInsert;
import dev.live.examples.board.Board_;
import dev.live.examples.board.Comment;
import dev.live.examples.board.CommentInsert;
import dev.live.examples.board.Comment_;
import dev.live.examples.board.Task;
import dev.live.examples.board.TaskInsert;
import dev.live.examples.board.Task_;
import dev.live.examples.storage.Backend;
import dev.live.query.RowOrder;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Each rule of ordering, pinned by an example that storage and {@link RowOrder} must both sort
 * as written here, on H2 and on PostgreSQL.
 */
class RowOrderTest extends EngineTestBase {
  private static final Instant T = Instant.parse("2026-11-22T09:00:00Z");

  private List<Task> tasks(Task... tasks) {
    return store.insertAll(Stream.of(tasks).map(TaskInsert::of).toList());
  }

  @Test
  void nullsGoWhereTheKeyPutsThemInEitherDirection() {
    List<Task> rows = tasks(positioned("p1", 1, T), positioned("p2", 1, null), positioned("p3", 2, T.plusSeconds(1)),
        positioned("p4", 0, null));
    assertOrders(Task_.COLLECTION, rows, List.of(Task_.due.asc()), "p1", "p3", "p2", "p4");
    assertOrders(Task_.COLLECTION, rows, List.of(Task_.due.asc().nullsFirst()), "p2", "p4", "p1", "p3");
    assertOrders(Task_.COLLECTION, rows, List.of(Task_.due.desc()), "p2", "p4", "p3", "p1");
    assertOrders(Task_.COLLECTION, rows, List.of(Task_.due.desc().nullsLast()), "p3", "p1", "p2", "p4");
  }

  @Test
  void laterKeysThenTheIdAscendingBreakTies() {
    List<Task> rows = tasks(positioned("p1", 1, T), positioned("p2", 1, null), positioned("p3", 2, T.plusSeconds(1)),
        positioned("p4", 0, null), positioned("p0", 1, T));
    assertOrders(Task_.COLLECTION, rows, List.of(Task_.position.desc(), Task_.due.asc()), "p3", "p0", "p1", "p2", "p4");
    assertOrders(Task_.COLLECTION, rows, List.of(Task_.position.asc()), "p4", "p0", "p1", "p2", "p3");
  }

  @Test
  void anIdKeyTakesThePlaceOfTheFinalIdKey() {
    List<Task> rows = tasks(positioned("p1", 1, T), positioned("p2", 1, null), positioned("p3", 2, null));
    assertOrders(Task_.COLLECTION, rows, List.of(Task_.id.desc()), "p3", "p2", "p1");
    assertOrders(Task_.COLLECTION, rows, List.of(Task_.position.asc(), Task_.id.desc()), "p2", "p1", "p3");
  }

  @Test
  void uuidIdsOrderAsUnsignedBytesNotAsUuidCompareTo() {
    tasks(task("t1"));
    UUID[] ids = {new UUID(-1, 0), new UUID(0, -1), new UUID(1, 0), new UUID(Long.MIN_VALUE, 0),
        new UUID(Long.MAX_VALUE, Long.MIN_VALUE), new UUID(0, 1)};
    List<Comment> rows = store.insertAll(Stream.of(ids)
        .map(id -> CommentInsert.of(new Comment(id, "t1", "u1", "same", T))).toList());
    Object[] unsigned = {new UUID(0, 1), new UUID(0, -1), new UUID(1, 0), new UUID(Long.MAX_VALUE, Long.MIN_VALUE),
        new UUID(Long.MIN_VALUE, 0), new UUID(-1, 0)};
    assertOrders(Comment_.COLLECTION, rows, List.of(), unsigned);
    assertOrders(Comment_.COLLECTION, rows, List.of(Comment_.createdAt.desc(), Comment_.body.asc()), unsigned);
    assertThat(Stream.of(ids).sorted().toArray()).as("UUID.compareTo orders otherwise").isNotEqualTo(unsigned);
  }

  @Test
  void stringsOrderByCodePointOnPostgresAndByUtf16UnitOnH2() {
    List<Task> rows = tasks(titled("s1", "\uFB01"), titled("s2", "😀"), titled("s3", "z"), titled("s4", "\uFFFF"),
        titled("s5", "\uD800\uDC00"), titled("s6", "z\uE000"), titled("s7", "z😀"));
    Object[] expected = backend == Backend.H2
        ? new Object[] {"s3", "s7", "s6", "s5", "s2", "s1", "s4"}
        : new Object[] {"s3", "s6", "s7", "s1", "s4", "s5", "s2"};
    assertOrders(Task_.COLLECTION, rows, List.of(Task_.title.asc()), expected);
  }

  @Test
  void doublesOrderNegativeZeroAsZeroAndNanAboveInfinity() {
    // -0.0 has the larger id: were it below 0.0, as Double.compare has it, z1 would come first.
    List<Task> rows = tasks(estimated("n", Double.NaN), estimated("i", Double.POSITIVE_INFINITY),
        estimated("m", Double.NEGATIVE_INFINITY), estimated("o", 1.0), estimated("z0", 0.0), estimated("z1", -0.0));
    assertOrders(Task_.COLLECTION, rows, List.of(Task_.estimate.asc()), "m", "z0", "z1", "o", "i", "n");
    assertOrders(Task_.COLLECTION, rows, List.of(Task_.estimate.desc()), "n", "i", "o", "z0", "z1", "m");
  }

  @Test
  void decimalsOrderByValueAndEqualValuesTie() {
    // Parents' boards: b1 with 1.5, b😀 without a budget, b\uFFFF with 10.
    List<Board> rows = new ArrayList<>(boards);
    rows.addAll(store.insertAll(Stream.of(new String[][] {{"d1", "1.0"}, {"d2", "1E+1"}, {"d3", "0.10"}, {"d4", "-0"}})
        .map(b -> BoardInsert.of(new Board(b[0], "title", "team1", null, new BigDecimal(b[1]), T))).toList()));
    assertOrders(Board_.COLLECTION, rows, List.of(Board_.budget.asc()), "d4", "d3", "d1", "b1", "b\uFFFF", "d2", "b😀");
  }
}
