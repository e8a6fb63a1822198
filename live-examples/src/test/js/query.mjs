// The query builder's operators, by field type, against the Java builder's: no server needed.
import { check, same, scenarios } from "./harness.mjs";
import { wherePaths } from "../../../../live-runtime/src/main/resources/dev/live/browser/client/query.js";
import { matches } from "../../../../live-runtime/src/main/resources/dev/live/browser/client/match.js";

const schema = {
  collections: {
    flags: {
      id: "id",
      fields: {
        id: { type: "string", nullable: false },
        done: { type: "boolean", nullable: false },
        archived: { type: "boolean", nullable: true },
        position: { type: "int", nullable: false },
      },
      relations: {},
    },
  },
};
const flags = schema.collections.flags;

function refused(build, code, what) {
  try {
    build();
  } catch (error) {
    check(error.code === code, `${what}: expected ${code}, got ${error.code}: ${error.message}`);
    return error;
  }
  throw new Error(`${what}: expected ${code}, but it was built`);
}

await scenarios({
  async "a boolean field takes isTrue and isFalse, as eq true and eq false"() {
    const row = wherePaths(schema, "flags");
    same(row.done.isTrue(), { op: "eq", field: "done", value: true }, "isTrue");
    same(row.done.isFalse(), { op: "eq", field: "done", value: false }, "isFalse");
    same(row.archived.isTrue(), { op: "eq", field: "archived", value: true }, "on a nullable boolean");
  },

  async "a null boolean is neither true nor false"() {
    const row = wherePaths(schema, "flags");
    const unset = { id: "f1", done: true, archived: null, position: 1 };
    same(matches(flags, row.archived.isTrue(), unset), false, "isTrue");
    same(matches(flags, row.archived.isFalse(), unset), false, "isFalse");
    same(matches(flags, row.done.isTrue(), unset), true, "a true one");
  },

  async "isTrue is refused on a field that is not a boolean, naming what it takes"() {
    const error = refused(() => wherePaths(schema, "flags").position.isTrue(), "OPERATOR_NOT_ALLOWED",
      "isTrue on an int");
    check(error.message.includes("position") && error.message.includes("lte"), "the message: " + error.message);
  },
});
