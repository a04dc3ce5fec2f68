#!/usr/bin/env node
// Runs the compiled CLI (npm install builds dist/ through the prepare script).
import("../dist/cli/bin.js").catch((err) => {
  if (err && err.code === "ERR_MODULE_NOT_FOUND" && String(err.message).includes("dist/cli/bin.js")) {
    process.stderr.write("dsr: the package is not built; run `npm install` (or `npm run build`) first\n");
    process.exit(1);
  }
  throw err;
});
