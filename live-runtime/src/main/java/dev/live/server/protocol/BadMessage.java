package dev.live.server.protocol;

import dev.live.error.LiveException;
import java.util.Objects;
import java.util.Optional;

/**
 * A client message that could not be decoded: the error to send back, and the request's id
 * when it was read before the problem, so that the error reply can name the request.
 */
public final class BadMessage extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final transient Optional<String> requestId;
  private final LiveException error;

  public BadMessage(Optional<String> requestId, LiveException error) {
    super(error.getMessage(), error, false, false);
    this.requestId = Objects.requireNonNull(requestId, "requestId");
    this.error = error;
  }

  /** The id of the request as JSON text, if it was read. */
  public Optional<String> requestId() {
    return requestId;
  }

  public LiveException error() {
    return error;
  }
}
