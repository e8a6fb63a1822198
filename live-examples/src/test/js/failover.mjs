// Several nodes: a client given a list of node URLs spreads, passes over a dead node, and moves to
// the other node when its own stops; there its live query starts over from a reset snapshot and
// then follows the writes, and a write the stopped node never got applies exactly once.
// JsFailoverTest runs it against two nodes on one PostgreSQL database: LIVE_NODE_1 reaches node 1
// through a fault proxy, LIVE_NODE_2 reaches node 2, LIVE_DEAD_NODE refuses every connection.
import { check, connect, eventually, ids, recorder, same, scenarios, step } from "./harness.mjs";
import { task } from "./rows.mjs";

const NODE_1 = process.env.LIVE_NODE_1;
const NODE_2 = process.env.LIVE_NODE_2;
const DEAD = process.env.LIVE_DEAD_NODE;
const quick = { heartbeatMs: 500, backoff: { initialMs: 50, maxMs: 300 } };

async function opened(options) {
  const live = await connect({ ...quick, ...options });
  await eventually(() => live.state === "open", "the client connecting");
  return live;
}

await scenarios({
  async "clients given both nodes spread over them"() {
    // Each client shuffles the list for itself: all 30 on one node has a chance of 2 in 2^30.
    const spread = [];
    for (let i = 0; i < 30; i++) spread.push(await opened({ url: [NODE_1, NODE_2] }));
    const perNode = new Map();
    for (const live of spread) perNode.set(live.node, (perNode.get(live.node) ?? 0) + 1);
    for (const live of spread) live.close();
    same([...perNode.keys()].sort(), [NODE_1, NODE_2].sort(), "the nodes the clients are on");
  },

  async "a dead first node is passed over, for the schema and for the connection"() {
    const live = await opened({ url: [DEAD, NODE_2], shuffleNodes: false });
    same(live.node, NODE_2, "the node");
    const rows = await live.from("tasks").where((t) => t.boardId.eq("b1")).get();
    check(rows.length > 0, "a query answered");
    live.close();
  },

  async "when its node stops the client moves on: a reset, then deltas, and its lost write once"() {
    const live = await opened({ url: [NODE_1, NODE_2], shuffleNodes: false });
    same(live.node, NODE_1, "the first node, as listed");
    const seen = recorder();
    live.from("tasks").where((t) => t.boardId.eq("b1")).orderBy("position").subscribe(seen.listener);
    await eventually(() => seen.last, "the snapshot");

    await step("blackhole-node-1"); // what the client sends now never reaches node 1
    const lost = live.insert("tasks", task("t-lost", "b1", 50));
    await step("stop-node-1");
    const stored = await lost;
    same(stored.id, "t-lost", "the write, answered by node 2");
    same(live.node, NODE_2, "the node the client moved to");

    const other = await opened({ url: NODE_2 });
    const once = await other.from("tasks").where((t) => t.id.eq("t-lost")).get();
    same(once.length, 1, "rows written by the lost write");
    await other.insert("tasks", task("t-after", "b1", 51));
    const fresh = await other.from("tasks").where((t) => t.boardId.eq("b1")).orderBy("position").get();
    check(ids(fresh).includes("t-after"), "the fresh query sees the write on node 2");
    await eventually(() => !seen.last.info.pending && JSON.stringify(seen.last.rows) === JSON.stringify(fresh),
      "the live query equal to a fresh one on node 2");
    live.close();
    other.close();
  },
});
