// The built `tariff` binary (dist/cli.js) as a user runs it: help, usage errors and exit
// statuses, text output with carets, language selection, SARIF that validates against the
// official SARIF 2.1.0 schema, and findings that survive a syntax error elsewhere.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import AjvDraft04 from 'ajv-draft-04';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(__dirname, '..');
const CLI = join(ROOT, 'dist', 'cli.js');
const BASE = join(__dirname, 'fixtures', 'check', '_base');

function run(args: string[], options: { cwd?: string; env?: Record<string, string> } = {}) {
  const result = spawnSync(process.execPath, [CLI, ...args], {
    cwd: options.cwd ?? ROOT,
    env: { PATH: process.env.PATH ?? '', ...options.env },
    encoding: 'utf8',
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** A workspace with the standard facts and revisions plus the given files. */
function workspace(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'tariff-cli-'));
  cpSync(BASE, root, { recursive: true });
  for (const [path, text] of Object.entries(files)) {
    const full = join(root, path);
    mkdirSync(dirname(full), { recursive: true });
    writeFileSync(full, text);
  }
  return root;
}

const BAD_FACT = `revision: R06
scheme: medical
items:
  - id: X1
    name: 退院時共同指導料２
    points: 400
    when: { fact: guidance.home-physican, is: true }
`;

describe('tariff (built binary)', () => {
  it('prints help and exits 0 with --help; usage with no command exits 2', () => {
    const help = run(['--help'], { env: { LANG: 'C' } });
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('Usage: tariff <command>');
    const ja = run(['check', '--help'], { env: { LANG: 'ja_JP.UTF-8' } });
    expect(ja.status).toBe(0);
    expect(ja.stdout).toContain('使い方: tariff check');
    expect(run([]).status).toBe(2);
  });

  it('rejects unknown commands, options, formats and paths with exit 2 and a message', () => {
    const unknown = run(['chek'], { env: { LANG: 'C' } });
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain('unknown command `chek`');
    expect(run(['check', '--frmat', 'json']).status).toBe(2);
    const format = run(['check', '--format', 'xml', '--lang', 'en']);
    expect(format.status).toBe(2);
    expect(format.stderr).toContain('`xml` is not a valid value for --format');
    const missing = run(['check', 'no/such/dir', '--lang', 'en']);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('no such file or folder');
  });

  it('checks the bundled rules with no errors, counting hints and information on the summary line unless --verbose', () => {
    const result = run(['check', 'rules/', '--lang', 'en']);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    // Declared exclusions where both items can apply are hints: counted, not listed.
    const summary = /errors: 0, warnings: 0, information: (\d+), hints: (\d+) \((\d+) information and hints listed with --verbose\)/.exec(
      result.stdout,
    );
    expect(summary).not.toBeNull();
    const [, information, hints, hidden] = summary!.map(Number);
    expect(hints).toBeGreaterThan(0);
    expect(hidden).toBe(information! + hints!);
    expect(result.stdout).not.toMatch(/ (hint|information) exclusion-overlap /);
    const verbose = run(['check', 'rules/', '--lang', 'en', '--verbose']);
    expect(verbose.stdout.match(/^\S+:\d+:\d+ (hint|information) /gm)?.length).toBe(hidden);
    expect(verbose.stdout).toMatch(/errors: 0, warnings: 0, information: \d+, hints: \d+\n/);
  });

  it('prints compiler-style text with the source line and carets, exit 1 on errors', () => {
    const root = workspace({ 'R06/x.tariff.yaml': BAD_FACT });
    const result = run(['check', '--lang', 'en', 'R06'], { cwd: root });
    expect(result.status).toBe(1);
    expect(result.stdout).toContain(
      [
        'R06/x.tariff.yaml:7:19 error unknown-fact unknown fact `guidance.home-physican` (did you mean `guidance.home-physician`?)',
        ' 7 |     when: { fact: guidance.home-physican, is: true }',
        '   |                   ^^^^^^^^^^^^^^^^^^^^^^',
      ].join('\n'),
    );
  });

  it('takes the language from --lang, then LC_ALL, LC_MESSAGES and LANG', () => {
    const root = workspace({ 'R06/x.tariff.yaml': BAD_FACT });
    const ja = '不明な事実 `guidance.home-physican` です';
    expect(run(['check', 'R06'], { cwd: root, env: { LANG: 'ja_JP.UTF-8' } }).stdout).toContain(ja);
    expect(run(['check', 'R06'], { cwd: root, env: { LC_ALL: 'ja_JP.UTF-8', LANG: 'en_US.UTF-8' } }).stdout).toContain(ja);
    expect(run(['check', 'R06'], { cwd: root, env: { LC_MESSAGES: 'en_US.UTF-8', LANG: 'ja_JP.UTF-8' } }).stdout).toContain('unknown fact');
    expect(run(['check', 'R06', '--lang', 'ja'], { cwd: root, env: { LANG: 'en_US.UTF-8' } }).stdout).toContain(ja);
  });

  it('still reports the rest of the workspace when one file has a YAML syntax error in the middle', () => {
    const broken = `revision: R06\nscheme: medical\nitems:\n  - id: Y1\n    name: 壊れた項目\n   points: [1\n  - id: Y2\n    name: 続き\n    points: 2\n`;
    const root = workspace({ 'R06/a-broken.tariff.yaml': broken, 'R06/b.tariff.yaml': BAD_FACT.replace('points: 400', 'units: 400') });
    const result = run(['check', '.', '--format', 'json', '--lang', 'en'], { cwd: root });
    const codes = JSON.parse(result.stdout).diagnostics.map((d: { file: string; code: string }) => `${d.file} ${d.code}`);
    expect(codes).toContain('R06/a-broken.tariff.yaml yaml-syntax');
    expect(codes).toContain('R06/b.tariff.yaml unknown-fact');
    expect(codes).toContain('R06/b.tariff.yaml amount-unit');
  });

  it('writes SARIF 2.1.0 that validates against the official schema', () => {
    const root = workspace({
      'R06/x.tariff.yaml': BAD_FACT + '  - id: X1\n    name: 二重\n    points: 1\n',
    });
    const result = run(['check', '.', '--format', 'sarif', '--lang', 'ja'], { cwd: root });
    expect(result.status).toBe(1);
    const log = JSON.parse(result.stdout);
    const schema = JSON.parse(readFileSync(require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json'), 'utf8'));
    const ajv = new AjvDraft04({ allErrors: true, strict: false, validateFormats: false, unicodeRegExp: false });
    const validate = ajv.compile(schema);
    expect(validate(log), JSON.stringify(validate.errors, null, 2)).toBe(true);
    const results = log.runs[0].results;
    expect(results.map((r: { ruleId: string }) => r.ruleId).sort()).toEqual(['duplicate-id', 'duplicate-id', 'unknown-fact']);
    const fact = results.find((r: { ruleId: string }) => r.ruleId === 'unknown-fact');
    expect(fact.locations[0].physicalLocation).toEqual({
      artifactLocation: { uri: 'R06/x.tariff.yaml' },
      region: { startLine: 7, startColumn: 19, endLine: 7, endColumn: 41 },
    });
    expect(fact.message.text).toContain('不明な事実');
    const dup = results.find((r: { ruleId: string }) => r.ruleId === 'duplicate-id');
    expect(dup.relatedLocations).toHaveLength(1);
  });
});
