package dev.live.examples.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.live.error.ErrorCode;
import dev.live.error.LiveException;
import dev.live.examples.board.Status;
import dev.live.examples.board.Task;
import dev.live.examples.board.TaskInsert;
import dev.live.examples.board.TaskQuery;
import dev.live.examples.board.TaskUpdate;
import dev.live.examples.board.Task_;
import dev.live.schema.CollectionSchema;
import dev.live.storage.Hooks;
import dev.live.storage.StoreOptions;
import dev.live.storage.Transaction;
import dev.live.storage.WriteCheck;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link Transaction#checkingWrites}: the check sees each row an insert or an update inside the
 * region is about to store, after the before-hooks; it does not see deletes, updates that change
 * nothing, or writes outside the region; and its refusal fails the write.
 */
class WriteCheckTest extends StoreTestBase {
  private final List<String> seen = new ArrayList<>();

  @Override
  StoreOptions options() {
    // Titles are stored trimmed: the check must see the row as it will be stored.
    return StoreOptions.builder().hooks(Hooks.builder()
        .beforeInsert(Task_.COLLECTION, (tx, task) -> withTitle(task, task.title().strip()))
        .build()).build();
  }

  @BeforeEach
  void seed() {
    seedBoard();
  }

  @Test
  void theCheckSeesEveryRowStoredInsideItsRegionAfterTheBeforeHooks() {
    store.withTransaction(tx -> tx.checkingWrites(recorder("outer"), outer -> {
      outer.insert(TaskInsert.of(task("n1", "  padded  ")));
      outer.insertAll(List.of(TaskInsert.of(task("n2", "two")), TaskInsert.of(task("n3", "three"))));
      outer.update("t1", TaskUpdate.of().title("changed"));
      outer.update("t2", TaskUpdate.of().title(BoardData.T2.title())); // changes nothing: stores nothing
      outer.delete(Task_.COLLECTION, "n3");
      return outer.checkingWrites(recorder("inner"), inner -> inner.update("t4", TaskUpdate.of().position(9)));
    }));
    store.withTransaction(tx -> tx.insert(TaskInsert.of(task("n4", "outside"))));

    assertThat(seen).containsExactly("outer tasks n1 padded", "outer tasks n2 two", "outer tasks n3 three",
        "outer tasks t1 changed", "outer tasks t4 " + BoardData.T4.title(), "inner tasks t4 " + BoardData.T4.title());
  }

  @Test
  void aRefusalFailsTheWriteAndNothingOfItsTransactionIsStored() {
    WriteCheck refuseLong = new WriteCheck() {
      @Override
      public <T> void beforeStore(Transaction tx, CollectionSchema<T> collection, T row) {
        if (row instanceof Task task && task.title().length() > 10) {
          throw new LiveException(ErrorCode.ROW_TOO_LARGE, "title too long");
        }
      }
    };
    assertThatThrownBy(() -> store.withTransaction(tx -> tx.checkingWrites(refuseLong, checked -> {
      checked.insert(TaskInsert.of(task("ok", "short")));
      return checked.insert(TaskInsert.of(task("long", "far too long a title")));
    }))).isInstanceOf(LiveException.class).extracting(e -> ((LiveException) e).code()).isEqualTo(ErrorCode.ROW_TOO_LARGE);
    assertThat(store.find(TaskQuery.all().one("ok"))).isEmpty();
    assertThat(store.find(TaskQuery.all().one("long"))).isEmpty();
  }

  private WriteCheck recorder(String name) {
    return new WriteCheck() {
      @Override
      public <T> void beforeStore(Transaction tx, CollectionSchema<T> collection, T row) {
        Task task = (Task) row;
        seen.add(name + " " + collection.name() + " " + task.id() + " " + task.title());
      }
    };
  }

  private static Task task(String id, String title) {
    return new Task(id, "b1", title, Status.TODO, null, null, 1, 1.0, 1L, List.of(), null);
  }

  private static Task withTitle(Task task, String title) {
    return new Task(task.id(), task.boardId(), title, task.status(), task.assigneeId(), task.due(), task.position(),
        task.estimate(), task.revision(), task.labels(), task.checklist());
  }
}
