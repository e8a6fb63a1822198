// Uses the packed tarball as an application would: installs it into target/consumer with npm,
// type-checks app.ts against it with tsc, and bundles app.ts with esbuild, which must resolve both
// entries (@dev.live/client and @dev.live/client/react) through the package's "exports" and inline
// them. Run by Maven after `npm pack` (live-js/pom.xml); each step is bounded in time.
//
// Usage: node test/consumer/check.mjs <tarball>

import { build } from "esbuild";
import { execFileSync } from "node:child_process";
import { copyFile, mkdir, rm, writeFile } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const live = join(here, "../..");
const consumer = join(live, "target/consumer");
const tarball = process.argv[2] && resolve(process.argv[2]);
if (!tarball) {
  console.error("usage: node test/consumer/check.mjs <tarball>");
  process.exit(2);
}

function run(command, args, what) {
  try {
    execFileSync(command, args, { cwd: consumer, stdio: "inherit", timeout: 120_000 });
  } catch (error) {
    console.error(`${what} failed (${error.signal ? "stopped by " + error.signal : "exit " + error.status})`);
    process.exit(1);
  }
}

await rm(consumer, { recursive: true, force: true });
await mkdir(consumer, { recursive: true });
await writeFile(join(consumer, "package.json"), JSON.stringify({ name: "consumer", private: true, type: "module" }));
await copyFile(join(here, "app.ts"), join(consumer, "app.ts"));
await copyFile(join(here, "tsconfig.json"), join(consumer, "tsconfig.json"));

// The package depends on nothing (React is an optional peer), so this needs no registry.
run("npm", ["install", "--offline", "--no-audit", "--no-fund", "--no-package-lock", tarball], "npm install of the tarball");
run(process.execPath, [join(live, "node_modules/typescript/bin/tsc"), "--pretty", "false", "-p", consumer],
  "tsc on the consumer");

const result = await build({
  entryPoints: [join(consumer, "app.ts")],
  absWorkingDir: consumer,
  bundle: true,
  format: "esm",
  platform: "browser",
  target: "es2022",
  external: ["react"],
  write: false,
  logLevel: "warning",
});
const bundled = result.outputFiles[0].text;
for (const entry of ["@dev.live/client", "@dev.live/client/react"]) {
  if (bundled.includes(`from "${entry}"`)) {
    console.error(`esbuild left ${entry} unresolved`);
    process.exit(1);
  }
}
if (!bundled.includes("function useLiveQuery") || !bundled.includes("access_token")) {
  console.error("the bundle lacks the client or the hooks");
  process.exit(1);
}
console.log(`the tarball installs, type-checks and bundles (${bundled.length} characters)`);
