// "Tariff: Show Generated Code for This Item": the TypeScript module the compiler makes of
// the cursor's item's revision, opened read-only beside the rule file at the item's decide
// function.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { GENERATED_CODE_REQUEST, type GeneratedCodeInfo, type GeneratedCodeParams } from '../server/protocol';
import { t } from './l10n';
import { showVirtualDocument } from './virtual-documents';

export async function showGeneratedCode(client: LanguageClient): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  const params: GeneratedCodeParams | undefined = editor && {
    uri: editor.document.uri.toString(),
    position: client.code2ProtocolConverter.asPosition(editor.selection.active),
  };
  const code = params && (await client.sendRequest<GeneratedCodeInfo | null>(GENERATED_CODE_REQUEST, params));
  if (!code) {
    void vscode.window.showInformationMessage(
      t('Place the cursor inside an item of a tariff file (*.tariff.yaml) to see its generated code.'),
    );
    return;
  }
  await showVirtualDocument(`generated/${code.revision.toLowerCase()}.ts`, code.text, code.line);
}
