// What the browser client's scenarios share. Each scenario runs under Node (with its WebSocket)
// against a real server the Java test started (JsClientTest): LIVE_URL reaches it directly,
// LIVE_PROXY_URL through a fault proxy the Java side controls. `step(name)` asks the Java side to
// act (drop the connections, say) and waits until it has.

import { createInterface } from "node:readline";
import { connect } from "../../../../live-runtime/src/main/resources/dev/live/browser/live-client.js";

export { connect };

const DEADLINE_MS = 10000;
const lines = createInterface({ input: process.stdin })[Symbol.asyncIterator]();
const clients = [];

/** A client of user `token` (u1 Ann admin, u2 Bob, u3 Cyd), direct or through the proxy. */
export async function client(token, { viaProxy = false, ...options } = {}) {
  const live = await connect({
    url: viaProxy ? process.env.LIVE_PROXY_URL : process.env.LIVE_URL,
    token,
    heartbeatMs: 500,
    backoff: { initialMs: 50, maxMs: 300 },
    ...options,
  });
  clients.push(live);
  return live;
}

/** Asks the Java side to do `name` and waits until it says done. */
export async function step(name) {
  console.log("STEP " + name);
  const line = await lines.next();
  if (line.done || line.value.trim() !== "done") throw new Error(`step ${name}: the test answered ${line.value}`);
}

export function check(condition, message) {
  if (!condition) throw new Error(message);
}

export function same(actual, expected, what) {
  const a = JSON.stringify(actual);
  const e = JSON.stringify(expected);
  if (a !== e) throw new Error(`${what}: expected ${e}, got ${a}`);
}

/** Waits until `probe()` is truthy (at most 10 s), and returns what it returned. */
export async function eventually(probe, what) {
  const end = Date.now() + DEADLINE_MS;
  let last;
  while (Date.now() < end) {
    try {
      last = probe();
      if (last) return last;
    } catch (error) {
      last = error;
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`waited ${DEADLINE_MS} ms for ${what}; last saw ${last instanceof Error ? last.stack : JSON.stringify(last)}`);
}

/** A listener that keeps what it was called with. */
export function recorder() {
  const seen = { calls: [], get last() { return this.calls.at(-1); } };
  seen.listener = (rows, info) => seen.calls.push({ rows, info });
  return seen;
}

/** The ids of rows. */
export function ids(rows, field = "id") {
  return rows.map((row) => row[field]);
}

/** Expects `promise` to fail with a LiveError of `code`; returns the error. */
export async function rejects(promise, code, what) {
  try {
    await promise;
  } catch (error) {
    check(error.code === code, `${what}: expected ${code}, got ${error.code}: ${error.message}`);
    return error;
  }
  throw new Error(`${what}: expected ${code}, but it succeeded`);
}

/** Runs the scenarios in order; prints PASS or FAIL per scenario, and exits when done. */
export async function scenarios(list) {
  let failed = 0;
  for (const [name, body] of Object.entries(list)) {
    try {
      await body();
      console.log("PASS " + name);
    } catch (error) {
      failed++;
      console.log("FAIL " + name + ": " + (error.stack ?? error));
    }
  }
  for (const live of clients) live.close();
  process.exit(failed === 0 ? 0 : 1);
}
