// "Tariff: Suggest Scenarios for This Item": the changes of the cursor's item that no scenario
// notices; the analyst picks some, and the scenarios that would notice them open in a new,
// unsaved scenario file to be confirmed against the official text and saved where they belong.
import * as vscode from 'vscode';
import { LSPErrorCodes, ResponseError, type LanguageClient } from 'vscode-languageclient/node';
import { SUGGEST_SCENARIOS_REQUEST, type ScenarioSuggestionsInfo, type SuggestScenariosParams } from '../server/protocol';
import { t } from './l10n';

export async function suggestScenarios(client: LanguageClient): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  const params: SuggestScenariosParams | undefined = editor && {
    uri: editor.document.uri.toString(),
    position: client.code2ProtocolConverter.asPosition(editor.selection.active),
  };
  const found =
    params &&
    (await vscode.window
      .withProgress(
        {
          location: vscode.ProgressLocation.Notification,
          title: t('Trying small changes of the item against the scenarios…'),
          cancellable: true,
        },
        (_progress, token) => client.sendRequest<ScenarioSuggestionsInfo | null>(SUGGEST_SCENARIOS_REQUEST, params, token),
      )
      .then(
        (answer) => answer,
        // Cancelled by the analyst: nothing to say.
        (error: unknown) =>
          error instanceof ResponseError && error.code === LSPErrorCodes.RequestCancelled ? 'cancelled' : Promise.reject(error),
      ));
  if (found === 'cancelled') return;
  if (!found) {
    void vscode.window.showInformationMessage(
      t('Place the cursor inside an item of a tariff file (*.tariff.yaml) to suggest scenarios for it.'),
    );
    return;
  }
  const offered = found.survivors.filter((s) => s.scenario !== undefined);
  if (offered.length === 0) {
    const message =
      found.survivors.length === 0
        ? t('Every change tried on {0} is noticed by a scenario ({1}).', found.item, found.score)
        : t('No situation tells the remaining changes of {0} apart from the rules ({1}).', found.item, found.score);
    void vscode.window.showInformationMessage(message);
    return;
  }
  const picked = await vscode.window.showQuickPick(
    offered.map((s) => ({ label: s.change, picked: true, scenario: s.scenario! })),
    {
      canPickMany: true,
      title: `${found.item} — ${found.score}`,
      placeHolder: t('Changes no scenario notices: pick those to write scenarios for'),
    },
  );
  if (!picked || picked.length === 0) return;
  const document = await vscode.workspace.openTextDocument({
    language: 'tariff-yaml',
    content: picked.map((p) => p.scenario).join('---\n'),
  });
  await vscode.window.showTextDocument(document);
}
