// The bundled R06 rule set as users rely on it: every item cites its clause, the checker
// finds no errors or warnings (information findings must be intended overlaps), and every
// scenario passes — at least 40 of them.
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyze } from '../core/analysis/analyze';
import { ruleSetSpec } from '../core/analysis/rule-set-spec';
import { readRuleFiles } from '../core/workspace-files';
import { tariff } from './support/cli';

const ROOT = join(__dirname, '..');
const { workspace, findings } = analyze(readRuleFiles([join(ROOT, 'rules')]).sources);

describe('bundled rules', () => {
  it('cite a clause for every item and variant', () => {
    const spec = ruleSetSpec(workspace, 'R06');
    const uncited = spec.items.flatMap((item) => [item, ...item.variants].filter((x) => !x.source.clause).map((x) => x.id));
    expect(uncited).toEqual([]);
    expect(spec.items.length).toBeGreaterThan(0);
  });

  it('have no errors or warnings', () => {
    expect(findings.filter((f) => f.severity === 'error' || f.severity === 'warning').map((f) => `${f.file}: ${f.code}`)).toEqual([]);
  });

  it('pass every scenario through tariff test (at least 40)', async () => {
    const run = await tariff(['test', 'rules/', '--lang', 'en'], { cwd: ROOT });
    const last = run.stdout.trim().split('\n').pop()!;
    const [, passed, failed] = /^(\d+) passed, (\d+) failed$/.exec(last) ?? [];
    expect(run.stdout.split('\n').filter((l) => l.startsWith('FAIL'))).toEqual([]);
    expect(Number(failed)).toBe(0);
    expect(Number(passed)).toBeGreaterThanOrEqual(40);
  });

  it('lead a scenario that fails because of a misspelt key back to the typo (tariff test names the error)', async () => {
    const root = mkdtempSync(join(tmpdir(), 'tariff-root-cause-'));
    cpSync(join(ROOT, 'rules'), root, { recursive: true });
    const file = join(root, 'R06', 'medical', 'b005.tariff.yaml');
    const text = readFileSync(file, 'utf8');
    const at = text.indexOf('addition-to: B005', text.indexOf('id: B005-n2'));
    writeFileSync(file, `${text.slice(0, at)}additon-to${text.slice(at + 'addition-to'.length)}`);
    const run = await tariff(['test', '.', '--lang', 'en'], { cwd: root });
    expect(run.status).toBe(1);
    const line = text.slice(0, at).split('\n').length;
    expect(run.stdout).toContain(
      `  = R06/medical/b005.tariff.yaml:${line}:5 \`B005-n2\` has an error (schema); fixing it may change the result`,
    );
  });

  it("evaluate in the analyst's words: tariff eval names items and the unknown facts by their labels", async () => {
    const root = mkdtempSync(join(tmpdir(), 'tariff-eval-words-'));
    cpSync(join(ROOT, 'rules'), root, { recursive: true });
    writeFileSync(
      join(root, 'R06', 'x.scenario.yaml'),
      'scenario: nothing known\nrevision: R06\ndate: 2024-07-10\nfacts: {}\nrequest: [B005]\n',
    );
    const run = await tariff(['eval', 'R06/x.scenario.yaml', '--lang', 'ja'], { cwd: root });
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^ {2}B005 退院時共同指導料２ {2}事実が不明です: [^\n]*退院先、/m);
    expect(run.stdout).not.toContain('discharge.destination');
  });
});
