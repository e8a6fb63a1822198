// Live's browser client: an ES module without dependencies, served by the server at
// /live/client.js (types at /live/client.d.ts). It speaks protocol 1 (docs/protocol.md) over one
// WebSocket: live queries kept current from snapshots and deltas, one-shot queries, writes shown
// at once and confirmed or rolled back by the server, procedures, rooms; and when the connection
// drops, it reconnects with backoff, resumes its queries from where they were, and sends the
// writes the server has not acknowledged again under their sequence numbers, so that each
// applies exactly once. Given several nodes of one application, it connects to one and moves on to
// the next when that one fails (client/nodes.js). See docs/browser.md.

import { LiveError, listed } from "./client/errors.js";
import { Query, collectionOf } from "./client/query.js";
import { LiveResult } from "./client/results.js";
import { KnownRows, applyWrite, frozen } from "./client/optimistic.js";
import { Room, roomName } from "./client/rooms.js";
import { Backoff, Pacer } from "./client/pacing.js";
import { Nodes, nodeUrls } from "./client/nodes.js";

export { LiveError };

const PROTOCOL = 1;
const ACKED_GRACE_MS = 5000;

/** Creates a client and starts connecting; resolves once the schema is known. */
export async function connect(options = {}) {
  const backoff = new Backoff(options.backoff?.initialMs, options.backoff?.maxMs);
  const nodes = new Nodes(options.url ? nodeUrls(options.url, endpoints) : [endpoints(null)],
    options.shuffleNodes !== false, backoff);
  const schema = await loadSchema(nodes);
  return new LiveClient(schema, nodes, options);
}

class LiveClient {
  #schema;
  #nodes;
  #options;
  #socket = null;
  #state = "connecting";
  #stateListeners = new Set();
  #welcomed = false;
  #closed = false;
  #nextSeq = 1;
  #counter = 0;
  #results = new Map();
  #requests = new Map();
  #outbox = [];
  #rooms = new Map();
  /** Subscriptions closed by the client whose unsubscribe the server has not confirmed. */
  #unsubscribing = new Set();
  /** The change-log version of the last welcome: every write applied before it is in it. */
  #welcomeVersion = 0;
  #pingSentAt = 0;
  #known = new KnownRows();
  #pendingRows = new WeakSet();
  #pacer;
  #heartbeat = null;
  #lastHeard = 0;
  #context;

  constructor(schema, nodes, options) {
    this.#schema = schema;
    this.#nodes = nodes;
    this.#options = options;
    this.clientId = options.clientId ?? "web-" + randomId();
    this.#pacer = new Pacer((text) => this.#socket?.readyState === 1 && this.#socket.send(text));
    this.#context = { schema, known: this.#known, mark: (row) => (this.#pendingRows.add(row), row) };
    this.#open();
  }

  get state() {
    return this.#state;
  }

  /** The WebSocket URL of the node the client is connected to, or of the one it tries next. */
  get node() {
    return this.#nodes.current.ws;
  }

  onState(listener) {
    this.#stateListeners.add(listener);
    return () => this.#stateListeners.delete(listener);
  }

