package dev.live.examples.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.live.dto.InsertDto;
import dev.live.examples.board.AppSchema;
import dev.live.examples.board.Board;
import dev.live.examples.board.BoardInsert;
import dev.live.examples.board.Board_;
import dev.live.examples.board.Checklist;
import dev.live.examples.board.Comment;
import dev.live.examples.board.CommentInsert;
import dev.live.examples.board.Comment_;
import dev.live.examples.board.Status;
import dev.live.examples.board.Task;
import dev.live.examples.board.TaskInsert;
import dev.live.examples.board.Task_;
import dev.live.examples.storage.Backend;
import dev.live.examples.storage.TestDatabase;
import dev.live.query.Condition;
import dev.live.query.ConditionMatcher;
import dev.live.query.QuerySpec;
import dev.live.query.RowOrder;
import dev.live.query.RowShape;
import dev.live.query.Sortable;
import dev.live.query.ValueOrder;
import dev.live.schema.CollectionSchema;
import dev.live.storage.Store;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterProperty;
import net.jqwik.api.lifecycle.BeforeProperty;

/**
 * The in-memory answer is the database's: for random rows with tricky values and random local
 * queries, filtering with {@link ConditionMatcher} and sorting with {@link RowOrder} gives
 * exactly the rows, in exactly the order, that storage selects. Each property has a database of
 * its own; each try inserts its rows, runs its queries, and deletes the rows again.
 *
 * <p>The value pools hold the edge cases already. jqwik's own are off: it embeds them in random
 * generation, which skews {@code oneOf} towards the choices with the most edge cases (strings),
 * and left doubles and instants rarely tried.
 */
abstract class AgreementProperties {
  private final Backend backend;
  private final ValueOrder order;
  private TestDatabase database;
  private Store store;
  private Parents.Seeded parents;

  AgreementProperties(Backend backend, ValueOrder order) {
    this.backend = backend;
    this.order = order;
  }

  @BeforeProperty
  void openStore() {
    database = backend.create();
    store = Store.open(database.database(), AppSchema.INSTANCE);
    parents = Parents.seed(store);
  }

  @AfterProperty
  void closeStore() {
    if (store != null) {
      store.close();
    }
    if (database != null) {
      database.close();
    }
  }

  @Property(tries = 200, edgeCases = EdgeCasesMode.NONE)
  void taskQueriesAgree(@ForAll("tasks") List<Task> tasks, @ForAll("taskQueries") List<LocalQuery<Task>> queries) {
    agree(Task_.COLLECTION, parents.tasks(), tasks.stream().map(TaskInsert::of).toList(), queries);
  }

  @Property(tries = 100, edgeCases = EdgeCasesMode.NONE)
  void boardQueriesAgree(@ForAll("boards") List<Board> boards,
      @ForAll("boardQueries") List<LocalQuery<Board>> queries) {
    agree(Board_.COLLECTION, parents.boards(), boards.stream().map(BoardInsert::of).toList(), queries);
  }

  @Property(tries = 100, edgeCases = EdgeCasesMode.NONE)
  void commentQueriesAgree(@ForAll("comments") List<Comment> comments,
      @ForAll("commentQueries") List<LocalQuery<Comment>> queries) {
    agree(Comment_.COLLECTION, List.of(), comments.stream().map(CommentInsert::of).toList(), queries);
  }

  private <T> void agree(CollectionSchema<T> collection, List<T> fixed, List<? extends InsertDto<T>> inserts,
      List<LocalQuery<T>> queries) {
    // The engine sees rows as stored: instants to the microsecond, decimals without trailing zeros.
    List<T> inserted = inserts.isEmpty() ? List.of() : store.insertAll(inserts);
    try {
      List<T> rows = new ArrayList<>(fixed);
      rows.addAll(inserted);
      for (LocalQuery<T> query : queries) {
        QuerySpec<T> spec = query.spec(collection);
        List<T> inMemory = rows.stream()
            .filter(row -> query.where().map(where -> ConditionMatcher.matches(where, row, order)).orElse(true))
            .sorted(RowOrder.of(collection, spec.orderBy(), order))
            .limit(query.limit().orElse(Integer.MAX_VALUE))
            .toList();
        assertThat(inMemory).as("%s on %s, rows %s", spec, backend, rows)
            .isEqualTo(store.select(spec, RowShape.plain()));
      }
    } finally {
      store.transaction(tx -> {
        for (T row : inserted) {
          tx.delete(collection, collection.id().get(row));
        }
        return null;
      });
    }
  }

  @Provide
  Arbitrary<List<Task>> tasks() {
    Arbitrary<Task> task = Combinators.combine(
            Combinators.combine(freeIds(), Arbitraries.of(Parents.BOARDS).map(Board::id), TrickyValues.strings(),
                Arbitraries.of(Status.class), Arbitraries.of(Parents.USER_IDS).injectNull(0.3),
                TrickyValues.instants().injectNull(0.3)).as(TaskHead::new),
            TrickyValues.ints(), TrickyValues.doubles(), TrickyValues.longs(),
            Arbitraries.just(new Checklist(List.of())).injectNull(0.5))
        .as((h, position, estimate, revision, checklist) -> new Task(h.id(), h.boardId(), h.title(), h.status(),
            h.assigneeId(), h.due(), position, estimate, revision, List.of(), checklist));
    return task.list().ofMaxSize(8).uniqueElements(Task::id);
  }

