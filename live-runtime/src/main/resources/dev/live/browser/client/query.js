// Query building: typed-by-schema field paths for `where`, immutable query and include builders
// producing the wire form of docs/protocol.md ("Queries"). Names are checked against the schema
// as the query is built, so a typo fails at once with what the collection has.

import { LiveError, listed } from "./errors.js";

const EQUALITY = ["eq", "ne"];
const RANGE = ["gt", "gte", "lt", "lte"];
const TEXT = ["startsWith", "contains"];
// As the Java client's BooleanField: shorthands for eq(true) and eq(false), so null matches neither.
const TRUTH = ["isTrue", "isFalse"];

/** The operators a field of this type takes (docs/protocol.md, "Conditions"). */
function operatorsOf(field) {
  const ops = [];
  if (field.type !== "json") {
    ops.push(...EQUALITY, "in");
    if (!["boolean", "enum", "uuid"].includes(field.type)) ops.push(...RANGE);
    if (field.type === "string") ops.push(...TEXT);
    if (field.type === "boolean") ops.push(...TRUTH);
  }
  if (field.nullable) ops.push("isNull", "isNotNull");
  return ops;
}

/** A value as it goes on the wire: a Date becomes its ISO form (the day alone for a date field). */
function wireValue(value, path, type) {
  if (value instanceof Date) return type === "date" ? value.toISOString().slice(0, 10) : value.toISOString();
  if (value === null || value === undefined) {
    throw new LiveError("NULL_NOT_ALLOWED", `${path}: a condition's value is never null; test for null with isNull()`);
  }
  return value;
}

function fieldPath(collectionName, name, field) {
  const path = {};
  for (const op of operatorsOf(field)) {
    if (op === "in") {
      path.in = (values) => ({ op: "in", field: name, values: [...values].map((v) => wireValue(v, name, field.type)) });
    } else if (op === "isNull" || op === "isNotNull") {
      path[op] = () => ({ op, field: name });
    } else if (op === "isTrue" || op === "isFalse") {
      path[op] = () => ({ op: "eq", field: name, value: op === "isTrue" });
    } else {
      path[op] = (value) => ({ op, field: name, value: wireValue(value, name, field.type) });
    }
  }
  return strict(Object.freeze(path), (op) => new LiveError("OPERATOR_NOT_ALLOWED",
    `where: ${collectionName}.${name} (${field.type}${field.nullable ? ", nullable" : ""}) takes ${listed(Object.keys(path))},`
    + ` not ${op}`));
}

function relationPath(schema, collectionName, name, relation) {
  const condition = (op) => (build) => ({ op, relation: name, where: build(wherePaths(schema, relation.target)) });
  const path = relation.many
    ? { some: condition("some"), none: condition("none"), every: condition("every") }
    : { is: condition("is") };
  return strict(Object.freeze(path), (op) => new LiveError("OPERATOR_NOT_ALLOWED",
    `where: ${collectionName}.${name} is a ${relation.many ? "to-many" : "to-one"} relation; it takes`
    + ` ${listed(Object.keys(path))}, not ${op}`));
}

function checkConditions(conditions, op) {
  if (conditions.length === 0) {
    throw new LiveError("INVALID_QUERY", `${op}() takes at least one condition`);
  }
  return conditions;
}

const pathsCache = new WeakMap();

/** What a `where` callback receives for `collection`: a path per field and relation, and and/or/not. */
export function wherePaths(schema, collectionName) {
  const collection = collectionOf(schema, collectionName);
  let cached = pathsCache.get(collection);
  if (cached) return cached;
  const paths = {
    and: (...conditions) => ({ op: "and", conditions: checkConditions(conditions, "and") }),
    or: (...conditions) => ({ op: "or", conditions: checkConditions(conditions, "or") }),
    not: (condition) => ({ op: "not", condition }),
  };
  for (const [name, field] of Object.entries(collection.fields)) paths[name] = fieldPath(collectionName, name, field);
  for (const [name, relation] of Object.entries(collection.relations)) {
    paths[name] = relationPath(schema, collectionName, name, relation);
  }
  cached = strict(Object.freeze(paths), (name) => new LiveError("UNKNOWN_FIELD",
    `where: unknown field or relation '${name}' of ${collectionName}; it has `
    + listed([...Object.keys(collection.fields), ...Object.keys(collection.relations)])));
  pathsCache.set(collection, cached);
  return cached;
}

/** An object that answers a misspelt name with what it has (`unknown(name)`), not with `undefined`. */
function strict(object, unknown) {
  return new Proxy(object, {
    get(target, name, receiver) {
      if (typeof name !== "string" || name in target || name === "then" || name === "toJSON") {
        return Reflect.get(target, name, receiver);
      }
      throw unknown(name);
    },
  });
}

export function collectionOf(schema, name) {
  const collection = schema.collections[name];
  if (!collection) {
    throw new LiveError("UNKNOWN_COLLECTION",
      `unknown collection '${name}'; the schema has ${listed(Object.keys(schema.collections))}`);
  }
  return collection;
}

function and(where, condition) {
  if (!condition || typeof condition.op !== "string") {
    throw new LiveError("INVALID_QUERY", "a where callback returns a condition, such as row.title.eq(\"x\")");
  }
  if (!where) return condition;
  if (where.op === "and") return { op: "and", conditions: [...where.conditions, condition] };
  return { op: "and", conditions: [where, condition] };
}

