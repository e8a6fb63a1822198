// A scripted Live server for tests of the packaged client under Node: it stands in for the
// browser's fetch (schema.json) and WebSocket, welcomes every hello at once, records what the client
// sends, and lets the test push the server's messages (docs/protocol.md). Nothing leaves the process.

/** The schema.json of a small board: tasks on boards. */
export const SCHEMA = {
  protocol: 1,
  collections: {
    tasks: {
      id: "id",
      fields: {
        id: { type: "string", nullable: false },
        boardId: { type: "string", nullable: false },
        title: { type: "string", nullable: false },
        position: { type: "int", nullable: false },
      },
      relations: {},
    },
  },
  procedures: {},
};

/** Installs the fakes on globalThis; `restore()` puts the originals back. */
export function fakeServer() {
  const saved = { fetch: globalThis.fetch, WebSocket: globalThis.WebSocket };
  const server = {
    /** Every message the client sent, parsed, in order. */
    received: [],
    socket: null,
    /** The messages of this type the client sent. */
    sent(type) {
      return server.received.filter((message) => message.type === type);
    },
    /** Delivers a message of the server to the client. */
    push(message) {
      server.socket.onmessage({ data: JSON.stringify(message) });
    },
    restore() {
      Object.assign(globalThis, saved);
    },
  };
  globalThis.fetch = async () => ({ ok: true, status: 200, text: async () => JSON.stringify(SCHEMA) });
  globalThis.WebSocket = class FakeSocket {
    constructor(url) {
      this.url = url;
      this.readyState = 0;
      server.socket = this;
      setTimeout(() => {
        this.readyState = 1;
        this.onopen?.();
      }, 0);
    }

    send(text) {
      const message = JSON.parse(text);
      server.received.push(message);
      if (message.type === "hello") {
        server.push({ type: "welcome", id: message.id, protocol: 1, clientId: message.clientId, lastMutation: 0, version: 1 });
      }
    }

    close() {
      this.readyState = 3;
    }
  };
  return server;
}

/** Waits until `probe()` is truthy (at most 5 s, polling), and returns what it returned. */
export async function until(probe, what) {
  const end = Date.now() + 5000;
  while (Date.now() < end) {
    const value = probe();
    if (value) return value;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  throw new Error(`waited 5 s for ${what}`);
}
