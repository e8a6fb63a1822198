package dev.live.benchmarks.board;

import dev.live.examples.board.BoardUpdate;
import dev.live.examples.board.Role;
import dev.live.examples.board.Status;
import dev.live.examples.board.TaskInsert;
import dev.live.examples.board.TaskUpdate;
import dev.live.examples.board.UserUpdate;
import dev.live.storage.Change;
import dev.live.storage.Store;
import dev.live.storage.Transaction;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * The writes of the board benchmark, through the store as server code writes. Each call makes
 * its choices from a random generator seeded by the phase and the call's number, so the two
 * sides of a pair make the same choices.
 *
 * <ul>
 *   <li>Task writes: a random team, one of its boards, then 1 in 10 an insert of a new task (with
 *       an assignee among the team's users), otherwise an update of one of the board's tasks: its
 *       title, status, position or assignee. Every update also sets {@code revision} to a number
 *       never used before, so that it always changes the row and so the node's result. Each is
 *       recorded with its version (from the transaction's after-commit listener) and the time
 *       just before the write call, for {@link Latencies}.
 *   <li>Related writes, in turn: a board renamed, a user renamed, a user's role changed, a board
 *       moved to another team (or, once one has been away for a second, moved back), a user moved
 *       to another team (or back). A board's moves are timed like task writes: it leaves its team's
 *       page (every task removed) and comes back (every task read again).
 * </ul>
 */
final class BoardLoad {
  /** The writers' thread names start with this; {@link StatementCounter} tells their statements apart by it. */
  static final String WRITER_PREFIX = "board-writer";
  private static final long AWAY_NANOS = TimeUnit.SECONDS.toNanos(1);

  /** A write to time: the probe of the node it changes, its version, and when the write call began. */
  record Write(PageListener probe, long version, long startNanos) {}

  private final Store store;
  private final BoardModel model;
  private final AtomicLong sequence = new AtomicLong(1_000);
  private final Queue<Write> taskWrites = new ConcurrentLinkedQueue<>();
  private final Queue<Write> boardMoves = new ConcurrentLinkedQueue<>();
  private final AtomicInteger relatedWrites = new AtomicInteger();
  private final AtomicInteger skipped = new AtomicInteger();
  /** Boards and users away on another team, oldest first; guarded by this. */
  private final ArrayDeque<BoardModel.BoardState> awayBoards = new ArrayDeque<>();
  private final ArrayDeque<BoardModel.UserState> awayUsers = new ArrayDeque<>();
  private volatile long seed;

  BoardLoad(Store store, BoardModel model) {
    this.store = store;
    this.model = model;
  }

  /** Forgets the writes recorded so far; the next calls choose from {@code seed}. */
  void startPhase(long seed) {
    this.seed = seed;
    taskWrites.clear();
    boardMoves.clear();
    relatedWrites.set(0);
    skipped.set(0);
  }

  List<Write> taskWrites() {
    return new ArrayList<>(taskWrites);
  }

  List<Write> boardMoves() {
    return new ArrayList<>(boardMoves);
  }

  int relatedWrites() {
    return relatedWrites.get();
  }

  /** Task writes not made because their board was away (it has no subscriber then). */
  int skipped() {
    return skipped.get();
  }

  /** The {@code n}-th task write of the phase. */
  void taskWrite(int n) {
    SplittableRandom random = random(n, 1);
    BoardModel.TeamState team = model.teams.get(random.nextInt(model.teams.size()));
    BoardModel.BoardState board = team.boards.get(random.nextInt(team.boards.size()));
    int kind = random.nextInt(10);
    synchronized (board) {
      if (board.away) {
        skipped.incrementAndGet();
        return;
      }
      long seq = sequence.incrementAndGet();
      long start;
      long version;
      if (kind == 0 || board.tasks.isEmpty()) {
        String id = "n" + seq;
        String assignee = assignee(team, random);
        int position = board.nextPosition++;
        TaskInsert insert = TaskInsert.of(BoardData.task(id, board.id, "Task " + id, Status.TODO, assignee, position));
        start = System.nanoTime();
        version = write(tx -> tx.insert(insert));
        board.tasks.add(id);
      } else {
        String id = board.tasks.get(random.nextInt(board.tasks.size()));
        TaskUpdate update = TaskUpdate.of().revision(seq);
        update = switch (kind) {
          case 1, 2, 3 -> update.title("Task " + id + " rev " + seq);
          case 4, 5 -> update.status(Status.values()[random.nextInt(Status.values().length)]);
          case 6, 7 -> update.position(random.nextInt(board.nextPosition + 1));
          default -> update.assigneeId(assignee(team, random));
        };
        TaskUpdate change = update;
        start = System.nanoTime();
        version = write(tx -> tx.update(id, change));
      }
      taskWrites.add(new Write(board.probe, version, start));
    }
  }

  /** The {@code n}-th related write of the phase. */
  void relatedWrite(int n) {
    SplittableRandom random = random(n, 2);
    long seq = sequence.incrementAndGet();
    switch (n % 5) {
      case 0 -> {
        BoardModel.BoardState board = model.boards.get(random.nextInt(model.boards.size()));
        write(tx -> tx.update(board.id, BoardUpdate.of().title("Board " + board.id + " rev " + seq)));
      }
      case 1 -> {
        BoardModel.UserState user = model.users.get(random.nextInt(model.users.size()));
        write(tx -> tx.update(user.id, UserUpdate.of().name("User " + user.id + " rev " + seq)));
      }
      case 2 -> {
        BoardModel.UserState user = model.users.get(random.nextInt(model.users.size()));
        synchronized (user) {
          Role role = user.role == Role.ADMIN ? Role.MEMBER : Role.ADMIN;
          write(tx -> tx.update(user.id, UserUpdate.of().role(role)));
          user.role = role;
        }
      }
      case 3 -> moveBoard(random);
      default -> moveUser(random);
    }
    relatedWrites.incrementAndGet();
  }

  /** Moves every board and user that is away back to its team (between phases; not timed). */
  void bringHome() {
    for (BoardModel.BoardState board = nextAway(awayBoards, true); board != null; board = nextAway(awayBoards, true)) {
      boardHome(board, false);
    }
    for (BoardModel.UserState user = nextAway(awayUsers, true); user != null; user = nextAway(awayUsers, true)) {
      userHome(user);
    }
  }

  private void moveBoard(SplittableRandom random) {
    BoardModel.BoardState back = nextAway(awayBoards, false);
    if (back != null) {
      boardHome(back, true);
      return;
    }
    BoardModel.BoardState board = model.boards.get(random.nextInt(model.boards.size()));
    BoardModel.TeamState other = otherTeam(board.home, random);
    synchronized (board) {
      if (board.away) {
        return;
      }
      long start = System.nanoTime();
      long version = write(tx -> tx.update(board.id, BoardUpdate.of().teamId(other.id)));
      board.away = true;
      board.awaySince = System.nanoTime();
      if (!board.tasks.isEmpty()) {
        boardMoves.add(new Write(board.probe, version, start)); // its page loses every task
      }
    }
    synchronized (this) {
      awayBoards.add(board);
    }
  }

  private void boardHome(BoardModel.BoardState board, boolean timed) {
    synchronized (board) {
      long start = System.nanoTime();
      long version = write(tx -> tx.update(board.id, BoardUpdate.of().teamId(board.home.id)));
      board.away = false;
      if (timed && !board.tasks.isEmpty()) {
        boardMoves.add(new Write(board.probe, version, start)); // its page gets every task back
      }
    }
  }

  private void moveUser(SplittableRandom random) {
    BoardModel.UserState back = nextAway(awayUsers, false);
    if (back != null) {
      userHome(back);
      return;
    }
    BoardModel.UserState user = model.users.get(random.nextInt(model.users.size()));
    BoardModel.TeamState other = otherTeam(user.home, random);
    synchronized (user) {
      if (user.away) {
        return;
      }
      write(tx -> tx.update(user.id, UserUpdate.of().teamId(other.id)));
      user.away = true;
      user.awaySince = System.nanoTime();
    }
    synchronized (this) {
      awayUsers.add(user);
    }
  }

  private void userHome(BoardModel.UserState user) {
    synchronized (user) {
      write(tx -> tx.update(user.id, UserUpdate.of().teamId(user.home.id)));
      user.away = false;
    }
  }

  /** The oldest of {@code away} once it has been away a second (or at once, {@code any}); null if none. */
  private synchronized <S> S nextAway(ArrayDeque<S> away, boolean any) {
    S first = away.peekFirst();
    if (first == null) {
      return null;
    }
    long since = first instanceof BoardModel.BoardState board ? awaySince(board) : awaySince((BoardModel.UserState) first);
    if (!any && System.nanoTime() - since < AWAY_NANOS) {
      return null;
    }
    return away.pollFirst();
  }

  private static long awaySince(BoardModel.BoardState board) {
    synchronized (board) {
      return board.awaySince;
    }
  }

  private static long awaySince(BoardModel.UserState user) {
    synchronized (user) {
      return user.awaySince;
    }
  }

  private BoardModel.TeamState otherTeam(BoardModel.TeamState home, SplittableRandom random) {
    BoardModel.TeamState other = model.teams.get(random.nextInt(model.teams.size()));
    return other != home ? other : model.teams.get((model.teams.indexOf(home) + 1) % model.teams.size());
  }

  /** A user of {@code team} at home, or (1 in 10) none. */
  private static String assignee(BoardModel.TeamState team, SplittableRandom random) {
    if (random.nextInt(10) == 0) {
      return null;
    }
    BoardModel.UserState user = team.users.get(random.nextInt(team.users.size()));
    synchronized (user) {
      return user.away ? null : user.id;
    }
  }

  /** Runs {@code work} in a transaction; the version of its last change. */
  private long write(Function<Transaction, Object> work) {
    long[] version = {-1};
    store.withTransaction(tx -> {
      tx.afterCommit(changes -> {
        if (!changes.isEmpty()) {
          Change last = changes.get(changes.size() - 1);
          version[0] = last.version();
        }
      });
      return work.apply(tx);
    });
    if (version[0] < 0) {
      throw new IllegalStateException("a benchmark write changed nothing; every write must change its row");
    }
    return version[0];
  }

  private SplittableRandom random(int n, int stream) {
    return new SplittableRandom(seed * 1_000_003L + stream * 7_919L + n * 0x9E3779B97F4A7C15L);
  }
}
