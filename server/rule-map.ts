// The analyst report in the editor: custom requests answering the revisions that have rules
// and the HTML page of the rule map or of a revision diff — the same page `tariff report`
// and `tariff diff --format html` write, with each id in the rule tables a link to its rule —
// so the client only shows it in a webview.
import type { Connection } from 'vscode-languageserver/node';
import type { Lang } from '../core/analysis/messages';
import { commonSchemes, comparablePairs, diffSteps, revisionIds } from '../core/revisions/diff';
import { pageTitle, reportPage, type ReportOptions } from '../core/revisions/report-html';
import { spanOf } from '../core/analysis/report';
import { locAt, type ItemDef } from '../core/model/workspace';
import type { Guard } from './guard';
import { runSteps } from './run-steps';
import { REPORT_REQUEST, REVISIONS_REQUEST, type ReportInfo, type ReportParams, type RevisionsInfo } from './protocol';
import type { WorkspaceState } from './workspace-state';

export function registerRuleMap(connection: Connection, state: WorkspaceState, lang: () => Lang, guard: Guard): void {
  // An id in the rule tables opens its rule: a command link, which the client's webview allows for `vscode.open` only.
  const openLink = (item: ItemDef): string => {
    const span = spanOf(locAt(item.loc, 'id'), 'value');
    const doc = state.document(item.loc.file);
    const [start, end] = [doc.positionAt(span.start), doc.positionAt(span.end)];
    const selection = {
      startLineNumber: start.line + 1,
      startColumn: start.character + 1,
      endLineNumber: end.line + 1,
      endColumn: end.character + 1,
    };
    return `command:vscode.open?${encodeURIComponent(JSON.stringify([item.loc.file, { selection }]))}`;
  };
  connection.onRequest(
    REVISIONS_REQUEST,
    guard('revisions', { revisions: [], pairs: [] } as RevisionsInfo, () => {
      const ws = state.workspace();
      return { revisions: revisionIds(ws), pairs: comparablePairs(ws) };
    }),
  );
  connection.onRequest(
    REPORT_REQUEST,
    guard('report', null as ReportInfo | null, async (params: ReportParams, token) => {
      const ws = state.workspace();
      const page = (options: ReportOptions): ReportInfo => ({
        html: reportPage(ws, { ...options, link: (item) => openLink(item) }),
        title: pageTitle(options),
      });
      if (params.view === 'map') return page({ lang: lang(), views: { rules: true, matrix: true, coverage: true }, diffs: [] });
      const known = revisionIds(ws);
      if (!known.includes(params.old) || !known.includes(params.new) || commonSchemes(ws, params.old, params.new).length === 0) return null;
      const diff = await runSteps(diffSteps(ws, { old: params.old, new: params.new }), token);
      return page({ lang: lang(), views: { rules: false, matrix: false, coverage: false }, diffs: [diff] });
    }),
  );
}
