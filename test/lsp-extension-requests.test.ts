// The server's custom requests for the VS Code extension, over the real protocol on the
// bundled rules: the list of scenarios (Testing view), running them (pass, a planted
// failure with expected vs actual, an unreadable one, in the client's language), and the
// generated code of the item under the cursor.
import { readFileSync } from 'node:fs';
import { readRuleFiles } from '../core/workspace-files';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DidCloseTextDocumentNotification, DidOpenTextDocumentNotification } from 'vscode-languageserver-protocol/node';
import {
  GENERATED_CODE_REQUEST,
  RUN_SCENARIOS_REQUEST,
  SCENARIOS_REQUEST,
  SUGGEST_SCENARIOS_REQUEST,
  type GeneratedCodeInfo,
  type ScenarioSuggestionsInfo,
  type ScenarioInfo,
  type ScenarioRunInfo,
} from '../server/protocol';
import { tariff } from './support/cli';
import { startServer, type LspSession } from './support/lsp-client';

const ROOT = join(__dirname, '..', 'rules');
const uriOf = (path: string) => pathToFileURL(join(ROOT, path)).toString();
const SCENARIO = 'R06/scenarios/medical-b004-limit.scenario.yaml';
/** Every bundled scenario file holds one scenario. */
const SCENARIO_COUNT = readRuleFiles([ROOT])
  .sources.map((s) => s.file)
  .filter((f) => f.endsWith('.scenario.yaml')).length;

