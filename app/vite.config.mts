/**
 * Vite config of the OpenTonne web app (docs/app.md). The app imports the SDK only through the
 * `opentonne` alias, which points at the SDK's public entry `sdk/index.ts` (no deep imports).
 *
 * Dev server: `OPENTONNE_APP_CONFIG=<file>` serves that file as `/opentonne.config.json` (the RPC URL,
 * chain id and addresses `npm run app` writes). Build: `app/dist/`, a static site; its size is printed.
 */
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import zlib from "node:zlib";
import react from "@vitejs/plugin-react";
import { defineConfig, type Plugin } from "vite";

const APP = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(APP, "..");

/** Serves `OPENTONNE_APP_CONFIG` (when set) as `/opentonne.config.json` on the dev server. */
function runtimeConfig(): Plugin {
  return {
    name: "opentonne-runtime-config",
    configureServer(server) {
      server.middlewares.use("/opentonne.config.json", (_req, res) => {
        const file = process.env.OPENTONNE_APP_CONFIG;
        if (!file || !fs.existsSync(file)) {
          res.statusCode = 404;
          res.end("no OPENTONNE_APP_CONFIG");
          return;
        }
        res.setHeader("content-type", "application/json");
        res.end(fs.readFileSync(file));
      });
    },
  };
}

/** Prints the size of the static build (raw and gzip) once it is written. */
function bundleSize(): Plugin {
  let outDir = "";
  return {
    name: "opentonne-bundle-size",
    apply: "build",
    configResolved(config) {
      outDir = path.resolve(config.root, config.build.outDir);
    },
    closeBundle() {
      let raw = 0;
      let gzip = 0;
      const walk = (dir: string) => {
        for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
          const file = path.join(dir, entry.name);
          if (entry.isDirectory()) walk(file);
          else {
            const bytes = fs.readFileSync(file);
            raw += bytes.length;
            gzip += zlib.gzipSync(bytes).length;
          }
        }
      };
      walk(outDir);
      const kb = (n: number) => `${(n / 1024).toFixed(1)} KiB`;
      console.log(`\nOpenTonne app bundle: ${kb(raw)} (${kb(gzip)} gzip) in ${path.relative(ROOT, outDir)}/`);
    },
  };
}

export default defineConfig({
  root: APP,
  base: "./",
  plugins: [react(), runtimeConfig(), bundleSize()],
  resolve: { alias: { opentonne: path.join(ROOT, "sdk", "index.ts") } },
  build: { outDir: "dist", emptyOutDir: true, chunkSizeWarningLimit: 1500 },
  server: { host: "127.0.0.1", strictPort: false, fs: { allow: [ROOT] } },
});
