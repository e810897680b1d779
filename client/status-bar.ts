// The status bar item "$(law) 算定ルール $(error) 2 $(warning) 1": labelled, so that it is not
// taken for VS Code's own counter beside it, with how many errors and warnings the tariff
// server reports across the workspace (open or not); clicking it opens the Problems panel.
import * as vscode from 'vscode';
import { t } from './l10n';

/** The `source` of every diagnostic the tariff server publishes. */
const SOURCE = 'tariff';

export function registerStatusBar(context: vscode.ExtensionContext): void {
  const item = vscode.window.createStatusBarItem('tariff.problems', vscode.StatusBarAlignment.Left, 50);
  item.name = t('Tariff Rules problems');
  item.command = 'workbench.actions.view.problems';
  const update = () => {
    const counts = countProblems(vscode.languages.getDiagnostics().flatMap(([, list]) => list));
    item.text = `$(law) ${t('Tariff rules')} $(error) ${counts.errors} $(warning) ${counts.warnings}`;
    item.tooltip = t('Tariff Rules: {0} errors, {1} warnings in the rule files', counts.errors, counts.warnings);
    item.accessibilityInformation = { label: item.tooltip };
    item.show();
  };
  update();
  context.subscriptions.push(item, vscode.languages.onDidChangeDiagnostics(update));
}

function countProblems(diagnostics: readonly vscode.Diagnostic[]): { errors: number; warnings: number } {
  const ours = diagnostics.filter((d) => d.source === SOURCE);
  return {
    errors: ours.filter((d) => d.severity === vscode.DiagnosticSeverity.Error).length,
    warnings: ours.filter((d) => d.severity === vscode.DiagnosticSeverity.Warning).length,
  };
}
