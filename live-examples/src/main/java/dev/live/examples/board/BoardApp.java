package dev.live.examples.board;

import dev.live.storage.Database;
import java.io.PrintStream;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;

/**
 * The collaborative team board in the browser: {@code mvn -q -pl live-examples -am compile
 * exec:java}, then open http://localhost:8080 in two windows. It keeps its data in the H2 file
 * {@code data/board-app} (demo data on the first start) and its token secret beside it; see
 * {@link BoardAppSettings} for the port, host and data options, and {@code docs/example-app.md}
 * for what it shows. Ctrl-C stops it.
 */
public final class BoardApp {
  private BoardApp() {}

  public static void main(String[] args) throws InterruptedException {
    BoardAppSettings settings;
    try {
      settings = BoardAppSettings.parse(args, System.getProperties());
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.exit(2);
      return;
    }
    BoardServer app = BoardServer.start(Database.h2File(settings.data()),
        SessionTokens.fromFile(settings.secretFile()),
        new BoardServer.Options(settings.host(), settings.port(), settings.allowedOrigins()));
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      app.close();
      stopped.countDown();
    }, "board-app-stop"));
    welcome(System.out, settings, app);
    stopped.await();
  }

  private static void welcome(PrintStream out, BoardAppSettings settings, BoardServer app) {
    out.println();
    out.println("Team board: " + settings.url() + (app.seeded() ? "  (demo data written to " : "  (data in ")
        + settings.data() + ")");
    out.println("Sign in as one of: " + app.demoUsers().stream()
        .map(user -> user.name() + " (" + user.team() + (user.role() == Role.ADMIN ? ", admin" : "") + ")")
        .collect(Collectors.joining(", ")) + ", or any new name.");
    out.println("Open it in two windows to see each other's changes live. Ctrl-C stops the server.");
  }
}
