package dev.live.server;

import dev.live.error.ErrorCode;
import dev.live.error.LiveException;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.websocket.server.WebSocketUpgradeHandler;

/**
 * Live as a Jetty {@link Handler}, to mount in an application's own Jetty server: the WebSocket
 * endpoint at the configured path, and the HTTP routes under it; every other request goes on to
 * the next handler. Storage, the engine and the workers start and stop with it.
 *
 * <pre>{@code
 * Server jetty = new Server(8080);
 * jetty.setHandler(new Handler.Sequence(
 *     LiveServer.builder().schema(AppSchema.INSTANCE).database(db).handler(jetty),
 *     myOtherHandler));
 * jetty.start();
 * }</pre>
 */
public final class LiveHandler extends Handler.Wrapper {
  /**
   * The largest frame payload Jetty hands over at once: a larger frame comes in parts (Jetty's
   * auto-fragmenting), so a connection holds at most this much outside the client buffers.
   */
  static final int MAX_FRAME_CHARS = 16 * 1024;

  private final LiveCore core;

  LiveHandler(Server server, LiveCore core) {
    this.core = core;
    ServerOptions options = core.options();
    WebSocketUpgradeHandler upgrades = WebSocketUpgradeHandler.from(server, container -> {
      // Messages are gathered by the connection from their frames (onWebSocketPartialText), which
      // enforces maxMessageBytes itself; this is Jetty's own check, for completeness.
      container.setMaxTextMessageSize(options.maxMessageBytes());
      container.setMaxFrameSize(MAX_FRAME_CHARS);
      container.setAutoFragment(true);
      container.setMaxBinaryMessageSize(1024);
      container.setIdleTimeout(options.idleTimeout());
      // Outbound is bounded by each connection's queue; Jetty's own queue holds one frame at a time.
      container.setMaxOutgoingFrames(16);
      container.addMapping(options.path(), (request, response, callback) -> {
        try {
          return core.createWebSocket(request, response, callback);
        } catch (Error e) {
          core.fatal().report(e); // Jetty answers 500 and goes on, so it is reported here
          throw e;
        }
      });
    });
    upgrades.setHandler(CorsRoutes.wrap(options.path(), options.allowedOrigins(), new HttpRoutes(core)));
    setHandler(upgrades);
  }

  /**
   * After a fatal error, refuses every upgrade and request under the path with 503 {@code
   * SERVER_STOPPED} but health, which tells why; an {@code Error} out of Live's code is reported as
   * a fatal error (Jetty would only log it and answer 500).
   */
  @Override
  public boolean handle(Request request, Response response, Callback callback) throws Exception {
    FatalErrors fatal = core.fatal();
    if (fatal != null && fatal.hasFailed()) {
      String base = core.options().path();
      String path = Request.getPathInContext(request);
      if ((path.equals(base) || path.startsWith(base + "/")) && !path.equals(base + "/health")) {
        HttpReplies.error(response, callback, new LiveException(ErrorCode.SERVER_STOPPED, fatal.reason()
            + "; try again later"));
        return true;
      }
    }
    try {
      return super.handle(request, response, callback);
    } catch (Error e) {
      if (fatal != null) {
        fatal.report(e);
      }
      throw e;
    }
  }

  @Override
  protected void doStart() throws Exception {
    core.start();
    try {
      super.doStart();
    } catch (Exception e) {
      core.stop();
      throw e;
    }
  }

  @Override
  protected void doStop() throws Exception {
    try {
      core.stop();
    } finally {
      super.doStop();
    }
  }

  LiveCore core() {
    return core;
  }
}
