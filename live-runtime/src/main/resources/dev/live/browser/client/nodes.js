// The servers a client may connect to: one, or several nodes of one application sharing a database
// (docs/browser.md, "Several nodes"). Which one the next attempt goes to, and how long it waits.

import { LiveError } from "./errors.js";

/**
 * The nodes, in an order of this client's own (drawn at random unless `shuffle` is false), so that
 * clients spread over the nodes and the clients of a node that fails spread over the others. The
 * client stays on the node it reached while that one serves it; when an attempt fails or the
 * connection ends, the next goes to the next node, round the list. Waits grow by whole rounds:
 * every attempt of a round waits the same backoff step, and only a round in which every node
 * failed moves the backoff on a step (with one node, every failure: the backoff of one URL).
 */
export class Nodes {
  #order;
  #backoff;
  #index = 0;
  #failures = 0;

  constructor(nodes, shuffle, backoff) {
    this.#order = shuffle ? shuffled(nodes) : [...nodes];
    this.#backoff = backoff;
  }

  /** The nodes in this client's order: {http, ws} base URLs. */
  get all() {
    return this.#order;
  }

  /** The node the next (or the current) attempt goes to. */
  get current() {
    return this.#order[this.#index];
  }

  /** Starts on `node` (one of `all`): the one whose schema answered. */
  startAt(node) {
    this.#index = Math.max(0, this.#order.indexOf(node));
  }

  /** The attempt on `current` failed, or its connection ended: moves on; returns the wait in ms. */
  failed() {
    this.#failures++;
    this.#index = (this.#index + 1) % this.#order.length;
    return this.#backoff.delay(Math.floor((this.#failures - 1) / this.#order.length));
  }

  /** `current` said welcome: the next failure starts a new round at the first step. */
  connected() {
    this.#failures = 0;
  }
}

/**
 * The base URLs of `url`: a ws: or wss: URL, or a non-empty array of them, each named once; each
 * as {http, ws} without a trailing slash.
 */
export function nodeUrls(url, base) {
  const list = Array.isArray(url) ? url : [url];
  if (list.length === 0) {
    throw new LiveError("INVALID_VALUE", "connect({url}) got an empty list: name at least one server"
      + " (ws://host:port/live)");
  }
  const seen = new Set();
  return list.map((one) => {
    if (typeof one !== "string" || one === "") {
      throw new LiveError("INVALID_VALUE", `connect({url}) takes ws: or wss: URLs, not ${JSON.stringify(one)}`);
    }
    const node = base(one);
    if (seen.has(node.ws)) throw new LiveError("INVALID_VALUE", `connect({url}) names ${one} twice`);
    seen.add(node.ws);
    return node;
  });
}

function shuffled(list) {
  const copy = [...list];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [copy[i], copy[j]] = [copy[j], copy[i]];
  }
  return copy;
}
