package dev.live.benchmarks.server;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.server.WebSocketUpgradeHandler;

/**
 * The baseline of the fan-out benchmark: a plain Jetty WebSocket server that sends the same text
 * to every connected session, one {@code sendText} each, with at most 64 sends in flight per
 * session (beyond, a send is dropped and counted): bounded, as Live's outbound queues are. Public
 * because Jetty binds listener methods through public method handles.
 */
public final class RawBroadcastServer implements AutoCloseable {
  private final Server server = new Server();
  private final Set<Peer> peers = ConcurrentHashMap.newKeySet();
  final AtomicLong dropped = new AtomicLong();

  RawBroadcastServer() throws Exception {
    ServerConnector connector = new ServerConnector(server);
    connector.setHost("127.0.0.1");
    connector.setPort(0);
    server.addConnector(connector);
    server.setHandler(WebSocketUpgradeHandler.from(server, container -> {
      container.addMapping("/raw", (request, response, callback) -> new Peer());
    }));
    server.start();
  }

  int port() {
    return ((ServerConnector) server.getConnectors()[0]).getLocalPort();
  }

  int sessions() {
    return peers.size();
  }

  void broadcast(String text) {
    for (Peer peer : peers) {
      peer.send(text);
    }
  }

  @Override
  public void close() throws Exception {
    server.stop();
  }

  /** One session, with its single send in flight. */
  public final class Peer implements Session.Listener.AutoDemanding {
    private volatile Session session;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final Callback done = Callback.from(inFlight::decrementAndGet, failure -> inFlight.decrementAndGet());

    @Override
    public void onWebSocketOpen(Session session) {
      this.session = session;
      peers.add(this);
    }

    @Override
    public void onWebSocketClose(int statusCode, String reason) {
      peers.remove(this);
    }

    void send(String text) {
      if (inFlight.incrementAndGet() > 64) {
        inFlight.decrementAndGet();
        dropped.incrementAndGet();
        return;
      }
      session.sendText(text, done);
    }
  }
}
