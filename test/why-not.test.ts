// What would make a refused item claimable, through the surfaces that give it: the rules
// core's `evaluate` with `explain`, `tariff eval` (text and JSON) and a failing scenario in
// `tariff test` — the smallest change of the facts within the world constraints, the earlier
// claims a limit counted, and nothing extra where another item decides.
import { describe, expect, it } from 'vitest';
import { evaluate } from '../core/index';
import { tariff } from './support/cli';
import { SMALL_RULES, smallWorkspace } from './support/small-workspace';

function workspace(files: Record<string, string>): string {
  return smallWorkspace({ 'x.tariff.yaml': SMALL_RULES, ...files });
}

const TWO_PARTIES = {
  revision: 'R06',
  date: '2024-07-10',
  admission: { from: '2024-06-20', to: '2024-07-10' },
  facts: {
    'guidance.hospital-staff': ['physician', 'nurse'],
    'guidance.home-physician': true,
    'guidance.home-parties': ['home-medical', 'visiting-nurse-station'],
    'discharge.destination': 'home',
    'admission.a246-claimed': false,
    'patient.designated-disease': false,
  },
  request: ['B005', 'B005-n2', 'B005-n3'],
} as const;

describe('what would make it claimable', () => {
  it('is given by the rules core only when asked, with one more party for 多機関共同指導加算 (B005 注3: 3者以上)', () => {
    const plain = evaluate(TWO_PARTIES as never);
    expect(plain).not.toHaveProperty('whyNot');
    const explained = evaluate(TWO_PARTIES as never, { explain: true });
    if ('errors' in explained) throw new Error(JSON.stringify(explained.errors));
    expect(explained.rejected.map((r) => `${r.id} ${r.reason}`)).toEqual(['B005-n3 not-applicable']);
    const [why] = explained.whyNot!;
    expect(why!.facts!.map((c) => c.fact)).toEqual(['guidance.home-parties']);
    const parties = why!.facts![0]!.to as string[];
    expect(parties).toHaveLength(3);
    expect(parties).toEqual(expect.arrayContaining(['home-medical', 'visiting-nurse-station']));
    // With that change the same episode claims it.
    const again = evaluate({ ...TWO_PARTIES, facts: { ...TWO_PARTIES.facts, 'guidance.home-parties': parties } } as never);
    expect('errors' in again ? [] : again.claimable.map((c) => c.id)).toContain('B005-n3');
  });

  it('changes a fact a world constraint ties to the one the item reads, and says what the episode gives now', async () => {
    // The world: a home physician comes with home medical care among the home parties.
    const none = `scenario: 在宅の医師なし
revision: R06
date: 2024-07-10
facts: { guidance.home-physician: false, guidance.home-parties: [] }
request: [X1]
`;
    const cwd = workspace({ 'none.scenario.yaml': none });
    const text = await tariff(['eval', 'none.scenario.yaml', '--lang', 'en'], { cwd });
    expect(text.stdout).toContain(
      [
        '  X1 指導料  its conditions are not met',
        '    → claimable if 在宅療養担当医療機関の医師が参加 = yes, 在宅側の参加機関 = [home-medical] (now 在宅療養担当医療機関の医師が参加 = no, 在宅側の参加機関 = none)',
      ].join('\n'),
    );
    const json = JSON.parse((await tariff(['eval', 'none.scenario.yaml', '--format', 'json'], { cwd })).stdout);
    expect(json.whyNot).toEqual([
      {
        id: 'X1',
        facts: [
          { fact: 'guidance.home-physician', from: false, to: true },
          { fact: 'guidance.home-parties', from: [], to: ['home-medical'] },
        ],
      },
    ]);
  });

  it('names the earlier claims a limit counted and the facts that would raise it, under a failing scenario that expected the claim', async () => {
    const again = `scenario: 同じ入院で2回目
revision: R06
date: 2024-07-10
admission: { from: 2024-07-01 }
facts: { guidance.home-physician: true, guidance.home-parties: [home-medical], patient.designated-disease: false }
history: [{ id: X1, date: 2024-07-03 }]
request: [X1]
expect:
  claimable: [X1]
`;
    const cwd = workspace({ 'again.scenario.yaml': again });
    const run = await tariff(['test', '.', '--lang', 'en'], { cwd });
    expect(run.stdout).toContain(
      '  X1 指導料 → earlier claims the limit counted: X1 指導料 (2024-07-03) → claimable if 厚生労働大臣が定める疾病等 = yes (now 厚生労働大臣が定める疾病等 = no)\n',
    );
  });

  it('explains an item a failing scenario expects even where the result does not list it (no request)', async () => {
    const expected = `scenario: 在宅の医師なしで X1 を期待
revision: R06
date: 2024-07-10
facts: { guidance.home-physician: false, guidance.home-parties: [home-medical] }
expect:
  claimable: [X1]
`;
    const run = await tariff(['test', '.', '--lang', 'en'], { cwd: workspace({ 'expected.scenario.yaml': expected }) });
    expect(run.stdout).toContain(
      '  X1 指導料 → claimable if 在宅療養担当医療機関の医師が参加 = yes (now 在宅療養担当医療機関の医師が参加 = no)\n',
    );
  });

  it('lists only the earlier claims the limit counts: B003 once a day (「患者１人１日につき１回」)', () => {
    const input = {
      revision: 'R06',
      date: '2024-07-10',
      facts: {},
      history: [
        { id: 'B003', date: '2024-06-25' },
        { id: 'B003', date: '2024-07-01' },
        { id: 'B003', date: '2024-07-10' },
      ],
      request: ['B003'],
    };
    const explained = evaluate(input as never, { explain: true });
    if ('errors' in explained) throw new Error(JSON.stringify(explained.errors));
    expect(explained.whyNot).toEqual([{ id: 'B003', counted: [{ id: 'B003', date: '2024-07-10' }] }]);
  });

  it('adds nothing where another item decides: the rejection names it and its clause', () => {
    const three = {
      ...TWO_PARTIES,
      facts: { ...TWO_PARTIES.facts, 'guidance.home-parties': ['home-medical', 'visiting-nurse-station', 'care-manager'] },
    };
    const explained = evaluate(three as never, { explain: true });
    if ('errors' in explained) throw new Error(JSON.stringify(explained.errors));
    expect(explained.rejected).toMatchObject([{ id: 'B005-n2', reason: 'overridden', by: 'B005-n3', source: { clause: 'B005 注3' } }]);
    expect(explained.whyNot).toEqual([{ id: 'B005-n2' }]);
  });
});
