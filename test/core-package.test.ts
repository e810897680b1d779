// `tariff compile --package` as a developer uses it: the package is written to a folder outside
// the repository, installed with `npm install DIR` (no network) into a new project, type-checked
// there under Node's own module resolution (a misspelt fact must fail, correct code must pass),
// and run in Node and as a browser bundle — where it must give the repository's own results for
// every bundled scenario.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runInNewContext } from 'node:vm';
import { buildSync } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evaluate } from '../core/index';
import { tariff } from './support/cli';
import { bundledScenarioInputs } from './support/bundled-inputs';

const ROOT = join(__dirname, '..');
const TSC = join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
const NAME = '@clinic/fee-rules';

let work: string;
let pkg: string;
let project: string;

function typeCheck(source: string): { status: number; output: string } {
  writeFileSync(join(project, 'main.ts'), source);
  const run = spawnSync(process.execPath, [TSC, '-p', project], { encoding: 'utf8' });
  return { status: run.status ?? -1, output: run.stdout + run.stderr };
}

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'tariff-package-'));
  pkg = join(work, 'fee-rules');
  project = join(work, 'consumer');
  const run = await tariff(['compile', '--rules', 'rules', '--out', pkg, '--package', NAME, '--package-version', '1.2.3'], { cwd: ROOT });
  expect(run.stderr).toMatch(/written/);
  expect(run.status).toBe(0);
  execFileSync('mkdir', [project]);
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
  writeFileSync(
    join(project, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: { strict: true, noEmit: true, module: 'nodenext', moduleResolution: 'nodenext', target: 'es2022', types: [] },
      files: ['main.ts'],
    }),
  );
  execFileSync('npm', ['install', '--offline', '--no-audit', '--no-fund', '--ignore-scripts', pkg], { cwd: project, stdio: 'pipe' });
}, 120_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('tariff compile --package', () => {
  it('writes a package with no dependencies whose exports point at files it has', () => {
    const manifest = JSON.parse(readFileSync(join(pkg, 'package.json'), 'utf8'));
    expect(manifest).toMatchObject({ name: NAME, version: '1.2.3', type: 'module', types: './index.d.ts' });
    expect(manifest.dependencies).toBeUndefined();
    const targets = Object.values(manifest.exports as Record<string, string | Record<string, string>>).flatMap((e) =>
      typeof e === 'string' ? [e] : Object.values(e),
    );
    for (const target of targets) expect(readFileSync(join(pkg, target), 'utf8').length).toBeGreaterThan(0);
    // Only its own files are published, and TypeScript's older resolution finds each revision's types.
    expect([...manifest.files, 'package.json'].sort()).toEqual(readdirSync(pkg).sort());
    expect(manifest.typesVersions['*'].r06).toEqual(['./generated.r06.d.ts']);
  });

  it('type-checks a consumer that spells the facts right and fails one that misspells a fact', () => {
    const good = typeCheck(
      `import { evaluate } from '${NAME}';\nimport type { Facts } from '${NAME}/r06';\n` +
        `const facts: Facts = { 'guidance.home-physician': true, 'guidance.hospital-staff': ['nurse'] };\n` +
        `const outcome = evaluate({ revision: 'R06', date: '2024-07-10', facts }, { explain: true });\n` +
        `export const total: number = 'errors' in outcome ? 0 : outcome.total.points;\n`,
    );
    expect(good.output).toBe('');
    expect(good.status).toBe(0);
    const misspelt = typeCheck(
      `import { evaluate } from '${NAME}';\nevaluate({ revision: 'R06', date: '2024-07-10', facts: { 'guidance.home-physican': true } });\n`,
    );
    expect(misspelt.output).toMatch(/guidance\.home-physican/);
    expect(misspelt.status).not.toBe(0);
    const wrongValue = typeCheck(
      `import { evaluate } from '${NAME}';\nevaluate({ revision: 'R06', date: '2024-07-10', facts: { 'ward.type': 'icu' } });\n`,
    );
    expect(wrongValue.output).toMatch(/icu/);
  }, 60_000);

  it('has a README whose example compiles', () => {
    const readme = readFileSync(join(pkg, 'README.md'), 'utf8');
    const example = /```ts\n([\s\S]*?)```/.exec(readme)![1]!;
    expect(example).toContain(`from '${NAME}'`);
    const checked = typeCheck(example);
    expect(checked.output).toBe('');
    expect(checked.status).toBe(0);
  }, 60_000);

  it('gives the repository’s results for every bundled scenario, in Node and as a browser bundle', () => {
    const inputs = bundledScenarioInputs();
    expect(inputs.length).toBeGreaterThan(200);
    const expected = inputs.map((input) => evaluate(input, { explain: true }));
    writeFileSync(join(project, 'inputs.json'), JSON.stringify(inputs));
    writeFileSync(
      join(project, 'run.mjs'),
      `import { readFileSync } from 'node:fs';\nimport { evaluate } from '${NAME}';\n` +
        `const inputs = JSON.parse(readFileSync(new URL('./inputs.json', import.meta.url), 'utf8'));\n` +
        `process.stdout.write(JSON.stringify(inputs.map((i) => evaluate(i, { explain: true }))));\n`,
    );
    const inNode = execFileSync(process.execPath, [join(project, 'run.mjs')], { encoding: 'utf8', maxBuffer: 1 << 28 });
    expect(JSON.parse(inNode)).toEqual(expected);

    // A browser has no Node built-ins: the bundle is built for the browser and run where neither `process` nor `require` exists.
    // The inputs are parsed there: an object of this realm's `Object` is not plain data to the other realm's core.
    writeFileSync(
      join(project, 'browser.mjs'),
      `import { evaluate } from '${NAME}';\nglobalThis.report(JSON.parse(globalThis.inputs).map((i) => evaluate(i, { explain: true })));\n`,
    );
    const bundle = buildSync({
      entryPoints: [join(project, 'browser.mjs')],
      bundle: true,
      platform: 'browser',
      format: 'iife',
      write: false,
      absWorkingDir: project,
      logLevel: 'silent',
    });
    let reported: unknown;
    runInNewContext(bundle.outputFiles[0]!.text, { inputs: JSON.stringify(inputs), report: (r: unknown) => (reported = r) });
    expect(JSON.parse(JSON.stringify(reported))).toEqual(expected);
  }, 60_000);

  it('is fresh for --check, and leaves a package.json it did not write alone', async () => {
    const check = await tariff(['compile', '--out', pkg, '--package', NAME, '--package-version', '1.2.3', '--check'], { cwd: ROOT });
    expect(check.status).toBe(0);
    const stale = await tariff(['compile', '--out', pkg, '--package', NAME, '--check'], { cwd: ROOT });
    expect(stale.stderr).toMatch(/package\.json/);
    expect(stale.status).toBe(1);
    const other = join(work, 'other');
    execFileSync('mkdir', [other]);
    writeFileSync(join(other, 'package.json'), '{ "name": "mine" }\n');
    const refused = await tariff(['compile', '--out', other, '--package', NAME, '--lang', 'en'], { cwd: ROOT });
    expect(refused.stderr).toMatch(/package\.json exists and was not written by tariff/);
    expect(refused.status).toBe(1);
    expect(readFileSync(join(other, 'package.json'), 'utf8')).toBe('{ "name": "mine" }\n');
  }, 60_000);

  it('says what is wrong with the options', async () => {
    const cases: [string[], RegExp][] = [
      [['--package', NAME], /--package needs --out DIR/],
      [['--out', 'x', '--package', 'Fee Rules'], /cannot be an npm package name/],
      [['--out', 'x', '--package', NAME, '--package-version', 'one'], /not a version npm accepts/],
      [['--out', 'x', '--package-version', '1.0.0'], /give --package NAME as well/],
    ];
    for (const [args, message] of cases) {
      const run = await tariff(['compile', ...args, '--lang', 'en'], { cwd: work });
      expect(run.stderr).toMatch(message);
      expect(run.status).toBe(2);
    }
  });
});
