package dev.live.examples.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.live.error.ErrorCode;
import dev.live.error.LiveException;
import dev.live.examples.board.Comment;
import dev.live.examples.board.CommentInsert;
import dev.live.examples.board.CommentQuery;
import dev.live.examples.board.Comment_;
import dev.live.examples.board.Task;
import dev.live.examples.board.TaskInsert;
import dev.live.examples.board.TaskQuery;
import dev.live.examples.board.TaskUpdate;
import dev.live.examples.board.Task_;
import dev.live.examples.board.Team;
import dev.live.examples.board.TeamInsert;
import dev.live.examples.board.TeamQuery;
import dev.live.examples.board.Team_;
import dev.live.storage.Change;
import dev.live.storage.Hooks;
import dev.live.storage.StoreOptions;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Hooks run around every write, inside its transaction, whoever makes it. */
class HooksTest extends StoreTestBase {
  private final List<String> calls = Collections.synchronizedList(new ArrayList<>());

  @Override
  StoreOptions options() {
    Hooks hooks = Hooks.builder()
        // Titles are stored trimmed; a blank one is refused.
        .beforeInsert(Task_.COLLECTION, (tx, task) -> {
          if (task.title().isBlank()) {
            throw Hooks.reject("a task needs a title");
          }
          return new Task(task.id(), task.boardId(), task.title().strip(), task.status(), task.assigneeId(), task.due(),
              task.position(), task.estimate(), task.revision(), task.labels(), task.checklist());
        })
        .afterInsert(Task_.COLLECTION, (tx, task) -> {
          calls.add("afterInsert " + task.id() + " " + task.title());
          if (task.title().equals("explode")) {
            throw new IllegalStateException("after-hook failed");
          }
          // A write of the hook's own, in the same transaction.
          tx.insert(CommentInsert.of(new Comment(createdComment(task.id()), task.id(), "u1", "created", BoardData.T0)));
        })
        // Every update bumps the revision, from the row as it is now.
        .beforeUpdate(Task_.COLLECTION, (tx, before, after) -> new Task(after.id(), after.boardId(), after.title(),
            after.status(), after.assigneeId(), after.due(), after.position(), after.estimate(), before.revision() + 1,
            after.labels(), after.checklist()))
        .afterUpdate(Task_.COLLECTION, (tx, before, after) ->
            calls.add("afterUpdate " + before.title() + " -> " + after.title()))
        .beforeDelete(Task_.COLLECTION, (tx, task) -> {
          if (task.status() == dev.live.examples.board.Status.DOING) {
            throw Hooks.reject("a task in progress cannot be deleted");
          }
        })
        .afterDelete(Task_.COLLECTION, (tx, task) -> calls.add("afterDelete " + task.id()))
        // A hook that writes to its own collection without end.
        .afterInsert(Team_.COLLECTION, (tx, team) -> {
          if (team.name().startsWith("loop")) {
            tx.insert(TeamInsert.of(new Team(team.id() + "x", team.name() + "x", team.createdAt())));
          }
        })
        .beforeUpdate(Team_.COLLECTION, (tx, before, after) -> new Team("other", after.name(), after.createdAt()))
        .build();
    return StoreOptions.builder().hooks(hooks).build();
  }

  @BeforeEach
  void seed() {
    BoardData.seed(store);
    calls.clear();
  }

  @Test
  void aBeforeInsertHookReplacesTheValueAndAfterInsertSeesItStored() {
    Task stored = store.insert(TaskInsert.of(task("t9", "  Padded  ")));
    assertThat(stored.title()).isEqualTo("Padded");
    assertThat(store.find(TaskQuery.all().one("t9")).orElseThrow().title()).isEqualTo("Padded");
    assertThat(calls).containsExactly("afterInsert t9 Padded");
    assertThat(store.list(CommentQuery.where(Comment_.taskId.eq("t9")))).extracting(Comment::body).containsExactly("created");
  }

  @Test
  void aRejectingHookRefusesTheWriteWithItsReason() {
    long version = store.changes().latestVersion();
    assertThatThrownBy(() -> store.insert(TaskInsert.of(task("t9", "   "))))
        .isInstanceOfSatisfying(LiveException.class, e -> {
          assertThat(e.code()).isEqualTo(ErrorCode.REJECTED);
          assertThat(e.getMessage()).isEqualTo("a task needs a title");
        });
    assertThat(store.find(TaskQuery.all().one("t9"))).isEmpty();
    assertThat(store.changes().latestVersion()).isEqualTo(version);
  }

  @Test
  void aFailingAfterHookRollsTheWriteBack() {
    assertThatThrownBy(() -> store.insert(TaskInsert.of(task("t9", "explode")))).hasMessage("after-hook failed");
    assertThat(store.find(TaskQuery.all().one("t9"))).isEmpty();
  }

