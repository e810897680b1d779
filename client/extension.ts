// The VS Code extension for tariff rule files: starts the language server (all analysis
// happens there), and adds the commands, the status bar's problem counts and the scenarios
// in the Testing view. The client stays thin: it only forwards requests and shows answers.
import * as vscode from 'vscode';
import { DidChangeConfigurationNotification, type LanguageClient } from 'vscode-languageclient/node';
import { compileRules } from './compile-rules';
import { evaluateScenario } from './evaluate-scenario';
import { showGeneratedCode } from './generated-code';
import { suggestScenarios } from './suggest-scenarios';
import { t, useLocale } from './l10n';
import { createLanguageClient } from './language-client';
import { registerRuleMapView } from './rule-map-view';
import { serverSettings } from './settings';
import { registerStatusBar } from './status-bar';
import { registerTesting } from './testing';
import { registerVirtualDocuments } from './virtual-documents';

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  useLocale(serverSettings().locale);
  const output = vscode.window.createOutputChannel('Tariff Rules', { log: true });
  context.subscriptions.push(output);
  const started = createLanguageClient(context, output);
  client = started;
  await started.start();
  registerVirtualDocuments(context);
  registerStatusBar(context);
  const tests = registerTesting(context, started);
  registerRuleMapView(context, started);
  const restart = async () => {
    useLocale(serverSettings().locale);
    await started.restart();
    void vscode.window.setStatusBarMessage(t('Tariff Rules language server restarted'), 5000);
  };
  context.subscriptions.push(
    vscode.commands.registerCommand('tariff.compile', () => compileRules(context, output)),
    vscode.commands.registerCommand('tariff.runAllScenarios', async () => {
      await vscode.commands.executeCommand('workbench.view.testing.focus');
      await tests.run({});
    }),
    vscode.commands.registerCommand('tariff.runScenario', (uri?: string) =>
      tests.run({ uris: [uri ?? vscode.window.activeTextEditor?.document.uri.toString() ?? ''] }),
    ),
    vscode.commands.registerCommand('tariff.evaluateScenario', (uri?: vscode.Uri) => evaluateScenario(started, uri)),
    vscode.commands.registerCommand('tariff.showGeneratedCode', () => showGeneratedCode(started)),
    vscode.commands.registerCommand('tariff.suggestScenarios', () => suggestScenarios(started)),
    vscode.commands.registerCommand('tariff.restartServer', restart),
    // A changed setting reconfigures the running server (its language, files and limits): no
    // restart, so no notification races a stopping connection and the diagnostics stay until
    // the server publishes them again in the new language.
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (!e.affectsConfiguration('tariff')) return;
      useLocale(serverSettings().locale);
      void started.sendNotification(DidChangeConfigurationNotification.type, { settings: { tariff: serverSettings() } });
    }),
  );
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}
