// The extension's activation and configuration, without the VS Code binary: the extension
// (src/, bundled by esbuild exactly as for the .vsix but with `vscode` and
// `vscode-languageclient/node` left outside) runs against stand-ins for those two modules that
// record what it asked for. Run with `node --test test/` after `npm install`.
'use strict';

const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const Module = require('node:module');
const { test } = require('node:test');
const esbuild = require('esbuild');

const root = path.join(__dirname, '..');
const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));

function bundle(entry, externals) {
  const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'kpi-vscode-')), 'out.js');
  esbuild.buildSync({
    entryPoints: [path.join(root, entry)],
    bundle: true,
    outfile: out,
    platform: 'node',
    format: 'cjs',
    external: externals,
    logLevel: 'silent',
  });
  return out;
}

/** A fresh copy of the extension wired to new stand-ins; `settings` are the `kpi.*` values. */
function load(settings) {
  const log = {
    channels: [],
    commands: new Map(),
    configListeners: [],
    watchers: [],
    errors: [],
    clients: [],
    executed: [],
  };
  const vscode = {
    window: {
      createOutputChannel(name, options) {
        const channel = { name, options, lines: [], appendLine: (l) => channel.lines.push(l),
          show() {}, dispose() {} };
        log.channels.push(channel);
        return channel;
      },
      showErrorMessage: async (message, ...items) => {
        log.errors.push({ message, items });
        return undefined;
      },
    },
    commands: {
      registerCommand(id, fn) {
        log.commands.set(id, fn);
        return { dispose() {} };
      },
      executeCommand: async (...args) => log.executed.push(args),
    },
    workspace: {
      getConfiguration(section) {
        assert.equal(section, 'kpi');
        return { get: (key) => settings[key] };
      },
      onDidChangeConfiguration(listener) {
        log.configListeners.push(listener);
        return { dispose() {} };
      },
      createFileSystemWatcher(pattern) {
        log.watchers.push(pattern);
        return { pattern, dispose() {} };
      },
    },
  };
  class LanguageClient {
    constructor(id, name, serverOptions, clientOptions) {
      Object.assign(this, { id, name, serverOptions, clientOptions, started: 0, stopped: 0 });
      log.clients.push(this);
    }
    async start() {
      this.started += 1;
      if (settings.failStart) throw new Error('spawn kpi ENOENT');
    }
    async stop() {
      this.stopped += 1;
    }
  }
  const languageclient = { LanguageClient, TransportKind: { stdio: 0, ipc: 1, pipe: 2, socket: 3 } };

  const file = bundle('src/extension.ts', ['vscode', 'vscode-languageclient/node']);
  const originalLoad = Module._load;
  Module._load = function (request, ...rest) {
    if (request === 'vscode') return vscode;
    if (request === 'vscode-languageclient/node') return languageclient;
    return originalLoad.call(this, request, ...rest);
  };
  try {
    return { ext: require(file), log };
  } finally {
    Module._load = originalLoad;
  }
}

const context = () => ({ subscriptions: [] });

test('serverCommand: kpi on PATH by default, kpi.path and kpi.lang honoured', () => {
  const { serverCommand } = require(bundle('src/server.ts', []));
  const of = (values) => ({ get: (k) => values[k] });
  assert.deepEqual(serverCommand(of({})), { command: 'kpi', args: ['lsp'] });
  assert.deepEqual(serverCommand(of({ path: '  ', lang: 'auto' })), { command: 'kpi', args: ['lsp'] });
  assert.deepEqual(serverCommand(of({ path: '/opt/kpi/bin/kpi', lang: 'zh' })), {
    command: '/opt/kpi/bin/kpi',
    args: ['lsp', '--lang', 'zh'],
  });
  assert.deepEqual(serverCommand(of({ lang: 'en' })), { command: 'kpi', args: ['lsp', '--lang', 'en'] });
  assert.deepEqual(serverCommand(of({ path: '~/.cargo/bin/kpi' }), '/home/u'), {
    command: '/home/u/.cargo/bin/kpi',
    args: ['lsp'],
  });
  // An unknown language is not passed on (kpi would refuse to start).
  assert.deepEqual(serverCommand(of({ lang: 'fr' })), { command: 'kpi', args: ['lsp'] });
});

test('activation starts `kpi lsp` over stdio for .kpi documents', async () => {
  const { ext, log } = load({ path: '/usr/local/bin/kpi', lang: 'zh' });
  const ctx = context();
  await ext.activate(ctx);

  assert.equal(log.clients.length, 1);
  const client = log.clients[0];
  assert.equal(client.id, 'kpi');
  assert.equal(client.started, 1);
  for (const mode of ['run', 'debug']) {
    assert.deepEqual(client.serverOptions[mode], {
      command: '/usr/local/bin/kpi',
      args: ['lsp', '--lang', 'zh'],
      transport: 0,
    });
  }
  const languages = client.clientOptions.documentSelector.map((s) => s.language);
  assert.deepEqual([...new Set(languages)], ['kpi']);
  assert.deepEqual(
    client.clientOptions.documentSelector.map((s) => s.scheme).sort(),
    ['file', 'untitled'],
  );
  // The documents are those of the language the manifest contributes.
  assert.deepEqual(manifest.contributes.languages.map((l) => l.id), ['kpi']);

  // One output channel, given to the client and disposed with the extension.
  assert.equal(log.channels.length, 1);
  assert.equal(client.clientOptions.outputChannel, log.channels[0]);
  assert.ok(ctx.subscriptions.includes(log.channels[0]));
  assert.deepEqual(log.watchers, ['**/{*.kpi,kpi.toml}']);
  assert.deepEqual(log.errors, []);

  await ext.deactivate();
  assert.equal(client.stopped, 1);
});

