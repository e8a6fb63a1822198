// Keeping to the server's limits and waiting between attempts: a send pacer under the rate the
// server states in `welcome`, and the reconnect backoff.

/**
 * Sends messages no faster than 90% of the server's rate, bursts within 90% of its burst, so that
 * the server never refuses one (docs/protocol.md, "Limits"). Until the rate is known, sends at once.
 */
export class Pacer {
  #queue = [];
  #tokens = 0;
  #rate = 0;
  #burst = 0;
  #last = 0;
  #timer = null;

  constructor(send) {
    this.send = send;
  }

  limit(rate) {
    if (!rate || !(rate.messagesPerSecond > 0)) return;
    this.#rate = rate.messagesPerSecond * 0.9;
    this.#burst = Math.max(1, Math.floor(rate.burst * 0.9));
    this.#tokens = this.#burst;
    this.#last = Date.now();
  }

  push(text) {
    this.#queue.push(text);
    this.#drain();
  }

  /** Forgets what waits: the connection it was for is gone (the client sends again on the next). */
  clear() {
    this.#queue = [];
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    this.#rate = 0;
  }

  #drain() {
    if (this.#timer) return;
    while (this.#queue.length > 0) {
      if (this.#rate > 0) {
        const now = Date.now();
        this.#tokens = Math.min(this.#burst, this.#tokens + ((now - this.#last) / 1000) * this.#rate);
        this.#last = now;
        if (this.#tokens < 1) {
          const wait = Math.ceil(((1 - this.#tokens) / this.#rate) * 1000);
          this.#timer = setTimeout(() => {
            this.#timer = null;
            this.#drain();
          }, wait);
          return;
        }
        this.#tokens -= 1;
      }
      this.send(this.#queue.shift());
    }
  }
}

/**
 * Exponential backoff, capped, each delay drawn between half and all of it. Which step an attempt
 * is at is the node list's to say (client/nodes.js): it steps once per round over the nodes.
 */
export class Backoff {
  constructor(initialMs = 250, maxMs = 10000) {
    this.initialMs = initialMs;
    this.maxMs = maxMs;
  }

  /** The delay at `step` (0 for the first), in milliseconds. */
  delay(step) {
    const ceiling = Math.min(this.maxMs, this.initialMs * 2 ** Math.min(Math.max(step, 0), 30));
    return Math.round(ceiling / 2 + Math.random() * (ceiling / 2));
  }
}
