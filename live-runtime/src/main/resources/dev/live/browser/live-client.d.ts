// Type declarations of Live's browser client, the ES module the server serves at /live/client.js
// (this file is served beside it at /live/client.d.ts). The client is generic over a schema type:
// the processor generates one for each application (`<Schema>.d.ts`, e.g. AppSchema.d.ts, in the
// compiled classes beside the schema class), which fits `SchemaShape` below. Without it the
// client still works, untyped (`AnySchema`).

// ---------------------------------------------------------------------------------------------
// Schema shapes: what a generated schema type describes.

/** How a field's value travels (docs/protocol.md, "Values"). */
export type FieldKind =
  | "string" | "boolean" | "int" | "long" | "double" | "decimal"
  | "instant" | "date" | "uuid" | "enum" | "json";

/** One field of a collection: its TypeScript value type (without null), kind and nullability. */
export interface FieldShape {
  value: unknown;
  kind: FieldKind;
  nullable: boolean;
}

/** A relation: the collection it reaches, and whether it is to-many. */
export interface RelationShape {
  target: string;
  many: boolean;
}

/** One collection: its row, its insert and update objects, its fields and relations. */
export interface CollectionShape {
  row: object;
  insert: object;
  update: object;
  id: string | number;
  fields: { [field: string]: FieldShape };
  relations: { [relation: string]: RelationShape };
}

/**
 * One procedure. `kind` "live" is a live query procedure: a call answers its rows (`output`),
 * and `client.live(...)` subscribes to it; its rows are those of `collection`, with includes.
 */
export interface ProcedureShape {
  input: unknown;
  output: unknown;
  kind: "query" | "mutation" | "live";
}

/**
 * One room type (docs/rooms.md), as declared by `@LiveRoom`: its shared state, each member's
 * presence, and the payload of each event by name.
 */
export interface RoomShape {
  state: object;
  presence: unknown;
  events: { [event: string]: unknown };
}

/** The shape every generated schema type fits. */
export interface SchemaShape {
  collections: { [collection: string]: CollectionShape };
  procedures: { [procedure: string]: ProcedureShape };
  rooms: { [room: string]: RoomShape };
}

/** The schema type of an untyped client: any collection, any procedure. */
export interface AnySchema extends SchemaShape {
  collections: {
    [collection: string]: {
      row: any; insert: any; update: any; id: any;
      fields: { [field: string]: { value: any; kind: FieldKind; nullable: true } };
      relations: { [relation: string]: { target: string; many: boolean } };
    };
  };
  procedures: { [procedure: string]: { input: any; output: any; kind: "query" | "mutation" | "live" } };
  rooms: { [room: string]: { state: any; presence: any; events: { [event: string]: any } } };
}

type Collections<S extends SchemaShape> = S["collections"];
/** The names of a schema's collections. */
export type CollectionName<S extends SchemaShape> = keyof Collections<S> & string;
/** The names of a schema's room types. */
export type RoomName<S extends SchemaShape> = keyof S["rooms"] & string;
type ProcedureName<S extends SchemaShape> = keyof S["procedures"] & string;
type LiveProcedureName<S extends SchemaShape> = {
  [P in keyof S["procedures"]]: S["procedures"][P]["kind"] extends "live" ? P : never
}[keyof S["procedures"]] & string;
type FieldsOf<S extends SchemaShape, C extends CollectionName<S>> = Collections<S>[C]["fields"];
type RelationsOf<S extends SchemaShape, C extends CollectionName<S>> = Collections<S>[C]["relations"];

/** A collection's row type. */
export type RowOf<S extends SchemaShape, C extends CollectionName<S>> = Collections<S>[C]["row"];

// ---------------------------------------------------------------------------------------------
// Conditions (docs/protocol.md, "Queries"): built with the field paths a `where` callback gets.

/** A condition on rows of collection `C`, in its wire form. */
export interface Condition<C extends string = string> {
  readonly op: string;
  /** Type brand only: conditions of one collection do not fit another's query. */
  readonly __collection?: C;
}

interface EqualityOps<V, C extends string> {
  eq(value: V): Condition<C>;
  ne(value: V): Condition<C>;
  in(values: readonly V[]): Condition<C>;
}
interface RangeOps<V, C extends string> {
  gt(value: V): Condition<C>;
  gte(value: V): Condition<C>;
  lt(value: V): Condition<C>;
  lte(value: V): Condition<C>;
}
interface TextOps<C extends string> {
  startsWith(value: string): Condition<C>;
  contains(value: string): Condition<C>;
}
/** Shorthands for `eq(true)` and `eq(false)`: a null matches neither. */
interface TruthOps<C extends string> {
  isTrue(): Condition<C>;
  isFalse(): Condition<C>;
}
interface NullOps<C extends string> {
  isNull(): Condition<C>;
  isNotNull(): Condition<C>;
}

