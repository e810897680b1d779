// What the benchmarks share: the contenders' race, timed in CPU time, and the R06 episodes
// that `bench:core`, `bench:serve` and `bench:batch` count.
import { performance } from 'node:perf_hooks';
import type { Input } from '../core/index';

/**
 * R06 episodes with a stay and the facts of 退院時共同指導; with `earlierClaims`, one in seven
 * also has an earlier claim. Without, they are common episodes (README, "The rules core"): what
 * a claim checker mostly sends.
 */
export function r06Episodes(count: number, options: { earlierClaims: boolean }): Input[] {
  return Array.from({ length: count }, (_, k) => ({
    revision: 'R06' as const,
    date: '2024-07-10',
    admission: { from: '2024-06-20', to: '2024-07-10' },
    facts: {
      'guidance.hospital-staff': k % 2 ? (['physician'] as const) : (['nurse'] as const),
      'guidance.home-physician': k % 3 === 0,
      'guidance.home-parties': k % 4 ? (['home-medical', 'pharmacy', 'care-manager'] as const) : (['home-medical'] as const),
      'patient.designated-disease': k % 5 === 0,
    },
    history: options.earlierClaims && k % 7 === 0 ? [{ id: 'B005' as const, date: '2024-07-01' }] : [],
  }));
}

/**
 * Batches per second of each contender, measured in interleaved rounds so that load from
 * other processes on a shared machine falls on all of them alike; each rate is the median
 * of its rounds, after a warm-up long enough for the optimising compiler to settle. Time is
 * this process's CPU time, not the wall clock, which other processes stretch.
 */
export function cpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

export async function race(contenders: Record<string, () => unknown>, rounds = 7, ms = 300): Promise<Record<string, number>> {
  const names = Object.keys(contenders);
  const samples: Record<string, number[]> = Object.fromEntries(names.map((n) => [n, []]));
  for (const name of names) for (const warm = performance.now(); performance.now() - warm < 500;) await contenders[name]!();
  for (let r = 0; r < rounds; r++) {
    for (const name of names) {
      let done = 0;
      const start = cpuMs();
      while (cpuMs() - start < ms) {
        await contenders[name]!();
        done++;
      }
      samples[name]!.push((done / (cpuMs() - start)) * 1000);
    }
  }
  return Object.fromEntries(names.map((n) => [n, samples[n]!.sort((a, b) => a - b)[Math.floor(rounds / 2)]!]));
}
