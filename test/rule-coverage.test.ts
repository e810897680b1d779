// Rule coverage through `tariff test --coverage`: what no scenario pins is listed at its
// place, a scenario pins only what its result shows and its `expect` says, a raised limit
// counts only where the raise lets a claim through, `--min` fails a category below it, and
// the report lists the same.
import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tariff } from './support/cli';

const BASE = join(__dirname, 'fixtures', 'check', '_base');

const RULES = `revision: R06
scheme: medical
items:
  - id: X1
    name: 指導料
    points: 400
    when: { fact: guidance.home-physician, is: true }
    limit:
      times: 1
      per: admission
      raised: { times: 2, when: { fact: patient.designated-disease, is: true } }
    overrides:
      - { id: X2, scope: day }
  - id: X2
    name: 共同指導料
    points: 300
  - id: X1-n1
    name: 加算
    addition-to: X1
    points: 100
`;

/** A scenario of the rules above on 2024-07-10, in a stay since 2024-07-01. */
function scenario(name: string, facts: string, rest: string): string {
  return `scenario: ${name}\nrevision: R06\ndate: 2024-07-10\nadmission: { from: 2024-07-01 }\nfacts: ${facts}\n${rest}`;
}

const BOTH = scenario(
  'X1 と加算、X2 は X1 に優先される',
  '{ guidance.home-physician: true, patient.designated-disease: false }',
  'request: [X1, X2, X1-n1]\nexpect:\n  claimable: [X1, X1-n1]\n  rejected: { X2: overridden }\n',
);

function workspace(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'tariff-coverage-'));
  cpSync(BASE, root, { recursive: true });
  for (const [path, text] of Object.entries({ 'x.tariff.yaml': RULES, ...files })) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

async function coverage(files: Record<string, string>, ...args: string[]) {
  const cwd = workspace(files);
  return tariff(['test', '.', '--coverage', '--lang', 'en', ...args], { cwd });
}

describe('tariff test --coverage', () => {
  it('lists what no scenario pins at its place, per revision, and ends with the summary line', async () => {
    const run = await coverage({ 'both.scenario.yaml': BOTH });
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
    const refused = scenario(
      'X1 は要件を満たさない',
      '{ guidance.home-physician: false }',
      'request: [X1]\nexpect:\n  rejected: { X1: not-applicable }\n',
    );
    const totalOnly = scenario('合計だけ', '{ guidance.home-physician: false }', 'request: [X1, X2]\nexpect:\n  total: { points: 300 }\n');
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
    const raised = scenario(
      '疾病等の患者は2回目も算定できる',
      '{ guidance.home-physician: true, patient.designated-disease: true }',
      `${history}expect:\n  claimable: [X1]\n`,
    );
    const reached = scenario(
      'それ以外の患者は2回目を算定できない',
      '{ guidance.home-physician: true, patient.designated-disease: false }',
      `${history}expect:\n  claimable: []\n  rejected: { X1: limit-reached }\n`,
    );
    // The first claim in the stay (the earlier one was in another stay) is claimable whatever the raise says.
    const first = scenario(
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
    const earlier = scenario(
      '同じ日に X1 を算定済みなら X2 は算定できない',
      '{ guidance.home-physician: true }',
      'history: [{ id: X1, date: 2024-07-10 }]\nrequest: [X2]\nexpect:\n  rejected: { X2: overridden }\n',
    );
    const run = await coverage({ 'both.scenario.yaml': BOTH, 'earlier.scenario.yaml': earlier });
    expect(run.stdout).not.toContain('X1 takes precedence over X2');
    expect(run.stdout).toContain('relations 100%');
  });

  it('fails a category below --min, with what it is, and keeps the exit status 0 above it', async () => {
    const below = await coverage({ 'both.scenario.yaml': BOTH }, '--min', '50');
    expect(below.status).toBe(1);
    expect(below.stderr).toBe(
      ['tariff test: items coverage is 33%, below --min 50%', 'tariff test: limits coverage is 0%, below --min 50%', ''].join('\n'),
    );
    const cwd = workspace({ 'both.scenario.yaml': BOTH });
    expect((await tariff(['test', '.', '--min', '0'], { cwd })).status).toBe(0);
    expect((await tariff(['test', '.', '--min', 'half'], { cwd })).status).toBe(2);
  });

  it('covers the rules under the paths and those their scenarios are about, not every revision of the workspace', async () => {
    const older = RULES.replace('revision: R06', 'revision: R04').replaceAll('X', 'Y');
    const cwd = workspace({ 'r06/both.scenario.yaml': BOTH, 'r04/y.tariff.yaml': older });
    const r06 = await tariff(['test', 'r06', '--coverage', '--lang', 'en'], { cwd });
    expect(r06.stdout).not.toContain('R04');
    const all = await tariff(['test', '.', '--coverage', '--lang', 'en'], { cwd });
    expect(all.stdout).toContain('R04: items 0%, variants 100%, relations 0%, limits 0%');
  });

  it('puts the same in the report, escaped', async () => {
    const cwd = workspace({ 'both.scenario.yaml': BOTH });
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