/** The operators a field takes, by its kind and nullability. */
export type FieldPath<F extends FieldShape, C extends string> =
  (F["kind"] extends "json" ? {} :
    F["kind"] extends "boolean" ? EqualityOps<F["value"], C> & TruthOps<C> :
    F["kind"] extends "enum" | "uuid" ? EqualityOps<F["value"], C> :
    F["kind"] extends "string" ? EqualityOps<F["value"], C> & RangeOps<F["value"], C> & TextOps<C> :
    EqualityOps<F["value"], C> & RangeOps<F["value"], C>)
  & (F["nullable"] extends true ? NullOps<C> : {});

/** A to-one relation in a condition: the related row exists and matches. */
export interface ToOnePath<S extends SchemaShape, T extends CollectionName<S>, C extends string> {
  is(where: (target: Where<S, T>) => Condition<T>): Condition<C>;
}
/** A to-many relation in a condition. `none` and `every` hold when there are no related rows. */
export interface ToManyPath<S extends SchemaShape, T extends CollectionName<S>, C extends string> {
  some(where: (target: Where<S, T>) => Condition<T>): Condition<C>;
  none(where: (target: Where<S, T>) => Condition<T>): Condition<C>;
  every(where: (target: Where<S, T>) => Condition<T>): Condition<C>;
}

/** What a `where` callback receives: a path per field and relation, and the logical operators. */
export type Where<S extends SchemaShape, C extends CollectionName<S>> =
  { [K in keyof FieldsOf<S, C>]: FieldPath<FieldsOf<S, C>[K], C> }
  & { [R in keyof RelationsOf<S, C>]: RelationsOf<S, C>[R]["many"] extends true
      ? ToManyPath<S, RelationsOf<S, C>[R]["target"] & CollectionName<S>, C>
      : ToOnePath<S, RelationsOf<S, C>[R]["target"] & CollectionName<S>, C> }
  & {
    and(...conditions: Condition<C>[]): Condition<C>;
    or(...conditions: Condition<C>[]): Condition<C>;
    not(condition: Condition<C>): Condition<C>;
  };

// ---------------------------------------------------------------------------------------------
// Queries.

/** A field that can be ordered by: any but nested records and lists. */
export type SortableField<S extends SchemaShape, C extends CollectionName<S>> = {
  [K in keyof FieldsOf<S, C>]: FieldsOf<S, C>[K]["kind"] extends "json" ? never : K
}[keyof FieldsOf<S, C>] & string;

export type Direction = "asc" | "desc";
export type Nulls = "first" | "last";

/** The row type after including relation `R` with rows `Sub`. */
type WithInclude<S extends SchemaShape, C extends CollectionName<S>, Row, R extends keyof RelationsOf<S, C>, Sub> =
  Row & { readonly [K in R]: RelationsOf<S, C>[R]["many"] extends true ? readonly Sub[] : Sub | null };

type TargetOf<S extends SchemaShape, C extends CollectionName<S>, R extends keyof RelationsOf<S, C>> =
  RelationsOf<S, C>[R]["target"] & CollectionName<S>;

/** What an include's callback refines: a where, an order and a limit (to-many), nested includes. */
export interface IncludeBuilder<S extends SchemaShape, C extends CollectionName<S>, Row> {
  where(build: (row: Where<S, C>) => Condition<C>): IncludeBuilder<S, C, Row>;
  orderBy(field: SortableField<S, C>, direction?: Direction, nulls?: Nulls): IncludeBuilder<S, C, Row>;
  limit(count: number): IncludeBuilder<S, C, Row>;
  include<R extends keyof RelationsOf<S, C> & string, Sub = RowOf<S, TargetOf<S, C, R>>>(
    relation: R,
    build?: (include: IncludeBuilder<S, TargetOf<S, C, R>, RowOf<S, TargetOf<S, C, R>>>)
      => IncludeBuilder<S, TargetOf<S, C, R>, Sub>,
  ): IncludeBuilder<S, C, WithInclude<S, C, Row, R, Sub>>;
}

/** What a live result's listener learns besides the rows. */
export interface ResultInfo {
  /** The change-log version the server's part of the result is at. */
  version: number;
  /** True while some rows shown are optimistic writes the server has not confirmed. */
  pending: boolean;
}

/** A live query's handle. */
export interface Subscription {
  /** Stops the query: no listener call follows. */
  close(): void;
}

