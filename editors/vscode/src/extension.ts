// The VS Code client of the kpi language server: starts `kpi lsp` over stdio for `.kpi` files
// and restarts it when `kpi.path` or `kpi.lang` change or on the command
// `kpi.restartServer`. Colours come from the TextMate grammar (syntaxes/), as before.

import * as os from 'os';
import * as vscode from 'vscode';
import {
  LanguageClient,
  LanguageClientOptions,
  ServerOptions,
  TransportKind,
} from 'vscode-languageclient/node';

import { RESTART_SETTINGS, serverCommand } from './server';

let client: LanguageClient | undefined;
let output: vscode.LogOutputChannel | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  output = vscode.window.createOutputChannel('KPI Language Server', { log: true });
  context.subscriptions.push(output);
  context.subscriptions.push(
    vscode.commands.registerCommand('kpi.restartServer', () => restart()),
    vscode.commands.registerCommand('kpi.showOutput', () => output?.show(true)),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (RESTART_SETTINGS.some((s) => e.affectsConfiguration(s))) {
        void restart();
      }
    }),
  );
  await start();
}

export async function deactivate(): Promise<void> {
  await stop();
}

function createClient(): LanguageClient {
  const { command, args } = serverCommand(vscode.workspace.getConfiguration('kpi'), os.homedir());
  output?.appendLine(`Starting ${command} ${args.join(' ')}`);
  const run = { command, args, transport: TransportKind.stdio };
  const serverOptions: ServerOptions = { run, debug: run };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: 'file', language: 'kpi' },
      { scheme: 'untitled', language: 'kpi' },
    ],
    outputChannel: output,
    synchronize: {
      // A filing is a folder of .kpi files with its kpi.toml: the server hears of changes
      // to files that are not open.
      fileEvents: vscode.workspace.createFileSystemWatcher('**/{*.kpi,kpi.toml}'),
    },
  };
  return new LanguageClient('kpi', 'KPI Language Server', serverOptions, clientOptions);
}

async function start(): Promise<void> {
  client = createClient();
  try {
    await client.start();
  } catch (err) {
    const { command } = serverCommand(vscode.workspace.getConfiguration('kpi'), os.homedir());
    const message =
      `Could not start the kpi language server (\`${command} lsp\`): ${String(err)}. ` +
      'Install kpi (cargo install --path . in a kpi checkout) or set "kpi.path".';
    output?.appendLine(message);
    const choice = await vscode.window.showErrorMessage(message, 'Open Settings', 'Show Output');
    if (choice === 'Open Settings') {
      await vscode.commands.executeCommand('workbench.action.openSettings', 'kpi.path');
    } else if (choice === 'Show Output') {
      output?.show(true);
    }
  }
}

async function stop(): Promise<void> {
  const old = client;
  client = undefined;
  if (old) {
    try {
      await old.stop();
    } catch {
      // A server that never started cannot be stopped; nothing to do.
    }
  }
}

async function restart(): Promise<void> {
  output?.appendLine('Restarting the kpi language server');
  await stop();
  await start();
}
