// The client's own evaluation of conditions and order, used for optimistic writes: values compare
// by their field's type as the server does. No server needed.
import { check, same, scenarios } from "./harness.mjs";
import { compareValues, matches, rowComparator } from "../../../../live-runtime/src/main/resources/dev/live/browser/client/match.js";

const tasks = {
  id: "id",
  fields: {
    id: { type: "string", nullable: false },
    due: { type: "instant", nullable: true },
    budget: { type: "decimal", nullable: true },
    position: { type: "int", nullable: false },
    day: { type: "date", nullable: true },
  },
  relations: { board: { target: "boards", many: false, field: "boardId" } },
};

await scenarios({
  async "decimals compare exactly, by number"() {
    same(compareValues("decimal", "1.50", "1.5"), 0, "trailing zeros");
    same(compareValues("decimal", "10", "9.99"), 1, "more digits");
    same(compareValues("decimal", "-1.5", "-1.25"), -1, "negatives");
    same(compareValues("decimal", "-0.00", "0"), 0, "negative zero");
    same(compareValues("decimal", "0.1", "1e-1"), 0, "exponent");
    same(compareValues("decimal", "12345678901234567890.1", "12345678901234567890.05"), 1, "beyond doubles");
  },

  async "instants compare by time, fractions included"() {
    same(compareValues("instant", "2026-11-22T09:00:00Z", "2026-11-22T09:00:00.5Z"), -1, "a fraction is later");
    same(compareValues("instant", "2026-11-22T09:00:00.500Z", "2026-11-22T09:00:00.5Z"), 0, "same instant");
    same(compareValues("instant", new Date("2026-11-22T10:00:00Z"), "2026-11-22T09:59:59.999999999Z"), 1, "a Date");
  },

  async "conditions are two-valued, and relation conditions undecided"() {
    const row = { id: "t1", due: null, budget: "3.0", position: 2, day: "2026-12-24" };
    same(matches(tasks, { op: "ne", field: "due", value: "2026-01-01T00:00:00Z" }, row), true, "ne matches null");
    same(matches(tasks, { op: "lt", field: "due", value: "2026-01-01T00:00:00Z" }, row), false, "lt does not");
    same(matches(tasks, { op: "in", field: "budget", values: ["3", "4"] }, row), true, "in by decimal value");
    same(matches(tasks, { op: "gte", field: "day", value: "2026-12-24" }, row), true, "dates");
    const related = { op: "is", relation: "board", where: { op: "eq", field: "teamId", value: "team1" } };
    same(matches(tasks, related, row), undefined, "a relation condition");
    same(matches(tasks, { op: "and", conditions: [related, { op: "eq", field: "position", value: 3 }] }, row), false,
      "and with a false part");
    same(matches(tasks, { op: "or", conditions: [related, { op: "eq", field: "position", value: 3 }] }, row), undefined,
      "or with an undecided part");
    same(matches(tasks, { op: "not", condition: related }, row), undefined, "not of undecided");
  },

  async "order keys put nulls last ascending and first descending, then the id"() {
    const rows = [
      { id: "b", due: null, position: 1 },
      { id: "a", due: "2026-11-22T09:00:00Z", position: 1 },
      { id: "c", due: "2026-11-22T08:00:00Z", position: 1 },
      { id: "d", due: null, position: 1 },
    ];
    const ascending = [...rows].sort(rowComparator(tasks, [{ field: "due", direction: "asc" }]));
    same(ascending.map((r) => r.id), ["c", "a", "b", "d"], "ascending");
    const descending = [...rows].sort(rowComparator(tasks, [{ field: "due", direction: "desc" }]));
    same(descending.map((r) => r.id), ["b", "d", "a", "c"], "descending");
    const nullsFirst = [...rows].sort(rowComparator(tasks, [{ field: "due", direction: "asc", nulls: "first" }]));
    same(nullsFirst.map((r) => r.id), ["b", "d", "c", "a"], "nulls first");
    check(rowComparator(tasks, [{ field: "position" }])(rows[0], rows[1]) > 0, "equal keys order by id");
  },
});
