package dev.live.benchmarks.board;

import dev.live.auth.ReadRestriction;
import dev.live.auth.Rules;
import dev.live.engine.EngineStats;
import dev.live.engine.EngineSubscription;
import dev.live.engine.LiveEngine;
import dev.live.error.LiveException;
import dev.live.examples.board.AppSchema;
import dev.live.examples.board.BoardRules;
import dev.live.examples.board.TaskQuery;
import dev.live.examples.board.Task_;
import dev.live.examples.board.TeamScope;
import dev.live.benchmarks.suite.Paced;
import dev.live.query.QuerySpec;
import dev.live.storage.Database;
import dev.live.storage.Store;
import dev.live.storage.StoreOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.HdrHistogram.Histogram;

/**
 * One side of the board benchmark: an in-memory H2 database with the board data, a store that
 * counts its statements, an engine, every user's subscription to their team's board page, and
 * the phases run against them. Relational: the page with the assignee included, restricted by the
 * user's read rules ({@link BoardRules}), so users of one team share one node per board. Equality
 * only: the page as a plain {@code boardId = b} query, without the include and without rules.
 */
final class BoardSide implements AutoCloseable {
  private static final Rules RULES = BoardRules.rules();

  final String label;
  final boolean relational;
  final BoardModel model;
  private final Database database;
  private final Store store;
  final LiveEngine engine;
  private final StatementCounter statements;
  private final BoardLoad load;
  private final AtomicReference<LiveException> failure = new AtomicReference<>();
  private final List<EngineSubscription> subscriptions = new ArrayList<>();

  private BoardSide(String label, boolean relational, BoardModel model, boolean verbose) {
    this.label = label;
    this.relational = relational;
    this.model = model;
    this.statements = new StatementCounter(BoardLoad.WRITER_PREFIX, verbose);
    this.database = Database.h2Memory("board-" + (relational ? "relational" : "equality") + "-" + System.nanoTime());
    Store opened = null;
    try {
      opened = Store.open(database, AppSchema.INSTANCE, StoreOptions.builder().statementObserver(statements).build());
      BoardData.write(opened, model);
      this.store = opened;
      this.engine = LiveEngine.start(opened);
    } catch (RuntimeException e) {
      if (opened != null) {
        opened.close();
      }
      database.close();
      throw e;
    }
    this.load = new BoardLoad(store, model);
  }

  static BoardSide open(String label, boolean relational, BoardModel model, boolean verbose) {
    return new BoardSide(label, relational, model, verbose);
  }

  /** Subscribes every user to a board of their team (user k to board k mod boards); how long it took. */
  Duration subscribeAll() {
    long start = System.nanoTime();
    for (BoardModel.TeamState team : model.teams) {
      for (int k = 0; k < team.users.size(); k++) {
        BoardModel.UserState user = team.users.get(k);
        BoardModel.BoardState board = team.boards.get(k % team.boards.size());
        boolean probe = board.probe == null;
        PageListener listener = new PageListener(probe, failure);
        subscriptions.add(engine.subscribe(page(board.id, user), listener));
        if (probe) {
          board.probe = listener;
        }
      }
    }
    return Duration.ofNanos(System.nanoTime() - start);
  }

  int subscriptionCount() {
    return subscriptions.size();
  }

  /** The page {@code user} follows: the board's tasks by position, as this side asks for them. */
  private QuerySpec<?> page(String boardId, BoardModel.UserState user) {
    if (!relational) {
      return TaskQuery.where(Task_.boardId.eq(boardId)).orderBy(Task_.position.asc()).spec();
    }
    return new ReadRestriction(RULES, TeamScope.member(user.id, user.home.id, user.role)).apply(
        TaskQuery.where(Task_.boardId.eq(boardId)).orderBy(Task_.position.asc()).include(Task_.assignee).spec());
  }

