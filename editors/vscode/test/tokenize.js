#!/usr/bin/env node
// Tokenizes .kpi files with VS Code's own TextMate engine (vscode-textmate + vscode-oniguruma)
// and the extension's grammar, and prints JSON: for every file, for every line, the tokens
// with their UTF-16 start/end columns and scopes. tests/vscode_tokens.rs runs it.
//
//   node tokenize.js FILE...
'use strict';
const fs = require('fs');
const path = require('path');
const vsctm = require('vscode-textmate');
const onig = require('vscode-oniguruma');

const grammarPath = path.join(__dirname, '..', 'syntaxes', 'kpi.tmLanguage.json');
const wasm = fs.readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm')).buffer;

async function main() {
  await onig.loadWASM(wasm);
  const registry = new vsctm.Registry({
    onigLib: Promise.resolve({
      createOnigScanner: (patterns) => new onig.OnigScanner(patterns),
      createOnigString: (s) => new onig.OnigString(s),
    }),
    loadGrammar: async (scopeName) => {
      if (scopeName !== 'source.kpi') return null;
      const text = fs.readFileSync(grammarPath, 'utf8');
      return vsctm.parseRawGrammar(text, grammarPath);
    },
  });
  const grammar = await registry.loadGrammar('source.kpi');
  const out = [];
  for (const file of process.argv.slice(2)) {
    const lines = fs.readFileSync(file, 'utf8').split(/\r?\n/);
    let stack = vsctm.INITIAL;
    const tokens = [];
    for (const line of lines) {
      const r = grammar.tokenizeLine(line, stack);
      tokens.push(r.tokens.map((t) => ({ start: t.startIndex, end: t.endIndex, scopes: t.scopes })));
      stack = r.ruleStack;
    }
    out.push({ file, lines: tokens });
  }
  process.stdout.write(JSON.stringify(out) + '\n');
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
