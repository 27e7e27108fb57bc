#!/usr/bin/env node
// The installed `opentonne-oracle` bin: the bundle built by oracle/build.mjs (root `prepare`).
"use strict";
const path = require("node:path");
const fs = require("node:fs");
const bundle = path.join(__dirname, "..", "dist", "cli.cjs");
if (!fs.existsSync(bundle)) {
  console.error("error: oracle/dist/cli.cjs is missing: run `npm run build:oracle` (npm ci runs it)");
  process.exit(1);
}
require(bundle);
