// The compiler: generated code is deterministic, escapes every string from YAML (quotes,
// backslashes, backticks, `${`, `*/`, U+2028 cannot break out or inject code), and
// `tariff compile --check` fails on stale output and passes on fresh output.
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyze } from '../core/analysis/analyze';
import { generateModule } from '../core/compiler/codegen';
import { ruleSetSpec } from '../core/analysis/rule-set-spec';
import { readRuleFiles } from '../core/workspace-files';
import { tariff } from './support/cli';
import { compiledEvaluate, loadModule } from './support/compiled';
import { materialize, readFixture } from './support/fixture';

const BASE = join(__dirname, 'fixtures', 'check', '_base');
const NASTY = [
  '引用 "double" and \'single\'',
  'back`tick` and ${injected()}',
  'end */ comment /* again',
  'line\u2028separator\u2029para',
  'back\\slash \\u0041',
  '</script><!--',
];

function workspaceWith(names: string[]): string {
  const root = mkdtempSync(join(tmpdir(), 'tariff-compile-'));
  cpSync(BASE, root, { recursive: true });
  const items = names
    .map(
      (name, i) =>
        `  - id: X${i}\n    name: ${JSON.stringify(name)}\n    points: ${100 + i}\n    source: { clause: ${JSON.stringify(name)}, quote: ${JSON.stringify(name)} }`,
    )
    .join('\n');
  writeFileSync(join(root, 'x.tariff.yaml'), `revision: R06\nscheme: medical\nitems:\n${items}\n`);
  return root;
}

