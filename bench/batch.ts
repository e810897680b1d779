// Benchmark: `tariff eval --batch` on a JSON Lines file of common R06 episodes, with one
// worker thread and with two, against `evaluate` called in-process in the same run (the
// peer), and against the same work done the plain way in-process: JSON.parse, evaluate and
// JSON.stringify for each line. The rate of a run is the one its summary prints (the run
// alone, without compiling the rules); its results are discarded (/dev/null). Runs
// alternate, twice each, and the faster of each is kept: other processes only slow a run.
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { evaluate } from '../core/index';
import { r06Episodes, race } from './race';

const ROOT = process.cwd();
const COUNT = Number(process.env.BENCH_EPISODES ?? 400_000);

function batchRate(file: string, workers: number): number {
  const run = spawnSync(
    process.execPath,
    [join(ROOT, 'dist', 'cli.js'), 'eval', '--batch', file, '--workers', String(workers), '--lang', 'en'],
    {
      cwd: ROOT,
      stdio: ['ignore', 'ignore', 'pipe'],
      encoding: 'utf8',
    },
  );
  const found = /([\d,]+) episodes in [\d.]+ s \(([\d,]+) per second/.exec(run.stderr);
  if (run.status !== 0 || !found || Number(found[1]!.replace(/,/g, '')) !== COUNT) throw new Error(`the batch run failed: ${run.stderr}`);
  return Number(found[2]!.replace(/,/g, ''));
}

async function main(): Promise<void> {
  const episodes = r06Episodes(1_000, { earlierClaims: false });
  const lines = episodes.map((e) => JSON.stringify(e));
  const dir = join(ROOT, 'dist', 'bench', 'batch');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'episodes.jsonl');
  writeFileSync(file, `${Array.from({ length: COUNT }, (_, k) => lines[k % lines.length]).join('\n')}\n`);

  const rates = await race({
    evaluate: () => episodes.forEach((e) => evaluate(e)),
    plain: () => lines.forEach((l) => JSON.stringify(evaluate(JSON.parse(l)))),
  });
  const inProcess = rates.evaluate! * episodes.length;
  const plain = rates.plain! * episodes.length;
  const one = Math.max(batchRate(file, 1), batchRate(file, 1));
  const two = Math.max(batchRate(file, 2), batchRate(file, 2));
  const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
  console.log(`${fmt(COUNT)} common R06 episodes (${fmt(lines.reduce((n, l) => n + l.length + 1, 0) / lines.length)} bytes a line)`);
  console.log(`in-process evaluate (peer)              ${fmt(inProcess).padStart(10)} episodes/s on one core`);
  console.log(`in-process JSON.parse → evaluate → JSON ${fmt(plain).padStart(10)} episodes/s on one core`);
  // The last lines, for scripts: the rates and their ratios to the peers measured in this run.
  console.log(
    `  batch, 1 worker    ${fmt(one).padStart(10)} episodes/s   ${(inProcess / one).toFixed(2)}× below in-process evaluate, ${(one / plain).toFixed(2)}× the plain way`,
  );
  console.log(
    `  batch, 2 workers   ${fmt(two).padStart(10)} episodes/s   ${fmt(two / 2)} per core; ${(two / one).toFixed(2)}× one worker (goal ≥ 250,000 per core)`,
  );
}

void main();