  private record TaskHead(String id, String boardId, String title, Status status, String assigneeId, Instant due) {}

  @Provide
  Arbitrary<List<LocalQuery<Task>>> taskQueries() {
    Arbitrary<String> userIds = Arbitraries.oneOf(Arbitraries.of(Parents.USER_IDS), TrickyValues.strings());
    Arbitrary<Condition<Task>> leaves = Arbitraries.oneOf(
        LocalQuery.texts(Task_.id, TrickyValues.ids()),
        LocalQuery.texts(Task_.title, TrickyValues.strings()),
        LocalQuery.equalities(Task_.boardId, Arbitraries.of(Parents.BOARDS).map(Board::id)),
        LocalQuery.equalities(Task_.status, Arbitraries.of(Status.class)),
        LocalQuery.texts(Task_.assigneeId, userIds), LocalQuery.nullChecks(Task_.assigneeId),
        LocalQuery.comparisons(Task_.due, TrickyValues.instants()), LocalQuery.nullChecks(Task_.due),
        LocalQuery.comparisons(Task_.position, TrickyValues.ints()),
        LocalQuery.comparisons(Task_.estimate, TrickyValues.doubles()),
        LocalQuery.comparisons(Task_.revision, TrickyValues.longs()),
        LocalQuery.nullChecks(Task_.checklist));
    List<Sortable<Task>> sortable = List.of(Task_.id, Task_.boardId, Task_.title, Task_.assigneeId, Task_.due,
        Task_.position, Task_.estimate, Task_.revision);
    return LocalQuery.queries(leaves, sortable).list().ofMinSize(2).ofMaxSize(8);
  }

  @Provide
  Arbitrary<List<Board>> boards() {
    Arbitrary<Board> board = Combinators.combine(freeIds(), TrickyValues.strings(),
            Arbitraries.of(Parents.TEAMS).map(team -> team.id()), TrickyValues.dates().injectNull(0.3),
            TrickyValues.decimals().injectNull(0.3), TrickyValues.instants())
        .as(Board::new);
    return board.list().ofMaxSize(8).uniqueElements(Board::id);
  }

  @Provide
  Arbitrary<List<LocalQuery<Board>>> boardQueries() {
    Arbitrary<Condition<Board>> leaves = Arbitraries.oneOf(
        LocalQuery.texts(Board_.id, TrickyValues.ids()),
        LocalQuery.texts(Board_.title, TrickyValues.strings()),
        LocalQuery.texts(Board_.teamId, Arbitraries.of(Parents.TEAMS).map(team -> team.id())),
        LocalQuery.comparisons(Board_.deadline, TrickyValues.dates()), LocalQuery.nullChecks(Board_.deadline),
        LocalQuery.comparisons(Board_.budget, TrickyValues.decimals()), LocalQuery.nullChecks(Board_.budget),
        LocalQuery.comparisons(Board_.createdAt, TrickyValues.instants()));
    List<Sortable<Board>> sortable = List.of(Board_.id, Board_.title, Board_.teamId, Board_.deadline, Board_.budget,
        Board_.createdAt);
    return LocalQuery.queries(leaves, sortable).list().ofMinSize(2).ofMaxSize(8);
  }

  @Provide
  Arbitrary<List<Comment>> comments() {
    Arbitrary<Comment> comment = Combinators.combine(TrickyValues.uuids(),
            Arbitraries.of(Parents.TASKS).map(Task::id), Arbitraries.of(Parents.USER_IDS), TrickyValues.strings(),
            TrickyValues.instants())
        .as(Comment::new);
    return comment.list().ofMaxSize(8).uniqueElements(Comment::id);
  }

  @Provide
  Arbitrary<List<LocalQuery<Comment>>> commentQueries() {
    Arbitrary<Condition<Comment>> leaves = Arbitraries.oneOf(
        LocalQuery.equalities(Comment_.id, TrickyValues.uuids()),
        LocalQuery.texts(Comment_.taskId, Arbitraries.of(Parents.TASKS).map(Task::id)),
        LocalQuery.texts(Comment_.authorId, Arbitraries.of(Parents.USER_IDS)),
        LocalQuery.texts(Comment_.body, TrickyValues.strings()),
        LocalQuery.comparisons(Comment_.createdAt, TrickyValues.instants()));
    // Comment ids are UUIDs, which cannot be order keys: they only break ties, which is where their order shows.
    List<Sortable<Comment>> sortable = List.of(Comment_.taskId, Comment_.authorId, Comment_.body,
        Comment_.createdAt);
    return LocalQuery.queries(leaves, sortable).list().ofMinSize(2).ofMaxSize(8);
  }

  private static Arbitrary<String> freeIds() {
    return TrickyValues.ids().filter(id -> !Parents.isFixedId(id));
  }
}
