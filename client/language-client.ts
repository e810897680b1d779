// Starts the tariff language server (dist/server.js over IPC; under the extension debugger
// with --inspect so it can be attached to) for rule files, with its log in the "Tariff Rules"
// output channel. When the server dies it is restarted with a visible notice, unless it keeps
// dying.
import * as vscode from 'vscode';
import {
  CloseAction,
  ErrorAction,
  LanguageClient,
  TransportKind,
  type DocumentSelector,
  type ErrorHandler,
  type LanguageClientOptions,
  type ServerOptions,
} from 'vscode-languageclient/node';
import { t } from './l10n';
import { serverSettings } from './settings';

/** Rule files by name, whatever language mode the editor shows them in. */
export const RULE_FILES: DocumentSelector = [
  { language: 'tariff-yaml' },
  { scheme: 'file', pattern: '**/*.tariff.yaml' },
  { scheme: 'file', pattern: '**/*.scenario.yaml' },
  { scheme: 'file', pattern: '**/*.waivers.yaml' },
  { scheme: 'file', pattern: '**/facts.yaml' },
  { scheme: 'file', pattern: '**/revisions.yaml' },
];

/** More restarts than this within the window means the server cannot run; it is left stopped. */
const MAX_RESTARTS = 4;
const RESTART_WINDOW_MS = 3 * 60 * 1000;

export function createLanguageClient(context: vscode.ExtensionContext, output: vscode.LogOutputChannel): LanguageClient {
  const module = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6009'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: RULE_FILES,
    // Read at every (re)start, so a restart picks up changed settings.
    initializationOptions: () => serverSettings(),
    // Settings are sent resolved by the extension on every change (extension.ts), not raw here.
    synchronize: {
      fileEvents: vscode.workspace.createFileSystemWatcher('**/*.{yaml,yml}'),
    },
    // Hovers and completion documentation quote rule files: their Markdown may run no command and no HTML.
    markdown: { isTrusted: false, supportHtml: false },
    outputChannel: output,
    traceOutputChannel: output,
    errorHandler: restartingHandler(output),
  };
  return new LanguageClient('tariff', t('Tariff Rules language server'), serverOptions, clientOptions);
}

function restartingHandler(output: vscode.LogOutputChannel): ErrorHandler {
  const restarts: number[] = [];
  return {
    // Writing to a server that just died fails (EPIPE) before the connection reports it closed;
    // the close decides about the restart, so such errors are not a reason to shut down.
    error: (_error, _message, count) =>
      count === undefined || count <= 3 ? { action: ErrorAction.Continue, handled: true } : { action: ErrorAction.Shutdown },
    closed: () => {
      const now = Date.now();
      restarts.push(now);
      while (restarts.length > 0 && restarts[0]! < now - RESTART_WINDOW_MS) restarts.shift();
      if (restarts.length > MAX_RESTARTS) {
        return {
          action: CloseAction.DoNotRestart,
          message: t(
            'The Tariff Rules language server stopped {0} times in three minutes and will not be restarted. Use "Tariff: Restart Language Server" after fixing the cause (see the output).',
            restarts.length,
          ),
        };
      }
      const show = t('Show Output');
      void vscode.window
        .showWarningMessage(t('The Tariff Rules language server stopped unexpectedly and is being restarted.'), show)
        .then((choice) => {
          if (choice === show) output.show(true);
        });
      return { action: CloseAction.Restart, handled: true };
    },
  };
}
