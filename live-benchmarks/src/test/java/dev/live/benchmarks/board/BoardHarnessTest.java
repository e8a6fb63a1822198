package dev.live.benchmarks.board;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The board benchmark's harness on a few teams, for a second: every write is matched to a delta
 * of its node, users of a team share nodes, and the statements are sorted by who runs them.
 * Nothing is measured here.
 */
class BoardHarnessTest {
  @Test
  void everyWriteReachesTheProbeOfItsNode() throws Exception {
    BoardModel model = BoardModel.generate(1, 3, 4);
    try (BoardSide side = BoardSide.open("relational", true, model, false)) {
      side.subscribeAll();
      assertThat(side.stats().subscriptions()).isEqualTo(12);
      assertThat(side.stats().nodes()).isEqualTo(model.boards.size());

      BoardSide.Phase phase = side.run("test", 1, 1, 50, 10);

      assertThat(phase.taskWrites() + phase.skipped()).isEqualTo(50);
      assertThat(phase.relatedWrites()).isEqualTo(10);
      assertThat(phase.missing()).isZero();
      assertThat(phase.latency().getTotalCount()).isEqualTo(phase.taskWrites());
      assertThat(phase.statements().writers()).isGreaterThanOrEqualTo(phase.writes());
      assertThat(phase.statements().logReads()).isPositive();
    }
  }

  @Test
  void equalityOnlyPagesNeedNoReads() throws Exception {
    try (BoardSide side = BoardSide.open("equality-only", false, BoardModel.generate(1, 3, 4), false)) {
      side.subscribeAll();

      BoardSide.Phase phase = side.run("test", 1, 1, 50, 0);

      assertThat(phase.missing()).isZero();
      assertThat(phase.latency().getTotalCount()).isEqualTo(50);
      assertThat(phase.statements().dataReads()).isZero();
    }
  }
}
