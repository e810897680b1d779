// Read-only documents the extension shows (an evaluation report, a generated module): kept in
// memory under our own URI scheme, so closing them never asks to save.
import * as vscode from 'vscode';

const SCHEME = 'tariff-view';
const texts = new Map<string, string>();
const changed = new vscode.EventEmitter<vscode.Uri>();

export function registerVirtualDocuments(context: vscode.ExtensionContext): void {
  context.subscriptions.push(
    changed,
    vscode.workspace.registerTextDocumentContentProvider(SCHEME, {
      onDidChange: changed.event,
      provideTextDocumentContent: (uri) => texts.get(uri.toString()) ?? '',
    }),
  );
}

/** Shows `text` as the document `name` (its extension picks the language) beside the editor, the given line selected. */
export async function showVirtualDocument(name: string, text: string, line = 0): Promise<vscode.TextEditor> {
  const uri = vscode.Uri.from({ scheme: SCHEME, path: `/${name}` });
  texts.set(uri.toString(), text);
  changed.fire(uri);
  const document = await vscode.workspace.openTextDocument(uri);
  const at = new vscode.Range(line, 0, line, 0);
  return vscode.window.showTextDocument(document, { viewColumn: vscode.ViewColumn.Beside, preview: true, selection: at });
}