export interface ErrorInfo {
  code: string;
  appCode?: string;
  message: string;
  path?: string;
}

/** An error the server answered, or the client's own (`code` "CLOSED", "OFFLINE_QUEUE_FULL", "MUTATION_EXPIRED", ...). */
export declare class LiveError extends Error {
  /** Live's code (docs/protocol.md, "Errors"); an application's refusal is `REJECTED`. */
  readonly code: string;
  /** The path of the offending value, for decoding errors. */
  readonly path?: string;
  /** The application's own code (`NO_CREDITS`), when the server refused with `LiveException.of`; with `code` `REJECTED`. */
  readonly appCode?: string;
  constructor(code: string, message: string, path?: string, appCode?: string);
}

/** A query of many rows, built step by step; every step returns a new query. */
export interface Query<S extends SchemaShape, C extends CollectionName<S>, Row = RowOf<S, C>> {
  /** Adds a condition, ANDed with those before it. */
  where(build: (row: Where<S, C>) => Condition<C>): Query<S, C, Row>;
  /** Adds an order key; rows of equal keys are ordered by id. */
  orderBy(field: SortableField<S, C>, direction?: Direction, nulls?: Nulls): Query<S, C, Row>;
  limit(count: number): Query<S, C, Row>;
  /** Includes related rows under the relation's name; the callback refines them. */
  include<R extends keyof RelationsOf<S, C> & string, Sub = RowOf<S, TargetOf<S, C, R>>>(
    relation: R,
    build?: (include: IncludeBuilder<S, TargetOf<S, C, R>, RowOf<S, TargetOf<S, C, R>>>)
      => IncludeBuilder<S, TargetOf<S, C, R>, Sub>,
  ): Query<S, C, WithInclude<S, C, Row, R, Sub>>;
  /** The first row in order only. */
  first(): SingleQuery<S, C, Row>;
  /** The row with this id only. */
  one(id: Collections<S>[C]["id"]): SingleQuery<S, C, Row>;
  /** Keeps `listener` called with the current rows (frozen; a new array on every change). */
  subscribe(listener: (rows: readonly Row[], info: ResultInfo) => void,
            onError?: (error: LiveError) => void): Subscription;
  /** The rows once, from the server. */
  get(): Promise<readonly Row[]>;
  /** The query's wire form. */
  toJSON(): object;
}

/** A query of at most one row. */
export interface SingleQuery<S extends SchemaShape, C extends CollectionName<S>, Row = RowOf<S, C>> {
  include<R extends keyof RelationsOf<S, C> & string, Sub = RowOf<S, TargetOf<S, C, R>>>(
    relation: R,
    build?: (include: IncludeBuilder<S, TargetOf<S, C, R>, RowOf<S, TargetOf<S, C, R>>>)
      => IncludeBuilder<S, TargetOf<S, C, R>, Sub>,
  ): SingleQuery<S, C, WithInclude<S, C, Row, R, Sub>>;
  subscribe(listener: (row: Row | null, info: ResultInfo) => void,
            onError?: (error: LiveError) => void): Subscription;
  get(): Promise<Row | null>;
  toJSON(): object;
}

// ---------------------------------------------------------------------------------------------
// Rooms (docs/rooms.md).

export interface RoomMember<Presence> {
  /** `<userId>/<clientId>`, or the client id alone for an anonymous client. */
  readonly member: string;
  readonly userId: string | null;
  readonly presence: Presence;
}

/** A room: join it, then see its members, state and events. Rejoined after a reconnect. */
export interface Room<State, Presence, Events extends { [event: string]: unknown }> {
  readonly name: string;
  readonly joined: boolean;
  /** This client's member id once joined. */
  readonly memberId: string | null;
  readonly state: State | null;
  readonly members: readonly RoomMember<Presence>[];
  join(presence: Presence): Promise<void>;
  leave(): Promise<void>;
  /** Sends an event to the other members (and to this one with `toSelf`); resolves with how many it was queued for. */
  emit<E extends keyof Events & string>(event: E, data: Events[E], options?: { toSelf?: boolean }): Promise<number>;
  /** Merges these top-level fields into the shared state. */
  setState(changes: Partial<State>): Promise<void>;
  setPresence(presence: Presence): Promise<void>;
  onState(listener: (state: State) => void): () => void;
  onMembers(listener: (members: readonly RoomMember<Presence>[]) => void): () => void;
  on<E extends keyof Events & string>(event: E, listener: (data: Events[E], from: string | null) => void): () => void;
}

/** A room of type `R`, typed by the schema's declaration of it. */
export type RoomOf<S extends SchemaShape, R extends RoomName<S>> =
  Room<S["rooms"][R]["state"], S["rooms"][R]["presence"], S["rooms"][R]["events"]>;