  /**
   * One phase: {@code taskRate} task writes and {@code relatedRate} related writes per second for
   * {@code seconds}, then up to 30 s for the last deltas; then everything away is brought home
   * (untimed) and the engine left with nothing to read.
   */
  Phase run(String name, long seed, int seconds, int taskRate, int relatedRate) throws InterruptedException {
    Thread.sleep(1_000); // a breath between phases, for the collector and the compiler
    load.startPhase(seed);
    for (BoardModel.BoardState board : model.boards) {
      board.probe.forget();
    }
    StatementCounter.Counts before = statements.counts();
    long readsBefore = engine.stats().reads();
    Duration duration = Duration.ofSeconds(seconds);
    Paced tasks = Paced.start(BoardLoad.WRITER_PREFIX + "-tasks", 4, taskRate, duration, load::taskWrite);
    Paced related = relatedRate > 0
        ? Paced.start(BoardLoad.WRITER_PREFIX + "-related", 2, relatedRate, duration, load::relatedWrite) : null;
    try {
      tasks.await();
      if (related != null) {
        related.await();
      }
    } finally {
      tasks.cancel();
      if (related != null) {
        related.cancel();
      }
    }
    List<BoardLoad.Write> writes = load.taskWrites();
    List<BoardLoad.Write> moves = load.boardMoves();
    List<BoardLoad.Write> all = new ArrayList<>(writes);
    all.addAll(moves);
    int missing = Latencies.awaitDeltas(all, 30);
    StatementCounter.Counts counts = statements.counts().minus(before);
    long reads = engine.stats().reads() - readsBefore;
    Phase phase = new Phase(label + " " + name, Latencies.of(writes), Latencies.of(moves), writes.size(),
        load.relatedWrites(), load.skipped(), missing, counts, reads);
    load.bringHome();
    awaitSettled();
    if (failure.get() != null) {
      throw new IllegalStateException(label + ": a subscription failed", failure.get());
    }
    System.out.println(phase);
    return phase;
  }

  /** Waits (up to 30 s) until the engine has no node waiting for a read. */
  private void awaitSettled() throws InterruptedException {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (engine.stats().pendingNodes() > 0 && System.nanoTime() < end) {
      Thread.sleep(20);
    }
  }

  EngineStats stats() {
    return engine.stats();
  }

  Iterable<String> statementsSeen() {
    return statements.seen();
  }

  @Override
  public void close() {
    subscriptions.forEach(EngineSubscription::close);
    try {
      engine.close();
    } finally {
      store.close();
      database.close();
    }
  }

  /** What one phase measured. */
  record Phase(String name, Histogram latency, Histogram moves, int taskWrites, int relatedWrites, int skipped,
      int missing, StatementCounter.Counts statements, long engineReads) {
    int writes() {
      return taskWrites + relatedWrites;
    }

    double p50() {
      return latency.getValueAtPercentile(50) / 1000.0;
    }

    double p99() {
      return latency.getValueAtPercentile(99) / 1000.0;
    }

    double max() {
      return latency.getMaxValue() / 1000.0;
    }

    @Override
    public String toString() {
      return String.format(Locale.ROOT, "%s: %d task writes (%d skipped, board away), %d related; p50 %.1f ms, "
          + "p99 %.1f ms, max %.1f ms; %d missing; data SELECTs %d (%.3f/write), change-log reads %d (%.2f/write), "
          + "writers' statements %d, other %d; engine reads %d%s", name, taskWrites, skipped, relatedWrites, p50(),
          p99(), max(), missing, statements.dataReads(), (double) statements.dataReads() / Math.max(1, writes()),
          statements.logReads(), (double) statements.logReads() / Math.max(1, writes()), statements.writers(),
          statements.other(), engineReads, moves.getTotalCount() == 0 ? "" : String.format(Locale.ROOT,
              "; board moves %d, p50 %.1f ms, p99 %.1f ms", moves.getTotalCount(),
              moves.getValueAtPercentile(50) / 1000.0, moves.getValueAtPercentile(99) / 1000.0));
    }
  }
}
