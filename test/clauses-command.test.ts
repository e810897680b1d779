// `tariff clauses` through the CLI: clause coverage per revision and cited 区分 — cited,
// waived, neither — and the exclusion sentences found, as text and JSON, on a small workspace
// with a known answer and on the bundled rules.
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tariff } from './support/cli';
import { materialize, readFixture } from './support/fixture';

const FIXTURES = join(__dirname, 'fixtures', 'check');

describe('tariff clauses', () => {
  it('counts the clauses of B005 a rule cites, a waiver sets aside, and neither', async () => {
    // B005 has 注1–注5 and, in this excerpt of the 通知, (1): 注1, 注2 and 通知(1) are cited, 注4 is waived.
    const root = materialize(readFixture(join(FIXTURES, 'clause-uncovered.fixture')), join(FIXTURES, '_base'));
    const text = await tariff(['clauses', '--rules', '.', '--lang', 'en'], { cwd: root });
    expect(text.status).toBe(0);
    expect(text.stdout).toContain(
      '  B005 退院時共同指導料２: 6 clauses — cited 3, waived 1, neither 2\n    neither cited nor waived: B005 注3, B005 注5\n',
    );
    expect(text.stdout.trimEnd().split('\n').pop()).toBe('coverage: 4 of 6 clauses cited or waived (66%)');
    const json = JSON.parse((await tariff(['clauses', '--rules', '.', '--format', 'json'], { cwd: root })).stdout);
    const clauses = json.coverage[0].sections[0].clauses as {
      clause: string;
      status: string;
      citedBy: string[];
      waiver?: { reason: string };
    }[];
    expect(clauses.map((c) => `${c.clause} ${c.status}`)).toEqual([
      'B005 注1 cited',
      'B005 注2 cited',
      'B005 注3 uncovered',
      'B005 注4 waived',
      'B005 注5 uncovered',
      'B005 通知(1) cited',
    ]);
    expect(clauses.find((c) => c.clause === 'B005 注4')?.waiver?.reason).toBe('退院支援計画の策定と共有は、算定の場面の事実では表せない');
    expect(clauses.find((c) => c.clause === 'B005 通知(1)')?.citedBy).toEqual(['B005']);
  });

  it('reports the bundled rules against their official texts, ending with the coverage line', async () => {
    const run = await tariff(['clauses', '--lang', 'en'], { cwd: resolve(__dirname, '..') });
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('R06 (medical fees)');
    expect(run.stdout).toContain('R04 (medical fees)');
    expect(run.stdout).toMatch(/exclusion sentences in the cited 区分: \d+ — encoded by a relation \d+/);
    expect(run.stdout.trimEnd().split('\n').pop()).toMatch(/^coverage: \d+ of \d+ clauses cited or waived \(\d+%\)$/);
  });

  it('says so when no revision declares a text', async () => {
    const root = materialize(readFixture(join(FIXTURES, 'unknown-revision-declared-ok.fixture')), join(FIXTURES, '_base'));
    const run = await tariff(['clauses', '--rules', '.', '--lang', 'en'], { cwd: root });
    expect(run.stdout).toBe(
      'No revision declares an official text that its rules cite (revisions.yaml `texts:`).\ncoverage: 0 of 0 clauses cited or waived (100%)\n',
    );
  });
});
