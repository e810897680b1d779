// "Tariff: Evaluate This Scenario": runs the scenario file in the editor (unsaved edits
// included) with the rules core and shows what can be claimed, what cannot and why, and the
// totals, beside it.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { RUN_SCENARIOS_REQUEST, type RunScenariosParams, type ScenarioRunInfo } from '../server/protocol';
import { t } from './l10n';
import { showVirtualDocument } from './virtual-documents';

export async function evaluateScenario(client: LanguageClient, target?: vscode.Uri): Promise<void> {
  const uri = target ?? vscode.window.activeTextEditor?.document.uri;
  if (!uri || !uri.path.endsWith('.scenario.yaml')) {
    void vscode.window.showInformationMessage(t('Open a scenario file (*.scenario.yaml) to evaluate it.'));
    return;
  }
  const params: RunScenariosParams = { uris: [uri.toString()] };
  const runs = await client.sendRequest<ScenarioRunInfo[]>(RUN_SCENARIOS_REQUEST, params);
  if (runs.length === 0) {
    void vscode.window.showWarningMessage(t('No scenario was found in {0}.', vscode.workspace.asRelativePath(uri)));
    return;
  }
  const text = runs.map((run) => `# ${run.name}\n${run.report}`).join('\n');
  const name = uri.path.slice(uri.path.lastIndexOf('/') + 1).replace(/\.scenario\.yaml$/, '');
  await showVirtualDocument(`${name}.evaluation.txt`, text);
}
