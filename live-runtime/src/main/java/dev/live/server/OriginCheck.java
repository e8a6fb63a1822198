package dev.live.server;

import dev.live.error.ErrorCode;
import dev.live.error.LiveException;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The origins allowed to open a WebSocket: a browser sends the page's origin with every upgrade,
 * and without this check any web page a signed-in user visits could connect with the user's
 * cookies. Origins are compared exactly, as browsers write them ({@code scheme://host[:port]},
 * lowercase, no default port), so {@code https://app.example.com.evil.com} and {@code
 * https://app.example.com:8443} are not {@code https://app.example.com}. An empty list checks
 * nothing.
 */
final class OriginCheck {
  private static final Logger log = LoggerFactory.getLogger(OriginCheck.class);
  private static final Pattern ORIGIN =
      Pattern.compile("([a-z][a-z0-9+.-]*)://([a-z0-9._-]+|\\[[0-9a-f:.]+\\])(?::([0-9]{1,5}))?");

  private final Set<String> allowed;

  OriginCheck(Set<String> allowed) {
    this.allowed = Set.copyOf(allowed);
  }

  /**
   * Refuses {@code request} with {@code ORIGIN_NOT_ALLOWED} when the list is not empty and the
   * request's one {@code Origin} header is absent or not in it (several headers are refused too:
   * which one would count is unclear). Refusals are logged with the remote address and the origin.
   */
  void check(Request request) {
    if (allowed.isEmpty()) {
      return;
    }
    List<String> origins = request.getHeaders().getValuesList(HttpHeader.ORIGIN);
    if (origins.size() == 1 && allowed.contains(origins.get(0))) {
      return;
    }
    String shown = origins.isEmpty() ? "(none)" : printable(String.join(", ", origins));
    log.info("refused a WebSocket upgrade from {}: origin {} is not allowed", Request.getRemoteAddr(request), shown);
    throw new LiveException(ErrorCode.ORIGIN_NOT_ALLOWED, origins.isEmpty()
        ? "this server accepts WebSocket connections only from the origins it lists, and the request has no"
            + " Origin header"
        : "this server does not accept WebSocket connections from origin " + shown);
  }

  /**
   * Refuses an HTTP request to a Live route with {@code ORIGIN_NOT_ALLOWED} when the list is not
   * empty and the request carries an {@code Origin} header that is not in it. Browsers send one
   * with every cross-origin request and every POST, so a page elsewhere cannot call procedures
   * with the user's cookies; a request without one comes from a program, not a page, and passes.
   */
  void checkHttp(Request request) {
    List<String> origins = request.getHeaders().getValuesList(HttpHeader.ORIGIN);
    if (allowed.isEmpty() || origins.isEmpty() || origins.size() == 1 && allowed.contains(origins.get(0))) {
      return;
    }
    String shown = printable(String.join(", ", origins));
    log.info("refused an HTTP request from {}: origin {} is not allowed", Request.getRemoteAddr(request), shown);
    throw new LiveException(ErrorCode.ORIGIN_NOT_ALLOWED, "this server does not accept requests from origin " + shown);
  }

  /**
   * Checks that {@code origin} is written as a browser sends it, {@code scheme://host[:port]}:
   * otherwise it could never match, and the mistake would show only as refused clients.
   */
  static void requireValid(String origin) {
    if (origin == null) {
      throw new IllegalArgumentException("allowedOrigins holds null; list origins such as https://app.example.com");
    }
    Matcher matcher = ORIGIN.matcher(origin);
    if (!matcher.matches()) {
      throw new IllegalArgumentException("allowedOrigins: '" + origin + "' is not an origin; an origin is"
          + " scheme://host[:port] in lowercase, without a path or a trailing slash, such as https://app.example.com"
          + " or http://localhost:5173 (no wildcards: list each origin)");
    }
    String port = matcher.group(3);
    if (port != null) {
      int number = Integer.parseInt(port);
      if (number < 1 || number > 65535 || port.startsWith("0")) {
        throw new IllegalArgumentException("allowedOrigins: '" + origin + "' has port " + port
            + "; a port is from 1 to 65535, without leading zeros");
      }
      String scheme = matcher.group(1);
      if (scheme.equals("https") && number == 443 || scheme.equals("http") && number == 80) {
        throw new IllegalArgumentException("allowedOrigins: '" + origin + "' names the default port, which"
            + " browsers leave out of the Origin header; write " + scheme + "://" + matcher.group(2));
      }
    }
  }

  /** The origin as logged and echoed: control characters replaced, at most 200 characters. */
  private static String printable(String origin) {
    String shortened = origin.length() > 200 ? origin.substring(0, 200) + "..." : origin;
    StringBuilder text = new StringBuilder(shortened.length());
    for (int i = 0; i < shortened.length(); i++) {
      char c = shortened.charAt(i);
      text.append(Character.isISOControl(c) ? '?' : c);
    }
    return text.toString();
  }
}