  @Test
  void aWriteWhoseHookFailedNeverCommitsEvenWhenTheUnitCatchesTheFailure() {
    long version = store.changes().latestVersion();
    assertThatThrownBy(() -> store.transaction(tx -> {
      try {
        tx.insert(TaskInsert.of(task("t9", "explode")));  // stored, then its after-hook throws
      } catch (IllegalStateException caught) {
        // carrying on as if nothing happened
      }
      return tx.insert(TaskInsert.of(task("t8", "next")));
    })).isInstanceOfSatisfying(LiveException.class, e -> assertThat(e.getMessage())
        .contains("failed earlier").contains("after-hook failed").contains("nested"));
    assertThat(store.find(TaskQuery.all().one("t9"))).isEmpty();
    assertThat(store.find(TaskQuery.all().one("t8"))).isEmpty();
    assertThat(store.changes().latestVersion()).isEqualTo(version);

    // In a nested transaction the failure undoes only that write.
    store.transaction(tx -> {
      assertThatThrownBy(() -> tx.transaction(inner -> inner.insert(TaskInsert.of(task("t9", "explode")))))
          .hasMessage("after-hook failed");
      return tx.insert(TaskInsert.of(task("t8", "next")));
    });
    assertThat(store.find(TaskQuery.all().one("t9"))).isEmpty();
    assertThat(store.find(TaskQuery.all().one("t8"))).isPresent();
  }

  @Test
  void updateHooksSeeTheRowBeforeAndAfterAndTheirChangesAreLogged() {
    Task stored = store.update("t2", TaskUpdate.of().title("Fixed signup"));
    assertThat(stored.revision()).isEqualTo(BoardData.T2.revision() + 1);
    assertThat(calls).containsExactly("afterUpdate Fix the signup form -> Fixed signup");
    Change change = store.changes().readAfter(store.changes().latestVersion() - 1, 1).get(0);
    assertThat(change.changedFields()).containsExactly("title", "revision");
  }

  @Test
  void aHookCannotChangeAnId() {
    assertThatThrownBy(() -> store.update("team1", dev.live.examples.board.TeamUpdate.of().name("Renamed")))
        .isInstanceOfSatisfying(LiveException.class, e -> {
          assertThat(e.code()).isEqualTo(ErrorCode.FIELD_NOT_UPDATABLE);
          assertThat(e.getMessage()).contains("beforeUpdate hook of teams").contains("'team1'").contains("'other'");
        });
  }

  @Test
  void deleteHooksCanRefuseAndSeeTheDeletedRow() {
    assertThatThrownBy(() -> store.delete(Task_.COLLECTION, "t1"))
        .isInstanceOfSatisfying(LiveException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.REJECTED));
    // The after-insert hook gave t2 a comment when it was seeded; it would block the delete.
    store.delete(Comment_.COLLECTION, createdComment("t2"));
    Task deleted = store.delete(Task_.COLLECTION, "t2");
    assertThat(deleted.title()).isEqualTo(BoardData.T2.title());
    assertThat(calls).containsExactly("afterDelete t2");
  }

  @Test
  void hooksRunForWritesInTransactionsAndBatches() {
    store.transaction(tx -> {
      tx.insertAll(List.of(TaskInsert.of(task("t8", " a ")), TaskInsert.of(task("t9", " b "))));
      return tx.update("t8", TaskUpdate.of().title("a2"));
    });
    assertThat(calls).containsExactly("afterInsert t8 a", "afterInsert t9 b", "afterUpdate a -> a2");
  }

  @Test
  void aHookThatTriggersItselfWithoutEndIsStopped() {
    assertThatThrownBy(() -> store.insert(TeamInsert.of(new Team("z", "loop", BoardData.T0))))
        .isInstanceOfSatisfying(LiveException.class, e -> {
          assertThat(e.code()).isEqualTo(ErrorCode.REJECTED);
          assertThat(e.getMessage()).contains("nested 32 deep");
        });
    assertThat(store.list(TeamQuery.all())).hasSize(2);
  }

  @Test
  void concurrentUpdatesEachSeeTheLatestRowSoNoIncrementIsLost() throws Exception {
    int threads = 4;
    int updatesPerThread = 15;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    List<Future<?>> results = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int thread = t;
      results.add(pool.submit(() -> {
        for (int i = 0; i < updatesPerThread; i++) {
          store.update("t2", TaskUpdate.of().title("by " + thread + " #" + i));
        }
      }));
    }
    pool.shutdown();
    for (Future<?> result : results) {
      result.get(120, TimeUnit.SECONDS);
    }
    assertThat(store.find(TaskQuery.all().one("t2")).orElseThrow().revision())
        .isEqualTo(BoardData.T2.revision() + threads * updatesPerThread);
  }

  /** The id of the comment the after-insert hook adds to a task. */
  private static UUID createdComment(String taskId) {
    return UUID.nameUUIDFromBytes(taskId.getBytes(StandardCharsets.UTF_8));
  }

  private static Task task(String id, String title) {
    return new Task(id, "b1", title, dev.live.examples.board.Status.TODO, null, null, 9, 1.0, 0L, List.of(), null);
  }
}
