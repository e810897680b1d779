// Publishes the workspace's findings as diagnostics for every rule file (open or not),
// clearing files whose findings went away.
import type { Connection } from 'vscode-languageserver/node';
import type { Lang } from '../core/analysis/messages';
import { toDiagnostic } from './convert';
import type { WorkspaceState } from './workspace-state';

const published = new Set<string>();

export function publishDiagnostics(connection: Connection, state: WorkspaceState, lang: Lang): void {
  const { findings } = state.current();
  const byFile = new Map<string, ReturnType<typeof toDiagnostic>[]>();
  for (const uri of state.files()) byFile.set(uri, []);
  for (const finding of findings) byFile.get(finding.file)?.push(toDiagnostic(finding, (uri) => state.document(uri), lang));
  for (const uri of published) if (!byFile.has(uri)) byFile.set(uri, []);
  published.clear();
  for (const [uri, diagnostics] of byFile) {
    void connection.sendDiagnostics({ uri, diagnostics });
    if (diagnostics.length > 0) published.add(uri);
  }
}
