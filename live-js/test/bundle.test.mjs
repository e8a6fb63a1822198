// The package as build.mjs laid it out (target/package): one self-contained ES module that is the
// served client, with the served declarations, and a default server on the page's origin.
// The client's behaviour itself is tested against a real server by live-examples' JsClientTest.

import { test } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const packageDir = join(here, "../target/package");
const served = join(here, "../../live-runtime/src/main/resources/dev/live/browser");

const client = await import(join(packageDir, "index.js"));

/** Stands in for the browser's fetch and WebSocket, recording what the client asks of them. */
function fakeBrowser(location, { down = [] } = {}) {
  const seen = { fetched: [], sockets: [], opened: [] };
  const saved = { location: globalThis.location, fetch: globalThis.fetch, WebSocket: globalThis.WebSocket };
  globalThis.location = location;
  globalThis.fetch = async (url) => {
    seen.fetched.push(String(url));
    if (down.includes(new URL(url).host)) throw new TypeError("fetch failed");
    return { ok: true, status: 200, text: async () => JSON.stringify({ collections: {}, procedures: {} }) };
  };
  globalThis.WebSocket = class {
    constructor(url) {
      seen.sockets.push(url);
      seen.opened.push(this);
      this.readyState = 0;
    }
    send() {}
    close() {}
  };
  seen.restore = () => Object.assign(globalThis, saved);
  return seen;
}

test("the bundle is one module: it imports nothing and exports the client's API", async () => {
  const text = await readFile(join(packageDir, "index.js"), "utf8");
  assert.doesNotMatch(text, /^\s*import\s/m, "the bundle imports another module");
  assert.doesNotMatch(text, /\bimport\(/, "the bundle loads another module at run time");
  assert.deepEqual(Object.keys(client).sort(), ["LiveError", "connect"]);
  const error = new client.LiveError("NOT_FOUND", "gone");
  assert.equal(error.code, "NOT_FOUND");
  assert.ok(error instanceof Error);
});

test("bundlers find no asset to copy in the bundle", async () => {
  // Vite and webpack copy what `new URL("<literal>", import.meta.url)` names into the application's
  // output: the served client's own URL would make them copy the whole client a second time.
  const text = await readFile(join(packageDir, "index.js"), "utf8");
  assert.doesNotMatch(text, /new URL\(\s*["'`][^"'`]*["'`]\s*,\s*import\.meta\.url\s*\)/);
});

test("the declarations are the served client's", async () => {
  assert.equal(await readFile(join(packageDir, "index.d.ts"), "utf8"),
    await readFile(join(served, "live-client.d.ts"), "utf8"));
});

test("the manifest names the package, its version and both entries", async () => {
  const manifest = JSON.parse(await readFile(join(packageDir, "package.json"), "utf8"));
  assert.equal(manifest.name, "@dev.live/client");
  assert.match(manifest.version, /^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$/);
  assert.equal(manifest.type, "module");
  assert.deepEqual(manifest.exports["."], { types: "./index.d.ts", default: "./index.js" });
  assert.deepEqual(manifest.exports["./react"], { types: "./react.d.ts", default: "./react.js" });
  assert.equal(manifest.peerDependenciesMeta.react.optional, true);
  assert.equal(manifest.dependencies, undefined, "the client depends on nothing");
});

test("without a url the client connects to /live on the page's origin", async () => {
  const browser = fakeBrowser(new URL("https://app.example.test:5173/boards/b1"));
  try {
    const live = await client.connect({ token: "t1" });
    assert.deepEqual(browser.fetched, ["https://app.example.test:5173/live/schema.json"]);
    await new Promise((resolve) => setTimeout(resolve, 0)); // the socket opens after the token is asked for
    assert.deepEqual(browser.sockets, ["wss://app.example.test:5173/live?access_token=t1"]);
    live.close();
  } finally {
    browser.restore();
  }
});

test("a url names another server", async () => {
  const browser = fakeBrowser(new URL("http://localhost:5173/"));
  try {
    const live = await client.connect({ url: "ws://127.0.0.1:8080/live" });
    assert.deepEqual(browser.fetched, ["http://127.0.0.1:8080/live/schema.json"]);
    live.close();
  } finally {
    browser.restore();
  }
});

test("without a url or a web page there is no server to guess", async () => {
  const browser = fakeBrowser(undefined);
  try {
    await assert.rejects(client.connect(), (error) => error.code === "INVALID_VALUE" && /connect\(\{url\}\)/.test(error.message));
    assert.deepEqual(browser.fetched, []);
  } finally {
    browser.restore();
  }
});

test("a list of urls: the schema comes from a node that answers, and the client connects to that one", async () => {
  const browser = fakeBrowser(new URL("http://localhost:5173/"), { down: ["127.0.0.1:8081"] });
  try {
    const live = await client.connect({ url: ["ws://127.0.0.1:8081/live", "ws://127.0.0.1:8082/live"],
      shuffleNodes: false });
    assert.deepEqual(browser.fetched, ["http://127.0.0.1:8081/live/schema.json", "http://127.0.0.1:8082/live/schema.json"]);
    await new Promise((resolve) => setTimeout(resolve, 0));
    assert.deepEqual(browser.sockets, ["ws://127.0.0.1:8082/live"]);
    assert.equal(live.node, "ws://127.0.0.1:8082/live");
    live.close();
  } finally {
    browser.restore();
  }
});

test("when its connection ends, a client given several nodes tries the next one", async () => {
  const browser = fakeBrowser(new URL("http://localhost:5173/"));
  try {
    const live = await client.connect({ url: ["ws://127.0.0.1:8081/live", "ws://127.0.0.1:8082/live"],
      shuffleNodes: false, backoff: { initialMs: 1, maxMs: 5 } });
    await new Promise((resolve) => setTimeout(resolve, 0));
    browser.opened[0].onclose();
    const deadline = Date.now() + 5000;
    while (browser.sockets.length < 3 && Date.now() < deadline) {
      browser.opened.at(-1).onclose();
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    assert.deepEqual(browser.sockets.slice(0, 3),
      ["ws://127.0.0.1:8081/live", "ws://127.0.0.1:8082/live", "ws://127.0.0.1:8081/live"], "round the list");
    live.close();
  } finally {
    browser.restore();
  }
});

test("a list of urls names at least one server, each once", async () => {
  const browser = fakeBrowser(new URL("http://localhost:5173/"));
  try {
    await assert.rejects(client.connect({ url: [] }), (error) => error.code === "INVALID_VALUE" && /empty list/.test(error.message));
    await assert.rejects(client.connect({ url: ["ws://127.0.0.1:8081/live", "ws://127.0.0.1:8081/live"] }),
      (error) => error.code === "INVALID_VALUE" && /twice/.test(error.message));
    await assert.rejects(client.connect({ url: ["ws://127.0.0.1:8081/live", "http://127.0.0.1:8082/live"] }),
      (error) => error.code === "INVALID_VALUE" && /ws: or wss:/.test(error.message));
    assert.deepEqual(browser.fetched, []);
  } finally {
    browser.restore();
  }
});
