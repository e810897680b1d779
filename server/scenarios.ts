// Scenarios for the editor's Testing view and its "Evaluate this scenario" command: custom
// requests that list the workspace's scenarios and run some of them with the rules core,
// answered as plain data (positions, texts already in the client's language).
import type { Connection } from 'vscode-languageserver/node';
import { visibleLines } from '../core/analysis/display-text';
import { formatResult } from '../core/analysis/evaluation-text';
import type { Lang } from '../core/analysis/messages';
import type { Span } from '../core/analysis/types';
import { scenarioEntries, scenarioRuns, type ScenarioEntry } from '../core/ide/scenario-runs';
import type { Guard } from './guard';
import { runSteps } from './run-steps';
import { RUN_SCENARIOS_REQUEST, SCENARIOS_REQUEST, type RunScenariosParams, type ScenarioInfo, type ScenarioRunInfo } from './protocol';
import type { WorkspaceState } from './workspace-state';

export function registerScenarios(connection: Connection, state: WorkspaceState, lang: () => Lang, guard: Guard): void {
  const range = (uri: string, span: Span) => {
    const doc = state.document(uri);
    return { start: doc.positionAt(span.start), end: doc.positionAt(span.end) };
  };
  const info = (e: ScenarioEntry): ScenarioInfo => ({ id: e.id, uri: e.file, name: e.name, range: range(e.file, e.span), group: e.group });

  connection.onRequest(
    SCENARIOS_REQUEST,
    guard('scenarios', [] as ScenarioInfo[], () => scenarioEntries(state.workspace(), lang()).map(info)),
  );

  connection.onRequest(
    RUN_SCENARIOS_REQUEST,
    guard('runScenarios', [] as ScenarioRunInfo[], async (params: RunScenariosParams | undefined, token) =>
      (await runSteps(scenarioRuns(state.workspace(), selection(params), lang()), token)).map((run): ScenarioRunInfo => ({
        ...info(run),
        status: run.status,
        problems: run.problems.map((p) => ({
          message: p.message,
          uri: p.file,
          range: range(p.file, p.span),
          ...(p.expected !== undefined ? { expected: p.expected, actual: p.actual } : {}),
        })),
        // The editor writes the report to a terminal: it is text output like the CLI's.
        report: run.result ? formatResult(run.result, lang(), state.workspace()) : visibleLines(run.problems.map((p) => p.message)),
      })),
    ),
  );
}

function selection(params: RunScenariosParams | undefined): (entry: ScenarioEntry) => boolean {
  const ids = new Set(params?.ids ?? []);
  const uris = new Set(params?.uris ?? []);
  return ids.size + uris.size === 0 ? () => true : (entry) => ids.has(entry.id) || uris.has(entry.file);
}
