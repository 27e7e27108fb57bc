// Bundles the `opentonne-oracle` bin: oracle/src/main.ts (with the library in oracle/src/lib, the CLI in
// oracle/src/cli and the contract bindings) → oracle/dist/cli.cjs, plain JavaScript, so the bin
// starts without TypeScript transpiling or a compile step. npm packages stay external (they are
// installed by `npm ci`). Needs the contract bindings (typechain-types/, sdk/generated/): the root
// `prepare` script runs `hardhat compile` first.
import { build } from "esbuild";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
await build({
  entryPoints: [path.join(here, "src", "main.ts")],
  outfile: path.join(here, "dist", "cli.cjs"),
  bundle: true,
  platform: "node",
  target: "node20",
  format: "cjs",
  packages: "external",
  sourcemap: "linked",
  // oracle/src/cli/cli.ts parses argv itself only when it is the entry point (`require.main ===
  // module`); in the bundle main.ts adds `serve` and parses.
  define: { "require.main": "undefined" },
  logLevel: "warning",
});