function orderKey(collection, collectionName, field, direction = "asc", nulls) {
  const info = collection.fields[field];
  if (!info) {
    throw new LiveError("UNKNOWN_FIELD",
      `orderBy: unknown field '${field}' of ${collectionName}; it has ${listed(Object.keys(collection.fields))}`);
  }
  if (info.type === "json") {
    throw new LiveError("OPERATOR_NOT_ALLOWED", `orderBy: ${collectionName}.${field} is a nested record or list`
      + " and cannot be ordered by");
  }
  if (direction !== "asc" && direction !== "desc") {
    throw new LiveError("INVALID_VALUE", `orderBy: a direction is "asc" or "desc", not ${JSON.stringify(direction)}`);
  }
  const key = { field, direction };
  if (nulls !== undefined) {
    if (nulls !== "first" && nulls !== "last") {
      throw new LiveError("INVALID_VALUE", `orderBy: nulls are "first" or "last", not ${JSON.stringify(nulls)}`);
    }
    key.nulls = nulls;
  }
  return key;
}

function checkLimit(count) {
  if (!Number.isInteger(count) || count < 1) {
    throw new LiveError("INVALID_QUERY", `a limit is a whole number from 1, not ${count}`);
  }
  return count;
}

function include(schema, collectionName, spec, relationName, build) {
  const collection = collectionOf(schema, collectionName);
  const relation = collection.relations[relationName];
  if (!relation) {
    throw new LiveError("UNKNOWN_RELATION", `include: unknown relation '${relationName}' of ${collectionName};`
      + ` it has ${listed(Object.keys(collection.relations))}`);
  }
  let included = new IncludeBuilder(schema, relation.target, relation.many, { relation: relationName });
  if (build) included = build(included);
  if (!(included instanceof IncludeBuilder)) {
    throw new LiveError("INVALID_QUERY", `include('${relationName}', build): build returns the include it was given, refined`);
  }
  return { ...spec, include: [...(spec.include ?? []), included.spec] };
}

/** An include's refinements: where, and for a to-many relation orderBy and limit; nested includes. */
export class IncludeBuilder {
  constructor(schema, collection, many, spec) {
    this.schema = schema;
    this.collection = collection;
    this.many = many;
    this.spec = spec;
  }

  #with(spec) {
    return new IncludeBuilder(this.schema, this.collection, this.many, spec);
  }

  where(build) {
    return this.#with({ ...this.spec, where: and(this.spec.where, build(wherePaths(this.schema, this.collection))) });
  }

  orderBy(field, direction, nulls) {
    if (!this.many) {
      throw new LiveError("INVALID_QUERY", `include '${this.spec.relation}' is to-one: it has no order`);
    }
    const key = orderKey(collectionOf(this.schema, this.collection), this.collection, field, direction, nulls);
    return this.#with({ ...this.spec, orderBy: [...(this.spec.orderBy ?? []), key] });
  }

  limit(count) {
    if (!this.many) {
      throw new LiveError("INVALID_QUERY", `include '${this.spec.relation}' is to-one: it has no limit`);
    }
    return this.#with({ ...this.spec, limit: checkLimit(count) });
  }

  include(relation, build) {
    return this.#with(include(this.schema, this.collection, this.spec, relation, build));
  }
}

/**
 * A query: each step returns a new one. `run` is the client's: run.subscribe(spec, single,
 * listener, onError) and run.get(spec, single).
 */
export class Query {
  constructor(schema, run, spec) {
    collectionOf(schema, spec.collection);
    this.schema = schema;
    this.run = run;
    this.spec = spec;
  }

  #with(spec) {
    return new Query(this.schema, this.run, spec);
  }

  where(build) {
    return this.#with({ ...this.spec, where: and(this.spec.where, build(wherePaths(this.schema, this.spec.collection))) });
  }

  orderBy(field, direction, nulls) {
    const key = orderKey(collectionOf(this.schema, this.spec.collection), this.spec.collection, field, direction, nulls);
    return this.#with({ ...this.spec, orderBy: [...(this.spec.orderBy ?? []), key] });
  }

  limit(count) {
    return this.#with({ ...this.spec, limit: checkLimit(count) });
  }

  include(relation, build) {
    return this.#with(include(this.schema, this.spec.collection, this.spec, relation, build));
  }

  first() {
    const { limit, ...rest } = this.spec;
    return new SingleQuery(this.schema, this.run, { ...rest, first: true });
  }

  one(id) {
    if (id === null || id === undefined) {
      throw new LiveError("NULL_NOT_ALLOWED", "one(id): the id is required");
    }
    const { limit, ...rest } = this.spec;
    return new SingleQuery(this.schema, this.run, { ...rest, id });
  }

  subscribe(listener, onError) {
    return this.run.subscribe({ query: this.spec }, false, listener, onError);
  }

  get() {
    return this.run.get(this.spec, false);
  }

  toJSON() {
    return this.spec;
  }
}

/** A query of at most one row (first() or one(id)). */
export class SingleQuery {
  constructor(schema, run, spec) {
    this.schema = schema;
    this.run = run;
    this.spec = spec;
  }

  include(relation, build) {
    return new SingleQuery(this.schema, this.run, include(this.schema, this.spec.collection, this.spec, relation, build));
  }

  subscribe(listener, onError) {
    return this.run.subscribe({ query: this.spec }, true, listener, onError);
  }

  get() {
    return this.run.get(this.spec, true);
  }

  toJSON() {
    return this.spec;
  }
}
