package dev.live.examples.client;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ContextHandler;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.server.WebSocketUpgradeHandler;

/**
 * A WebSocket server on loopback that stands in for Live's at {@code /live}: it answers
 * {@code hello} with the welcome a test sets, and keeps every other message a client sends, for
 * tests of what the Java client does with a welcome the real server does not send. Public, as
 * is its endpoint: Jetty calls the endpoint's methods through public method handles.
 */
public final class StandInServer implements AutoCloseable {
  private final Server server = new Server();
  private final ServerConnector connector = new ServerConnector(server);
  private final List<String> received = new CopyOnWriteArrayList<>();
  private volatile String welcome = "";

  private StandInServer() {}

  static StandInServer start() throws Exception {
    StandInServer standIn = new StandInServer();
    standIn.connector.setHost("127.0.0.1");
    standIn.connector.setPort(0);
    standIn.server.addConnector(standIn.connector);
    ContextHandler context = new ContextHandler("/");
    context.setHandler(WebSocketUpgradeHandler.from(standIn.server, context,
        container -> container.addMapping("/live", (request, response, callback) -> new Endpoint(standIn))));
    standIn.server.setHandler(context);
    standIn.server.start();
    return standIn;
  }

  int port() {
    return connector.getLocalPort();
  }

  /** The text sent in answer to every {@code hello}. */
  void welcome(String text) {
    welcome = text;
  }

  /** What clients sent, but their hellos. */
  List<String> received() {
    return received;
  }

  @Override
  public void close() throws Exception {
    server.stop();
  }

  /** One connection: answers hello, keeps the rest. */
  public static final class Endpoint implements Session.Listener.AutoDemanding {
    private final StandInServer owner;
    private Session session;

    Endpoint(StandInServer owner) {
      this.owner = owner;
    }

    @Override
    public void onWebSocketOpen(Session session) {
      this.session = session;
    }

    @Override
    public void onWebSocketText(String text) {
      if (text.contains("\"type\":\"hello\"")) {
        session.sendText(owner.welcome, Callback.NOOP);
      } else {
        owner.received.add(text);
      }
    }
  }
}
