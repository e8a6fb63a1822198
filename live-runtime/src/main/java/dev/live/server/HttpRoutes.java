package dev.live.server;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.live.auth.AuthContext;
import dev.live.error.ErrorCode;
import dev.live.error.LiveException;
import dev.live.error.ReportWindow;
import dev.live.json.DecodeException;
import dev.live.json.JsonReads;
import dev.live.json.LiveJson;
import dev.live.procedure.ProcedureCall;
import dev.live.procedure.ProcedureDispatcher;
import dev.live.query.QueryJson;
import dev.live.query.QuerySpec;
import dev.live.server.protocol.MessageReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.OptionalLong;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP routes under the server's path, for clients that cannot hold a socket ({@code
 * docs/protocol.md}, "HTTP"): {@code POST /live/query}, {@code POST /live/call/{procedure}} and
 * {@code GET /live/health} and {@code GET /live/stats}; and the browser's files ({@link BrowserFiles}).
 * Other requests fall through to the next handler.
 */
final class HttpRoutes extends Handler.Abstract {
  private static final Logger log = LoggerFactory.getLogger(HttpRoutes.class);
  static final String CLIENT_ID_HEADER = "Live-Client-Id";
  static final String SEQ_HEADER = "Live-Mutation-Seq";

  /** Addresses whose requests failed lately, the most recent {@link #MAX_FAILING_ADDRESSES} of them. */
  private static final int MAX_FAILING_ADDRESSES = 10_000;

