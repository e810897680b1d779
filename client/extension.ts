// The VS Code extension: starts the tariff language server for rule files. The client stays
// thin; all analysis happens in the server.
import * as path from 'node:path';
import type { ExtensionContext } from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';

let client: LanguageClient | undefined;

export async function activate(context: ExtensionContext): Promise<void> {
  const module = context.asAbsolutePath(path.join('dist', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6009'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: 'file', pattern: '**/*.tariff.yaml' },
      { scheme: 'file', pattern: '**/*.scenario.yaml' },
      { scheme: 'file', pattern: '**/facts.yaml' },
      { scheme: 'file', pattern: '**/revisions.yaml' },
    ],
  };
  client = new LanguageClient('tariff', 'Tariff Rules', serverOptions, clientOptions);
  await client.start();
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}
