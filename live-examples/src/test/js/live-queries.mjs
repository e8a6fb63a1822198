// Live queries, one-shot queries and optimistic writes of the browser client.
import { check, client, eventually, ids, recorder, rejects, same, scenarios } from "./harness.mjs";
import { task } from "./rows.mjs";

const ann = await client("u1");
const bob = await client("u2");

await scenarios({
  async "a subscription gets the snapshot in order, then other clients' writes"() {
    const seen = recorder();
    const sub = ann.from("tasks").where((t) => t.boardId.eq("b1")).orderBy("position").subscribe(seen.listener);
    await eventually(() => seen.last, "the snapshot");
    same(ids(seen.last.rows), ["t1", "t2", "t3"], "the snapshot of b1");
    check(Object.isFrozen(seen.last.rows) && Object.isFrozen(seen.last.rows[0]), "results are frozen");
    await bob.insert("tasks", task("t-live-1", "b1", 0));
    await eventually(() => ids(seen.last.rows).join() === "t-live-1,t1,t2,t3", "bob's insert at its place");
    await bob.update("tasks", "t-live-1", { position: 9 });
    await eventually(() => ids(seen.last.rows).join() === "t1,t2,t3,t-live-1", "bob's update moving it");
    await bob.update("tasks", "t-live-1", { boardId: "b2" });
    await eventually(() => ids(seen.last.rows).join() === "t1,t2,t3", "bob's update taking it to another board");
    sub.close();
  },

  async "where, order, limit and includes follow the wire form"() {
    const query = ann.from("tasks")
      .where((t) => t.and(t.status.ne("DONE"), t.assignee.is((u) => u.role.eq("ADMIN"))))
      .orderBy("due", "asc", "last")
      .limit(5)
      .include("assignee")
      .include("comments", (c) => c.orderBy("createdAt", "desc").limit(2));
    const rows = await query.get();
    same(ids(rows), ["t1", "t4"], "open tasks of admins");
    same(rows[0].assignee.name, "Ann", "the to-one include");
    same(rows[0].comments.map((c) => c.body), ["One more pass?", "Thanks!"], "the to-many include, newest two");
    const one = await ann.from("tasks").one("t2").get();
    same(one.title, "Fix the signup form", "one(id)");
    const none = await ann.from("tasks").where((t) => t.title.startsWith("zzz")).first().get();
    same(none, null, "first() of nothing");
  },

  async "an insert shows at once as pending, then confirmed"() {
    const seen = recorder();
    const sub = ann.from("tasks").where((t) => t.boardId.eq("b2")).orderBy("position").subscribe(seen.listener);
    await eventually(() => seen.last, "the snapshot");
    const written = ann.insert("tasks", task("t-opt-1", "b2", 5));
    const shown = seen.last.rows.find((row) => row.id === "t-opt-1");
    check(shown, "the insert is in the result before the server answered");
    check(ann.isPending(shown) && seen.last.info.pending, "the optimistic row is pending");
    const stored = await written;
    same(stored.id, "t-opt-1", "the insert resolves with the stored row");
    await eventually(() => {
      const row = seen.last.rows.find((r) => r.id === "t-opt-1");
      return row && !ann.isPending(row) && !seen.last.info.pending;
    }, "the confirmed row");
    await ann.delete("tasks", "t-opt-1");
    await eventually(() => !ids(seen.last.rows).includes("t-opt-1") && !seen.last.info.pending,
      "the delete confirmed, nothing pending");
    sub.close();
  },

  async "a write carries its values as they were when it was made"() {
    const draft = task("t-draft", "b2", 3, "as written");
    const written = ann.insert("tasks", draft);
    draft.title = "changed afterwards";
    same((await written).title, "as written", "the stored title");
  },

  async "an update moves the row out of a where at once, and a comment joins its task's include"() {
    const seen = recorder();
    const sub = ann.from("tasks").where((t) => t.status.ne("DONE")).where((t) => t.boardId.eq("b1"))
      .orderBy("position").include("comments", (c) => c.orderBy("createdAt", "desc").limit(2))
      .subscribe(seen.listener);
    await eventually(() => seen.last, "the snapshot");
    same(ids(seen.last.rows), ["t1", "t2"], "open tasks of b1");
    const done = ann.update("tasks", "t2", { status: "DONE" });
    same(ids(seen.last.rows), ["t1"], "t2 left the result before the server answered");
    await done;
    const comment = ann.insert("comments", {
      id: "00000000-0000-0000-0000-0000000000aa", taskId: "t1", authorId: "u1", body: "newest",
      createdAt: "2026-11-22T12:00:00Z",
    });
    same(seen.last.rows[0].comments.map((c) => c.body), ["newest", "One more pass?"], "the comment shows at once, window kept");
    await comment;
    await eventually(() => !seen.last.info.pending, "confirmed");
    same(seen.last.rows[0].comments.map((c) => c.body), ["newest", "One more pass?"], "the server agrees");
    await ann.update("tasks", "t2", { status: "TODO" });
    await eventually(() => ids(seen.last.rows).join() === "t1,t2", "t2 back");
    sub.close();
  },

  async "single queries follow one row"() {
    const seen = recorder();
    const sub = ann.from("tasks").one("t4").subscribe(seen.listener);
    await eventually(() => seen.last, "the snapshot");
    same(seen.last.rows.title, "Refactor billing", "the row");
    await bob.update("tasks", "t4", { title: "Refactor billing, part 2" });
    await eventually(() => seen.last.rows?.title === "Refactor billing, part 2", "the update");
    sub.close();
  },

  async "building a query with a wrong name fails at once, saying what is allowed"() {
    let error;
    try {
      ann.from("tasks").where((t) => t.titel.eq("x"));
    } catch (e) {
      error = e;
    }
    check(error?.code === "UNKNOWN_FIELD" && error.message.includes("title"), "unknown field: " + error?.message);
    try {
      ann.from("tasks").where((t) => t.status.gt("DONE"));
    } catch (e) {
      error = e;
    }
    check(error?.code === "OPERATOR_NOT_ALLOWED" && error.message.includes("eq"), "operator: " + error?.message);
    try {
      ann.from("tasks").orderBy("labels");
    } catch (e) {
      error = e;
    }
    check(error?.code === "OPERATOR_NOT_ALLOWED", "order by a list: " + error?.message);
    try {
      ann.from("taks");
    } catch (e) {
      error = e;
    }
    check(error?.code === "UNKNOWN_COLLECTION" && error.message.includes("tasks"), "collection: " + error?.message);
    await rejects(ann.from("tasks").where((t) => t.title.eq("x".repeat(10))).limit(10001).get(), "LIMIT_EXCEEDED",
      "the server's limits still apply");
  },
});
