// Type declarations of @dev.live/client/react: React hooks over the browser client's live queries
// and rooms. The hooks take the client (null while connect() resolves) as their first argument.

import type {
  LiveClient, LiveError, ResultInfo, RoomMember, RoomName, RoomOf, SchemaShape, Subscription,
} from "./index.js";

/** What `useLiveQuery` follows: a query or a single-row query of the client (`T` is what its listener gets). */
export interface LiveQueryLike<T> {
  subscribe(listener: (value: T, info: ResultInfo) => void, onError?: (error: LiveError) => void): Subscription;
  toJSON(): object;
}

/** A live query's state in a component. */
export interface LiveQueryState<T> {
  /** The rows (a `first()` or `one(id)` query: the row or null); undefined until the first result. */
  data: T | undefined;
  info: ResultInfo | undefined;
  /** Why the query ended: the server refused it, or the client was closed. */
  error: LiveError | undefined;
  /** True until the first result or error of the current query, and while there is no client or query. */
  loading: boolean;
}

/**
 * Follows `query` while the component is mounted and renders again on every change. Queries are
 * compared by their wire form, so building the query on every render is fine.
 *
 * ```tsx
 * const { data: tasks, loading } = useLiveQuery(live, live?.from("tasks").where((t) => t.boardId.eq(boardId)));
 * ```
 */
export function useLiveQuery<T>(client: LiveClient<any> | null | undefined,
                                query: LiveQueryLike<T> | null | undefined): LiveQueryState<T>;

/** A room's state in a component. */
export interface RoomState<S extends SchemaShape, R extends RoomName<S>> {
  /** The room, for `emit`, `setState`, `on(event, ...)`; null without a client. */
  room: RoomOf<S, R> | null;
  joined: boolean;
  memberId: string | null;
  members: readonly RoomMember<S["rooms"][R]["presence"]>[];
  state: S["rooms"][R]["state"] | null;
  /** Why joining (or sending the presence) failed: FORBIDDEN when the room's rule says no. */
  error: LiveError | undefined;
}

/**
 * Watches the room `<type>:<key>` and renders again when its members or state change. With a
 * presence, the component is a member while mounted: it joins, sends a changed presence, and leaves
 * on unmount. Without one it only watches.
 *
 * ```tsx
 * const { members, room } = useRoom(live, "board", boardId, { name, typing: false });
 * ```
 */
export function useRoom<S extends SchemaShape, R extends RoomName<S>>(
  client: LiveClient<S> | null | undefined, type: R, key: string | null | undefined,
  presence?: S["rooms"][R]["presence"]): RoomState<S, R>;
