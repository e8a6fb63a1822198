// Rooms (docs/rooms.md): members, presence, shared state and events of `<type>:<key>`. A joined
// room is joined again, with its last presence, on every new connection.

import { LiveError } from "./errors.js";

const KEY = /^[A-Za-z0-9_.:-]{1,96}$/;

export class Room {
  #listeners = { state: new Set(), members: new Set(), events: new Map() };

  /** `requests` is the client's: request(message) → Promise of the reply. */
  constructor(name, requests) {
    this.name = name;
    this.requests = requests;
    this.joined = false;
    this.memberId = null;
    this.state = null;
    this.members = Object.freeze([]);
    this.presence = undefined;
    this.joining = null;
    /** Whether the application wants to be in the room (join() until leave()). */
    this.wanted = false;
  }

  async join(presence) {
    if (this.joined || this.joining) {
      throw new LiveError("PROTOCOL_VIOLATION", `room ${this.name} is already joined; leave it first`);
    }
    this.presence = presence;
    this.wanted = true;
    this.joining = this.requests.request({ type: "join", room: this.name, presence });
    try {
      this.joinedWith(await this.joining);
    } finally {
      this.joining = null;
    }
  }

  async leave() {
    this.wanted = false;
    if (this.joining) await this.joining.catch(() => {});
    if (!this.joined) return;
    this.joined = false;
    this.presence = undefined;
    await this.requests.request({ type: "leave", room: this.name });
  }

  async emit(event, data, options = {}) {
    this.#requireJoined("emit");
    const message = { type: "emit", room: this.name, event, data };
    if (options.toSelf) message.toSelf = true;
    const reply = await this.requests.request(message);
    return reply.delivered;
  }

  async setState(changes) {
    this.#requireJoined("setState");
    await this.requests.request({ type: "setState", room: this.name, state: changes });
  }

  async setPresence(presence) {
    this.#requireJoined("setPresence");
    await this.requests.request({ type: "setPresence", room: this.name, presence });
    // Kept only once accepted: it is what the next rejoin sends. The server tells the others,
    // not this member, so its own entry changes here.
    this.presence = presence;
    this.#setMembers(this.members.map((m) => (m.member === this.memberId ? { ...m, presence } : m)));
  }

  onState(listener) {
    return this.#add(this.#listeners.state, listener);
  }

  onMembers(listener) {
    return this.#add(this.#listeners.members, listener);
  }

  on(event, listener) {
    let set = this.#listeners.events.get(event);
    if (!set) this.#listeners.events.set(event, (set = new Set()));
    return this.#add(set, listener);
  }

  /** The join message to send again on a new connection, when joined. */
  rejoinMessage() {
    return this.joined ? { type: "join", room: this.name, presence: this.presence } : null;
  }

  /** The answer to the join sent again on a new connection; left meanwhile, it leaves again. */
  rejoined(reply) {
    if (this.wanted) {
      this.joinedWith(reply);
    } else {
      this.requests.request({ type: "leave", room: this.name }).catch(() => {});
    }
  }

  joinedWith(reply) {
    this.joined = true;
    this.memberId = reply.member;
    this.#setState(reply.state);
    this.#setMembers(reply.members);
  }

  /** A message the server pushed for this room. */
  pushed(message) {
    if (!this.joined) return;
    if (message.type === "roomState") {
      this.#setState(message.state);
    } else if (message.type === "roomEvent") {
      for (const listener of this.#listeners.events.get(message.event) ?? []) {
        this.#call(listener, message.data, message.from ?? null);
      }
    } else if (message.type === "presence") {
      const at = this.members.findIndex((m) => m.member === message.member.member);
      if (message.action === "leave") {
        if (at >= 0) this.#setMembers(this.members.filter((_, i) => i !== at));
      } else if (at >= 0) {
        this.#setMembers(this.members.map((m, i) => (i === at ? message.member : m)));
      } else {
        this.#setMembers([...this.members, message.member]);
      }
    }
  }

  #requireJoined(what) {
    if (!this.joined) {
      throw new LiveError("NOT_IN_ROOM", `${what}: join room ${this.name} first`);
    }
  }

  #setState(state) {
    this.state = Object.freeze(state);
    for (const listener of this.#listeners.state) this.#call(listener, this.state);
  }

  #setMembers(members) {
    this.members = Object.freeze(members.map((m) => Object.freeze({ member: m.member, userId: m.userId ?? null,
      presence: Object.freeze(m.presence) })));
    for (const listener of this.#listeners.members) this.#call(listener, this.members);
  }

  #add(set, listener) {
    set.add(listener);
    return () => set.delete(listener);
  }

  #call(listener, ...args) {
    try {
      listener(...args);
    } catch (error) {
      console.error(`a listener of room ${this.name} failed`, error);
    }
  }
}

export function roomName(type, key) {
  if (!/^[A-Za-z][A-Za-z0-9_-]{0,31}$/.test(type)) {
    throw new LiveError("INVALID_VALUE", `a room type is a name such as "board", not ${JSON.stringify(type)}`);
  }
  if (!KEY.test(String(key))) {
    throw new LiveError("INVALID_VALUE", `a room key has 1 to 96 letters, digits and _ . : -, not ${JSON.stringify(key)}`);
  }
  return `${type}:${key}`;
}
