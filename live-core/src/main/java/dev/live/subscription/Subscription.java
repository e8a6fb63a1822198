package dev.live.subscription;

/** A live query a listener follows; close it to stop. Closing twice does nothing. */
public interface Subscription extends AutoCloseable {
  @Override
  void close();
}
