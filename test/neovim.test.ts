// A real third-party LSP client: headless Neovim (Debian's 0.7, installed by .ci/run) starts
// dist/server.js, opens a rule file with a planted error, and the diagnostics it received
// (vim.diagnostic.get) must carry our code, range, message and data.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const nvim = spawnSync('nvim', ['--version'], { encoding: 'utf8' });
// Outside CI a developer may not have Neovim; CI installs it, so there the test always runs.
const available = nvim.status === 0 || process.env.CI === 'true';

describe.runIf(available)('Neovim as the LSP client', () => {
  it('receives our diagnostics for a rule file it opens (languageId is not ours)', () => {
    const root = mkdtempSync(join(tmpdir(), 'tariff-nvim-'));
    cpSync(join(__dirname, 'fixtures', 'check', '_base'), root, { recursive: true });
    mkdirSync(join(root, 'R06'));
    const file = join(root, 'R06', 'x.tariff.yaml');
    writeFileSync(
      file,
      'revision: R06\nscheme: medical\nitems:\n  - id: X1\n    name: テスト\n    points: 100\n    when: { fact: guidance.home-physican, is: true }\n',
    );
    const out = join(root, 'diagnostics.json');
    const run = spawnSync('nvim', ['--headless', '-u', 'NONE', '-c', `luafile ${join(__dirname, 'neovim', 'diagnostics.lua')}`], {
      env: {
        ...process.env,
        ROOT: root,
        FILE: file,
        OUT: out,
        NODE: process.execPath,
        SERVER: resolve(__dirname, '..', 'dist', 'server.js'),
      },
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(run.status, run.stderr).toBe(0);
    const diagnostics = JSON.parse(readFileSync(out, 'utf8')) as {
      lnum: number;
      col: number;
      end_col: number;
      code: string;
      message: string;
      user_data: { lsp: { data: unknown } };
    }[];
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({ lnum: 6, col: 18, end_col: 40, code: 'unknown-fact', source: 'tariff' });
    expect(diagnostics[0]!.message).toContain('did you mean `guidance.home-physician`');
    expect(diagnostics[0]!.user_data.lsp.data).toEqual({ suggestion: 'guidance.home-physician' });
  }, 90_000);
});