  private final LiveCore core;
  private final java.util.Map<String, ReportWindow> failureCounters = java.util.Collections.synchronizedMap(
      new java.util.LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(java.util.Map.Entry<String, ReportWindow> eldest) {
          return size() > MAX_FAILING_ADDRESSES;
        }
      });

  HttpRoutes(LiveCore core) {
    this.core = core;
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) {
    String base = core.options().path();
    String path = Request.getPathInContext(request);
    if (!path.startsWith(base + "/")) {
      return false;
    }
    String route = path.substring(base.length());
    try {
      if ((request.getMethod().equals("GET") || request.getMethod().equals("HEAD"))
          && core.browserFiles().handle(route, request, response, callback)) {
        return true;
      }
      if (route.equals("/health")) {
        requireMethod(request, "GET");
        health(response, callback);
      } else if (route.equals("/stats")) {
        requireMethod(request, "GET");
        stats(request, response, callback);
      } else if (route.equals("/query")) {
        requireMethod(request, "POST");
        query(request, response, callback);
      } else if (route.startsWith("/call/")) {
        requireMethod(request, "POST");
        call(request, response, callback, route.substring("/call/".length()));
      } else {
        return false;
      }
    } catch (LiveException e) {
      failed(request, route, e);
      HttpReplies.error(response, callback, e);
    } catch (RuntimeException | IOException e) {
      LiveException failure = new LiveException(ErrorCode.STORAGE_FAILED, "the server failed to answer this request", e);
      failed(request, route, failure);
      HttpReplies.error(response, callback, failure);
    }
    return true;
  }

  /**
   * Logs a request answered with an error: a failure of the server through the {@link FailureLog},
   * counted per address (HTTP has no connection to count by), a refusal at DEBUG.
   */
  private void failed(Request request, String route, LiveException error) {
    if (FailureLog.isServerFailure(error)) {
      String address = core.clientAddress(request);
      ReportWindow counter = failureCounters.computeIfAbsent(address, key -> FailureLog.window());
      core.failures().failed(counter, "HTTP caller " + address, route, error);
    } else {
      log.atDebug().setMessage("HTTP request refused").addKeyValue("route", route).addKeyValue("code", error.code())
          .addKeyValue("appCode", error.appCode().orElse("-")).log();
    }
  }

  private static void requireMethod(Request request, String method) {
    if (!request.getMethod().equals(method)) {
      throw new LiveException(ErrorCode.PROTOCOL_VIOLATION, "this route takes " + method + ", not " + request.getMethod());
    }
  }

  private void health(Response response, Callback callback) {
    FatalErrors fatal = core.fatal();
    if (fatal.hasFailed()) { // first: the parts it names may be stopped, or stopping
      HttpReplies.json(response, callback, 503, "{\"status\":\"down\",\"reason\":\"" + fatal.reason() + "\"}");
      return;
    }
    if (!core.service().engine().isRunning()) {
      HttpReplies.json(response, callback, 503, "{\"status\":\"down\",\"reason\":\"the live query engine stopped\"}");
      return;
    }
    long version;
    try {
      version = core.service().store().changes().latestVersion();
    } catch (RuntimeException e) {
      HttpReplies.json(response, callback, 503, "{\"status\":\"down\",\"reason\":\"storage does not answer\"}");
      return;
    }
    HttpReplies.json(response, callback, 200, "{\"status\":\"up\",\"version\":" + version + ",\"connections\":"
        + core.connectionCount() + ",\"node\":" + core.nodesJson() + "}");
  }

  /** The server's figures, for callers the configured check lets in. */
  private void stats(Request request, Response response, Callback callback) {
    java.util.function.Predicate<AuthContext> allowed = core.config().statsAccess().orElseThrow(() ->
        new LiveException(ErrorCode.FORBIDDEN, "the stats endpoint is off; turn it on with"
            + " LiveServer.builder().stats(auth -> ...)"));
    AuthContext auth = core.authenticate(request);
    boolean ok;
    try {
      ok = allowed.test(auth);
    } catch (RuntimeException e) {
      log.warn("the stats check failed; the request is refused", e);
      ok = false;
    }
    if (!ok) {
      throw new LiveException(ErrorCode.FORBIDDEN, "you may not read the server's stats");
    }
    HttpReplies.json(response, callback, 200, core.statsJson());
  }

  private void query(Request request, Response response, Callback callback) throws IOException {
    AuthContext auth = admitted(request);
    String body = body(request);
    QuerySpec<?> spec = decodeQuery(body);
    LiveService.Rows rows = core.service().query(auth, spec);
    HttpReplies.json(response, callback, 200, "{\"version\":" + rows.version() + ",\"rows\":" + rows.json() + "}");
  }

  private void call(Request request, Response response, Callback callback, String name) throws IOException {
    AuthContext auth = admitted(request);
    ProcedureDispatcher dispatcher = core.dispatchers().get(name);
    if (dispatcher == null) {
      throw new LiveException(ErrorCode.UNKNOWN_PROCEDURE, "unknown procedure '" + JsonReads.shortened(name)
          + "'; the server runs: " + String.join(", ", new java.util.TreeSet<>(core.dispatchers().keySet())));
    }
    String body = body(request);
    ProcedureCall call = decodeInput(dispatcher, name, body);
    Optional<String> clientId = Optional.ofNullable(request.getHeaders().get(CLIENT_ID_HEADER));
    if (clientId.isPresent() && !MessageReader.CLIENT_ID.matcher(clientId.get()).matches()) {
      throw new LiveException(ErrorCode.INVALID_VALUE, CLIENT_ID_HEADER + " has 1 to 64 letters, digits and . _ : -");
    }
    clientId = clientId.map(id -> MutationKeys.of(auth, id));
    OptionalLong seq = sequence(request);
    if (seq.isPresent() && clientId.isEmpty()) {
      throw new LiveException(ErrorCode.MISSING_FIELD, SEQ_HEADER + " goes with a " + CLIENT_ID_HEADER + " header");
    }
    LiveService.Outcome outcome = core.service().call(auth, core.clientAddress(request), clientId, seq, dispatcher, call);
    if (outcome instanceof LiveService.Outcome.Applied applied) {
      HttpReplies.json(response, callback, 200, "{\"version\":" + applied.version() + ",\"value\":"
          + applied.json().orElse("null") + "}");
    } else if (outcome instanceof LiveService.Outcome.Duplicate duplicate) {
      HttpReplies.error(response, callback, new LiveException(ErrorCode.ALREADY_APPLIED, "this client's call with seq "
          + seq.getAsLong() + " was applied before (the last recorded is " + duplicate.lastMutation() + ")"));
    } else {
      LiveException error = ((LiveService.Outcome.Rejected) outcome).error();
      failed(request, "/call/" + name, error);
      HttpReplies.error(response, callback, error);
    }
  }

  /**
   * Who sent a query or call, once its origin and its rate are checked: an HTTP request takes a
   * token from the same shared bucket as its sender's WebSocket messages, so HTTP is no way around
   * the WebSocket's limits.
   */
  private AuthContext admitted(Request request) {
    core.origins().checkHttp(request);
    AuthContext auth = core.authenticate(request);
    core.admitHttp(auth, core.clientAddress(request));
    return auth;
  }

  private QuerySpec<?> decodeQuery(String body) {
    try (JsonParser in = core.jsonFactory().createParser(body)) {
      if (in.nextToken() == null) {
        throw JsonReads.at(in, ErrorCode.MALFORMED_JSON, "", "the body is empty; it is a query");
      }
      QuerySpec<?> spec = QueryJson.read(core.config().schema(), in, core.options().queryLimits(), core.jsonFactory());
      if (in.nextToken() != null) {
        throw JsonReads.at(in, ErrorCode.MALFORMED_JSON, "", "unexpected content after the query");
      }
      return spec;
    } catch (IOException e) {
      throw LiveJson.asDecodeException(e);
    }
  }

  private ProcedureCall decodeInput(ProcedureDispatcher dispatcher, String name, String body) throws IOException {
    if (body.isBlank()) {
      try {
        return dispatcher.decode(name, null);
      } catch (DecodeException e) {
        throw e.within("input");
      }
    }
    try (JsonParser in = core.jsonFactory().createParser(body)) {
      JsonToken first = in.nextToken();
      ProcedureCall call = dispatcher.decode(name, first == JsonToken.VALUE_NULL ? null : in);
      if (in.nextToken() != null) {
        throw JsonReads.at(in, ErrorCode.MALFORMED_JSON, "", "unexpected content after the input");
      }
      return call;
    } catch (DecodeException e) {
      throw e.within("input");
    } catch (IOException e) {
      throw LiveJson.asDecodeException(e).within("input");
    }
  }

  private static OptionalLong sequence(Request request) {
    String text = request.getHeaders().get(SEQ_HEADER);
    if (text == null) {
      return OptionalLong.empty();
    }
    try {
      long seq = Long.parseLong(text.trim());
      if (seq >= 1) {
        return OptionalLong.of(seq);
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new LiveException(ErrorCode.INVALID_VALUE, SEQ_HEADER + " is a whole number from 1");
  }

  /** The request body, refused beyond the largest message a connection may send. */
  private String body(Request request) throws IOException {
    int max = core.options().maxMessageBytes();
    long declared = request.getHeaders().getLongField(HttpHeader.CONTENT_LENGTH);
    if (declared > max) {
      throw tooLarge(max);
    }
    byte[] bytes;
    ServerOptions options = core.options();
    try (InputStream in = Request.asInputStream(request);
        BodyRate rate = new BodyRate(request.getComponents().getScheduler(),
            request.getConnectionMetaData().getConnection().getEndPoint(), options.minRequestDataRate(),
            options.requestHeaderTimeout().toNanos())) {
      java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
      byte[] chunk = new byte[8192];
      int n;
      while (body.size() <= max && (n = in.read(chunk, 0, (int) Math.min(chunk.length, max + 1L - body.size()))) > 0) {
        body.write(chunk, 0, n);
        rate.read(n);
      }
      bytes = body.toByteArray();
    } catch (IOException e) {
      // The client's doing, not the server's failure: it went away, or sent slower than allowed.
      throw new LiveException(ErrorCode.PROTOCOL_VIOLATION, "the request body could not be read: it ended early,"
          + " or arrived slower than " + core.options().minRequestDataRate() + " bytes per second");
    }
    if (bytes.length > max) {
      throw tooLarge(max);
    }
    return new String(bytes, StandardCharsets.UTF_8);
  }

  private static LiveException tooLarge(int max) {
    return new LiveException(ErrorCode.LIMIT_EXCEEDED, "a request body has at most " + max + " bytes");
  }
}
