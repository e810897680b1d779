// "Suggest Scenarios for This Item": a custom request answering, for a position in a tariff
// file, the changes of the item there that no scenario notices and scenarios that would (null
// outside an item); run in slices and stopped when the client cancels it.
import type { Connection } from 'vscode-languageserver/node';
import type { Lang } from '../core/analysis/messages';
import { scenarioSuggestionsAt } from '../core/ide/suggest-scenarios';
import type { Guard } from './guard';
import { SUGGEST_SCENARIOS_REQUEST, type ScenarioSuggestionsInfo, type SuggestScenariosParams } from './protocol';
import { runSteps } from './run-steps';
import type { WorkspaceState } from './workspace-state';

export function registerSuggestScenarios(connection: Connection, state: WorkspaceState, lang: () => Lang, guard: Guard): void {
  connection.onRequest(
    SUGGEST_SCENARIOS_REQUEST,
    guard('suggestScenarios', null as ScenarioSuggestionsInfo | null, async (params: SuggestScenariosParams, token) => {
      const offset = state.document(params.uri).offsetAt(params.position);
      return (await runSteps(scenarioSuggestionsAt(state.workspace(), params.uri, offset, lang()), token)) ?? null;
    }),
  );
}
