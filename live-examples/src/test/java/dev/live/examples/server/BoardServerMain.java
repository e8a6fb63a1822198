package dev.live.examples.server;

import dev.live.examples.board.BoardServer;
import dev.live.examples.board.SessionTokens;
import dev.live.storage.Database;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Set;

/**
 * The board app ({@link BoardServer}: its procedures, sign-in, rules, rooms and the default
 * limits) in a process of its own, for {@link BoardMemoryAttackTest}, on an H2 file so that the
 * heap holds what the server keeps for its clients, not the data.
 *
 * <p>Argument: the H2 file's path. Prints {@code READY <port>} once listening on loopback; reads
 * {@code gc} (a full collection, answered {@code GC <live threads>}; the heap after it is in
 * {@code /live/stats}) and {@code exit} (ends with status 0), one a line.
 */
public final class BoardServerMain {
  private BoardServerMain() {}

  public static void main(String[] args) throws Exception {
    BoardServer app = BoardServer.start(Database.h2File(Path.of(args[0])), SessionTokens.random(),
        new BoardServer.Options("127.0.0.1", 0, Set.of()));
    System.out.println("READY " + app.server().port());
    System.out.flush();
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    for (String line = in.readLine(); line != null; line = in.readLine()) {
      switch (line.trim()) {
        case "gc" -> {
          System.gc(); // with the serial collector, a full collection: every pool reports what is live
          System.out.println("GC " + ManagementFactory.getThreadMXBean().getThreadCount());
        }
        case "exit" -> {
          app.close();
          System.exit(0);
        }
        default -> System.out.println("UNKNOWN " + line);
      }
      System.out.flush();
    }
    app.close();
    System.exit(0); // the test went away: end rather than linger
  }
}
