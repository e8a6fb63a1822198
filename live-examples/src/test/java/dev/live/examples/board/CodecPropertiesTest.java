package dev.live.examples.board;

import static org.assertj.core.api.Assertions.assertThat;

import dev.live.json.LiveJson;
import dev.live.json.ValueRanges;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Codecs round-trip any value the schema accepts: unicode, extreme numbers, the ends of each
 * type's range ({@link ValueRanges}), nulls wherever the schema allows them.
 */
class CodecPropertiesTest {
  @Property(tries = 300)
  void anyTaskRoundTrips(@ForAll("tasks") Task task) {
    assertThat(LiveJson.decode(TaskJson.CODEC, LiveJson.encode(TaskJson.CODEC, task))).isEqualTo(task);
  }

  @Property(tries = 300)
  void anyBoardRoundTrips(@ForAll("boards") Board board) {
    assertThat(LiveJson.decode(BoardJson.CODEC, LiveJson.encodeBytes(BoardJson.CODEC, board))).isEqualTo(board);
  }

  @Property(tries = 200)
  void anyCommentRoundTrips(@ForAll("comments") Comment comment) {
    assertThat(LiveJson.decode(CommentJson.CODEC, LiveJson.encode(CommentJson.CODEC, comment))).isEqualTo(comment);
  }

  @Property(tries = 200)
  void anyInsertRoundTripsAndMatchesTheRecordForm(@ForAll("tasks") Task task) {
    TaskInsert insert = new TaskInsert(task.id(), task.boardId(), task.title(), task.status(), task.assigneeId(),
        task.due(), task.position(), task.estimate(), task.revision(), task.labels(), task.checklist());
    String json = LiveJson.encode(TaskJson.INSERT, insert);
    assertThat(LiveJson.decode(TaskJson.INSERT, json)).isEqualTo(insert);
    assertThat(json).isEqualTo(LiveJson.encode(TaskJson.CODEC, task));
  }

  @Property(tries = 200)
  void anyUpdateRoundTripsWithExactlyItsSetFields(@ForAll("tasks") Task values, @ForAll("masks") int mask) {
    TaskUpdate update = TaskUpdate.of();
    if ((mask & 1) != 0) {
      update = update.title(values.title());
    }
    if ((mask & 2) != 0) {
      update = update.assigneeId(values.assigneeId());
    }
    if ((mask & 4) != 0) {
      update = update.due(values.due());
    }
    if ((mask & 8) != 0) {
      update = update.estimate(values.estimate());
    }
    if ((mask & 16) != 0) {
      update = update.checklist(values.checklist());
    }
    if ((mask & 32) != 0) {
      update = update.labels(values.labels());
    }
    TaskUpdate back = LiveJson.decode(TaskJson.UPDATE, LiveJson.encode(TaskJson.UPDATE, update));
    assertThat(back).isEqualTo(update);
    assertThat(back.changedFields()).isEqualTo(update.changedFields());
  }

  @Provide
  Arbitrary<Integer> masks() {
    return Arbitraries.integers().between(0, 63);
  }

  @Provide
  Arbitrary<Task> tasks() {
    Arbitrary<String> ids = text().filter(s -> !s.isEmpty());
    Arbitrary<Checklist> checklists = Combinators.combine(text(), Arbitraries.of(true, false))
        .as(Checklist.Item::new).list().ofMaxSize(4).map(Checklist::new);
    Arbitrary<Head> heads = Combinators.combine(ids, ids, text(), Arbitraries.of(Status.class),
        text().injectNull(0.3), instants().injectNull(0.3)).as(Head::new);
    Arbitrary<Tail> tails = Combinators.combine(Arbitraries.integers(), doubles(), Arbitraries.longs(),
        text().list().ofMaxSize(5), checklists.injectNull(0.3)).as(Tail::new);
    return Combinators.combine(heads, tails).as((h, t) -> new Task(h.id(), h.boardId(), h.title(), h.status(),
        h.assigneeId(), h.due(), t.position(), t.estimate(), t.revision(), t.labels(), t.checklist()));
  }

  private record Head(String id, String boardId, String title, Status status, String assigneeId, Instant due) {}

  private record Tail(int position, double estimate, long revision, List<String> labels, Checklist checklist) {}

  @Provide
  Arbitrary<Board> boards() {
    Arbitrary<LocalDate> dates = Arbitraries.longs().between(ValueRanges.MIN_DATE.toEpochDay(), ValueRanges.MAX_DATE.toEpochDay())
        .map(LocalDate::ofEpochDay);
    Arbitrary<BigDecimal> decimals = Combinators.combine(Arbitraries.bigIntegers()
            .between(BigInteger.TEN.pow(40).negate(), BigInteger.TEN.pow(40)), Arbitraries.integers().between(-50, 50))
        .as(BigDecimal::new);
    return Combinators.combine(text(), text(), text(), dates.injectNull(0.3), decimals.injectNull(0.3), instants())
        .as(Board::new);
  }

  @Provide
  Arbitrary<Comment> comments() {
    Arbitrary<UUID> uuids = Combinators.combine(Arbitraries.longs(), Arbitraries.longs()).as(UUID::new);
    return Combinators.combine(uuids, text(), text(), text(), instants()).as(Comment::new);
  }

  /**
   * Any unicode, including quotes, escapes, control characters and surrogate pairs; never U+0000
   * or an unpaired surrogate, which no database stores and decoders refuse.
   */
  private static Arbitrary<String> text() {
    return Arbitraries.oneOf(
        Arbitraries.strings().all().ofMaxLength(20).filter(s -> ValueRanges.textProblem(s) == null),
        Arbitraries.strings().withChars("\"\\/\b\f\n\r\t\u0001\u2028-- /*'").ofMaxLength(10),
        Arbitraries.of("😀", "日本語", "e\u0301", "\uD83D\uDE00\uD83D\uDE00"));
  }

  private static Arbitrary<Instant> instants() {
    return Combinators.combine(
            Arbitraries.longs().between(ValueRanges.MIN_INSTANT.getEpochSecond(), ValueRanges.MAX_INSTANT.getEpochSecond()),
            Arbitraries.integers().between(0, 999_999_999))
        .as(Instant::ofEpochSecond);
  }

  private static Arbitrary<Double> doubles() {
    return Arbitraries.oneOf(Arbitraries.doubles(),
        Arbitraries.of(Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, -0.0, Double.MIN_VALUE,
            Double.MAX_VALUE, -Double.MAX_VALUE, 1e-300, 9007199254740993.0));
  }
}
