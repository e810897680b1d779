// The TextMate grammar (syntaxes/tariff.tmLanguage.json) against the scope assertions in
// test/grammar/*.test.yaml: item ids, fact names, operators, amounts, clauses, comments.
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { expect, it } from 'vitest';

it('gives rule files the scopes the grammar tests assert', () => {
  const root = resolve(__dirname, '..');
  const run = spawnSync(
    process.execPath,
    [resolve(root, 'node_modules', 'vscode-tmgrammar-test', 'dist', 'unit.js'), '--config', 'package.json', 'test/grammar/*.test.yaml'],
    { cwd: root, encoding: 'utf8' },
  );
  expect(run.status, run.stdout + run.stderr).toBe(0);
  expect(run.stdout).toContain('tariff.test.yaml run successfuly');
  expect(run.stdout).toContain('facts-and-scenarios.test.yaml run successfuly');
});
