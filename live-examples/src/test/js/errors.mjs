// Errors with the application's own codes (LiveException.of("ALREADY_DONE", ...) on the server):
// a LiveError with code REJECTED and the application's code in appCode, from a procedure or a write
// rule, rolled back like any refused write; and roles declared on a procedure.
import { LiveError } from "../../../../live-runtime/src/main/resources/dev/live/browser/live-client.js";
import { check, client, eventually, recorder, rejects, same, scenarios } from "./harness.mjs";

const ann = await client("u1");
const bob = await client("u2");

await scenarios({
  async "a procedure's refusal carries the application's code beside REJECTED"() {
    const error = await rejects(bob.call("complete", { taskId: "t3" }), "REJECTED", "completing a done task");
    check(error instanceof LiveError, "a LiveError: " + error);
    same(error.appCode, "ALREADY_DONE", "the application's code");
    same(error.message, "task 't3' is done already", "the procedure's message");
  },

  async "Live's own errors have no application code"() {
    const error = await rejects(bob.call("complete", { taskId: "nope" }), "NOT_FOUND", "an unknown task");
    same(error.appCode, undefined, "no appCode");
    check(!("appCode" in error), "not even as a member");
  },

  async "a write a rule refuses with the application's code rolls back and carries the code"() {
    const seen = recorder();
    const sub = bob.from("tasks").where((t) => t.boardId.eq("b1")).orderBy("position").subscribe(seen.listener);
    await eventually(() => seen.last, "the snapshot");
    const before = seen.last.rows.find((row) => row.id === "t2").title;
    const writing = bob.update("tasks", "t2", { title: "taken title" });
    same(seen.last.rows.find((row) => row.id === "t2").title, "taken title", "shown at once");
    const error = await rejects(writing, "REJECTED", "a title the rule refuses");
    same(error.appCode, "TITLE_TAKEN", "the rule's code");
    same(seen.last.rows.find((row) => row.id === "t2").title, before, "rolled back");
    sub.close();
  },

  async "a procedure's roles refuse a caller without one and serve one with it"() {
    const error = await rejects(bob.call("archiveBoard", "b2"), "FORBIDDEN", "a member archiving");
    same(error.message, "procedure 'archiveBoard' needs the role ADMIN", "names the role");
    same(error.appCode, undefined, "Live's refusal");
    same(await ann.call("archiveBoard", "b2"), null, "an admin archives");
    same((await ann.from("tasks").where((t) => t.boardId.eq("b2")).get()).length, 0, "b2 is empty");
  },
});
