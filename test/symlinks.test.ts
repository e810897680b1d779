// Rule files and folders reached through symbolic links, as every command finds them: a
// linked file or folder is read like any other, once even when two paths lead to it; a loop
// never hangs; a link to nothing or a file that is not an ordinary file is named in a
// warning and skipped.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tariff } from './support/cli';

const BASE = join(__dirname, 'fixtures', 'check', '_base');
const ENV = { LANG: 'C' };

/** A tariff file whose items each use a misspelt fact (one `unknown-fact` error per id). */
function badFacts(...ids: string[]): string {
  const items = ids.map((id) => `  - id: ${id}\n    name: テスト\n    points: 100\n    when: { fact: guidance.home-physican, is: true }\n`);
  return `revision: R06\nscheme: medical\nitems:\n${items.join('')}`;
}

/** A workspace (facts and revisions) with an empty R06 folder, and a folder outside it. */
function workspace(): { root: string; outside: string } {
  const root = mkdtempSync(join(tmpdir(), 'tariff-links-'));
  cpSync(BASE, root, { recursive: true });
  mkdirSync(join(root, 'R06'));
  return { root, outside: mkdtempSync(join(tmpdir(), 'tariff-links-outside-')) };
}

describe('symbolic links under the rules', () => {
  it('reads a linked rule file: both of its errors are reported at the path of the link', async () => {
    const { root, outside } = workspace();
    writeFileSync(join(outside, 'real.tariff.yaml'), badFacts('X1', 'X2'));
    symlinkSync(join(outside, 'real.tariff.yaml'), join(root, 'R06', 'linked.tariff.yaml'));
    const run = await tariff(['check', '.'], { cwd: root, env: ENV });
    expect(run.stdout).toContain('errors: 2,');
    expect(run.stdout.match(/^R06\/linked\.tariff\.yaml:\d+:\d+ error unknown-fact/gm)).toHaveLength(2);
    expect(run.status).toBe(1);
  });

  it('reads the rule files of a linked folder, and compile and test find them too', async () => {
    const { root, outside } = workspace();
    writeFileSync(join(outside, 'a.tariff.yaml'), 'revision: R06\nscheme: medical\nitems:\n  - { id: L1, name: リンク先, points: 120 }\n');
    writeFileSync(
      join(outside, 'a.scenario.yaml'),
      'scenario: リンク先のシナリオ\nrevision: R06\ndate: 2024-07-01\nfacts: {}\nexpect: { claimable: [L1] }\n',
    );
    symlinkSync(outside, join(root, 'R06', 'shared'));
    const check = await tariff(['check', '.', '--format', 'json'], { cwd: root, env: ENV });
    expect(JSON.parse(check.stdout).summary.error).toBe(0);
    expect(check.stderr).toBe('');
    const compile = await tariff(['compile', '--rules', '.', '--out', 'gen'], { cwd: root, env: ENV });
    expect(compile.status).toBe(0);
    expect(readFileSync(join(root, 'gen', 'r06.ts'), 'utf8')).toContain('"L1"');
    const test = await tariff(['test', '.'], { cwd: root, env: ENV });
    expect(test.stdout).toBe('1 passed, 0 failed\n');
  });

  it('reads a file reached through two paths once: under its own path, or the first link path in sorted order', async () => {
    const { root, outside } = workspace();
    writeFileSync(join(root, 'R06', 'b.tariff.yaml'), badFacts('X1'));
    symlinkSync('b.tariff.yaml', join(root, 'R06', 'a-alias.tariff.yaml'));
    symlinkSync('.', join(root, 'R06', 'again'));
    writeFileSync(join(outside, 'real.tariff.yaml'), badFacts('X2'));
    symlinkSync(join(outside, 'real.tariff.yaml'), join(root, 'R06', 'n.tariff.yaml'));
    symlinkSync(join(outside, 'real.tariff.yaml'), join(root, 'R06', 'm.tariff.yaml'));
    const run = await tariff(['check', '.'], { cwd: root, env: ENV });
    // Read twice, X1 or X2 would also be a duplicate id.
    expect(run.stdout).not.toContain('duplicate-id');
    expect(run.stdout.match(/^R06\/\S+:\d+:\d+ error/gm)).toEqual(['R06/b.tariff.yaml:7:19 error', 'R06/m.tariff.yaml:7:19 error']);
    // Named by a link, the file's findings are still the ones asked for.
    const named = await tariff(['check', 'R06/a-alias.tariff.yaml'], { cwd: root, env: ENV });
    expect(named.stdout).toContain('R06/b.tariff.yaml:7:19 error');
    expect(named.stdout).toContain('errors: 1,');
    expect(named.status).toBe(1);
  });

  it('never hangs on loops: a folder linking to an ancestor or itself, links linking to each other', async () => {
    const { root } = workspace();
    writeFileSync(join(root, 'R06', 'x.tariff.yaml'), badFacts('X1'));
    symlinkSync('..', join(root, 'R06', 'up'));
    symlinkSync('.', join(root, 'R06', 'here'));
    symlinkSync(join(root, 'R06', 'self'), join(root, 'R06', 'self'));
    symlinkSync('ping.tariff.yaml', join(root, 'R06', 'pong.tariff.yaml'));
    symlinkSync('pong.tariff.yaml', join(root, 'R06', 'ping.tariff.yaml'));
    const run = await tariff(['check', '.'], { cwd: root, env: ENV });
    expect(run.stdout).toContain('errors: 1,');
    expect(run.stdout).not.toContain('duplicate-id');
    expect(run.stderr.split('\n').filter(Boolean).sort()).toEqual([
      'tariff: warning: R06/ping.tariff.yaml is a link that leads back to itself; it is skipped',
      'tariff: warning: R06/pong.tariff.yaml is a link that leads back to itself; it is skipped',
      'tariff: warning: R06/self is a link that leads back to itself; it is skipped',
    ]);
    expect(run.status).toBe(1);
  });

  it('names a link to nothing and a rule file that is not an ordinary file, and reads the rest', async () => {
    const { root } = workspace();
    writeFileSync(join(root, 'R06', 'x.tariff.yaml'), badFacts('X1'));
    symlinkSync(join(root, 'missing.tariff.yaml'), join(root, 'R06', 'gone.tariff.yaml'));
    // Reading a named pipe would wait for a writer forever.
    const pipe = spawnSync('mkfifo', [join(root, 'R06', 'pipe.tariff.yaml')]);
    const run = await tariff(['check', '.'], { cwd: root, env: ENV });
    expect(run.stdout).toContain('errors: 1,');
    expect(run.stderr).toContain('tariff: warning: R06/gone.tariff.yaml is a link to something that does not exist; it is skipped\n');
    if (pipe.status === 0) expect(run.stderr).toContain('tariff: warning: R06/pipe.tariff.yaml is not an ordinary file; it is skipped\n');
    const ja = await tariff(['check', '.', '--lang', 'ja'], { cwd: root, env: ENV });
    expect(ja.stderr).toContain('tariff: 警告: R06/gone.tariff.yaml はリンク先が存在しないため読み飛ばします\n');
  });
});
