package dev.live.server;

import java.time.Duration;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.CrossOriginHandler;
import org.eclipse.jetty.util.Callback;

/**
 * CORS for the HTTP routes and the browser's files under the server's path, by Jetty's {@link
 * CrossOriginHandler}: a page served from a listed origin (a Vite dev server at {@code
 * http://localhost:5173}, say) may read {@code /live/schema.json} and call {@code POST
 * /live/query} and {@code /live/call/...}; its preflights are answered here. A request from any
 * other origin gets no CORS headers, and still meets {@link OriginCheck#checkHttp}. Paths outside
 * Live's go by untouched, their preflights too: they are the application's.
 */
final class CorsRoutes extends CrossOriginHandler {
  /** What the routes take: the JSON body, a bearer token, and the headers of an exactly-once call. */
  static final Set<String> ALLOWED_HEADERS =
      Set.of("Content-Type", "Authorization", HttpRoutes.CLIENT_ID_HEADER, HttpRoutes.SEQ_HEADER);

  private final String base;

  private CorsRoutes(String base, Set<String> origins, Handler routes) {
    this.base = base;
    // Patterns matched whole: each quoted, so a listed origin is compared exactly, as OriginCheck does.
    setAllowedOriginPatterns(origins.stream().map(Pattern::quote).collect(Collectors.toSet()));
    setAllowedMethods(Set.of("GET", "HEAD", "POST"));
    setAllowedHeaders(ALLOWED_HEADERS);
    // A listed origin's pages may open the WebSocket with the user's cookies already; calls alike.
    setAllowCredentials(true);
    setExposedHeaders(Set.of("Retry-After", "ETag"));
    setPreflightMaxAge(Duration.ofMinutes(10));
    // Upgrades are the WebSocket handler's, which checks origins itself; one that reaches here is
    // not Live's endpoint and is answered as any request.
    setDeliverNonAllowedOriginWebSocketUpgradeRequests(true);
    setHandler(routes);
  }

  /** {@code routes} with CORS for {@code origins}; without origins, same-origin only: no CORS at all. */
  static Handler wrap(String base, Set<String> origins, Handler routes) {
    return origins.isEmpty() ? routes : new CorsRoutes(base, origins, routes);
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) throws Exception {
    if (!Request.getPathInContext(request).startsWith(base + "/")) {
      return getHandler().handle(request, response, callback);
    }
    return super.handle(request, response, callback);
  }
}
