// How the extension starts the language server, from the `kpi.*` settings. Kept free of the
// `vscode` module so that it can be tested on its own (test/extension.test.js).

/** The part of a `WorkspaceConfiguration` that is read here. */
export interface Settings {
  get<T>(section: string): T | undefined;
}

/** The command that runs `kpi lsp`. */
export interface ServerCommand {
  command: string;
  args: string[];
}

/** The languages `kpi --lang` accepts; `auto` passes nothing (LC_ALL / LANG decide). */
export const LANGS = ['auto', 'zh', 'en'] as const;

/**
 * `kpi.path` (default `kpi`, looked up on PATH) with `lsp`, and `--lang zh|en` when `kpi.lang`
 * is not `auto`. A path starting with `~` is taken from the home folder.
 */
export function serverCommand(settings: Settings, home?: string): ServerCommand {
  let command = (settings.get<string>('path') ?? '').trim() || 'kpi';
  if (home && (command === '~' || command.startsWith('~/'))) {
    command = home + command.slice(1);
  }
  const args = ['lsp'];
  const lang = settings.get<string>('lang') ?? 'auto';
  if (lang === 'zh' || lang === 'en') {
    args.push('--lang', lang);
  }
  return { command, args };
}

/** The settings whose change needs the server restarted. */
export const RESTART_SETTINGS = ['kpi.path', 'kpi.lang'];
