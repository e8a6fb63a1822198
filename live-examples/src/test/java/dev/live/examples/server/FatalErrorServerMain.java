package dev.live.examples.server;

import dev.live.auth.Rules;
import dev.live.examples.board.AppSchema;
import dev.live.examples.board.TaskProcedures;
import dev.live.examples.storage.BoardData;
import dev.live.server.LiveServer;
import dev.live.server.ServerOptions;
import dev.live.storage.Database;
import dev.live.storage.Store;
import dev.live.storage.StoreOptions;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/**
 * A board server in a process of its own, for {@link FatalErrorExitTest}: with the default fatal
 * error policy (exit the process), and {@link FatalFaults} armed by commands on standard input.
 *
 * <p>Arguments: {@code h2}, or {@code postgres <jdbc url> <user> <password>}. Prints {@code READY
 * <port>} once listening; reads {@code fail-tail}, {@code fail-worker} (each answered {@code
 * ARMED}) and {@code exit} (ends with status 0), one a line.
 */
public final class FatalErrorServerMain {
  private FatalErrorServerMain() {}

  public static void main(String[] args) throws Exception {
    Database database = args[0].equals("h2") ? Database.h2Memory("fatal" + ProcessHandle.current().pid())
        : Database.postgres(args[1], args[2], args.length > 3 ? args[3] : "");
    FatalFaults faults = new FatalFaults();
    Store store = Store.open(database, AppSchema.INSTANCE, StoreOptions.builder()
        .statementObserver(faults.observer()).build());
    BoardData.seed(store);
    LiveServer server = LiveServer.builder().schema(AppSchema.INSTANCE).store(store).rules(Rules.none())
        .procedures(new TaskProcedures()).middleware(faults.middleware())
        .options(ServerOptions.defaults()).host("127.0.0.1").port(0).start();
    System.out.println("READY " + server.port());
    System.out.flush();
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    for (String line = in.readLine(); line != null; line = in.readLine()) {
      switch (line.trim()) {
        case "fail-tail" -> faults.armTail();
        case "fail-worker" -> faults.armWorker();
        case "exit" -> {
          server.close();
          store.close();
          database.close();
          System.exit(0);
        }
        default -> {
          System.out.println("UNKNOWN " + line);
          continue;
        }
      }
      System.out.println("ARMED");
      System.out.flush();
    }
    System.exit(0); // the test went away: end rather than linger
  }
}
