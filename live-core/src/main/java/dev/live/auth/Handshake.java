package dev.live.auth;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a client presents when it connects (the WebSocket upgrade) or calls over HTTP: its
 * headers, cookies and query parameters, and where it connects from. Names of headers are
 * matched without regard to case.
 *
 * <pre>{@code
 * .authenticate(handshake -> handshake.bearerToken()
 *     .map(tokens::verify)                       // your token check
 *     .orElse(AuthContext.anonymous()))
 * }</pre>
 */
public record Handshake(
    Map<String, List<String>> headers,
    Map<String, String> cookies,
    Map<String, List<String>> queryParameters,
    String remoteAddress) {

  public Handshake {
    headers = Map.copyOf(headers);
    cookies = Map.copyOf(cookies);
    queryParameters = Map.copyOf(queryParameters);
    Objects.requireNonNull(remoteAddress, "remoteAddress");
  }

  /** The first value of header {@code name}, in any case. */
  public Optional<String> header(String name) {
    for (Map.Entry<String, List<String>> header : headers.entrySet()) {
      if (header.getKey().equalsIgnoreCase(name) && !header.getValue().isEmpty()) {
        return Optional.of(header.getValue().get(0));
      }
    }
    return Optional.empty();
  }

  public Optional<String> cookie(String name) {
    return Optional.ofNullable(cookies.get(name));
  }

  /** The first value of query parameter {@code name}. */
  public Optional<String> queryParameter(String name) {
    List<String> values = queryParameters.get(name);
    return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
  }

  /**
   * The token of an {@code Authorization: Bearer ...} header. Browsers cannot set headers on a
   * WebSocket, so the browser client sends its token as the {@code access_token} query parameter
   * (the name RFC 6750 gives it), which is looked at next; then {@code token}, the name earlier
   * browser clients sent, so that pages and scripts still using it keep authenticating.
   */
  public Optional<String> bearerToken() {
    Optional<String> header = header("Authorization")
        .filter(value -> value.regionMatches(true, 0, "Bearer ", 0, 7))
        .map(value -> value.substring(7).trim())
        .filter(token -> !token.isEmpty());
    return header
        .or(() -> queryParameter("access_token").filter(token -> !token.isEmpty()))
        .or(() -> queryParameter("token").filter(token -> !token.isEmpty()));
  }
}
