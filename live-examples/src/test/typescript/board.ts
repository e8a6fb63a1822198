// A small program against the board's generated declarations (AppSchema.d.ts, which the processor
// writes beside AppSchema.class) and the browser client's (live-client.d.ts). It is never run, only
// type-checked: TypeScriptDeclarationsTest runs `tsc --noEmit -p src/test/typescript`. Each
// `@ts-expect-error` marks a mistake the types must catch; should the types grow too loose to catch
// it, tsc reports the directive as unused and the check fails.

import { connect, LiveError } from "../../../../live-runtime/src/main/resources/dev/live/browser/live-client";
import type { Room, SchemaShape } from "../../../../live-runtime/src/main/resources/dev/live/browser/live-client";
import type {
  AppSchema, BoardRoomState, Task, TaskWithRelations, Typing, Viewer,
} from "../../../target/classes/dev/live/examples/board/AppSchema";

/** True only when A and B are the same type; `any` is the same as nothing else. */
type Exactly<A, B> = (<T>() => T extends A ? 1 : 2) extends (<T>() => T extends B ? 1 : 2) ? true : false;

// The generated schema fits the client's contract.
type Fits = AppSchema extends SchemaShape ? true : never;
const fits: Fits = true;

const client = await connect<AppSchema>({ url: "ws://localhost:8080/live" });

// A query: a where through a to-one relation, an order, and an include refined by its callback.
const subscription = client.from("tasks")
  .where(t => t.and(t.status.ne("DONE"), t.assignee.is(u => u.role.eq("ADMIN"))))
  .orderBy("due")
  .include("comments", c => c.orderBy("createdAt", "desc").limit(3))
  .subscribe(rows => {
    const body = rows[0]?.comments[0]?.body;
    const bodyIsText: Exactly<typeof body, string | undefined> = true;
    const due = rows[0]?.due;
    const dueIsNullable: Exactly<typeof due, string | null | undefined> = true;
  });
subscription.close();

// Operators follow the field's kind and nullability; to-many relations take some/none/every.
client.from("tasks").where(t => t.or(t.due.isNull(), t.title.startsWith("Fix"), t.position.gte(2)));
client.from("boards").where(b => b.tasks.some(t => t.status.in(["TODO", "DOING"])));
client.from("users").where(u => u.assignedTasks.none(t => t.status.eq("DOING"))).one("u1").get();

// Writes: an insert leaves nullable fields out, an update names the fields it changes.
// Both resolve with the stored row, or nothing when the caller may not read it.
const inserted: Task | null | undefined = await client.insert("tasks", {
  id: "t9", boardId: "b1", title: "Write the docs", status: "TODO", position: 1, estimate: 2, revision: 1,
  labels: ["docs"], checklist: { items: [{ text: "outline", done: false }] },
});
const updated = await client.update("tasks", "t9", { status: "DOING", assigneeId: null });
if (inserted && updated) await client.delete("tasks", updated.id);
await client.update("boards", "b1", { budget: "1500.00", deadline: "2026-12-24" });

// Procedures: input and output types, none for a procedure without input.
const completed: Task = await client.call("complete", { taskId: "t1" });
const openCount: number = await client.call("countOpen", "b1");
const archived: null = await client.call("archiveBoard", "b1");
const mine = await client.call("myTasks");
const mineAreRows: Exactly<typeof mine, readonly TaskWithRelations[]> = true;

// An application's refusal: Live's code REJECTED, and the application's own in appCode.
const refusal = await client.call("complete", { taskId: "t3" }).catch((error: unknown) =>
  error instanceof LiveError && error.code === "REJECTED" ? error.appCode : undefined);
const appCodeIsOptional: Exactly<LiveError["appCode"], string | undefined> = true;

// Live query procedures: rows as the procedure's return type says.
client.live("openTasks", "b1", rows => {
  const rowsArePlain: Exactly<typeof rows, readonly Task[]> = true;
});
client.live("myTasks", rows => rows[0]?.board?.title);
// @ts-expect-error live() follows live query procedures only; countOpen answers a number once
client.live("countOpen", "b1", () => {});
client.live("taskWithComments", "t1", task => task?.comments?.[0]?.body.length);

// A room, typed by its @LiveRoom declaration (BoardRooms): state, presence and events are its records.
const room = client.room("board", "b1");
const roomIsTyped: Exactly<typeof room, Room<BoardRoomState, Viewer, { typing: Typing }>> = true;
await room.join({ name: "Ann", typing: false });
room.on("typing", (typing, from) => typing.taskId + (from ?? ""));
await room.emit("typing", { taskId: "t1", typing: true });
await room.setState({ topic: "Launch" });
room.onMembers(members => members.map(member => member.presence.name));
const pinned: readonly string[] = room.state?.pinned ?? [];

// Mistakes the types catch.
// @ts-expect-error tasks have no field "priority"
client.from("tasks").where(t => t.priority.eq(1));
// @ts-expect-error "FINISHED" is not a Status
client.from("tasks").where(t => t.status.eq("FINISHED"));
// @ts-expect-error an insert needs every required field: boardId is missing
await client.insert("tasks", { id: "t10", title: "Nowhere", status: "TODO", position: 1, estimate: 1, revision: 1, labels: [] });
// @ts-expect-error an update never changes the id
await client.update("tasks", "t1", { id: "t2" });
// @ts-expect-error no procedure is called "deleteEverything"
await client.call("deleteEverything");
// @ts-expect-error complete takes a CompleteTask, not a task id
await client.call("complete", "t1");
// @ts-expect-error lists are stored as JSON, which queries cannot order by
client.from("tasks").orderBy("labels");
// @ts-expect-error a title is never null
client.from("tasks").where(t => t.title.isNull());
// @ts-expect-error rows have comments only once the query includes them
client.from("tasks").subscribe(rows => rows[0]?.comments);
// @ts-expect-error no collection is called "projects"
client.from("projects");
// @ts-expect-error a room event's data has the event's type
await room.emit("typing", { taskId: "t1" });
// @ts-expect-error the board room has no event "cursor"
room.on("cursor", () => {});
// @ts-expect-error a presence is a Viewer: typing is missing
await room.setPresence({ name: "Ann" });
// @ts-expect-error no room type is called "team"
client.room("team", "t1");

export { fits, completed, openCount, archived, mineAreRows, pinned, roomIsTyped, refusal, appCodeIsOptional };
