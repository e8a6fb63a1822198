// Procedures: live query procedures kept current, one-shot calls, and a clear error for unknown ones.
import { check, client, eventually, ids, recorder, rejects, same, scenarios } from "./harness.mjs";

const ann = await client("u1");
const bob = await client("u2");

await scenarios({
  async "a live query procedure is kept current"() {
    const seen = recorder();
    ann.live("openTasks", "b1", seen.listener);
    await eventually(() => seen.last, "the snapshot");
    same(ids(seen.last.rows), ["t1", "t2"], "open tasks of b1");
    await bob.update("tasks", "t2", { status: "DONE" });
    await eventually(() => ids(seen.last.rows).join() === "t1", "t2 done");
    await bob.update("tasks", "t2", { status: "TODO" });
    await eventually(() => ids(seen.last.rows).join() === "t1,t2", "t2 open again");
  },

  async "a single-row live procedure gives its row, and a write shows at once"() {
    const seen = recorder();
    ann.live("taskWithComments", "t1", seen.listener);
    await eventually(() => seen.last, "the snapshot");
    same(seen.last.rows.id, "t1", "one row");
    same(seen.last.rows.comments.length, 3, "with its comments");
    const renaming = ann.update("tasks", "t1", { title: "Renamed at once" });
    same(seen.last.rows.title, "Renamed at once", "the optimistic update, from the procedure's query");
    await renaming;
  },

  async "a live procedure without input takes just the listener"() {
    const seen = recorder();
    const errors = [];
    ann.live("myTasks", seen.listener, (error) => errors.push(error));
    await eventually(() => seen.last, "the snapshot");
    same(ids(seen.last.rows).sort(), ["t1", "t4"], "Ann's tasks");
    same(seen.last.rows.find((row) => row.id === "t1").board.title, "Launch", "with their board");
    same(errors.length, 0, "no error");
  },

  async "a call answers the procedure's value"() {
    const rows = await ann.call("openTasks", "b1");
    same(ids(rows), ["t1", "t2"], "the rows of a live query procedure, called once");
  },

  async "unknown procedures fail at once, listing those there are"() {
    const error = await rejects(ann.call("openTask", "b1"), "UNKNOWN_PROCEDURE", "a misspelt procedure");
    check(error.message.includes("openTasks"), "lists the procedures: " + error.message);
  },
});
