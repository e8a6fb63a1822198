package dev.live.server;

import dev.live.error.ErrorCode;
import dev.live.error.LiveException;
import dev.live.server.protocol.ServerMessages;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/** JSON answers to HTTP requests, and the HTTP status of each error code. */
final class HttpReplies {
  private HttpReplies() {}

  static void json(Response response, Callback callback, int status, String body) {
    response.setStatus(status);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json; charset=utf-8");
    response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
    Content.Sink.write(response, true, body, callback);
  }

  /**
   * {@code {"error": {...}}} with the status the code maps to. The connection is closed after it:
   * an error may come before the request body was read, and a kept-alive connection with an unread
   * body would break the client's next request.
   */
  static void error(Response response, Callback callback, LiveException error) {
    response.getHeaders().put(HttpHeader.CONNECTION, "close");
    if (error.code() == ErrorCode.RATE_LIMITED) {
      response.getHeaders().put(HttpHeader.RETRY_AFTER, "1"); // a token comes back within a second
    } else if (error.code() == ErrorCode.TOO_MANY_CONNECTIONS) {
      response.getHeaders().put(HttpHeader.RETRY_AFTER, "5");
    }
    json(response, callback, status(error.code()), "{\"error\":" + ServerMessages.error(error) + "}");
  }

  static int status(ErrorCode code) {
    switch (code) {
      case UNAUTHENTICATED:
        return 401;
      case FORBIDDEN:
      case ORIGIN_NOT_ALLOWED:
        return 403;
      case NOT_FOUND:
        return 404;
      case ALREADY_EXISTS:
      case UNIQUE_VIOLATION:
      case REFERENCE_NOT_FOUND:
      case STILL_REFERENCED:
      case CONFLICT:
      case ALREADY_APPLIED:
        return 409;
      case REJECTED:
        return 422;
      case RATE_LIMITED:
      case QUOTA_EXCEEDED: // fits later: the message says when
        return 429;
      case ROW_TOO_LARGE:
        return 413; // never fits as it is, unlike QUOTA_EXCEEDED
      case TOO_MANY_CONNECTIONS:
        return 503;
      case PROCEDURE_FAILED:
        return 500;
      case STORAGE_FAILED:
      case SERVER_STOPPED:
        return 503;
      case TIMEOUT:
        return 504; // the database, which this server waits on like a gateway, did not answer in time
      default:
        return 400;
    }
  }
}
