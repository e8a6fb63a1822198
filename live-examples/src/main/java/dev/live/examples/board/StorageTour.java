package dev.live.examples.board;

import dev.live.error.LiveException;
import dev.live.storage.Change;
import dev.live.storage.Database;
import dev.live.storage.Hooks;
import dev.live.storage.Store;
import dev.live.storage.StoreOptions;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

/**
 * The board on an embedded H2 file: tables made from the schema, demo data on the first run,
 * a query with includes, a transaction, a hook refusing a write, and the change log.
 */
final class StorageTour {
  private StorageTour() {}

  static void run(PrintStream out, Path file) {
    Hooks hooks = Hooks.builder()
        .beforeInsert(Task_.COLLECTION, (tx, task) -> {
          if (task.title().isBlank()) {
            throw Hooks.reject("a task needs a title");
          }
          return task;
        })
        .build();
    try (Database database = Database.h2File(file);
        Store store = Store.open(database, AppSchema.INSTANCE, StoreOptions.builder().hooks(hooks).build())) {
      out.println("store: " + database);
      if (store.list(TeamQuery.all()).isEmpty()) {
        seed(store);
        out.println("seeded demo data");
      }
      List<TaskRow> open = store.list(TaskQuery.where(Task_.status.ne(Status.DONE))
          .orderBy(Task_.due.asc())
          .include(Task_.assignee, Task_.comments.orderBy(Comment_.createdAt.desc()).limit(2)));
      for (TaskRow row : open) {
        out.println("open: " + row.value().title() + ", assignee "
            + row.assignee().map(user -> user.value().name()).orElse("nobody")
            + ", latest comments " + row.comments().stream().map(c -> c.value().body()).toList());
      }
      Task moved = store.transaction(tx -> {
        Task task = tx.find(TaskQuery.all().one("t2")).orElseThrow();
        return tx.update(task.id(), TaskUpdate.of().position(task.position() + 1).revision(task.revision() + 1));
      });
      out.println("moved t2 to position " + moved.position());
      try {
        store.insert(TaskInsert.builder().id("t-blank").boardId("b1").title(" ").status(Status.TODO)
            .position(9).estimate(1).revision(1).labels(List.of()).build());
      } catch (LiveException e) {
        out.println("refused (" + e.code() + "): " + e.getMessage());
      }
      List<Change> latest = store.changes().readAfter(Math.max(0, store.changes().latestVersion() - 3), 3);
      for (Change change : latest) {
        out.println("change " + change.version() + ": " + change.operation() + " " + change.collection().name()
            + " " + change.id() + " " + change.changedFields());
      }
    }
  }

  private static void seed(Store store) {
    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    store.transaction(tx -> {
      tx.insert(TeamInsert.of(new Team("team1", "Core", now)));
      tx.insertAll(List.of(
          UserInsert.of(new User("u1", "Ann", "ann@example.com", "team1", Role.ADMIN)),
          UserInsert.of(new User("u2", "Bob", null, "team1", Role.MEMBER))));
      tx.insert(BoardInsert.of(new Board("b1", "Launch", "team1", LocalDate.now().plusDays(30),
          new BigDecimal("1500"), now)));
      tx.insertAll(List.of(
          TaskInsert.of(new Task("t1", "b1", "Write the launch post", Status.DOING, "u1",
              now.plus(3, ChronoUnit.DAYS), 1, 2.5, 1, List.of("writing"), null)),
          TaskInsert.of(new Task("t2", "b1", "Fix the signup form", Status.TODO, null, null, 2, 1.0, 1,
              List.of(), null)),
          TaskInsert.of(new Task("t3", "b1", "Book the venue", Status.DONE, "u2", now, 3, 0.5, 1,
              List.of("ops"), null))));
      tx.insertAll(List.of(
          CommentInsert.of(new Comment(UUID.randomUUID(), "t1", "u2", "First draft is up", now)),
          CommentInsert.of(new Comment(UUID.randomUUID(), "t1", "u1", "Thanks!", now.plusSeconds(60)))));
      return null;
    });
  }
}
