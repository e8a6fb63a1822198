// An application of the installed package (check.mjs installs the tarball beside this file), with
// a schema written as the processor writes AppSchema.d.ts. tsc checks it; each `@ts-expect-error`
// marks a mistake the types must catch (should they stop catching it, tsc reports the directive as
// unused). esbuild then bundles it, resolving both entries through the package's exports.

import { connect, LiveError } from "@dev.live/client";
import type { LiveClient, Room, SchemaShape } from "@dev.live/client";
import { useLiveQuery, useRoom } from "@dev.live/client/react";

/** True only when A and B are the same type. */
type Exactly<A, B> = (<T>() => T extends A ? 1 : 2) extends (<T>() => T extends B ? 1 : 2) ? true : false;

interface Task { readonly id: string; readonly boardId: string; readonly title: string; readonly position: number }
interface Viewer { readonly name: string; readonly typing: boolean }
interface Typing { readonly taskId: string; readonly typing: boolean }
interface BoardRoomState { readonly topic: string | null; readonly pinned: readonly string[] }

interface Schema {
  collections: {
    tasks: {
      row: Task;
      insert: { id: string; boardId: string; title: string; position: number };
      update: { boardId?: string; title?: string; position?: number };
      id: string;
      fields: {
        id: { value: string; kind: "string"; nullable: false };
        boardId: { value: string; kind: "string"; nullable: false };
        title: { value: string; kind: "string"; nullable: false };
        position: { value: number; kind: "int"; nullable: false };
      };
      relations: {};
    };
  };
  procedures: {};
  rooms: {
    board: { state: BoardRoomState; presence: Viewer; events: { typing: Typing } };
  };
}

const fits: Schema extends SchemaShape ? true : never = true;

const live: LiveClient<Schema> = await connect<Schema>({ url: "ws://localhost:8080/live", token: () => "t1" });
live.from("tasks").where((t) => t.boardId.eq("b1")).orderBy("position").subscribe((rows) => rows[0]?.title);

// Rooms are typed by the schema's declaration.
const room = live.room("board", "b1");
const roomIsTyped: Exactly<typeof room, Room<BoardRoomState, Viewer, { typing: Typing }>> = true;
await room.join({ name: "Ann", typing: false });
room.on("typing", (typing, from) => typing.taskId + (from ?? ""));
// @ts-expect-error no room type is called "bord"
live.room("bord", "b1");
// @ts-expect-error a presence is a Viewer
await room.join({ name: "Ann" });
// @ts-expect-error the board room has no event "cursor"
room.on("cursor", () => {});

// The hooks: a live query's rows and a single row, typed by the query; a room's members by its presence.
function hooks(client: LiveClient<Schema> | null, boardId: string) {
  const tasks = useLiveQuery(client, client?.from("tasks").where((t) => t.boardId.eq(boardId)));
  const tasksAreRows: Exactly<typeof tasks.data, readonly Task[] | undefined> = true;
  const first = useLiveQuery(client, client?.from("tasks").orderBy("position").first());
  const firstIsRow: Exactly<typeof first.data, Task | null | undefined> = true;
  const error: LiveError | undefined = tasks.error;

  const board = useRoom(client, "board", boardId, { name: "Ann", typing: false });
  const names: readonly string[] = board.members.map((member) => member.presence.name);
  const topic: string | null | undefined = board.state?.topic;
  board.room?.emit("typing", { taskId: "t1", typing: true });
  // @ts-expect-error the presence of the board room is a Viewer
  useRoom(client, "board", boardId, { name: 1 });
  // @ts-expect-error no room type is called "chat"
  useRoom(client, "chat", boardId);
  return { tasksAreRows, firstIsRow, error, names, topic };
}

export { fits, roomIsTyped, hooks };
