// Optimistic writes: a write the server has not confirmed yet is shown in every result it
// touches, at every depth of includes, by the result's where, order and limit. Results are never
// changed in place: a touched row or list is a new, frozen object, and the rows a write made are
// remembered as pending. The server's deltas, and a rejection, correct what this guessed:
// - a where on related rows (is, some, none, every) cannot be decided from a row: a row already
//   in the result stays there, a row not in it does not enter;
// - a window (limit) is trimmed but not refilled;
// - a new row's to-many includes start empty, and its to-one includes are known only when the
//   client holds the target row from some result;
// - strings order by UTF-16 code units, which may differ from the database's collation.

import { matches, rowComparator } from "./match.js";

/** Deep-freezes a row from the server (its includes too). */
export function frozen(value) {
  if (value && typeof value === "object" && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const member of Object.values(value)) frozen(member);
  }
  return value;
}

/** The plain rows (without includes) the client has seen, by collection and id. */
export class KnownRows {
  /** Insertion-ordered: the oldest goes first beyond the cap. */
  #rows = new Map();

  constructor(cap = 20000) {
    this.cap = cap;
  }

  /** Remembers `row` of `collection` and, following `spec`'s includes, its included rows. */
  remember(schema, collectionName, includes, row) {
    const collection = schema.collections[collectionName];
    if (!row || !collection) return;
    const plain = {};
    for (const name of Object.keys(collection.fields)) plain[name] = row[name];
    const key = collectionName + "\u0000" + row[collection.id];
    this.#rows.delete(key);
    this.#rows.set(key, Object.freeze(plain));
    if (this.#rows.size > this.cap) this.#rows.delete(this.#rows.keys().next().value);
    for (const include of includes ?? []) {
      const relation = collection.relations[include.relation];
      const value = row[include.relation];
      if (!relation || value === undefined || value === null) continue;
      for (const child of relation.many ? value : [value]) {
        this.remember(schema, relation.target, include.include, child);
      }
    }
  }

  forget(collectionName, id) {
    this.#rows.delete(collectionName + "\u0000" + id);
  }

  get(collectionName, id) {
    return this.#rows.get(collectionName + "\u0000" + id);
  }
}

function idCondition(field, value) {
  return { op: "eq", field, value };
}

function both(a, b) {
  if (!a) return b;
  return { op: "and", conditions: [a, b] };
}

/** The include members a row of `collection` gets before the server says: empty or known. */
function withIncludes(context, collection, includes, row) {
  if (!includes || includes.length === 0) return row;
  const result = { ...row };
  for (const include of includes) {
    const relation = collection.relations[include.relation];
    if (relation.many) {
      result[include.relation] = Object.freeze([]);
    } else {
      const target = context.schema.collections[relation.target];
      const known = row[relation.field] == null ? undefined : context.known.get(relation.target, row[relation.field]);
      result[include.relation] = known
        ? frozen(context.mark(withIncludes(context, target, include.include, known)))
        : null;
    }
  }
  return result;
}

/** `row` with the write's changes, its to-one includes following a changed reference. */
function updated(context, collection, includes, row, changes) {
  const result = { ...row, ...changes };
  for (const include of includes ?? []) {
    const relation = collection.relations[include.relation];
    if (!relation.many && relation.field in changes && changes[relation.field] !== row[relation.field]) {
      const target = context.schema.collections[relation.target];
      const known = changes[relation.field] == null ? undefined : context.known.get(relation.target, changes[relation.field]);
      result[include.relation] = known ? context.mark(withIncludes(context, target, include.include, known)) : null;
    }
  }
  return result;
}

/**
 * The rows of a result (`spec`: collection, where, orderBy, limit, first, id, include) after
 * `write` ({op, collection, id, value}); the same array when the write does not touch it.
 */
export function applyWrite(context, spec, rows, write) {
  const collection = context.schema.collections[spec.collection];
  let result = rows;
  if (write.collection === spec.collection) {
    result = applyToList(context, collection, spec, result, write);
  }
  if (spec.include && spec.include.length > 0) {
    result = applyToIncludes(context, collection, spec.include, result, write);
  }
  return result;
}

function applyToList(context, collection, spec, rows, write) {
  const idField = collection.id;
  const index = rows.findIndex((row) => row[idField] === write.id);
  const present = index >= 0 ? rows[index] : undefined;
  if (write.op === "delete") {
    return present ? rows.filter((_, i) => i !== index) : rows;
  }
  let candidate;
  if (write.op === "insert") {
    const full = {};
    for (const name of Object.keys(collection.fields)) full[name] = write.value[name] ?? null;
    candidate = withIncludes(context, collection, spec.include, full);
  } else {
    const base = present ?? context.known.get(spec.collection, write.id);
    if (!base) return rows;
    const withMembers = present ? base : withIncludes(context, collection, spec.include, base);
    candidate = updated(context, collection, spec.include, withMembers, write.value);
  }
  let where = spec.where;
  if (spec.id !== undefined) where = both(where, idCondition(idField, spec.id));
  const belongs = matches(collection, where, candidate);
  const stays = belongs === true || (belongs === undefined && present !== undefined);
  const without = present ? rows.filter((_, i) => i !== index) : rows;
  if (!stays) return present ? without : rows;
  const row = frozen(context.mark(candidate));
  const order = rowComparator(collection, spec.orderBy);
  let at = without.findIndex((other) => order(row, other) < 0);
  if (at < 0) at = without.length;
  const next = [...without.slice(0, at), row, ...without.slice(at)];
  const limit = spec.first ? 1 : spec.limit;
  return limit !== undefined && next.length > limit ? next.slice(0, limit) : next;
}

function applyToIncludes(context, collection, includes, rows, write) {
  let changed = false;
  const next = rows.map((row) => {
    let copy;
    for (const include of includes) {
      const relation = collection.relations[include.relation];
      const current = row[include.relation];
      if (current === undefined) continue;
      const target = context.schema.collections[relation.target];
      let after;
      if (relation.many) {
        const childSpec = {
          collection: relation.target,
          where: both(include.where, idCondition(relation.field, row[collection.id])),
          orderBy: include.orderBy,
          limit: include.limit,
          include: include.include,
        };
        after = applyWrite(context, childSpec, current, write);
      } else {
        if (row[relation.field] === null || row[relation.field] === undefined) continue;
        const childSpec = {
          collection: relation.target,
          where: both(include.where, idCondition(target.id, row[relation.field])),
          include: include.include,
        };
        const list = applyWrite(context, childSpec, current === null ? [] : [current], write);
        after = list.length === 0 ? null : list[0];
        if (after === current || (current === null && after === null)) continue;
      }
      if (after !== current) {
        copy = copy ?? { ...row };
        copy[include.relation] = relation.many ? Object.freeze(after) : after;
      }
    }
    if (!copy) return row;
    changed = true;
    return frozen(context.mark(copy));
  });
  return changed ? next : rows;
}
