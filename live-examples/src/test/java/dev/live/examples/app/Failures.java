package dev.live.examples.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.live.error.LiveException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

/** The typed error a client's request failed with. */
final class Failures {
  private Failures() {}

  static LiveException failure(CompletableFuture<?> request) {
    Throwable thrown = catchThrowable(() -> request.get(15, TimeUnit.SECONDS));
    Throwable cause = thrown instanceof CompletionException || thrown instanceof java.util.concurrent.ExecutionException
        ? thrown.getCause() : thrown;
    assertThat(cause).as("the request's failure").isInstanceOf(LiveException.class);
    return (LiveException) cause;
  }
}
