// "Show generated code for this item": a custom request answering, for a position in a
// tariff file, the compiled TypeScript module of the item's revision and the line of the
// item's decide function (null outside an item).
import type { Connection } from 'vscode-languageserver/node';
import { generatedCodeAt } from '../core/ide/generated-code';
import type { Guard } from './guard';
import { GENERATED_CODE_REQUEST, type GeneratedCodeInfo, type GeneratedCodeParams } from './protocol';
import type { WorkspaceState } from './workspace-state';

export function registerGeneratedCode(connection: Connection, state: WorkspaceState, guard: Guard): void {
  connection.onRequest(
    GENERATED_CODE_REQUEST,
    guard(
      'generatedCode',
      null as GeneratedCodeInfo | null,
      (params: GeneratedCodeParams) =>
        generatedCodeAt(state.workspace(), params.uri, state.document(params.uri).offsetAt(params.position)) ?? null,
    ),
  );
}
