package dev.live.server;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The text of one message and its UTF-8 bytes, encoded once, on first send, and then shared: a
 * delta that goes to a thousand connections under the same subscription id is one object, so it
 * is encoded once rather than once per connection. Each send reads the bytes through a buffer of
 * its own, and nothing writes to them.
 */
final class OutgoingText {
  private final String text;
  /** Set by the first send; a race encodes twice, to the same bytes. */
  private volatile ByteBuffer utf8;

  OutgoingText(String text) {
    this.text = text;
  }

  String text() {
    return text;
  }

  /** The size the outbound queue accounts for: characters, known without encoding. */
  int length() {
    return text.length();
  }

  /** A buffer over the UTF-8 bytes, positioned at their start, for one send. */
  ByteBuffer payload() {
    ByteBuffer bytes = utf8;
    if (bytes == null) {
      bytes = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
      utf8 = bytes;
    }
    return bytes.duplicate();
  }
}