// ---------------------------------------------------------------------------------------------
// The client.

export type ConnectionState = "connecting" | "open" | "reconnecting" | "closed";

export interface ConnectOptions {
  /**
   * The server's WebSocket URL; by default `/live` on the host that served this module, and for
   * the npm package (@dev.live/client), `/live` on the page's origin. Several nodes of one
   * application are a list: the client connects to one, and when it fails moves on to the next.
   */
  url?: string | readonly string[];
  /**
   * Whether a client given several nodes tries them in an order of its own drawn at random, so
   * that clients spread over them (default true); false tries them as listed, the first first.
   */
  shuffleNodes?: boolean;
  /** A credential sent as the `access_token` query parameter of the WebSocket upgrade (browsers cannot set its headers), which the server's `handshake.bearerToken()` reads; asked again on every connection attempt. */
  token?: string | null | (() => string | null | Promise<string | null>);
  /** This client's id (its mutation sequence's key); by default a new one per page load. */
  clientId?: string;
  /** How often to ping an idle connection, in milliseconds (default 20,000). */
  heartbeatMs?: number;
  /**
   * Reconnect backoff: the first delay and the cap, in milliseconds (defaults 250 and 10,000), with
   * jitter. With several nodes it steps once per round in which every node failed.
   */
  backoff?: { initialMs?: number; maxMs?: number };
  /** At most this many writes wait while offline (default 1,000); beyond, writes fail with OFFLINE_QUEUE_FULL. */
  maxOfflineWrites?: number;
}

export interface LiveClient<S extends SchemaShape = AnySchema> {
  readonly state: ConnectionState;
  readonly clientId: string;
  /** The WebSocket URL of the node the client is connected to, or of the one it tries next. */
  readonly node: string;
  /** Calls `listener` on every change of `state`; returns a function that stops it. */
  onState(listener: (state: ConnectionState) => void): () => void;

  /** A query of a collection. */
  from<C extends CollectionName<S>>(collection: C): Query<S, C>;

  /**
   * Inserts a row: shown at once in the results it matches, confirmed or rolled back by the
   * server. Resolves with the row as stored; undefined when the caller may not read it, and null
   * when the insert had been applied before (its answer lost with a connection) and the row is
   * gone since.
   */
  insert<C extends CollectionName<S>>(collection: C, value: Collections<S>[C]["insert"]): Promise<RowOf<S, C> | null | undefined>;
  /** Changes some fields of a row; resolves with the row as stored (undefined and null as for insert). */
  update<C extends CollectionName<S>>(collection: C, id: Collections<S>[C]["id"],
                                      changes: Collections<S>[C]["update"]): Promise<RowOf<S, C> | null | undefined>;
  delete<C extends CollectionName<S>>(collection: C, id: Collections<S>[C]["id"]): Promise<void>;
  /** True while `row` (from a result) shows a write the server has not confirmed. */
  isPending(row: object): boolean;

  /** Calls a procedure; a mutation procedure is applied at most once, even across reconnects. */
  call<P extends ProcedureName<S>>(procedure: P,
    ...input: S["procedures"][P]["input"] extends void ? [] : [S["procedures"][P]["input"]]): Promise<S["procedures"][P]["output"]>;
  /**
   * Subscribes to a live query procedure: `listener` gets its rows as they change. A procedure
   * without input takes no input argument: `live("myTasks", rows => ...)`.
   */
  live<P extends LiveProcedureName<S>>(procedure: P,
    ...args: S["procedures"][P]["input"] extends void
      ? [listener: (rows: S["procedures"][P]["output"], info: ResultInfo) => void, onError?: (error: LiveError) => void]
      : [input: S["procedures"][P]["input"], listener: (rows: S["procedures"][P]["output"], info: ResultInfo) => void,
         onError?: (error: LiveError) => void]): Subscription;

  /**
   * The room `<type>:<key>`, typed by the room type's `@LiveRoom` declaration (docs/rooms.md): its
   * state, its members' presence and its events.
   */
  room<R extends RoomName<S>>(type: R, key: string): RoomOf<S, R>;

  /** Closes the connection; subscriptions end, waiting requests fail with CLOSED. */
  close(): void;
}

/**
 * Creates a client and starts connecting. Resolves once the schema is known (from the server,
 * or from the copy kept by an earlier visit when the server cannot be reached); the connection
 * itself may still be opening: queries and writes wait for it.
 */
export function connect<S extends SchemaShape = AnySchema>(options?: ConnectOptions): Promise<LiveClient<S>>;
