// One live query of the client: the rows as the server sent them (snapshot, then deltas, in
// order of version), and what the listener last saw: those rows with the optimistic writes the
// server has not reflected yet (docs/protocol.md, "subscribe → snapshot, deltas").

import { frozen } from "./optimistic.js";

export class LiveResult {
  /**
   * @param id the subscription's id on the wire
   * @param request {query} or {procedure, input}
   * @param single true for a query of at most one row (first(), one(id), or such a procedure)
   */
  constructor(id, request, single, listener, onError) {
    this.id = id;
    this.request = request;
    this.single = single;
    this.listener = listener;
    this.onError = onError;
    /** The query in wire form; a procedure's is known from its first snapshot. */
    this.spec = request.query;
    this.rows = [];
    /** The version the server's rows are at; -1 before the first snapshot. */
    this.version = -1;
    this.closed = false;
    this.lastDelivered = undefined;
  }

  /** The subscribe message; `from` resumes where the rows are (docs/protocol.md, "Resuming"). */
  subscribeMessage() {
    const message = { type: "subscribe", id: this.id, ...this.request };
    if (this.version >= 0) message.from = this.version;
    return message;
  }

  snapshot(message, known, schema) {
    if (message.query) this.spec = message.query;
    this.single = this.single || Boolean(this.spec && (this.spec.first || this.spec.id !== undefined));
    this.rows = message.rows.map((row) => this.#arrived(row, known, schema));
    this.version = message.version;
  }

  /** Applies a delta; false when it does not follow what the client holds (it missed one). */
  delta(message, known, schema) {
    if (message.from !== this.version) return false;
    const idField = schema.collections[this.spec.collection].id;
    let rows = [...this.rows];
    for (const change of message.changes) {
      if (change.op === "remove") {
        rows = rows.filter((row) => row[idField] !== change.id);
      } else {
        const row = this.#arrived(change.row, known, schema);
        if (change.op === "update") rows = rows.filter((other) => other[idField] !== row[idField]);
        rows.splice(Math.min(change.index, rows.length), 0, row);
      }
    }
    this.rows = rows;
    this.version = message.to;
    return true;
  }

  #arrived(row, known, schema) {
    known.remember(schema, this.spec.collection, this.spec.include, row);
    return frozen(row);
  }

  /**
   * Calls the listener with `view` unless it shows what it showed last time: the same rows, the
   * same of them pending (a confirmed row may equal its optimistic one, and must be shown so).
   */
  deliver(view, isPending) {
    if (this.closed || this.version < 0) return;
    const pendingAt = [];
    view.forEach((row, index) => { if (isPending(row)) pendingAt.push(index); });
    // The overlay returns the server's own array when no write touches this result.
    const pending = view !== this.rows;
    const text = JSON.stringify(view) + "|" + pendingAt.join(",") + "|" + pending;
    if (text === this.lastDelivered) return;
    this.lastDelivered = text;
    const rows = Object.freeze(view === this.rows ? [...view] : view);
    const info = Object.freeze({ version: this.version, pending });
    try {
      this.listener(this.single ? (rows[0] ?? null) : rows, info);
    } catch (error) {
      console.error("a live query's listener failed", error);
    }
  }
}
