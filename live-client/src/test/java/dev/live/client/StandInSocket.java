package dev.live.client;

import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;

/** A WebSocket that records what is sent on it; once its output is closed, sends fail as the JDK's do. */
final class StandInSocket implements WebSocket {
  final BlockingQueue<String> sent = new LinkedBlockingQueue<>();
  volatile ClientSocket socket;
  volatile boolean outputClosed;

  @Override
  public CompletableFuture<WebSocket> sendText(CharSequence data, boolean last) {
    if (outputClosed) {
      return CompletableFuture.failedFuture(new java.io.IOException("Output closed"));
    }
    sent.add(data.toString());
    return CompletableFuture.completedFuture(this);
  }

  @Override
  public CompletableFuture<WebSocket> sendBinary(ByteBuffer data, boolean last) {
    return CompletableFuture.completedFuture(this);
  }

  @Override
  public CompletableFuture<WebSocket> sendPing(ByteBuffer message) {
    return CompletableFuture.completedFuture(this);
  }

  @Override
  public CompletableFuture<WebSocket> sendPong(ByteBuffer message) {
    return CompletableFuture.completedFuture(this);
  }

  @Override
  public CompletableFuture<WebSocket> sendClose(int statusCode, String reason) {
    outputClosed = true;
    return CompletableFuture.completedFuture(this);
  }

  @Override
  public void request(long n) {
  }

  @Override
  public String getSubprotocol() {
    return "";
  }

  @Override
  public boolean isOutputClosed() {
    return outputClosed;
  }

  @Override
  public boolean isInputClosed() {
    return outputClosed;
  }

  @Override
  public void abort() {
    outputClosed = true;
  }
}