  from(collection) {
    return new Query(this.#schema, this.#runner(), { collection });
  }

  insert(collection, value) {
    return settled(() => {
      const idField = collectionOf(this.#schema, collection).id;
      const id = value?.[idField];
      if (id === undefined || id === null) {
        throw new LiveError("MISSING_FIELD", `an insert into ${collection} names its id (${idField});`
          + " ids are chosen by the client");
      }
      return this.#write({ kind: "insert", collection, key: id, value: copy(value) });
    });
  }

  update(collection, id, changes) {
    return settled(() => {
      const idField = collectionOf(this.#schema, collection).id;
      if (changes && idField in changes) {
        throw new LiveError("FIELD_NOT_UPDATABLE", `${collection}.${idField} is the id: it cannot be updated`);
      }
      return this.#write({ kind: "update", collection, key: id, value: copy(changes ?? {}) });
    });
  }

  delete(collection, id) {
    return settled(() => {
      collectionOf(this.#schema, collection);
      return this.#write({ kind: "delete", collection, key: id }).then(() => undefined);
    });
  }

  isPending(row) {
    return this.#pendingRows.has(row);
  }

  call(procedure, input) {
    return settled(() => {
      const info = this.#procedure(procedure);
      if (info.kind === "mutation") {
        return this.#write({ kind: "call", procedure, input: copy(input ?? null) });
      }
      return this.#request({ type: "call", procedure, input: input ?? null }).then((reply) => frozen(reply.value));
    });
  }

  live(procedure, ...args) {
    const info = this.#procedure(procedure);
    // A procedure without input is called live(name, listener[, onError]).
    const [input, listener, onError] = info.input ? args : [null, ...args];
    if (info.kind !== "live") {
      throw new LiveError("INVALID_QUERY", `${procedure} is not a live query procedure; these are: `
        + listed(Object.entries(this.#schema.procedures).filter(([, p]) => p.kind === "live").map(([n]) => n)));
    }
    return this.#subscribe({ procedure, input: input ?? null }, false, listener, onError);
  }

  room(type, key) {
    const name = roomName(type, key);
    let room = this.#rooms.get(name);
    if (!room) {
      room = new Room(name, { request: (message) => this.#request(message) });
      this.#rooms.set(name, room);
    }
    return room;
  }

  close() {
    if (this.#closed) return;
    this.#closed = true;
    this.#stopHeartbeat();
    this.#pacer.clear();
    const socket = this.#socket;
    this.#socket = null;
    if (socket) socket.close(1000, "closed by the client");
    const closed = () => new LiveError("CLOSED", "the client was closed");
    for (const request of this.#requests.values()) request.reject(closed());
    for (const write of this.#outbox) if (!write.acked) write.reject(closed());
    this.#requests.clear();
    this.#outbox = [];
    for (const result of this.#results.values()) result.closed = true;
    this.#results.clear();
    this.#setState("closed");
  }

  // ---- the connection ----

  async #open() {
    if (this.#closed) return;
    let token = null;
    try {
      const source = this.#options.token;
      token = typeof source === "function" ? await source() : source ?? null;
    } catch (error) {
      console.warn("Live: the token function failed; connecting without a token", error);
    }
    if (this.#closed) return;
    const url = new URL(this.#nodes.current.ws);
    // The parameter Handshake.bearerToken() reads (RFC 6750 section 2.3): a browser cannot set an
    // Authorization header on a WebSocket.
    if (token) url.searchParams.set("access_token", token);
    const socket = new WebSocket(url.toString());
    this.#socket = socket;
    socket.onopen = () => {
      socket.send(JSON.stringify({ type: "hello", id: "hello", protocol: PROTOCOL, clientId: this.clientId }));
    };
    socket.onmessage = (event) => {
      if (socket === this.#socket) this.#receive(event.data);
    };
    socket.onclose = () => this.#dropped(socket);
    socket.onerror = () => {}; // a close follows
  }

  /** The connection is gone: everything unanswered waits for the next one. */
  #dropped(socket) {
    if (socket !== this.#socket || this.#closed) return;
    this.#socket = null;
    this.#welcomed = false;
    this.#pacer.clear();
    this.#stopHeartbeat();
    // Joined rooms join again by themselves on the next connection; an unanswered rejoin sent
    // as well would be a second join of the same room.
    for (const [id, request] of [...this.#requests]) {
      if (id.startsWith("j")) {
        this.#requests.delete(id);
      } else if (request.message.type === "leave") {
        // The membership ended with the connection.
        this.#requests.delete(id);
        request.resolve({ type: "left", id, room: request.message.room });
      }
    }
    this.#unsubscribing.clear();
    this.#setState("reconnecting");
    // The attempt on this node failed, or its connection ended: the next goes to the next node,
    // which has nothing of this client's to resume: its results come back as reset snapshots.
    setTimeout(() => this.#open(), this.#nodes.failed());
  }

  #startHeartbeat() {
    const every = this.#options.heartbeatMs ?? 20000;
    this.#lastHeard = Date.now();
    this.#pingSentAt = 0;
    this.#heartbeat = setInterval(() => {
      const now = Date.now();
      if (this.#pingSentAt > this.#lastHeard) {
        // Nothing heard since the last ping: the network may be gone without the socket noticing.
        // (Measured from the ping, not the last message: a background tab's timers may fire only
        // once a minute.)
        if (now - this.#pingSentAt > every) {
          const socket = this.#socket;
          this.#dropped(socket);
          socket?.close(4000, "no answer to heartbeats");
        }
        return;
      }
      this.#pingSentAt = now;
      this.#send({ type: "ping", id: "ping" });
    }, every);
  }

  #stopHeartbeat() {
    if (this.#heartbeat) clearInterval(this.#heartbeat);
    this.#heartbeat = null;
  }

  #setState(state) {
    if (state === this.#state) return;
    this.#state = state;
    for (const listener of this.#stateListeners) {
      try {
        listener(state);
      } catch (error) {
        console.error("Live: a state listener failed", error);
      }
    }
  }

  #send(message) {
    if (this.#welcomed) this.#pacer.push(JSON.stringify(message));
  }

  // ---- messages from the server ----

  #receive(text) {
    this.#lastHeard = Date.now();
    let message;
    try {
      message = JSON.parse(text);
    } catch (error) {
      console.warn("Live: the server sent a message that is not JSON", text);
      return;
    }
    switch (message.type) {
      case "welcome": return this.#welcome(message);
      case "snapshot": return this.#snapshot(message);
      case "delta": return this.#delta(message);
      case "ack": return this.#ack(message);
      case "result": return this.#callResult(message);
      case "error": return this.#error(message);
      case "presence":
      case "roomEvent":
      case "roomState":
        return this.#rooms.get(message.room)?.pushed(message);
      case "unsubscribed":
        this.#unsubscribing.delete(message.id);
        return;
      case "resumed":
      case "pong":
        return;
      default:
        return this.#reply(message);
    }
  }

  #welcome(message) {
    this.#welcomed = true;
    this.#welcomeVersion = message.version ?? 0;
    this.#nextSeq = Math.max(this.#nextSeq, (message.lastMutation ?? 0) + 1);
    this.#dropExpired(message.clientRetention ?? 0);
    this.#pacer.limit(message.rate);
    this.#nodes.connected();
    this.#setState("open");
    this.#startHeartbeat();
    // Rooms first: the requests below may be room requests that need the membership.
    for (const room of this.#rooms.values()) {
      const rejoin = room.rejoinMessage();
      if (rejoin) this.#rejoin(room, rejoin);
    }
    for (const result of this.#results.values()) this.#send(result.subscribeMessage());
    // Writes before reads: a read made after a write must see it, as it would have online.
    for (const write of this.#outbox) if (!write.acked) this.#sendWrite(write);
    for (const request of this.#requests.values()) this.#send(request.message);
  }

  /**
   * The server refused the hello: a rate limit (the user's allowance is shared by their tabs) is
   * waited out; anything else (an unsupported protocol version) would fail again on every
   * attempt, so the client stops.
   */
  #helloRefused(error) {
    const socket = this.#socket;
    if (error.code === "RATE_LIMITED") {
      setTimeout(() => {
        if (socket === this.#socket && socket?.readyState === 1 && !this.#welcomed) {
          socket.send(JSON.stringify({ type: "hello", id: "hello", protocol: PROTOCOL, clientId: this.clientId }));
        }
      }, 1000);
      return;
    }
    console.error(`Live: the server refused this client: ${error.code}: ${error.message}`);
    this.close();
  }

  #rejoin(room, message) {
    const id = this.#nextId("j");
    this.#requests.set(id, {
      message: { ...message, id },
      resolve: (reply) => room.rejoined(reply),
      reject: (error) => {
        room.joined = false;
        console.warn(`Live: joining room ${room.name} again failed: ${error.code} ${error.message}`);
      },
    });
    this.#send({ ...message, id });
  }

  #snapshot(message) {
    const result = this.#results.get(message.id);
    if (!result) return;
    result.snapshot(message, this.#known, this.#schema);
    if (this.#settle()) this.#refreshAll();
    else this.#refresh(result);
  }

  #delta(message) {
    const result = this.#results.get(message.id);
    // Deltas already on their way when the result started over: its new snapshot replaces them.
    if (!result || result.version < 0) return;
    if (!result.delta(message, this.#known, this.#schema)) {
      // Not a continuation of what the client holds: subscribe again, for a fresh snapshot.
      console.warn(`Live: subscription ${result.id} missed a delta (at ${result.version}, delta from ${message.from})`);
      result.version = -1;
      this.#send({ type: "unsubscribe", id: result.id });
      this.#send(result.subscribeMessage());
      return;
    }
    if (this.#settle()) this.#refreshAll();
    else this.#refresh(result);
  }

  #reply(message) {
    const request = this.#requests.get(message.id);
    if (!request) return;
    this.#requests.delete(message.id);
    request.resolve(message);
  }

  #error(message) {
    const error = LiveError.from(message.error);
    if (message.id === undefined || message.id === null) {
      console.warn(`Live: the server reported ${error.code}: ${error.message}`);
      return;
    }
    if (message.id === "hello") return this.#helloRefused(error);
    const result = this.#results.get(message.id);
    const request = this.#requests.get(message.id);
    const unsubscribing = this.#unsubscribing.has(message.id);
    if (error.code === "RATE_LIMITED" && (result || request || unsubscribing)) {
      // Not run; the same message goes again a second later, on the same connection only: a new
      // one has had everything sent again by the welcome.
      const socket = this.#socket;
      setTimeout(() => {
        if (socket !== this.#socket || !this.#welcomed) return;
        if (result && this.#results.get(result.id) === result) this.#send(result.subscribeMessage());
        if (request && this.#requests.get(message.id) === request) this.#send(request.message);
        if (unsubscribing && this.#unsubscribing.has(message.id)) this.#send({ type: "unsubscribe", id: message.id });
      }, 1000);
      return;
    }
    if (unsubscribing) {
      this.#unsubscribing.delete(message.id);
      return;
    }
    if (result) {
      this.#results.delete(result.id);
      result.closed = true;
      if (result.onError) result.onError(error);
      else console.warn(`Live: live query ${result.id} failed: ${error.code} ${error.message}`);
      return;
    }
    if (request) {
      this.#requests.delete(message.id);
      request.reject(error);
      return;
    }
    const write = this.#writeOf(message.id);
    if (write) {
      this.#outbox.splice(this.#outbox.indexOf(write), 1);
      write.reject(error.code === "ALREADY_APPLIED"
        ? new LiveError(error.code, "the call was applied before its result could reach this client"
          + " (the connection dropped); " + error.message)
        : error);
      this.#refreshAll();
    }
  }

  // ---- live queries ----

  #runner() {
    return {
      subscribe: (request, single, listener, onError) => this.#subscribe(request, single, listener, onError),
      get: (spec, single) => this.#request({ type: "query", query: spec }).then((reply) => {
        reply.rows.forEach((row) => this.#known.remember(this.#schema, spec.collection, spec.include, row));
        const rows = Object.freeze(reply.rows.map(frozen));
        return single ? (rows[0] ?? null) : rows;
      }),
    };
  }

  #subscribe(request, single, listener, onError) {
    if (typeof listener !== "function") throw new TypeError("subscribe takes a listener function");
    if (this.#closed) throw new LiveError("CLOSED", "the client was closed");
    const result = new LiveResult(this.#nextId("s"), request, single, listener, onError);
    this.#results.set(result.id, result);
    this.#send(result.subscribeMessage());
    return {
      close: () => {
        if (result.closed) return;
        result.closed = true;
        this.#results.delete(result.id);
        if (this.#welcomed) {
          this.#unsubscribing.add(result.id);
          this.#send({ type: "unsubscribe", id: result.id });
        }
      },
    };
  }

  /** What the listener sees: the server's rows with the writes not yet reflected in them. */
  #view(result) {
    let rows = result.rows;
    if (!result.spec) return rows;
    for (const write of this.#outbox) {
      if (write.kind === "call" || (write.acked && write.ackVersion <= result.version)) continue;
      rows = applyWrite(this.#context, result.spec, rows,
        { op: write.kind, collection: write.collection, id: write.key, value: write.value });
    }
    return rows;
  }

  #refresh(result) {
    result.deliver(this.#view(result), (row) => this.#pendingRows.has(row));
  }

  #refreshAll() {
    for (const result of this.#results.values()) this.#refresh(result);
  }

  /**
   * Forgets acknowledged writes every live result has caught up with, and those acknowledged
   * longer than a grace period ago: a result the write did not change on the server (a read rule
   * hid it, say) gets no delta to catch up with, and must stop showing the guess.
   */
  #settle() {
    const now = Date.now();
    const before = this.#outbox.length;
    this.#outbox = this.#outbox.filter((write) => !write.acked
      || (now - write.ackedAt < ACKED_GRACE_MS
        && [...this.#results.values()].some((result) => result.version >= 0 && result.version < write.ackVersion)));
    return this.#outbox.length !== before;
  }

  // ---- requests and writes ----

  #nextId(prefix) {
    return prefix + ++this.#counter;
  }

  #request(message) {
    if (this.#closed) return Promise.reject(new LiveError("CLOSED", "the client was closed"));
    const id = this.#nextId("q");
    return new Promise((resolve, reject) => {
      this.#requests.set(id, { message: { ...message, id }, resolve, reject });
      this.#send({ ...message, id });
    });
  }

  #procedure(name) {
    const info = this.#schema.procedures[name];
    if (!info) {
      throw new LiveError("UNKNOWN_PROCEDURE", `unknown procedure '${name}'; the server runs `
        + listed(Object.keys(this.#schema.procedures)));
    }
    return info;
  }

  #write(write) {
    if (this.#closed) return Promise.reject(new LiveError("CLOSED", "the client was closed"));
    const max = this.#options.maxOfflineWrites ?? 1000;
    if (this.#outbox.filter((w) => !w.acked).length >= max) {
      return Promise.reject(new LiveError("OFFLINE_QUEUE_FULL", `${max} writes already wait for the server`
        + " (maxOfflineWrites); wait for some to complete"));
    }
    return new Promise((resolve, reject) => {
      Object.assign(write, { seq: 0, acked: false, ackVersion: 0, resolve, reject });
      this.#outbox.push(write);
      if (this.#welcomed) this.#sendWrite(write);
      if (write.kind !== "call") this.#refreshAll();
    });
  }

  /**
   * Fails, without sending them again, the unanswered writes first sent longer ago than the server
   * keeps a client's record (`welcome.clientRetention`, ms): the server may have applied one and
   * forgotten it since, and would apply it twice. A tab left open (a laptop asleep for weeks) keeps
   * its writes that long. A tenth of the window, at most a day, is a margin for the clocks.
   */
  #dropExpired(retention) {
    if (!(retention > 0)) return;
    const now = Date.now();
    const margin = Math.min(retention / 10, 86_400_000);
    for (const write of [...this.#outbox]) {
      if (write.acked || write.seq === 0 || now - write.sentAt < retention - margin) continue;
      this.#outbox.splice(this.#outbox.indexOf(write), 1);
      write.reject(new LiveError("MUTATION_EXPIRED", `this ${write.kind} was sent before and its answer never came;`
        + ` it was first sent longer ago than the server keeps the record of a client's writes (${retention} ms),`
        + " so sending it again could apply it twice. It may or may not have been applied: read the data, and"
        + " write again if needed"));
    }
    this.#refreshAll();
  }

  /** Sends a write; it takes its sequence number the first time and keeps it from then on. */
  #sendWrite(write) {
    if (write.seq === 0) {
      write.seq = this.#nextSeq++;
      write.sentAt = Date.now();
    }
    const message = write.kind === "call"
      ? { type: "call", id: "m" + write.seq, seq: write.seq, procedure: write.procedure, input: write.input }
      : { type: "mutate", id: "m" + write.seq, seq: write.seq, op: write.kind, collection: write.collection };
    if (write.kind !== "call" && write.kind !== "insert") message.key = write.key;
    if (write.kind === "insert" || write.kind === "update") message.value = write.value;
    this.#send(message);
  }

  #writeOf(id) {
    return this.#outbox.find((write) => !write.acked && "m" + write.seq === id && write.seq > 0);
  }

  #ack(message) {
    const write = this.#writeOf(message.id);
    if (!write) return;
    write.ackedAt = Date.now();
    if (message.status === "applied") {
      write.acked = true;
      write.ackVersion = message.version;
      setTimeout(() => this.#settle() && this.#refreshAll(), ACKED_GRACE_MS + 50);
      if (message.row) this.#known.remember(this.#schema, write.collection, [], message.row);
      if (write.kind === "delete") this.#known.forget(write.collection, write.key);
      write.resolve(message.row ? frozen(message.row) : undefined);
    } else if (message.status === "duplicate") {
      // Applied before, its ack lost with a connection: every result has caught up or resets.
      write.acked = true;
      write.ackVersion = this.#welcomeVersion;
      if (write.kind === "delete") write.resolve(undefined);
      else this.from(write.collection).one(write.key).get().then(write.resolve, write.reject);
    } else {
      this.#outbox.splice(this.#outbox.indexOf(write), 1);
      const error = LiveError.from(message.error);
      if (error.code === "NOT_FOUND") this.#known.forget(write.collection, write.key);
      write.reject(error);
    }
    this.#settle();
    this.#refreshAll();
  }

  #callResult(message) {
    const write = this.#writeOf(message.id);
    if (write) {
      this.#outbox.splice(this.#outbox.indexOf(write), 1);
      write.resolve(frozen(message.value));
      return;
    }
    this.#reply(message);
  }
}

// ---- where the server is, and its schema ----

function endpoints(url) {
  let http;
  if (url) {
    const ws = new URL(url);
    if (ws.protocol !== "ws:" && ws.protocol !== "wss:") {
      throw new LiveError("INVALID_VALUE", `the server's url is a ws: or wss: URL such as ws://localhost:8080/live (or a list`
        + ` of them), not ${url}`);
    }
    http = new URL(ws);
    http.protocol = ws.protocol === "wss:" ? "https:" : "http:";
  } else {
    // This module is served at <base>/client.js: the server is at <base>. The module's URL goes
    // through a variable: bundlers (Vite, webpack) take `new URL("<literal>", import.meta.url)` for
    // an asset, and would copy the client into the application's output a second time.
    const here = import.meta.url;
    http = new URL(".", here);
    if (http.protocol !== "http:" && http.protocol !== "https:") {
      throw new LiveError("INVALID_VALUE", "connect({url}) names the server (ws://host:port/live) when the client"
        + " is not loaded from it");
    }
  }
  const base = http.toString().replace(/\/+$/, "").replace(/[?#].*$/, "");
  return { http: base, ws: base.replace(/^http/, "ws") };
}

/**
 * The schema, from the first node in the client's order that answers (the client then starts on
 * that one), or else from the copy an earlier visit kept of any of them.
 */
async function loadSchema(nodes) {
  const problems = [];
  for (const node of nodes.all) {
    try {
      const response = await fetch(node.http + "/schema.json");
      if (!response.ok) throw new Error("HTTP " + response.status);
      const text = await response.text();
      const schema = JSON.parse(text);
      storage()?.setItem(schemaKey(node), text);
      nodes.startAt(node);
      return schema;
    } catch (error) {
      problems.push(`${node.http}/schema.json (${error.message})`);
    }
  }
  for (const node of nodes.all) {
    const kept = storage()?.getItem(schemaKey(node));
    if (kept) return JSON.parse(kept);
  }
  throw new LiveError("UNREACHABLE", `the schema could not be loaded from ${problems.join(", ")},`
    + " and no earlier visit kept it");
}

function schemaKey(node) {
  return "live.schema " + node.http;
}

function storage() {
  try {
    return globalThis.localStorage ?? null;
  } catch (error) {
    return null; // storage disabled by the browser's settings
  }
}

/** The promise `body` returns, or a rejected one when it throws: async methods never throw. */
function settled(body) {
  try {
    return body();
  } catch (error) {
    return Promise.reject(error);
  }
}

/** A copy of what the caller passed: a write sent again later carries what it carried when made. */
function copy(value) {
  return value === null || value === undefined ? value : structuredClone(value);
}

function randomId() {
  if (globalThis.crypto?.randomUUID) return globalThis.crypto.randomUUID();
  return Math.random().toString(36).slice(2) + Date.now().toString(36);
}
