package dev.live.examples.board;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** Values of the example schema used across tests. */
final class Samples {
  static final Instant CREATED = Instant.parse("2026-11-22T09:30:00Z");
  static final Instant DUE = Instant.parse("2026-12-01T17:00:00.123456789Z");

  private Samples() {}

  static Task task() {
    return new Task("t1", "b1", "Ship it \"now\" -- ü 日本 😀", Status.DOING, "u1", DUE, 3, 2.5, 7L,
        List.of("urgent", "backend"),
        new Checklist(List.of(new Checklist.Item("write tests", true), new Checklist.Item("deploy", false))));
  }

  static Task bareTask() {
    return new Task("t2", "b1", "Bare", Status.TODO, null, null, 0, 0.0, 0L, List.of(), null);
  }

  static Board board() {
    return new Board("b1", "Launch", "team1", LocalDate.parse("2026-12-24"), new BigDecimal("1234.50"), CREATED);
  }

  static Comment comment() {
    return new Comment(UUID.fromString("123e4567-e89b-12d3-a456-426614174000"), "t1", "u1", "Looks good", CREATED);
  }
}
