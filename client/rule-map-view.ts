// "Tariff: Show Rule Map" and "Tariff: Compare Revisions": the analyst report's pages — the
// rules of every revision with their exclusion matrices, or the diff of two revisions picked
// from a list — shown in a webview beside the editor. The language server makes the page
// (the same HTML as `tariff report` and `tariff diff --format html`); the client only shows it.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { REPORT_REQUEST, REVISIONS_REQUEST, type ReportInfo, type ReportParams, type RevisionsInfo } from '../server/protocol';
import { t } from './l10n';

export function registerRuleMapView(context: vscode.ExtensionContext, client: LanguageClient): void {
  context.subscriptions.push(
    vscode.commands.registerCommand('tariff.showRuleMap', () => showReport(client, { view: 'map' })),
    vscode.commands.registerCommand('tariff.compareRevisions', () => compareRevisions(client)),
  );
}

async function compareRevisions(client: LanguageClient): Promise<void> {
  // The server offers the pairs that share a scheme, a revision against what it supersedes first.
  const { pairs } = await client.sendRequest<RevisionsInfo>(REVISIONS_REQUEST);
  if (pairs.length === 0) {
    void vscode.window.showInformationMessage(t('There are no two revisions with rules to compare.'));
    return;
  }
  const picked = await vscode.window.showQuickPick(
    pairs.map((pair) => ({ label: `${pair.old} → ${pair.new}`, pair })),
    { placeHolder: t('Pick the revisions to compare (older → newer)') },
  );
  if (picked) await showReport(client, { view: 'diff', ...picked.pair });
}

async function showReport(client: LanguageClient, params: ReportParams): Promise<void> {
  const report = await client.sendRequest<ReportInfo | null>(REPORT_REQUEST, params);
  if (!report) {
    void vscode.window.showErrorMessage(t('The report could not be made; see the Tariff Rules output.'));
    return;
  }
  // The page is static: no scripts, styles inline (its own Content-Security-Policy says so);
  // its only links open a rule in the editor (`vscode.open`, the one command it may run).
  const panel = vscode.window.createWebviewPanel('tariff.report', report.title, vscode.ViewColumn.Beside, {
    enableScripts: false,
    enableCommandUris: ['vscode.open'],
  });
  panel.webview.html = report.html;
}
