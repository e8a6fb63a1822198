package dev.live.examples.board;

import dev.live.json.LiveJson;
import dev.live.procedure.InProcessCaller;
import dev.live.procedure.ProcedureContext;
import dev.live.query.QueryJson;
import dev.live.query.QuerySpec;
import dev.live.storage.Database;
import dev.live.storage.Store;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.CompletionException;

/**
 * A tour of what the processor generates for the team board: typed queries and their wire form,
 * insert and update DTOs, JSON codecs, procedures called through their generated stub, and the
 * board kept in an embedded H2 file ({@code data/board.mv.db}, or the path given as the first
 * argument). The README's run command starts the board app ({@link BoardApp}); run this tour with
 * {@code mvn -q -pl live-examples -am compile exec:java -Dexec.mainClass=dev.live.examples.board.BoardDemo}.
 */
public final class BoardDemo {
  private BoardDemo() {}

  public static void main(String[] args) throws InterruptedException {
    PrintStream out = System.out;
    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    out.println("== Typed queries and their wire form");
    TaskQuery<TaskRow> openTasks = TaskQuery.where(Task_.status.ne(Status.DONE))
        .and(Task_.assignee.is(User_.role.eq(Role.ADMIN)))
        .orderBy(Task_.due.asc(), Task_.position.asc())
        .limit(20)
        .include(Task_.assignee, Task_.comments.orderBy(Comment_.createdAt.desc()).limit(3));
    out.println(openTasks.toJson());
    QuerySpec<?> decoded = QueryJson.decode(AppSchema.INSTANCE, openTasks.toJson());
    out.println("decoded back equal: " + decoded.equals(openTasks.spec()));

    out.println();
    out.println("== Insert and update DTOs");
    Task task = TaskInsert.builder().id("t1").boardId("b1").title("Ship it").status(Status.TODO)
        .due(now.plus(2, ChronoUnit.DAYS)).position(1).estimate(3.5).revision(1).labels(List.of("launch"))
        .build().toRecord();
    out.println(LiveJson.encode(TaskJson.CODEC, task));
    TaskUpdate change = TaskUpdate.of().status(Status.DOING).assigneeId("u1");
    out.println("update " + LiveJson.encode(TaskJson.UPDATE, change) + " changes " + change.changedFields());
    try {
      TaskInsert.builder().id("t2").title("Incomplete").build();
    } catch (RuntimeException e) {
      out.println("refused: " + e.getMessage());
    }

    out.println();
    out.println("== Procedures through the generated client stub, on an in-memory H2 store");
    try (Database database = Database.h2Memory("board-demo");
        Store store = Store.open(database, AppSchema.INSTANCE)) {
      store.transaction(tx -> {
        tx.insert(TeamInsert.of(new Team("team1", "Core", now)));
        tx.insert(UserInsert.of(new User("u1", "Ann", null, "team1", Role.ADMIN)));
        tx.insert(BoardInsert.of(new Board("b1", "Launch", "team1", null, null, now)));
        return tx.insert(TaskInsert.of(change.applyTo(task)));
      });
      // The server gives each call a transaction; here every store call runs in its own.
      TaskProceduresClient procedures = TaskProceduresClient.of(new InProcessCaller(
          new TaskProceduresDispatcher(new TaskProcedures()),
          ProcedureContext.of(TeamScope.member("u1", "team1", Role.MEMBER), store)));
      out.println("open on b1: " + procedures.countOpen("b1").join());
      out.println("completed: " + procedures.complete(new CompleteTask("t1")).join());
      out.println("open on b1: " + procedures.countOpen("b1").join());
      procedures.archiveBoard("b1").exceptionally(error -> {
        Throwable cause = error instanceof CompletionException ? error.getCause() : error;
        out.println("refused: " + cause.getMessage());
        return null;
      }).join();
    }

    out.println();
    out.println("== Storage on an embedded H2 file");
    Path file = Path.of(args.length > 0 ? args[0] : "data/board");
    StorageTour.run(out, file);

    out.println();
    out.println("== Live queries over WebSocket");
    ServerTour.run(out, file);
  }
}
