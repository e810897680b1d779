// "Tariff: Compile Rules Core": runs the bundled `tariff compile` on the rule files on disk
// (the first rule root, or the folder holding facts.yaml) and writes the typed rules core to
// the folder `tariff.compile.outDir` names (core/generated/ in the workspace folder by
// default). Its report goes to the output channel; a notification says whether it worked and
// where it wrote, with a button to show that folder.
import { execFile } from 'node:child_process';
import * as vscode from 'vscode';
import { t } from './l10n';
import { serverSettings } from './settings';

export async function compileRules(context: vscode.ExtensionContext, output: vscode.LogOutputChannel): Promise<void> {
  const folder = vscode.workspace.workspaceFolders?.[0];
  const settings = serverSettings();
  const facts = settings.ruleRoots.length === 0 ? await vscode.workspace.findFiles('**/facts.yaml', '**/node_modules/**', 1) : [];
  const rules = settings.ruleRoots[0] ?? (facts[0] && vscode.workspace.asRelativePath(vscode.Uri.joinPath(facts[0], '..'), false));
  if (!folder || !rules) {
    void vscode.window.showErrorMessage(t('No rule files to compile: open a folder that holds facts.yaml, or set tariff.ruleRoots.'));
    return;
  }
  const out = vscode.workspace.getConfiguration('tariff').get<string>('compile.outDir') || 'core/generated';
  const args = [context.asAbsolutePath('dist/cli.js'), 'compile', '--rules', rules, '--out', out, '--lang', settings.locale];
  // The extension host's own executable runs the CLI (in VS Code's Electron, as plain Node).
  const { code, stdout, stderr } = await new Promise<{ code: number; stdout: string; stderr: string }>((done) =>
    execFile(
      process.execPath,
      args,
      { cwd: folder.uri.fsPath, env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' } },
      (error, stdout, stderr) => done({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr }),
    ),
  );
  output.info(`tariff ${args.slice(1).join(' ')}\n${stdout}${stderr}`);
  const show = t('Show Output');
  const reveal = t('Show in Explorer');
  const summary = (stdout || stderr).trim().split('\n').pop() ?? '';
  // Says where, in full: with the rules folder itself open, the core lands inside it.
  const where = vscode.Uri.joinPath(folder.uri, out);
  const choice =
    code === 0
      ? await vscode.window.showInformationMessage(
          t('Rules core compiled into {0} (setting tariff.compile.outDir): {1}', vscode.workspace.asRelativePath(where, true), summary),
          reveal,
          show,
        )
      : await vscode.window.showErrorMessage(t('The rules core was not compiled: {0}', summary), show);
  if (choice === show) output.show(true);
  if (choice === reveal) await vscode.commands.executeCommand('revealInExplorer', where);
}