test('every registered command is contributed, and every contributed command registered', async () => {
  const { ext, log } = load({});
  await ext.activate(context());
  const contributed = manifest.contributes.commands.map((c) => c.command).sort();
  assert.deepEqual([...log.commands.keys()].sort(), contributed);
  assert.ok(contributed.includes('kpi.restartServer'));
});

test('the restart command and a change of kpi.path / kpi.lang start a new server', async () => {
  const settings = { lang: 'auto' };
  const { ext, log } = load(settings);
  await ext.activate(context());
  assert.deepEqual(log.clients[0].serverOptions.run.args, ['lsp']);

  await log.commands.get('kpi.restartServer')();
  assert.equal(log.clients.length, 2);
  assert.equal(log.clients[0].stopped, 1);
  assert.equal(log.clients[1].started, 1);

  // An unrelated setting changes nothing.
  const unrelated = { affectsConfiguration: (s) => s === 'editor.tabSize' };
  for (const l of log.configListeners) l(unrelated);
  await new Promise((r) => setImmediate(r));
  assert.equal(log.clients.length, 2);

  settings.lang = 'en';
  settings.path = '/srv/kpi';
  const change = { affectsConfiguration: (s) => s === 'kpi.lang' || s === 'kpi' };
  for (const l of log.configListeners) l(change);
  await new Promise((r) => setImmediate(r));
  assert.equal(log.clients.length, 3);
  assert.equal(log.clients[1].stopped, 1);
  assert.deepEqual(log.clients[2].serverOptions.run, {
    command: '/srv/kpi',
    args: ['lsp', '--lang', 'en'],
    transport: 0,
  });
  await ext.deactivate();
});

test('a kpi that cannot be started is reported with a way to the setting', async () => {
  const { ext, log } = load({ path: '/nowhere/kpi', failStart: true });
  await ext.activate(context());
  assert.equal(log.errors.length, 1);
  assert.match(log.errors[0].message, /\/nowhere\/kpi lsp/);
  assert.match(log.errors[0].message, /kpi\.path/);
  assert.deepEqual(log.errors[0].items, ['Open Settings', 'Show Output']);
  assert.ok(log.channels[0].lines.some((l) => l.includes('Could not start')));
});

test('package.json: activation, entry point and settings match the code', () => {
  assert.ok(manifest.activationEvents.includes('onLanguage:kpi'));
  assert.equal(manifest.main, './dist/extension.js');
  assert.ok(manifest.dependencies['vscode-languageclient']);
  const props = manifest.contributes.configuration.properties;
  assert.deepEqual(Object.keys(props).sort(), ['kpi.lang', 'kpi.path', 'kpi.trace.server']);
  assert.equal(props['kpi.path'].default, 'kpi');
  const { LANGS, RESTART_SETTINGS } = require(bundle('src/server.ts', []));
  assert.deepEqual(props['kpi.lang'].enum, [...LANGS]);
  assert.equal(props['kpi.lang'].default, 'auto');
  for (const s of RESTART_SETTINGS) assert.ok(props[s], `${s} is read but not contributed`);
  // vscode-languageclient logs the protocol to the output channel under `<client id>.trace.server`.
  assert.deepEqual(props['kpi.trace.server'].enum, ['off', 'messages', 'verbose']);
  // The TextMate grammar and snippets stay.
  assert.equal(manifest.contributes.grammars[0].scopeName, 'source.kpi');
  assert.ok(fs.existsSync(path.join(root, manifest.contributes.grammars[0].path)));
  assert.ok(fs.existsSync(path.join(root, manifest.contributes.snippets[0].path)));
});

test('the shipped bundle is current and leaves only `vscode` outside', () => {
  const shipped = path.join(root, 'dist/extension.js');
  assert.ok(fs.existsSync(shipped), 'run `npm run build` in editors/vscode');
  const text = fs.readFileSync(shipped, 'utf8');
  const requires = new Set([...text.matchAll(/require\("([^"./][^"]*)"\)/g)].map((m) => m[1]));
  const builtins = new Set(Module.builtinModules.flatMap((m) => [m, `node:${m}`]));
  const outside = [...requires].filter((r) => !builtins.has(r));
  assert.deepEqual(outside, ['vscode']);
  assert.match(text, /kpi\.restartServer/);
});
