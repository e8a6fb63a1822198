// Writes refused by the server's rules roll back in the client; read rules filter what it sees.
import { check, client, eventually, ids, recorder, rejects, same, scenarios } from "./harness.mjs";
import { task } from "./rows.mjs";

const bob = await client("u2");
const cyd = await client("u3");

await scenarios({
  async "a delete refused by a rule shows at once, then rolls back"() {
    const seen = recorder();
    const sub = bob.from("tasks").where((t) => t.boardId.eq("b1")).orderBy("position").subscribe(seen.listener);
    await eventually(() => seen.last, "the snapshot");
    const deleting = bob.delete("tasks", "t2");
    same(ids(seen.last.rows), ["t1", "t3"], "t2 gone before the server answered");
    const error = await rejects(deleting, "FORBIDDEN", "a member deleting a task");
    check(error.message.includes("delete rule"), "the server's message: " + error.message);
    same(ids(seen.last.rows), ["t1", "t2", "t3"], "t2 back after the rejection");
    check(!seen.last.info.pending, "nothing pending");
    sub.close();
  },

  async "an insert refused by a rule disappears"() {
    const seen = recorder();
    const sub = bob.from("tasks").where((t) => t.boardId.eq("b2")).subscribe(seen.listener);
    await eventually(() => seen.last, "the snapshot");
    const inserting = bob.insert("tasks", task("t-forbidden", "b2", 1, "forbidden task"));
    check(ids(seen.last.rows).includes("t-forbidden"), "shown at once");
    await rejects(inserting, "FORBIDDEN", "a forbidden title");
    check(!ids(seen.last.rows).includes("t-forbidden"), "rolled back");
    sub.close();
  },

  async "an insert refused for its values rolls back with the decoding error"() {
    const seen = recorder();
    const sub = bob.from("tasks").where((t) => t.boardId.eq("b2")).subscribe(seen.listener);
    await eventually(() => seen.last, "the snapshot");
    const { title, ...untitled } = task("t-untitled", "b2", 1);
    const error = await rejects(bob.insert("tasks", untitled), "MISSING_FIELD", "an insert without a title");
    check(error.message.includes("title"), "names the missing field: " + error.message);
    await eventually(() => !ids(seen.last.rows).includes("t-untitled"), "rolled back");
    sub.close();
  },

  async "read rules: another team's user sees only its own team's rows"() {
    const tasks = await cyd.from("tasks").orderBy("id").get();
    same(ids(tasks), ["t5"], "team2's tasks");
    const boards = await cyd.from("boards").get();
    same(ids(boards), ["b3"], "team2's boards");
    await rejects(cyd.update("tasks", "t1", { title: "not mine" }), "NOT_FOUND", "an update of an unreadable row");
  },
});
