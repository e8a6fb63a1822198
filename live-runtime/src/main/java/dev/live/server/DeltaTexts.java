package dev.live.server;

import dev.live.server.protocol.ServerMessages;

/**
 * Builds the text of a delta for each subscription a change reaches, sharing the work between
 * them: the engine hands the same changes to every subscription of a node one after another on
 * one thread, so the part after the subscription id is built once per distinct {@code from}, and
 * the whole text is reused when the id is the same too (clients often name subscriptions alike),
 * and with it its UTF-8 encoding ({@link OutgoingText}).
 */
final class DeltaTexts {
  private static final ThreadLocal<DeltaTexts> CURRENT = ThreadLocal.withInitial(DeltaTexts::new);

  private String changes;
  private long from = -1;
  private long to = -1;
  private String tail;
  private String id;
  private OutgoingText text;

  private DeltaTexts() {}

  /** The delta message for subscription {@code id}. */
  static OutgoingText of(String id, long from, long to, String changes) {
    return CURRENT.get().text(id, from, to, changes);
  }

  private OutgoingText text(String id, long from, long to, String changes) {
    if (changes != this.changes || from != this.from || to != this.to) {
      this.changes = changes;
      this.from = from;
      this.to = to;
      this.tail = ServerMessages.deltaTail(from, to, changes);
      this.id = null;
    }
    if (!id.equals(this.id)) {
      this.id = id;
      this.text = new OutgoingText(ServerMessages.deltaHead(id) + tail);
    }
    return text;
  }
}
