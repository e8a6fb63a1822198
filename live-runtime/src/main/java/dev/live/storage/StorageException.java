package dev.live.storage;

import dev.live.error.ErrorCode;
import dev.live.error.LiveException;
import java.util.Optional;

/**
 * A write or read that storage refused or could not do, with the collection and field it is
 * about when there is one: {@code UNIQUE_VIOLATION} on {@code teams.name}, {@code
 * REFERENCE_NOT_FOUND} on {@code tasks.assigneeId}. The database's own exception is the cause,
 * for server logs; its text never becomes the message, which could carry other users' data.
 */
public final class StorageException extends LiveException {
  private static final long serialVersionUID = 1L;

  private final String collection;
  private final String field;
  private final transient boolean retryable;

  StorageException(ErrorCode code, String message, String collection, String field, Throwable cause,
      boolean retryable) {
    super(code, message, cause);
    this.collection = collection;
    this.field = field;
    this.retryable = retryable;
  }

  /** The collection the error is about, when it is about one. */
  public Optional<String> collection() {
    return Optional.ofNullable(collection);
  }

  /** The field the error is about, when it is about one. */
  public Optional<String> field() {
    return Optional.ofNullable(field);
  }

  /** Whether running the whole transaction again may succeed (a serialization failure or a deadlock). */
  public boolean isRetryable() {
    return retryable;
  }
}
