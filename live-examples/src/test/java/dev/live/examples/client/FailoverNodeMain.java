package dev.live.examples.client;

import dev.live.auth.Rules;
import dev.live.examples.board.AppSchema;
import dev.live.server.LiveServer;
import dev.live.storage.Database;
import dev.live.storage.Store;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/**
 * One node of the board schema in a process of its own, on a PostgreSQL database other nodes
 * share, for {@link FailoverTest} to kill. Arguments: the JDBC URL, the user, the password. Prints
 * {@code READY <port>} once listening on loopback; reads {@code exit}.
 */
public final class FailoverNodeMain {
  private FailoverNodeMain() {}

  public static void main(String[] args) throws Exception {
    Database database = Database.postgres(args[0], args[1], args.length > 2 ? args[2] : "");
    Store store = Store.open(database, AppSchema.INSTANCE, TwoNodes.NODE_STORE);
    LiveServer server = LiveServer.builder().schema(AppSchema.INSTANCE).store(store).rules(Rules.none())
        .host("127.0.0.1").port(0).start();
    System.out.println("READY " + server.port());
    System.out.flush();
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    for (String line = in.readLine(); line != null && !line.trim().equals("exit"); line = in.readLine()) {
      System.out.println("UNKNOWN " + line);
      System.out.flush();
    }
    server.close();
    store.close();
    database.close();
    System.exit(0);
  }
}