describe('compiler', () => {
  it('escapes every string so names and citations come back exactly', async () => {
    const root = workspaceWith(NASTY);
    const evaluate = await compiledEvaluate(root, 'R06');
    const result = evaluate({ revision: 'R06', date: '2024-07-10', facts: {} });
    expect('errors' in result).toBe(false);
    if ('errors' in result) return;
    expect(result.claimable.map((c) => c.name)).toEqual(NASTY);
    const { workspace } = analyze(readRuleFiles([root]).sources);
    const text = generateModule(ruleSetSpec(workspace, 'R06'));
    expect(text).not.toContain('\u2028');
    expect(
      text
        .split('\n')
        .filter((l) => l.trimStart().startsWith('//'))
        .join('\n'),
    ).not.toContain('*/');
  });

  it('is laid out for reading: lines within 120 columns, every fact slot a function reads named in its comment', () => {
    const { workspace } = analyze(readRuleFiles([join(__dirname, '..', 'rules')]).sources);
    for (const revision of ['R06', 'R04', 'R03']) {
      const text = generateModule(ruleSetSpec(workspace, revision));
      expect(text.split('\n').filter((line) => line.length > 120)).toEqual([]);
      // Each condition (C<n>) and item decision (D<n>) comes after a comment naming the slots it reads.
      const unnamed = [...text.matchAll(/((?:^\/\/.*\n)+)const ([CD]\d+) = ([^]*?)\n(?=\/\/|\n)/gm)].flatMap(([, comment, name, body]) =>
        [...new Set(body!.match(/x\[\d+\]/g) ?? [])].filter((slot) => !comment!.includes(`${slot} `)).map((slot) => `${name} ${slot}`),
      );
      expect(unnamed).toEqual([]);
      expect(text).toMatch(/^\/\/ .* — reads x\[\d+\] [\w.-]+/m);
    }
  });

  it('splits a long citation into string parts that join back exactly', async () => {
    const quote = `${NASTY.join('、')}。`.repeat(6);
    const root = workspaceWith(['長い引用']);
    writeFileSync(
      join(root, 'x.tariff.yaml'),
      `revision: R06\nscheme: medical\nitems:\n  - id: X0\n    name: 長い引用\n    points: 100\n    source: { clause: X0, quote: ${JSON.stringify(quote)} }\n`,
    );
    const { workspace } = analyze(readRuleFiles([root]).sources);
    const text = generateModule(ruleSetSpec(workspace, 'R06'));
    expect(text.split('\n').filter((line) => line.length > 120)).toEqual([]);
    const { rules } = (await loadModule(text)) as unknown as { rules: { items: { source: { quote: string } }[] } };
    expect(rules.items[0]!.source.quote).toBe(quote);
  });

  it('is deterministic', () => {
    const { workspace } = analyze(readRuleFiles([join(__dirname, '..', 'rules')]).sources);
    expect(generateModule(ruleSetSpec(workspace, 'R06'))).toBe(generateModule(ruleSetSpec(workspace, 'R06')));
    expect(readFileSync(join(__dirname, '..', 'core', 'generated', 'r06.ts'), 'utf8')).toBe(generateModule(ruleSetSpec(workspace, 'R06')));
  });

  it('tariff compile --check fails on stale output, compile refreshes it, and errors block it', async () => {
    const fixture = readFixture(join(__dirname, 'fixtures', 'eval', 'overrides-b005.fixture'));
    const root = materialize(fixture, BASE);
    const env = { LANG: 'C' };
    expect((await tariff(['compile', '--rules', '.', '--out', 'gen', '--check'], { cwd: root, env })).status).toBe(1);
    const written = await tariff(['compile', '--rules', '.', '--out', 'gen'], { cwd: root, env });
    expect(written.status).toBe(0);
    expect(written.stderr).toContain('2 files in gen (2 written, 0 removed)');
    expect((await tariff(['compile', '--rules', '.', '--out', 'gen', '--check'], { cwd: root, env })).status).toBe(0);
    const file = join(root, 'R06', 'medical', 'b005.tariff.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('points: 400', 'points: 450'));
    const stale = await tariff(['compile', '--rules', '.', '--out', 'gen', '--check'], { cwd: root, env });
    expect(stale.status).toBe(1);
    expect(stale.stderr).toContain('stale or missing: gen/r06.ts');
    writeFileSync(file, readFileSync(file, 'utf8').replace('points: 450', 'units: 450'));
    const blocked = await tariff(['compile', '--rules', '.', '--out', 'gen'], { cwd: root, env });
    expect(blocked.status).toBe(1);
    expect(blocked.stderr).toContain('amount-unit');
    expect(readFileSync(join(root, 'gen', 'r06.ts'), 'utf8')).toContain('amount: 400');
  });

  it('never merges two revisions into one module: tariff check reports R06 and r06, and compile writes nothing', async () => {
    const fixture = readFixture(join(__dirname, 'fixtures', 'check', 'revision-name-clash-case.fixture'));
    const root = materialize(fixture, BASE);
    const env = { LANG: 'C' };
    const checked = await tariff(['check', '.', '--format', 'json'], { cwd: root, env });
    expect(checked.status).toBe(1);
    const codes = (JSON.parse(checked.stdout) as { diagnostics: { file: string; code: string }[] }).diagnostics.map(
      (d) => `${d.file} ${d.code}`,
    );
    expect(codes).toEqual(['revisions.yaml revision-name-clash', 'revisions.yaml revision-name-clash']);
    const compiled = await tariff(['compile', '--rules', '.', '--out', 'gen'], { cwd: root, env });
    expect(compiled.status).toBe(1);
    expect(compiled.stderr).toContain('revision-name-clash');
    expect(existsSync(join(root, 'gen'))).toBe(false);
  });

  it('indexes a revision named __proto__ as its own entry (an object literal key of that name would set the prototype)', async () => {
    mkdirSync(join(__dirname, '..', 'test-output'), { recursive: true });
    const root = mkdtempSync(join(__dirname, '..', 'test-output', 'compile-'));
    cpSync(BASE, root, { recursive: true });
    writeFileSync(join(root, 'revisions.yaml'), 'revisions:\n  - id: __proto__\n    effective: { medical: 2024-06-01 }\n');
    writeFileSync(join(root, 'x.tariff.yaml'), 'revision: __proto__\nscheme: medical\nitems:\n  - { id: X1, name: テスト, points: 100 }\n');
    // The generated modules import the runtime from `../runtime`, as they do in core/generated.
    symlinkSync(join(__dirname, '..', 'core', 'runtime'), join(root, 'runtime'), 'dir');
    expect((await tariff(['compile', '--rules', '.', '--out', 'gen'], { cwd: root, env: { LANG: 'C' } })).status).toBe(0);
    const { revisions } = (await import(join(root, 'gen', 'index.ts'))) as { revisions: Record<string, { revision: string }> };
    expect(Object.keys(revisions)).toEqual(['__proto__']);
    expect(Object.getPrototypeOf(revisions)).toBe(Object.prototype);
  });
});
