// Reconnecting: subscriptions resume, writes made offline or lost in flight apply exactly once.
import { check, client, eventually, ids, recorder, same, scenarios, step } from "./harness.mjs";
import { task } from "./rows.mjs";

const ann = await client("u1", { viaProxy: true });
const other = await client("u2");

await scenarios({
  async "a dropped connection reconnects and the subscription catches up"() {
    const seen = recorder();
    const states = [];
    ann.onState((state) => states.push(state));
    ann.from("tasks").where((t) => t.boardId.eq("b2")).orderBy("position").subscribe(seen.listener);
    await eventually(() => seen.last, "the snapshot");
    await step("drop");
    await other.insert("tasks", task("t-while-away", "b2", 7));
    await eventually(() => ids(seen.last.rows).includes("t-while-away"), "the write made while away");
    check(states.includes("reconnecting") && ann.state === "open", "states went " + states.join(" → "));
  },

  async "writes made while offline are shown at once and applied once, in order, on reconnect"() {
    const seen = recorder();
    ann.from("tasks").where((t) => t.boardId.eq("b2")).orderBy("position").subscribe(seen.listener);
    await eventually(() => seen.last, "the snapshot");
    await step("refuse");
    await eventually(() => ann.state === "reconnecting", "the client noticing");
    const writes = [
      ann.insert("tasks", task("t-offline", "b2", 8)),
      ann.update("tasks", "t-offline", { title: "renamed offline" }),
    ];
    const shown = seen.last.rows.find((row) => row.id === "t-offline");
    check(shown?.title === "renamed offline" && ann.isPending(shown), "both shown at once, pending");
    await step("accept");
    const [inserted, updated] = await Promise.all(writes);
    same([inserted.title, updated.title], ["Task t-offline", "renamed offline"], "applied in order");
    const fresh = await other.from("tasks").where((t) => t.id.startsWith("t-offline")).get();
    same(fresh.map((row) => row.title), ["renamed offline"], "one row, as the writes left it");
  },

  async "writes whose acknowledgements were lost are sent again and applied exactly once"() {
    await step("drop-on-ack");
    const done = [];
    for (let i = 0; i < 10; i++) done.push(ann.insert("tasks", task("t-burst-" + i, "b2", 20 + i)));
    const rows = await Promise.all(done);
    same(rows.length, 10, "every write completed");
    await step("ack-was-dropped");
    const fresh = await other.from("tasks").where((t) => t.id.startsWith("t-burst-")).get();
    same(fresh.length, 10, "each applied once");
  },
});
