// Rule coverage through `tariff test --coverage`: what no scenario pins is listed at its
// place, a scenario pins only what its result shows and its `expect` says, a raised limit
// counts only where the raise lets a claim through, `--min` fails a category below it, and
// the report lists the same.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tariff } from './support/cli';
import { BOTH_SCENARIO, SMALL_RULES, smallScenario, smallWorkspace } from './support/small-workspace';

/** A small workspace with the small rules and the given files. */
function workspace(files: Record<string, string>): string {
  return smallWorkspace({ 'x.tariff.yaml': SMALL_RULES, ...files });
}

async function coverage(files: Record<string, string>, ...args: string[]) {
  const cwd = workspace(files);
  return tariff(['test', '.', '--coverage', '--lang', 'en', ...args], { cwd });
}

describe('tariff test --coverage', () => {
  it('lists what no scenario pins at its place, per revision, and ends with the summary line', async () => {
    const run = await coverage({ 'both.scenario.yaml': BOTH_SCENARIO });
    expect(run.status).toBe(0);
    expect(run.stdout).toBe(
      [
        '1 passed, 0 failed',
        'x.tariff.yaml:7:5 X1 指導料 — no scenario pins: its requirements not met, a fact it needs unknown',
        'x.tariff.yaml:8:5 the limit of X1 指導料 — no scenario pins: reached, raised',
        'x.tariff.yaml:13:9 X1 takes precedence over X2 (per day) — no scenario pins: applied against an earlier claim',
        'x.tariff.yaml:14:9 X2 共同指導料 — no scenario pins: claimed',
        'x.tariff.yaml:19:18 X1-n1 加算 — no scenario pins: its parent not claimed',
        'R06: items 33%, variants 100%, relations 50%, limits 0%',
        'coverage: items 33%, variants 100%, relations 50%, limits 0%',
        '',
      ].join('\n'),
    );
  });

  it('counts a behaviour only where the result shows it and the expectation says so', async () => {
    // Both results refuse X1 because its requirement is not met; only the first one says so.
    const refused = smallScenario(
      'X1 は要件を満たさない',
      '{ guidance.home-physician: false }',
      'request: [X1]\nexpect:\n  rejected: { X1: not-applicable }\n',
    );
    const totalOnly = smallScenario(
      '合計だけ',
      '{ guidance.home-physician: false }',
      'request: [X1, X2]\nexpect:\n  total: { points: 300 }\n',
    );
    const run = await coverage({ 'refused.scenario.yaml': refused, 'total.scenario.yaml': totalOnly }, '--format', 'json');
    const json = JSON.parse(run.stdout);
    const pinned = (kind: string, id: string) =>
      json.coverage.behaviours
        .find((b: { kind: string; id: string }) => b.kind === kind && b.id === id)
        .scenarios.map((s: { name: string }) => s.name);
    expect(pinned('not-applicable', 'X1')).toEqual(['X1 は要件を満たさない']);
    // X2 is claimed in the second scenario, but its expectation does not list what is claimable.
    expect(pinned('claimed', 'X2')).toEqual([]);
    expect(json.coverage.totals.items).toEqual({ covered: 1, total: 6, percent: 16 });
  });

  it('counts a raised limit only where the raise lets the claim through', async () => {
    const history = 'history: [{ id: X1, date: 2024-07-03 }]\nrequest: [X1]\n';
    const raised = smallScenario(
      '疾病等の患者は2回目も算定できる',
      '{ guidance.home-physician: true, patient.designated-disease: true }',
      `${history}expect:\n  claimable: [X1]\n`,
    );
    const reached = smallScenario(
      'それ以外の患者は2回目を算定できない',
      '{ guidance.home-physician: true, patient.designated-disease: false }',
      `${history}expect:\n  claimable: []\n  rejected: { X1: limit-reached }\n`,
    );
    // The first claim in the stay (the earlier one was in another stay) is claimable whatever the raise says.
    const first = smallScenario(
      '入院中の1回目',
      '{ guidance.home-physician: true, patient.designated-disease: true }',
      'history: [{ id: X1, date: 2024-06-20 }]\nrequest: [X1]\nexpect:\n  claimable: [X1]\n',
    );
    const onlyFirst = JSON.parse((await coverage({ 'first.scenario.yaml': first }, '--format', 'json')).stdout);
    expect(onlyFirst.coverage.totals.limits).toEqual({ covered: 0, total: 2, percent: 0 });
    const all = await coverage({ 'raised.scenario.yaml': raised, 'reached.scenario.yaml': reached, 'first.scenario.yaml': first });
    expect(all.stdout).not.toContain('the limit of X1');
    expect(all.stdout).toContain('limits 100%');
  });

  it('counts a relation against an earlier claim apart from one within the claim', async () => {
    const earlier = smallScenario(
      '同じ日に X1 を算定済みなら X2 は算定できない',
      '{ guidance.home-physician: true }',
      'history: [{ id: X1, date: 2024-07-10 }]\nrequest: [X2]\nexpect:\n  rejected: { X2: overridden }\n',
    );
    const run = await coverage({ 'both.scenario.yaml': BOTH_SCENARIO, 'earlier.scenario.yaml': earlier });
    expect(run.stdout).not.toContain('X1 takes precedence over X2');
    expect(run.stdout).toContain('relations 100%');
  });

  it('fails a category below --min, with what it is, and keeps the exit status 0 above it', async () => {
    const below = await coverage({ 'both.scenario.yaml': BOTH_SCENARIO }, '--min', '50');
    expect(below.status).toBe(1);
    expect(below.stderr).toBe(
      ['tariff test: items coverage is 33%, below --min 50%', 'tariff test: limits coverage is 0%, below --min 50%', ''].join('\n'),
    );
    const cwd = workspace({ 'both.scenario.yaml': BOTH_SCENARIO });
    expect((await tariff(['test', '.', '--min', '0'], { cwd })).status).toBe(0);
    expect((await tariff(['test', '.', '--min', 'half'], { cwd })).status).toBe(2);
  });

  it('covers the rules under the paths and those their scenarios are about, not every revision of the workspace', async () => {
    const older = SMALL_RULES.replace('revision: R06', 'revision: R04').replaceAll('X', 'Y');
    const cwd = workspace({ 'r06/both.scenario.yaml': BOTH_SCENARIO, 'r04/y.tariff.yaml': older });
    const r06 = await tariff(['test', 'r06', '--coverage', '--lang', 'en'], { cwd });
    expect(r06.stdout).not.toContain('R04');
    const all = await tariff(['test', '.', '--coverage', '--lang', 'en'], { cwd });
    expect(all.stdout).toContain('R04: items 0%, variants 100%, relations 0%, limits 0%');
  });

  it('puts the same in the report, escaped', async () => {
    const cwd = workspace({ 'both.scenario.yaml': BOTH_SCENARIO });
    await tariff(['report', '--rules', '.', '--out', 'out', '--lang', 'en'], { cwd });
    const page = readFileSync(join(cwd, 'out', 'index.html'), 'utf8');
    const section = page.slice(
      page.indexOf('<section id="coverage">'),
      page.indexOf('</section>', page.indexOf('<section id="coverage">')),
    );
    expect(section).toContain(
      '<td>items (claimed, and each reason to refuse them)</td><td class="amount">2 / 6</td><td class="amount">33%</td>',
    );
    expect(section).toContain('<li>X2 共同指導料 — no scenario pins: claimed</li>');
  });
});
