// Conditions and order evaluated in the browser, for optimistic writes: whether a written row
// belongs in a result, and where. Values compare by their field's type (an instant by time, a
// decimal by number), as the server does. Conditions on related rows cannot be decided from one
// row: they evaluate to `undefined`, and the caller leaves the row where it was.

/** Decimal strings ("-12.50") compared exactly, without floating point. */
function compareDecimal(a, b) {
  const x = splitDecimal(a);
  const y = splitDecimal(b);
  if (x.negative !== y.negative) return x.negative ? -1 : 1;
  const sign = x.negative ? -1 : 1;
  if (x.whole.length !== y.whole.length) return sign * (x.whole.length < y.whole.length ? -1 : 1);
  if (x.whole !== y.whole) return sign * (x.whole < y.whole ? -1 : 1);
  const width = Math.max(x.fraction.length, y.fraction.length);
  const fx = x.fraction.padEnd(width, "0");
  const fy = y.fraction.padEnd(width, "0");
  return fx === fy ? 0 : sign * (fx < fy ? -1 : 1);
}

function splitDecimal(value) {
  const text = String(value).trim();
  const negative = text.startsWith("-");
  const [mantissa, exponentText = "0"] = text.replace(/^[-+]/, "").split(/e/i);
  const [whole, fraction = ""] = mantissa.split(".");
  // Shift the point by the exponent, in the digits themselves: exact at any size.
  const digits = whole + fraction;
  const point = whole.length + Number(exponentText);
  const padded = point < 0 ? "0".repeat(-point) + digits : digits.padEnd(point, "0");
  const at = Math.max(point, 0);
  const integer = padded.slice(0, at).replace(/^0+/, "");
  const frac = padded.slice(at).replace(/0+$/, "");
  return { negative: negative && (integer !== "" || frac !== ""), whole: integer, fraction: frac };
}

const INSTANT = /^(\d{4,}-\d\d-\d\dT\d\d:\d\d(?::\d\d)?)(?:\.(\d{1,9}))?Z$/;

/** An instant as a string that orders by time: the seconds, then nanoseconds in nine digits. */
function instantKey(value) {
  const text = value instanceof Date ? value.toISOString() : String(value);
  const match = INSTANT.exec(text);
  if (match) {
    const seconds = match[1].length === 16 ? match[1] + ":00" : match[1];
    return seconds.padStart(30, "0") + (match[2] ?? "").padEnd(9, "0");
  }
  const time = Date.parse(text);
  return Number.isNaN(time) ? text : instantKey(new Date(time).toISOString());
}

function number(value) {
  if (value === "NaN") return NaN;
  if (value === "Infinity") return Infinity;
  if (value === "-Infinity") return -Infinity;
  return Number(value);
}

/** Compares two non-null values of a field of `type`. */
export function compareValues(type, a, b) {
  switch (type) {
    case "int":
    case "long":
    case "double": {
      const x = number(a);
      const y = number(b);
      if (Number.isNaN(x) || Number.isNaN(y)) return Number.isNaN(x) === Number.isNaN(y) ? 0 : Number.isNaN(x) ? 1 : -1;
      return x === y ? 0 : x < y ? -1 : 1;
    }
    case "decimal":
      return compareDecimal(a, b);
    case "instant": {
      const x = instantKey(a);
      const y = instantKey(b);
      return x === y ? 0 : x < y ? -1 : 1;
    }
    case "boolean":
      return a === b ? 0 : a ? 1 : -1;
    case "uuid": {
      const x = String(a).toLowerCase();
      const y = String(b).toLowerCase();
      return x === y ? 0 : x < y ? -1 : 1;
    }
    default: {
      const x = String(a);
      const y = String(b);
      return x === y ? 0 : x < y ? -1 : 1;
    }
  }
}

function isNull(value) {
  return value === null || value === undefined;
}

/**
 * Whether `row` of `collection` matches `condition`: true, false, or undefined when it depends
 * on related rows.
 */
export function matches(collection, condition, row) {
  if (!condition) return true;
  switch (condition.op) {
    case "and": {
      let result = true;
      for (const part of condition.conditions) {
        const one = matches(collection, part, row);
        if (one === false) return false;
        if (one === undefined) result = undefined;
      }
      return result;
    }
    case "or": {
      let result = false;
      for (const part of condition.conditions) {
        const one = matches(collection, part, row);
        if (one === true) return true;
        if (one === undefined) result = undefined;
      }
      return result;
    }
    case "not": {
      const inner = matches(collection, condition.condition, row);
      return inner === undefined ? undefined : !inner;
    }
    case "is":
    case "some":
    case "none":
    case "every":
      return undefined;
    default:
      return matchesField(collection, condition, row);
  }
}

function matchesField(collection, condition, row) {
  const field = collection.fields[condition.field];
  if (!field) return undefined;
  const value = row[condition.field];
  const compare = (other) => compareValues(field.type, value, other);
  switch (condition.op) {
    case "isNull":
      return isNull(value);
    case "isNotNull":
      return !isNull(value);
    case "eq":
      return !isNull(value) && compare(condition.value) === 0;
    case "ne":
      return isNull(value) || compare(condition.value) !== 0;
    case "in":
      return !isNull(value) && condition.values.some((other) => compare(other) === 0);
    case "gt":
      return !isNull(value) && compare(condition.value) > 0;
    case "gte":
      return !isNull(value) && compare(condition.value) >= 0;
    case "lt":
      return !isNull(value) && compare(condition.value) < 0;
    case "lte":
      return !isNull(value) && compare(condition.value) <= 0;
    case "startsWith":
      return !isNull(value) && String(value).startsWith(condition.value);
    case "contains":
      return !isNull(value) && String(value).includes(condition.value);
    default:
      return undefined;
  }
}

/** The order of a result: its keys (nulls last ascending, first descending, by default), then the id. */
export function rowComparator(collection, orderBy = []) {
  const idType = collection.fields[collection.id].type;
  return (a, b) => {
    for (const key of orderBy) {
      const type = collection.fields[key.field].type;
      const descending = key.direction === "desc";
      const nullsFirst = key.nulls ? key.nulls === "first" : descending;
      const x = a[key.field];
      const y = b[key.field];
      let result;
      if (isNull(x) || isNull(y)) {
        result = isNull(x) && isNull(y) ? 0 : isNull(x) === nullsFirst ? -1 : 1;
      } else {
        result = compareValues(type, x, y) * (descending ? -1 : 1);
      }
      if (result !== 0) return result;
    }
    return compareValues(idType, a[collection.id], b[collection.id]);
  };
}
