// Mutation testing through `tariff test --mutate`: which small changes of the rules no
// scenario notices, the score line, mutants the decision procedure proves equivalent (world
// constraints included), and suggested scenarios that pass on the rules and kill their mutant
// once written into the workspace.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tariff } from './support/cli';
import { BOTH_SCENARIO, SMALL_RULES, smallWorkspace } from './support/small-workspace';

interface MutantJson {
  operator: string;
  at: string;
  description: string;
  status: 'killed' | 'survived' | 'equivalent';
  killedBy?: { file: string; name: string };
  suggestion?: string;
}

async function mutate(cwd: string): Promise<{ mutants: MutantJson[]; score: { killed: number; counted: number; percent: number } }> {
  const run = await tariff(['test', '.', '--mutate', '--format', 'json', '--lang', 'en'], { cwd });
  return JSON.parse(run.stdout).mutation;
}

describe('tariff test --mutate', () => {
  it('tries each kind of change the rules allow and kills those a scenario notices', async () => {
    const { mutants, score } = await mutate(smallWorkspace({ 'x.tariff.yaml': SMALL_RULES, 'both.scenario.yaml': BOTH_SCENARIO }));
    // X1's condition (drop, negate), its limit (count 1 → 2, admission → month, raised count
    // 2 → 1 and 2 → 3), the raised limit's condition (drop, negate), and the overrides relation
    // (swap, drop, day → month).
    expect(mutants.map((m) => `${m.operator} ${m.status}`)).toEqual([
      'drop-atom survived',
      'negate-atom killed',
      'limit-count survived',
      'limit-period survived',
      'limit-count survived',
      'limit-count survived',
      'drop-atom survived',
      'negate-atom survived',
      'swap-relation killed',
      'drop-relation killed',
      'widen-scope survived',
    ]);
    expect(score).toEqual({ killed: 3, counted: 11, percent: 27 });
    expect(mutants[1]!.killedBy).toEqual({ file: 'both.scenario.yaml', name: 'X1 と加算、X2 は X1 に優先される' });
    expect(mutants[0]!.at).toBe('x.tariff.yaml:7:19');
  });

  it('suggests for every survivor a scenario that passes on the rules and kills it', async () => {
    const cwd = smallWorkspace({ 'x.tariff.yaml': SMALL_RULES, 'both.scenario.yaml': BOTH_SCENARIO });
    const survivors = (await mutate(cwd)).mutants.filter((m) => m.status === 'survived');
    expect(survivors.every((m) => m.suggestion !== undefined)).toBe(true);
    survivors.forEach((m, i) => writeFileSync(join(cwd, `suggested-${i}.scenario.yaml`), m.suggestion!));
    const check = await tariff(['check', '.'], { cwd, env: { LANG: 'C' } });
    expect(check.stdout).toContain('errors: 0, warnings: 0');
    const tests = await tariff(['test', '.', '--mutate', '--lang', 'en'], { cwd });
    expect(tests.stdout).toContain(`${survivors.length + 1} passed, 0 failed`);
    expect(tests.stdout.trimEnd().split('\n').at(-1)).toBe('mutation score: 100% (11 of 11 killed)');
  });

  it('writes the suggestion for the analyst to confirm: marked, in their language, with the situation the procedure found', async () => {
    const { mutants } = await mutate(smallWorkspace({ 'x.tariff.yaml': SMALL_RULES, 'both.scenario.yaml': BOTH_SCENARIO }));
    const widened = mutants.find((m) => m.operator === 'widen-scope')!;
    expect(widened.description).toBe('widen the relation of X1 and X2 from day to month');
    // X1 claimed the day before, in the same month: only the wider scope would refuse X2 now.
    expect(widened.suggestion).toBe(
      [
        '# A scenario suggested by tariff test --mutate.',
        '# Its expectation is what the rules give now: confirm it against the official text.',
        'scenario: "(to confirm) X1 指導料 — tells apart: widen the relation of X1 and X2 from day to month"',
        'description: "Suggested scenario: every scenario passes even if one were to widen the relation of X1 and X2 from day to month; this one tells the two apart. Its expectation is what the rules give now: confirm it against the official text before keeping it."',
        'revision: R06',
        'date: 2024-06-15',
        'admission: {from: 2024-05-06}',
        'facts:',
        '  guidance.home-physician: true',
        'history: [{id: X1, date: 2024-06-14}]',
        'request: [X2]',
        'expect:',
        '  claimable: [X2]',
        '  total: {points: 300}',
        '',
      ].join('\n'),
    );
  });

  it('does not count a change the decision procedure proves to make no difference, facts not given included', async () => {
    // Under a home physician, whether the patient is of 疾病等 never decides: also when a fact is not given.
    const rules = `revision: R06
scheme: medical
items:
  - id: X3
    name: 在宅連携
    points: 200
    when:
      all:
        - { fact: guidance.home-physician, is: true }
        - any:
            - { fact: guidance.home-physician, is: true }
            - { fact: patient.designated-disease, is: true }
`;
    const yes = `scenario: 在宅の医師と連携
revision: R06
date: 2024-07-10
facts: { guidance.home-physician: true, patient.designated-disease: false }
request: [X3]
expect:
  claimable: [X3]
`;
    const cwd = smallWorkspace({ 'x.tariff.yaml': rules, 'yes.scenario.yaml': yes });
    const { mutants, score } = await mutate(cwd);
    expect(mutants.map((m) => `${m.operator} ${m.at} ${m.status}`)).toEqual([
      'drop-atom x.tariff.yaml:9:19 survived',
      'negate-atom x.tariff.yaml:9:19 killed',
      'drop-atom x.tariff.yaml:11:23 killed',
      'negate-atom x.tariff.yaml:11:23 killed',
      'drop-atom x.tariff.yaml:12:23 equivalent',
      'negate-atom x.tariff.yaml:12:23 equivalent',
    ]);
    expect(score).toEqual({ killed: 3, counted: 4, percent: 75 });
    const text = await tariff(['test', '.', '--mutate', '--lang', 'en'], { cwd });
    expect(text.stdout).toContain('2 mutants are not counted: the decision procedure shows they apply exactly where the rules do');
  });
});
