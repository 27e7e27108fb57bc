/**
 * Builds the publishable `opentonne` package (sdk/package.json) into `sdk/dist/`:
 * ESM (`index.mjs`) + CommonJS (`index.js`) + self-contained declarations (`index.d.ts` / `index.d.mts`),
 * and the same four for the `opentonne/abi` subpath (`abi.*`: the ABIs and the combined error ABI).
 *
 * Run from the repository root: `npm run build:sdk` (compiles the contracts first, which regenerates
 * `sdk/generated/` and `typechain-types/`). The ABIs are embedded from `sdk/generated/abis.ts`; the
 * TypeChain types, imported as types from `../typechain-types`, are inlined into the declarations.
 * `ethers` is the only external (a peer dependency). The declarations are built against
 * `sdk/tsconfig.build.json` (the root options, the SDK's files and the TypeChain types only), not the
 * root tsconfig with every test and script: the same output for a quarter less CPU time.
 */
import { defineConfig } from "tsup";

export default defineConfig({
  entry: { index: "sdk/index.ts", abi: "sdk/abi.ts" },
  outDir: "sdk/dist",
  format: ["esm", "cjs"],
  target: "es2022",
  platform: "neutral",
  dts: { resolve: true, entry: { index: "sdk/index.ts", abi: "sdk/abi.ts" } },
  external: ["ethers"],
  splitting: false,
  sourcemap: false,
  clean: true,
  treeshake: true,
  tsconfig: "sdk/tsconfig.build.json",
  outExtension: ({ format }) => ({ js: format === "esm" ? ".mjs" : ".js" }),
});
