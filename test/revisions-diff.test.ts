// `tariff diff` through the CLI: the bundled revisions (R04 → R06 medical, R03 → R06 care),
// every output format, a small workspace with each kind of change, HTML escaping and usage
// errors. Every witness of the bundled diff is replayed through the compiled rules core,
// which must give in each revision what the diff says it gives.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { evaluate } from '../core/index';
import type { RevisionDiff } from '../core/revisions/diff';
import { tariff } from './support/cli';

const ROOT = resolve(__dirname, '..');

async function diff(args: string[], cwd = ROOT) {
  return tariff(['diff', ...args], { cwd });
}

describe('tariff diff on the bundled rules', () => {
  it('R04 → R06: 入院時支援加算１ 230 → 240 points and 入院事前調整加算 added (Japanese by default)', async () => {
    const run = await diff(['R04', 'R06'], ROOT);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('改定差分 R04 → R06（診療報酬）');
    expect(run.stdout).toContain('新設された項目\n  - A246-n9 入院事前調整加算（200点）\n');
    expect(run.stdout).toContain('  - A246-n7-1 入院時支援加算１: 230点 → 240点\n');
    // Unchanged items and the care scheme (R04 has no care rules) are not listed among the rules' changes.
    const rules = run.stdout.slice(0, run.stdout.indexOf('公式の本文の変更'));
    expect(rules).not.toContain('B005 ');
    expect(run.stdout).not.toContain('care.');
  });

  it('R04 → R06: the cited passages of the official text whose words changed, in every form', async () => {
    const text = (await diff(['R04', 'R06', '--lang', 'en'])).stdout;
    const law = text.slice(text.indexOf('Official text changed (passages the rules cite)'));
    expect(law).toContain(
      '  - A246 注7: the words changed between the R04 and R06 texts (cited by R04 A246-n7 入院時支援加算, R06 A246-n7 入院時支援加算',
    );
    expect(law).toContain('入院時支援加算１  [-230-]{+240+}点');
    expect(law).toMatch(
      / {2}- A246 注9: new in the R06 text \(cited by R06 A246-n9 入院事前調整加算\)\n {6}\{\+９  別に厚生労働大臣が定める患者に対して、入院前に/,
    );
    // A passage cited in both revisions with the same words is not listed.
    expect(law).not.toContain('B005 注3');
    const json = JSON.parse((await diff(['R04', 'R06', '--format', 'json'])).stdout) as RevisionDiff;
    const n7 = json.law.find((c) => c.clause === 'A246 注7')!;
    expect(n7.kind).toBe('changed');
    expect(n7.pieces.filter((p) => p.op !== 'same')).toEqual([
      { op: 'removed', text: '230' },
      { op: 'added', text: '240' },
    ]);
    expect(json.law.find((c) => c.clause === 'A246 注9')?.kind).toBe('appeared');
    const html = (await diff(['R04', 'R06', '--format', 'html'])).stdout;
    expect(html).toContain('<del>230</del><ins>240</ins>');
    const markdown = (await diff(['R04', 'R06', '--format', 'markdown'])).stdout;
    expect(markdown).toContain('~~230~~**240**');
  });

  it('R03 → R06 in English: amounts and the conditions of 入院時情報連携加算 with witnesses', async () => {
    const run = await diff(['R03', 'R06', '--lang', 'en']);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('Revision diff R03 → R06 (care fees)');
    expect(run.stdout).toContain('  - care.admission-info.1 入院時情報連携加算（Ⅰ）: 200 units → 250 units\n');
    expect(run.stdout).toContain('  - care.admission-info.2 入院時情報連携加算（Ⅱ）: 100 units → 200 units\n');
    const section = run.stdout.slice(run.stdout.indexOf('  - care.admission-info 入院時情報連携加算\n'));
    // Facts by their labels and values by theirs (facts.yaml `value-labels`), booleans as yes/no.
    expect(section).toContain(
      'now also applies when 入院先への情報提供日（入院日起算） = 入院日の前日: R03 not applicable → R06 入院時情報連携加算（Ⅰ） 250 units',
    );
    expect(section).toContain(
      'no longer applies when 入院先への情報提供日（入院日起算） = 入院日の翌々日: R03 入院時情報連携加算（Ⅰ） 200 units → R06 入院時情報連携加算（Ⅱ） 200 units',
    );
    expect(section).toContain(
      'no longer applies when 入院先への情報提供日（入院日起算） = 入院日の3日後, 営業時間終了後の入院 = no: R03 入院時情報連携加算（Ⅰ） 200 units → R06 not applicable',
    );
  });

  it('refuses two revisions with no scheme in common (R03 care, R04 medical) with exit 2 and says why', async () => {
    const run = await diff(['R03', 'R04', '--lang', 'en']);
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe(
      'tariff diff: R03 (care fees) and R04 (medical fees) have no scheme in common, so there is nothing to compare\n',
    );
  });

  it('lists a situation once: a variant does not repeat what its item already lists', async () => {
    const run = await diff(['R03', 'R06', '--lang', 'en']);
    const situations = run.stdout.split('\n').filter((line) => /^ {6}(now also|no longer) applies when /.test(line));
    expect(situations.length).toBeGreaterThan(0);
    expect(situations.filter((line, i) => situations.indexOf(line) !== i)).toEqual([]);
    // Everything 入院時情報連携加算（Ⅱ） would list is already under the item or （Ⅰ）.
    expect(run.stdout).not.toContain('  - care.admission-info.2 入院時情報連携加算（Ⅱ）\n');
  });

  it('every witness gives, in the rules core, what the diff says for each revision', async () => {
    const dates: Record<string, string> = { R03: '2023-06-10', R04: '2023-06-10', R06: '2024-07-10' };
    let replayed = 0;
    for (const [old, next] of [
      ['R03', 'R06'],
      ['R04', 'R06'],
    ] as const) {
      const result = JSON.parse((await diff([old, next, '--format', 'json'])).stdout) as RevisionDiff;
      for (const change of result.changes) {
        if (change.kind !== 'condition') continue;
        for (const example of [...change.gained, ...change.lost]) {
          for (const [revision, outcome] of [
            [old, example.old],
            [next, example.new],
          ] as const) {
            if (outcome.kind === 'absent' || outcome.kind === 'unknown') continue;
            const evaluated = evaluate({
              revision,
              date: dates[revision]!,
              admission: { from: dates[revision]! },
              facts: example.witness,
              request: [change.item],
            } as never);
            expect('claimable' in evaluated).toBe(true);
            const claimable = 'claimable' in evaluated ? evaluated.claimable.map((c) => c.id) : [];
            expect(claimable).toEqual(outcome.kind === 'applies' ? [outcome.id] : []);
            replayed++;
          }
        }
      }
    }
    // Each situation is listed once (a variant does not repeat its item's): 8 in the bundled diffs.
    expect(replayed).toBeGreaterThanOrEqual(8);
  });

  it('prints Markdown for a memo and the same result twice', async () => {
    const first = await diff(['R04', 'R06', '--format', 'markdown', '--lang', 'ja']);
    expect(
      first.stdout.startsWith('## 改定差分 R04 → R06（診療報酬）\n\n### 新設された項目\n\n- A246-n9 入院事前調整加算（200点）\n'),
    ).toBe(true);
    expect((await diff(['R04', 'R06', '--format', 'markdown', '--lang', 'ja'])).stdout).toBe(first.stdout);
  });

  it('prints a standalone HTML page with the diff only', async () => {
    const run = await diff(['R03', 'R06', '--format', 'html', '--lang', 'en']);
    expect(run.stdout.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(run.stdout).toContain('<h3>Revision diff R03 → R06 (care fees)</h3>');
    expect(run.stdout).not.toContain('<svg');
    expect(run.stdout).not.toContain('<table');
  });

  it('refuses a revision without rules and a wrong number of revisions (exit 2)', async () => {
    const unknown = await diff(['R01', 'R06', '--lang', 'en']);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toBe('no rules for revision R01 (revisions with rules: R03, R04, R06)\n');
    const one = await diff(['R06', '--lang', 'en']);
    expect(one.status).toBe(2);
    expect(one.stderr).toContain('give two revisions');
    expect((await diff(['R04', 'R06', '--format', 'pdf'])).status).toBe(2);
  });
});

const REVISIONS = `revisions:
  - { id: R04, name: 令和4年度, effective: { medical: 2022-04-01 } }
  - { id: R06, name: 令和6年度, effective: { medical: 2024-06-01 }, supersedes: [R04] }
`;
const FACTS = `facts:
  - { name: patient.age, type: integer, min: 0, max: 130, label: 年齢 }
`;

function workspace(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'tariff-diff-'));
  for (const [path, text] of Object.entries({ 'revisions.yaml': REVISIONS, 'facts.yaml': FACTS, ...files })) {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

describe('tariff diff on a small workspace', () => {
  const root = workspace({
    'R04/a.tariff.yaml': `revision: R04
scheme: medical
items:
  - { id: X, name: 旧名, points: 100, limit: { times: 1, per: admission }, excludes: [Y] }
  - { id: Y, name: ワイ, points: 50, when: { fact: patient.age, gte: 65 } }
  - { id: W, name: 廃止予定, points: 10 }
  - { id: V, name: 消える, points: 10 }
`,
    'R06/a.tariff.yaml': `revision: R06
scheme: medical
items:
  - { id: X, name: 新名, points: 100, limit: { times: 2, per: month }, overrides: [{ id: Y, scope: day }] }
  - { id: Y, name: ワイ, points: 50, when: { fact: patient.age, gte: 75 } }
  - { id: W, name: 廃止予定, abolished: true }
  - { id: U, name: "<b>新設 & \\"引用\\"</b>", points: 30 }
`,
  });

  it('lists each kind of change in its section', async () => {
    const run = await diff(['R04', 'R06', '--rules', '.', '--lang', 'en'], root);
    expect(run.status).toBe(0);
    expect(run.stdout).toBe(
      [
        'Revision diff R04 → R06 (medical fees)',
        '',
        'Items added',
        '  - U <b>新設 & "引用"</b> (30 points)',
        '',
        'Items abolished',
        '  - W 廃止予定 (10 points)',
        '  - V 消える (10 points)',
        '',
        'Names changed',
        '  - X: 旧名 → 新名',
        '',
        'Limits changed',
        '  - X 新名: 1 per admission → 2 per month',
        '',
        'Exclusions and overrides',
        '  - added: X takes precedence over Y (per day)',
        '  - removed: X and Y are not claimed together (per claim)',
        '',
        'Conditions changed',
        '  - Y ワイ',
        '      no longer applies when 年齢 = 65: R04 ワイ 50 points → R06 not applicable',
        '',
      ].join('\n'),
    );
  });

  it('escapes names in HTML and Markdown', async () => {
    const html = (await diff(['R04', 'R06', '--rules', '.', '--format', 'html'], root)).stdout;
    expect(html).toContain('U &lt;b&gt;新設 &amp; "引用"&lt;/b&gt;');
    expect(html).not.toContain('<b>');
    const markdown = (await diff(['R04', 'R06', '--rules', '.', '--format', 'markdown', '--lang', 'en'], root)).stdout;
    expect(markdown).toContain('- U \\<b\\>新設 \\& "引用"\\</b\\> (30 points)');
  });

  it('reports an exclusion that holds in other situations', async () => {
    const changed = workspace({
      'R04/a.tariff.yaml':
        'revision: R04\nscheme: medical\nitems:\n  - { id: X, name: エックス, points: 100, excludes: [{ id: Y, when: { fact: patient.age, gte: 65 } }] }\n  - { id: Y, name: ワイ, points: 50 }\n',
      'R06/a.tariff.yaml':
        'revision: R06\nscheme: medical\nitems:\n  - { id: X, name: エックス, points: 100, excludes: [Y] }\n  - { id: Y, name: ワイ, points: 50 }\n',
    });
    const run = await diff(['R04', 'R06', '--rules', '.', '--lang', 'ja'], changed);
    expect(run.stdout).toBe(
      '改定差分 R04 → R06（診療報酬）\n\n併算定の関係の変更\n  - 条件の変更: X と Y は併算定不可（同一の算定（claim））\n',
    );
  });

  it('says so when nothing changed', async () => {
    const same = workspace({
      'R04/a.tariff.yaml':
        'revision: R04\nscheme: medical\nitems:\n  - { id: X, name: エックス, points: 100, when: { fact: patient.age, gte: 65 } }\n',
      // Written differently, the same condition: not a change.
      'R06/a.tariff.yaml':
        'revision: R06\nscheme: medical\nitems:\n  - { id: X, name: エックス, points: 100, when: { not: { fact: patient.age, lt: 65 } } }\n',
    });
    const run = await diff(['R04', 'R06', '--rules', '.', '--lang', 'en'], same);
    expect(run.stdout).toBe('Revision diff R04 → R06 (medical fees)\n\nNo differences.\n');
  });
});
