// `tariff eval --batch` as a user runs it: the real command on JSON Lines files. Every result
// line must be, byte for byte, `{"line":N,` followed by what JSON.stringify writes for
// `evaluate`'s answer to that line's episode — for every bundled scenario and for random
// episodes of every revision (earlier claims, requests, stays, bad input), with and without
// --explain, with one worker or two. Bad lines get error lines and the run goes on.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evaluate, type Input } from '../core/index';
import { revisions } from '../core/generated/index';
import { randomEpisode } from './support/random-episodes';
import { bundledScenarioInputs } from './support/bundled-inputs';

const ROOT = join(__dirname, '..');
const CLI = join(ROOT, 'dist', 'cli.js');
let work: string;

function tariff(args: string[], options: { input?: string; env?: Record<string, string> } = {}) {
  const run = spawnSync(process.execPath, [CLI, ...args, '--lang', 'en'], {
    cwd: ROOT,
    input: options.input,
    encoding: 'utf8',
    maxBuffer: 1 << 30,
    env: { ...process.env, ...options.env },
  });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

/** What the result line of an episode must be. */
function expectedLine(line: number, episode: unknown, explain = false): string {
  return `{"line":${line},${JSON.stringify(evaluate(episode as Input, { explain })).slice(1)}`;
}

/** Every bundled scenario's episode, and random episodes of every revision (JSON can hold them all). */
const episodes: unknown[] = (() => {
  const random = Object.values(revisions).flatMap((rules) =>
    fc.sample(randomEpisode(rules), { numRuns: 700, seed: 19 }).filter((e) => !('note' in e)),
  );
  return [...bundledScenarioInputs(), ...random];
})();

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'tariff-batch-'));
});

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('tariff eval --batch', () => {
  it('writes, for every episode, the line JSON.stringify would write for evaluate’s answer, in order', () => {
    const file = join(work, 'episodes.jsonl');
    writeFileSync(file, `${episodes.map((e) => JSON.stringify(e)).join('\n')}\n`);
    for (const workers of ['1', '2']) {
      const run = tariff(['eval', '--batch', file, '--workers', workers]);
      const lines = run.stdout.split('\n');
      expect(lines.pop()).toBe('');
      expect(lines.length).toBe(episodes.length);
      episodes.forEach((episode, k) => expect(lines[k]).toBe(expectedLine(k + 1, episode)));
      expect(run.stderr).toMatch(new RegExp(`${episodes.length.toLocaleString('en-US')} episodes in`));
    }
  }, 120_000);

  it('adds what would make refused items claimable with --explain', () => {
    const some = episodes.slice(0, 300);
    const run = tariff(['eval', '--batch', '-', '--explain'], { input: some.map((e) => JSON.stringify(e)).join('\n') });
    const lines = run.stdout.trimEnd().split('\n');
    some.forEach((episode, k) => expect(lines[k]).toBe(expectedLine(k + 1, episode, true)));
    expect(lines.some((l) => l.includes('"whyNot":[{'))).toBe(true);
  }, 60_000);

  it('answers a bad line with an error line, skips blank lines, and goes on', () => {
    const good = { revision: 'R06', date: '2024-07-10', facts: { 'guidance.home-physician': true, 'guidance.hospital-staff': ['nurse'] } };
    const text = [
      `\uFEFF${JSON.stringify(good)}`,
      '{"revision": "R06", "date": ',
      '',
      '   ',
      `${JSON.stringify({ ...good, facts: { 'no.such-fact': 1 } })}\r`,
      JSON.stringify(good),
    ].join('\n');
    const file = join(work, 'mixed.jsonl');
    writeFileSync(file, text);
    const out = join(work, 'mixed.results.jsonl');
    const run = tariff(['eval', '--batch', file, '--out', out]);
    expect(run.status).toBe(1);
    const lines = readFileSync(out, 'utf8').trimEnd().split('\n');
    expect(lines.map((l) => JSON.parse(l).line)).toEqual([1, 2, 5, 6]);
    expect(lines[0]).toBe(expectedLine(1, good));
    expect(JSON.parse(lines[1]!).errors[0]).toMatchObject({ code: 'bad-input', path: '' });
    expect(JSON.parse(lines[1]!).errors[0].message).toMatch(/^line 2 is not JSON/);
    expect(JSON.parse(lines[2]!).errors[0]).toMatchObject({ code: 'unknown-fact', path: 'facts.no.such-fact' });
    expect(lines[3]).toBe(expectedLine(6, good));
    // With --out the summary is on stdout: episodes, errors, the first error, and each claimable item with its count and sum.
    expect(run.stdout).toMatch(/4 episodes in/);
    expect(run.stdout).toMatch(/2 evaluated, 2 with errors/);
    expect(run.stdout).toMatch(/first error: line 2, —: line 2 is not JSON/);
    expect(run.stdout).toMatch(/C000\s+往診料: 2×, 1,440 points/);
    expect(run.stdout).toMatch(/results: /);
  });

  it('reports a line too long to read and reads on after it', () => {
    const good = JSON.stringify({ revision: 'R06', date: '2024-07-10', facts: {} });
    const file = join(work, 'long.jsonl');
    writeFileSync(file, `${good}\n{"pad":"${'x'.repeat(17 << 20)}"}\n${good}\n`);
    const run = tariff(['eval', '--batch', file]);
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines.map((l) => JSON.parse(l).line)).toEqual([1, 2, 3]);
    expect(JSON.parse(lines[1]!).errors[0].message).toMatch(/line 2 is longer than 16777216 bytes/);
    expect(lines[2]).toBe(expectedLine(3, JSON.parse(good)));
  }, 60_000);

  it('replaces the results file only when the run is done, and never a folder, a link or the episodes', () => {
    const file = join(work, 'few.jsonl');
    writeFileSync(file, `${JSON.stringify(episodes[0])}\n`);
    const out = join(work, 'few.out.jsonl');
    writeFileSync(out, 'earlier results\n');
    const one = tariff(['eval', '--batch', file, '--out', out]);
    expect(one.status).toBe(0);
    expect(one.stdout).toMatch(/^tariff eval --batch: 1 episode in /);
    expect(readFileSync(out, 'utf8')).toBe(`${expectedLine(1, episodes[0])}\n`);
    const folder = join(work, 'folder');
    mkdirSync(folder);
    const link = join(work, 'link.jsonl');
    symlinkSync(out, link);
    const cases: [string, RegExp][] = [
      [folder, /is a folder/],
      [link, /is a symbolic link/],
      [file, /is the file of episodes/],
      [join(work, 'no-such-folder', 'out.jsonl'), /the folder of .* does not exist/],
    ];
    for (const [target, message] of cases) {
      const run = tariff(['eval', '--batch', file, '--out', target]);
      expect(run.stderr).toMatch(message);
      expect(run.status).toBe(2);
    }
    expect(readFileSync(file, 'utf8')).toBe(`${JSON.stringify(episodes[0])}\n`);
    const missing = tariff(['eval', '--batch', join(work, 'none.jsonl')]);
    expect(missing.stderr).toMatch(/is not a file that can be read/);
    expect(missing.status).toBe(2);
    expect(existsSync(join(work, 'none.jsonl'))).toBe(false);
  });

  it('stops without a word when the reader of its results stops reading', async () => {
    const file = join(work, 'piped.jsonl');
    writeFileSync(file, `${Array.from({ length: 200_000 }, () => JSON.stringify(episodes[0])).join('\n')}\n`);
    const child = spawn(process.execPath, [CLI, 'eval', '--batch', file, '--lang', 'en'], { cwd: ROOT });
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    // Like `| head`: the first results are read, then the pipe is closed.
    await new Promise((resolve) => child.stdout.once('data', resolve));
    child.stdout.destroy();
    expect(await new Promise((resolve) => child.once('exit', resolve))).toBe(0);
    expect(stderr).toBe('');
  }, 60_000);

  it('takes --out, --rules, --workers and --explain only with --batch', () => {
    const run = tariff(['eval', join(ROOT, 'rules', 'R06', 'scenarios', 'b005-multi-party.scenario.yaml'), '--workers', '2']);
    expect(run.stderr).toMatch(/--workers goes with --batch FILE/);
    expect(run.status).toBe(2);
  });

  it('leaves the old results and no temporary file when stopped with Ctrl+C', async () => {
    const dir = join(work, 'interrupted');
    mkdirSync(dir);
    const file = join(dir, 'episodes.jsonl');
    const line = JSON.stringify(episodes[0]);
    writeFileSync(file, `${Array.from({ length: 600_000 }, () => line).join('\n')}\n`);
    const out = join(dir, 'results.jsonl');
    writeFileSync(out, 'earlier results\n');
    const child = spawn(process.execPath, [CLI, 'eval', '--batch', file, '--out', out, '--lang', 'en'], { cwd: ROOT });
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    // Stopped once the rules are compiled and the run is under way (a temporary file exists).
    for (let k = 0; k < 200 && !readdirSync(dir).some((name) => name.endsWith('.tmp')); k++) await new Promise((r) => setTimeout(r, 50));
    expect(readdirSync(dir).some((name) => name.endsWith('.tmp'))).toBe(true);
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    child.kill('SIGINT');
    expect(await exited).toBe(130);
    expect(stderr).toMatch(/stopped; no results file was written/);
    expect(readdirSync(dir).sort()).toEqual(['episodes.jsonl', 'results.jsonl']);
    expect(readFileSync(out, 'utf8')).toBe('earlier results\n');
  }, 60_000);

  it('shows its progress on a terminal', () => {
    const file = join(work, 'many.jsonl');
    const line = JSON.stringify(episodes[0]);
    writeFileSync(file, `${Array.from({ length: 400_000 }, () => line).join('\n')}\n`);
    // `script` gives the command a terminal; the results go to a file.
    const run = spawnSync(
      'script',
      ['-qec', `${process.execPath} ${CLI} eval --batch ${file} --out ${join(work, 'many.out.jsonl')} --lang en`, '/dev/null'],
      {
        encoding: 'utf8',
        maxBuffer: 1 << 26,
      },
    );
    expect(run.stdout).toMatch(
      /\r\x1b\[K tariff eval --batch: [\d,]+ episodes \(\d+% of the file\)…|\r\x1b\[Ktariff eval --batch: [\d,]+ episodes \(\d+% of the file\)…/,
    );
    expect(run.stdout).toMatch(/400,000 episodes in/);
  }, 120_000);
});