describe.each(['en', 'ja'] as const)('extension requests (%s)', (locale) => {
  let session: LspSession;
  beforeAll(async () => {
    session = await startServer({ rootUri: pathToFileURL(ROOT).toString(), locale });
  });
  afterAll(() => session.close());

  it('lists every scenario with its name at its `scenario` key', async () => {
    const scenarios = await session.connection.sendRequest<ScenarioInfo[]>(SCENARIOS_REQUEST);
    expect(scenarios).toHaveLength(SCENARIO_COUNT);
    const one = scenarios.find((s) => s.uri === uriOf(SCENARIO))!;
    expect(one).toMatchObject({ id: `${uriOf(SCENARIO)}#0`, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 8 } } });
    expect(one.name).toContain('退院時共同指導料１');
    // Filed by revision, scheme and the item it is about, in the display language.
    expect(one.group).toEqual(
      locale === 'ja'
        ? ['R06 令和6年度改定', '診療報酬', 'B004 退院時共同指導料１']
        : ['R06 令和6年度改定', 'medical fees', 'B004 退院時共同指導料１'],
    );
    expect(scenarios.every((s) => s.group.length >= 2 && s.group[0]!.startsWith(s.group[0]!.split(' ')[0]!))).toBe(true);
  });

  it('runs all scenarios: the bundled ones pass, each with an evaluation report', async () => {
    const runs = await session.connection.sendRequest<ScenarioRunInfo[]>(RUN_SCENARIOS_REQUEST, {});
    expect(runs).toHaveLength(SCENARIO_COUNT);
    expect(runs.filter((r) => r.status !== 'passed')).toEqual([]);
    const limited = runs.find((r) => r.uri === uriOf(SCENARIO))!;
    expect(limited.report).toContain(locale === 'ja' ? '算定できない' : 'not claimable');
  });

  it('reports a planted failure as expected vs actual at the `expect` key, in the open buffer, in the analyst’s words', async () => {
    const text = readFileSync(join(ROOT, SCENARIO), 'utf8').replace('rejected: { B004: limit-reached }', 'rejected: { B004: excluded }');
    const uri = uriOf(SCENARIO);
    await session.connection.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri, languageId: 'tariff-yaml', version: 1, text },
    });
    const [run] = await session.connection.sendRequest<ScenarioRunInfo[]>(RUN_SCENARIOS_REQUEST, { uris: [uri] });
    await session.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
    // In the display language, for the Test Results' expected/actual view; the codes are in the scenario.
    const [expected, actual, message] =
      locale === 'ja'
        ? ['併算定不可', '算定回数の上限', /^B004 退院時共同指導料１ は「併算定不可」のはずですが、結果は「算定回数の上限」です$/]
        : [
            'excluded by another item',
            'limit reached',
            /^B004 退院時共同指導料１ should be “excluded by another item”, but is “limit reached”$/,
          ];
    expect(run).toMatchObject({ status: 'failed', problems: [{ expected, actual, uri }] });
    expect(run!.problems[0]!.range.start.line).toBe(text.split('\n').findIndex((l) => l.includes('rejected:')));
    expect(run!.problems[0]!.message).toMatch(message);
  });

  it('marks a scenario of an undeclared revision as errored, in the client language', async () => {
    const uri = uriOf('R06/scenarios/planted.scenario.yaml');
    const text = 'scenario: planted\nrevision: R99\ndate: 2024-07-01\nfacts: {}\nexpect: { claimable: [] }\n';
    await session.connection.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri, languageId: 'tariff-yaml', version: 1, text },
    });
    const [run] = await session.connection.sendRequest<ScenarioRunInfo[]>(RUN_SCENARIOS_REQUEST, { ids: [`${uri}#0`] });
    await session.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
    expect(run!.status).toBe('errored');
    expect(run!.problems[0]!.message).toContain('R99');
    expect(run!.report).toBe(`${run!.problems[0]!.message}\n`);
  });

  it('answers the generated module of the item under the cursor, at its decide function', async () => {
    const uri = uriOf('R06/medical/b005.tariff.yaml');
    const text = readFileSync(join(ROOT, 'R06/medical/b005.tariff.yaml'), 'utf8');
    const line = text.split('\n').findIndex((l) => l.includes('name: 多機関共同指導加算'));
    const code = await session.connection.sendRequest<GeneratedCodeInfo | null>(GENERATED_CODE_REQUEST, {
      uri,
      position: { line, character: 6 },
    });
    expect(code).toMatchObject({ revision: 'R06', item: 'B005-n3' });
    expect(code!.text).toBe(readFileSync(join(__dirname, '..', 'core', 'generated', 'r06.ts'), 'utf8'));
    expect(code!.text.split('\n')[code!.line]).toMatch(/^const D\d+ = /);
    // The item's data (one line or one property per line) names that function, before the next item's id.
    expect(code!.text).toMatch(
      new RegExp(`id: "B005-n3",(?:(?!\\bid: )[\\s\\S])*?decide: ${code!.text.split('\n')[code!.line]!.match(/D\d+/)![0]}\\b`),
    );
    expect(await session.connection.sendRequest(GENERATED_CODE_REQUEST, { uri, position: { line: 0, character: 0 } })).toBeNull();
  });

  it('suggests scenarios for the changes of the item under the cursor that no scenario notices, as tariff test --mutate does', async () => {
    const uri = uriOf('R06/medical/b005.tariff.yaml');
    const text = readFileSync(join(ROOT, 'R06/medical/b005.tariff.yaml'), 'utf8');
    const line = text.split('\n').findIndex((l) => l.includes('- id: B005'));
    const found = await session.connection.sendRequest<ScenarioSuggestionsInfo | null>(SUGGEST_SCENARIOS_REQUEST, {
      uri,
      position: { line, character: 8 },
    });
    const cli = JSON.parse(
      (await tariff(['test', 'rules/R06', '--mutate', '--format', 'json', '--lang', locale], { cwd: join(ROOT, '..') })).stdout,
    );
    type CliMutant = { item: string; status: string; description: string; suggestion?: string };
    // B005 has no variants: its mutants are those of the item itself, its limit and the relations it declares.
    const ofB005 = cli.mutation.mutants.filter((m: CliMutant) => m.item === 'B005');
    expect(found!.item).toBe('B005 退院時共同指導料２');
    const killed = ofB005.filter((m: CliMutant) => m.status === 'killed').length;
    const counted = ofB005.filter((m: CliMutant) => m.status !== 'equivalent').length;
    expect(found!.score).toBe(`mutation score: ${Math.floor((killed * 100) / counted)}% (${killed} of ${counted} killed)`);
    const survivors = ofB005.filter((m: CliMutant) => m.status === 'survived');
    expect(found!.survivors).toEqual(
      survivors.map((m: CliMutant) => ({ change: m.description, ...(m.suggestion ? { scenario: m.suggestion } : {}) })),
    );
    expect(await session.connection.sendRequest(SUGGEST_SCENARIOS_REQUEST, { uri, position: { line: 0, character: 0 } })).toBeNull();
  });

  it('still shows the generated code while the rules have an error (a misspelt fact)', async () => {
    const uri = uriOf('R06/medical/b005.tariff.yaml');
    const text = readFileSync(join(ROOT, 'R06/medical/b005.tariff.yaml'), 'utf8').replace(
      'guidance.home-physician, is: true',
      'guidance.home-physican, is: true',
    );
    await session.connection.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri, languageId: 'yaml', version: 1, text },
    });
    const line = text.split('\n').findIndex((l) => l.includes('name: 多機関共同指導加算'));
    const code = await session.connection.sendRequest<GeneratedCodeInfo | null>(GENERATED_CODE_REQUEST, {
      uri,
      position: { line, character: 6 },
    });
    await session.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
    expect(code).toMatchObject({ revision: 'R06', item: 'B005-n3' });
    expect(code!.text.split('\n')[code!.line]).toMatch(/^const D\d+ = /);
  });
});
