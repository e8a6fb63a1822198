// The React hooks of the package (target/package/react.js) with the packaged client, rendered by
// react-dom in jsdom against a scripted server (fake-server.mjs): components render again when the
// server changes their query's result or their room, and stop following them when they unmount.

import { test, beforeEach, afterEach } from "node:test";
import assert from "node:assert/strict";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { JSDOM } from "jsdom";
import { act, createElement as h, StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { fakeServer, until } from "./fake-server.mjs";

const packageDir = join(dirname(fileURLToPath(import.meta.url)), "../target/package");
const { connect } = await import(join(packageDir, "index.js"));
const { useLiveQuery, useRoom } = await import(join(packageDir, "react.js"));

const dom = new JSDOM("<!doctype html><html><body></body></html>", { url: "http://localhost:5173/" });
globalThis.window = dom.window;
globalThis.document = dom.window.document;
globalThis.IS_REACT_ACT_ENVIRONMENT = true;

let server;
let live;
let container;
let root;

beforeEach(async () => {
  server = fakeServer();
  live = await connect({ url: "ws://127.0.0.1:8080/live", clientId: "react-test" });
  await until(() => live.state === "open", "the client to be welcomed");
  container = document.createElement("div");
  document.body.append(container);
  root = createRoot(container);
});

afterEach(async () => {
  await act(async () => root.unmount());
  container.remove();
  live.close();
  server.restore();
});

const task = (id, title, position) => ({ id, boardId: "b1", title, position });

/**
 * Delivers a message of the server and lets what follows from it settle (the client resolves its
 * requests through promises) before React renders.
 */
async function serverSays(message) {
  await act(async () => {
    server.push(message);
    await new Promise((resolve) => setTimeout(resolve, 0));
  });
}

/** The board's tasks, with a count of its renders. */
function Tasks({ client, board, renders }) {
  renders.count++;
  const query = client?.from("tasks").where((t) => t.boardId.eq(board)).orderBy("position");
  const { data, loading, error } = useLiveQuery(client, query);
  if (error) return h("p", null, "error " + error.code);
  if (loading) return h("p", null, "loading");
  return h("ul", null, data.map((t) => h("li", { key: t.id }, t.title)));
}

test("useLiveQuery renders the snapshot, then every delta", async () => {
  const renders = { count: 0 };
  await act(async () => root.render(h(Tasks, { client: live, board: "b1", renders })));
  assert.equal(container.textContent, "loading");
  const [subscribe] = server.sent("subscribe");
  assert.deepEqual(subscribe.query.where, { op: "eq", field: "boardId", value: "b1" });

  await serverSays({ type: "snapshot", id: subscribe.id, version: 1, rows: [task("t1", "Ship it", 1)] });
  assert.equal(container.textContent, "Ship it");

  await serverSays({ type: "delta", id: subscribe.id, from: 1, to: 2,
    changes: [{ op: "insert", index: 1, row: task("t2", "Write docs", 2) }] });
  assert.deepEqual([...container.querySelectorAll("li")].map((li) => li.textContent), ["Ship it", "Write docs"]);

  await serverSays({ type: "delta", id: subscribe.id, from: 2, to: 3, changes: [{ op: "remove", id: "t1" }] });
  assert.equal(container.textContent, "Write docs");
});

test("useLiveQuery follows a query rebuilt on every render once, and another query anew", async () => {
  const renders = { count: 0 };
  await act(async () => root.render(h(Tasks, { client: live, board: "b1", renders })));
  const [first] = server.sent("subscribe");
  await serverSays({ type: "snapshot", id: first.id, version: 1, rows: [task("t1", "Ship it", 1)] });

  // A render for another reason builds an equal query: nothing is sent.
  const before = renders.count;
  await act(async () => root.render(h(Tasks, { client: live, board: "b1", renders })));
  assert.ok(renders.count > before);
  assert.equal(server.sent("subscribe").length, 1);
  assert.equal(server.sent("unsubscribe").length, 0);

  // Another board is another query: the old subscription ends, the new one loads.
  await act(async () => root.render(h(Tasks, { client: live, board: "b2", renders })));
  assert.deepEqual(server.sent("unsubscribe").map((m) => m.id), [first.id]);
  const second = server.sent("subscribe")[1];
  assert.equal(second.query.where.value, "b2");
  assert.equal(container.textContent, "loading");
});

test("useLiveQuery unsubscribes when the component unmounts, and renders nothing after", async () => {
  const renders = { count: 0 };
  await act(async () => root.render(h(Tasks, { client: live, board: "b1", renders })));
  const [subscribe] = server.sent("subscribe");
  await serverSays({ type: "snapshot", id: subscribe.id, version: 1, rows: [] });

  await act(async () => root.render(h("p", null, "gone")));
  assert.deepEqual(server.sent("unsubscribe").map((m) => m.id), [subscribe.id]);
  const after = renders.count;
  await serverSays({ type: "delta", id: subscribe.id, from: 1, to: 2,
    changes: [{ op: "insert", index: 0, row: task("t3", "Late", 1) }] });
  assert.equal(renders.count, after);
  assert.equal(container.textContent, "gone");
});

test("useLiveQuery reports a query the server refused", async () => {
  const renders = { count: 0 };
  await act(async () => root.render(h(Tasks, { client: live, board: "b1", renders })));
  const [subscribe] = server.sent("subscribe");
  await serverSays({ type: "error", id: subscribe.id, error: { code: "FORBIDDEN", message: "no" } });
  assert.equal(container.textContent, "error FORBIDDEN");
});

test("useLiveQuery waits for a client", async () => {
  const renders = { count: 0 };
  await act(async () => root.render(h(Tasks, { client: null, board: "b1", renders })));
  assert.equal(container.textContent, "loading");
  assert.equal(server.sent("subscribe").length, 0);
  await act(async () => root.render(h(Tasks, { client: live, board: "b1", renders })));
  assert.equal(server.sent("subscribe").length, 1);
});

/** The names of the members of board:b1; joined with `name` when given. */
function Viewers({ name, renders }) {
  renders.count++;
  const { joined, members, state } = useRoom(live, "board", "b1", name === undefined ? undefined : { name });
  const names = members.map((m) => m.presence.name).join(",");
  return h("p", null, `${joined ? "in" : "out"}:${names}:${state?.topic ?? ""}`);
}

const joinedReply = (join, members, topic = null) => ({
  type: "joined", id: join.id, room: "board:b1", member: "u1/react-test", state: { topic },
  members: members.map(([member, name]) => ({ member, userId: member.split("/")[0], presence: { name } })),
});

test("useRoom joins with the presence, renders members and state as they change, and leaves on unmount", async () => {
  const renders = { count: 0 };
  await act(async () => root.render(h(Viewers, { name: "Ann", renders })));
  const join = await until(() => server.sent("join")[0], "the join");
  assert.deepEqual(join.presence, { name: "Ann" });
  assert.equal(join.room, "board:b1");
  await serverSays(joinedReply(join, [["u1/react-test", "Ann"]]));
  assert.equal(container.textContent, "in:Ann:");

  await serverSays({ type: "presence", room: "board:b1", action: "join",
    member: { member: "u2/phone", userId: "u2", presence: { name: "Bob" } } });
  assert.equal(container.textContent, "in:Ann,Bob:");
  await serverSays({ type: "roomState", room: "board:b1", state: { topic: "Launch" } });
  assert.equal(container.textContent, "in:Ann,Bob:Launch");

  // A changed presence is sent; the same presence again is not.
  await act(async () => root.render(h(Viewers, { name: "Ann B.", renders })));
  const set = await until(() => server.sent("setPresence")[0], "the new presence");
  assert.deepEqual(set.presence, { name: "Ann B." });
  await serverSays({ type: "presenceSet", id: set.id, room: "board:b1" });
  assert.equal(container.textContent, "in:Ann B.,Bob:Launch");
  await act(async () => root.render(h(Viewers, { name: "Ann B.", renders })));
  assert.equal(server.sent("setPresence").length, 1);

  await act(async () => root.render(h("p", null, "gone")));
  const leave = await until(() => server.sent("leave")[0], "the leave");
  assert.equal(leave.room, "board:b1");
  const after = renders.count;
  await serverSays({ type: "left", id: leave.id, room: "board:b1" });
  await serverSays({ type: "presence", room: "board:b1", action: "leave",
    member: { member: "u2/phone", userId: "u2", presence: { name: "Bob" } } });
  assert.equal(renders.count, after);
});

/** Counts the listeners registered on the room's members and state that were not removed yet. */
function countListeners(room) {
  const active = { count: 0 };
  for (const method of ["onMembers", "onState"]) {
    const register = room[method].bind(room);
    room[method] = (listener) => {
      active.count++;
      const stop = register(listener);
      return () => {
        active.count--;
        stop();
      };
    };
  }
  return active;
}

test("useRoom without a presence watches, and stops watching on unmount", async () => {
  const member = { count: 0 };
  const watcher = { count: 0 };
  const listeners = countListeners(live.room("board", "b1"));
  await act(async () => root.render(h("div", null,
    h(Viewers, { key: "m", name: "Ann", renders: member }), h(Viewers, { key: "w", renders: watcher }))));
  const join = await until(() => server.sent("join")[0], "the join");
  await serverSays(joinedReply(join, [["u1/react-test", "Ann"]]));
  assert.equal(container.textContent, "in:Ann:in:Ann:");
  assert.equal(server.sent("join").length, 1, "the watcher does not join");
  assert.equal(listeners.count, 4, "members and state, for each component");

  // The watcher goes; the member stays and still sees changes, the watcher renders no more.
  await act(async () => root.render(h("div", null, h(Viewers, { key: "m", name: "Ann", renders: member }))));
  const watched = watcher.count;
  await serverSays({ type: "presence", room: "board:b1", action: "join",
    member: { member: "u2/phone", userId: "u2", presence: { name: "Bob" } } });
  assert.equal(container.textContent, "in:Ann,Bob:");
  assert.equal(watcher.count, watched);
  assert.equal(server.sent("leave").length, 0);
  assert.equal(listeners.count, 2);
  await act(async () => root.render(h("p", null, "gone")));
  assert.equal(listeners.count, 0);
});

test("useRoom in strict mode joins once: the join of the first mount, unmounted at once, is never sent", async () => {
  const renders = { count: 0 };
  await act(async () => root.render(h(StrictMode, null, h(Viewers, { name: "Ann", renders }))));
  const join = await until(() => server.sent("join")[0], "the join");
  await serverSays(joinedReply(join, [["u1/react-test", "Ann"]], "Launch"));
  assert.equal(container.textContent, "in:Ann:Launch");
  assert.deepEqual(server.received.filter((m) => ["join", "leave"].includes(m.type)).map((m) => m.type), ["join"]);
});

test("useRoom sends a leave after a join still on its way, and a later mount joins after it", async () => {
  const renders = { count: 0 };
  await act(async () => root.render(h(Viewers, { name: "Ann", renders })));
  const first = await until(() => server.sent("join")[0], "the first join");
  await act(async () => root.render(h("p", null, "gone")));
  await act(async () => root.render(h(Viewers, { name: "Ann", renders })));
  // Nothing more is sent until the first join is answered: the leave waits for it, the join for the leave.
  assert.equal(server.received.filter((m) => ["join", "leave"].includes(m.type)).length, 1);
  await serverSays(joinedReply(first, [["u1/react-test", "Ann"]]));
  const leave = await until(() => server.sent("leave")[0], "the leave");
  await serverSays({ type: "left", id: leave.id, room: "board:b1" });
  const second = await until(() => server.sent("join")[1], "the second join");
  await serverSays(joinedReply(second, [["u1/react-test", "Ann"]], "Launch"));
  assert.equal(container.textContent, "in:Ann:Launch");
  assert.deepEqual(server.received.filter((m) => ["join", "leave"].includes(m.type)).map((m) => m.type),
    ["join", "leave", "join"]);
});

test("useRoom reports a refused join", async () => {
  function Refused() {
    const { joined, error } = useRoom(live, "board", "b1", { name: "Ann" });
    return h("p", null, error ? "refused " + error.code : joined ? "in" : "joining");
  }
  await act(async () => root.render(h(Refused)));
  const join = await until(() => server.sent("join")[0], "the join");
  await serverSays({ type: "error", id: join.id, error: { code: "FORBIDDEN", message: "not your board" } });
  assert.equal(container.textContent, "refused FORBIDDEN");
});
