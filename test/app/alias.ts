/**
 * Lets mocha (ts-node, CommonJS) load the app's plain-TS modules, which import the SDK by its package
 * name `opentonne` exactly as the Vite alias does: `opentonne` resolves to the SDK entry `sdk/index.ts`.
 * Import this first.
 */
import Module from "node:module";
import path from "node:path";

const SDK_ENTRY = path.resolve(__dirname, "..", "..", "sdk", "index.ts");
const M = Module as unknown as { _resolveFilename: (request: string, ...rest: unknown[]) => string };
const original = M._resolveFilename;
M._resolveFilename = function (request: string, ...rest: unknown[]) {
  return original.call(this, request === "opentonne" ? SDK_ENTRY : request, ...rest);
};
