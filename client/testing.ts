// Scenarios in the Testing view: one test per scenario (named by its `scenario` text, at its
// `scenario` key), filed by revision → scheme → the item it is about, run by the language
// server with the rules core. A failure lists each
// difference from `expect` as expected vs actual at the key it concerns; the evaluation
// report goes to the test output. Also runs the scenarios of one file (code lens) or all.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import {
  RUN_SCENARIOS_REQUEST,
  SCENARIOS_REQUEST,
  type RunScenariosParams,
  type ScenarioInfo,
  type ScenarioRunInfo,
} from '../server/protocol';
import { t } from './l10n';

export interface ScenarioTests {
  /** Runs the given scenario files' tests, or every test, and shows the results in the Testing view. */
  run(scope: { uris?: string[] }): Promise<void>;
}

/** Edits settle before the list of scenarios is asked for again. */
const REFRESH_DELAY_MS = 300;

export function registerTesting(context: vscode.ExtensionContext, client: LanguageClient): ScenarioTests {
  const controller = vscode.tests.createTestController('tariff.scenarios', t('Tariff scenarios'));
  context.subscriptions.push(controller);
  const asRange = (range: ScenarioInfo['range']) => client.protocol2CodeConverter.asRange(range);

  // The scenarios by id (the leaves of the tree), for results and for runs of whole groups.
  let scenarioItems = new Map<string, vscode.TestItem>();
  const refresh = async () => {
    const scenarios = await client.sendRequest<ScenarioInfo[]>(SCENARIOS_REQUEST);
    const top: vscode.TestItem[] = [];
    const groups = new Map<string, vscode.TestItem>();
    scenarioItems = new Map();
    for (const s of scenarios) {
      // Revision → scheme → item: each level a test item holding the next.
      let siblings: { add(item: vscode.TestItem): void } = { add: (item) => top.push(item) };
      s.group.forEach((label, depth) => {
        // (VS Code joins test ids with NUL internally: an id must not hold one.)
        const id = `group:${s.group.slice(0, depth + 1).join(' › ')}`;
        let group = groups.get(id);
        if (!group) {
          group = controller.createTestItem(id, label);
          groups.set(id, group);
          siblings.add(group);
        }
        siblings = group.children;
      });
      const uri = vscode.Uri.parse(s.uri);
      const item = controller.createTestItem(s.id, s.name || vscode.workspace.asRelativePath(uri), uri);
      item.range = asRange(s.range);
      // No file path beside it: the groups say where it belongs, so the name gets the width.
      siblings.add(item);
      scenarioItems.set(s.id, item);
    }
    controller.items.replace(top);
  };
  controller.refreshHandler = refresh;

  // The scenarios under test items (a group stands for all of its scenarios).
  const leaves = (items: readonly vscode.TestItem[], excluded: ReadonlySet<vscode.TestItem>): vscode.TestItem[] =>
    items.flatMap((item) => {
      if (excluded.has(item)) return [];
      if (scenarioItems.get(item.id) === item) return [item];
      const children: vscode.TestItem[] = [];
      item.children.forEach((child) => children.push(child));
      return leaves(children, excluded);
    });
  const runHandler = async (request: vscode.TestRunRequest, token: vscode.CancellationToken) => {
    const items = leaves(request.include ?? [...scenarioItems.values()], new Set(request.exclude ?? []));
    const run = controller.createTestRun(request);
    for (const item of items) run.started(item);
    try {
      const params: RunScenariosParams = { ids: items.map((item) => item.id) };
      const results = await client.sendRequest<ScenarioRunInfo[]>(RUN_SCENARIOS_REQUEST, params, token);
      for (const result of results) report(run, scenarioItems.get(result.id), result);
    } finally {
      run.end();
    }
  };
  const report = (run: vscode.TestRun, item: vscode.TestItem | undefined, result: ScenarioRunInfo) => {
    if (!item) return;
    // The terminal-style test output wants CRLF line ends.
    // Each difference first, in words (expected vs actual), so Test Results shows it at once.
    const differences = result.problems.map((p) => `  ✗ ${p.message}\r\n`).join('');
    run.appendOutput(`${result.name}\r\n${differences}${result.report.replace(/\r?\n/g, '\r\n')}\r\n`, undefined, item);
    const messages = result.problems.map((p) => {
      const message =
        p.expected !== undefined ? vscode.TestMessage.diff(p.message, p.expected, p.actual ?? '') : new vscode.TestMessage(p.message);
      message.location = new vscode.Location(vscode.Uri.parse(p.uri), asRange(p.range));
      return message;
    });
    if (result.status === 'passed') run.passed(item);
    else if (result.status === 'failed') run.failed(item, messages);
    else run.errored(item, messages);
  };
  const profile = controller.createRunProfile(t('Run scenarios'), vscode.TestRunProfileKind.Run, runHandler, true);

  // The server publishes diagnostics after each analysis; a scenario file among them may have
  // gained, lost or renamed scenarios.
  let timer: NodeJS.Timeout | undefined;
  context.subscriptions.push(
    vscode.languages.onDidChangeDiagnostics((e) => {
      if (!e.uris.some((uri) => uri.path.endsWith('.scenario.yaml'))) return;
      if (timer) clearTimeout(timer);
      timer = setTimeout(() => void refresh(), REFRESH_DELAY_MS);
    }),
  );
  void refresh();

  return {
    run: async ({ uris }) => {
      await refresh();
      const wanted = uris && new Set(uris.map((u) => vscode.Uri.parse(u).toString()));
      const include = [...scenarioItems.values()].filter((item) => !wanted || (item.uri && wanted.has(item.uri.toString())));
      await runHandler(new vscode.TestRunRequest(include, undefined, profile), new vscode.CancellationTokenSource().token);
    },
  };
}
