// Benchmark: `tariff serve` under load, on loopback only, against `evaluate` called in-process
// in the same run (the peer: what the service adds is HTTP, JSON and the event loop).
// 1. POST /evaluate, one common R06 episode per request, from 16 connections kept alive:
//    requests per second and the latency of a request (p50, p99).
// 2. POST /evaluate/batch, 1,000 episodes per request, from 2 connections: episodes per second.
// Each load runs for a bounded time and a bounded number of requests. The service runs in its
// own process, so on a machine of two cores it and this load generator share them.
import { spawn } from 'node:child_process';
import { Agent, request } from 'node:http';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { evaluate } from '../core/index';
import { r06Episodes, race } from './race';

const ROOT = process.cwd();
const SECONDS = Number(process.env.BENCH_SECONDS ?? 4);
const MAX_REQUESTS = 200_000;

interface Load {
  requests: number;
  seconds: number;
  latencies: number[];
}

async function main(): Promise<void> {
  const episodes = r06Episodes(1_000, { earlierClaims: false });
  const inProcess = (await race({ evaluate: () => episodes.forEach((e) => evaluate(e)) })).evaluate! * episodes.length;

  const server = spawn(process.execPath, [join(ROOT, 'dist', 'cli.js'), 'serve', '--port', '0', '--lang', 'en'], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = new URL(
    await new Promise<string>((resolve, reject) => {
      let out = '';
      server.stdout!.on('data', (chunk) => {
        out += chunk;
        const found = /http:\/\/[^\s)]+/.exec(out);
        if (found) resolve(found[0]);
      });
      server.once('exit', () => reject(new Error('tariff serve exited before it listened')));
    }),
  );
  if (url.hostname !== '127.0.0.1') throw new Error(`the service must listen on loopback only, not ${url.hostname}`);
  try {
    const bodies = episodes.map((e) => JSON.stringify(e));
    // The answers must be evaluate's before their speed means anything.
    for (let k = 0; k < 50; k++) {
      const answer = await post(url, '/evaluate', bodies[k]!, new Agent());
      if (answer !== JSON.stringify(evaluate(episodes[k]!))) throw new Error(`the service answers episode ${k} differently`);
    }
    const single = await load(url, '/evaluate', 16, (k) => bodies[k % bodies.length]!);
    const batchBody = JSON.stringify({ episodes });
    const batch = await load(url, '/evaluate/batch', 2, () => batchBody);

    const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
    const ms = (values: number[], q: number) => `${values.sort((a, b) => a - b)[Math.floor((values.length - 1) * q)]!.toFixed(2)} ms`;
    const perSecond = single.requests / single.seconds;
    const episodesPerSecond = (batch.requests * episodes.length) / batch.seconds;
    console.log(`in-process evaluate (peer): ${fmt(inProcess)} episodes/s on one core`);
    console.log(
      `POST /evaluate, 16 connections: ${fmt(single.requests)} requests in ${single.seconds.toFixed(1)} s; p50 ${ms(single.latencies, 0.5)}, p99 ${ms(single.latencies, 0.99)}`,
    );
    console.log(
      `POST /evaluate/batch (1,000 episodes), 2 connections: ${fmt(batch.requests)} requests; p50 ${ms(batch.latencies, 0.5)}, p99 ${ms(batch.latencies, 0.99)}`,
    );
    // The last lines, for scripts: the rates and their ratios to the peer measured in this run.
    console.log(
      `  service, one episode per request   ${fmt(perSecond).padStart(10)} requests/s   ${(inProcess / perSecond).toFixed(1)}× below in-process evaluate`,
    );
    console.log(
      `  service, batches                   ${fmt(episodesPerSecond).padStart(10)} episodes/s   ${(inProcess / episodesPerSecond).toFixed(1)}× below in-process evaluate`,
    );
  } finally {
    server.kill('SIGTERM');
  }
}

/** Sends requests from `connections` kept-alive connections until the time or the count runs out. */
async function load(url: URL, path: string, connections: number, body: (k: number) => string): Promise<Load> {
  const agent = new Agent({ keepAlive: true, maxSockets: connections });
  const latencies: number[] = [];
  let sent = 0;
  // A short warm-up, not counted.
  for (let k = 0; k < 200; k++) await post(url, path, body(k), agent);
  const start = performance.now();
  const stop = start + SECONDS * 1000;
  const worker = async () => {
    while (performance.now() < stop && sent < MAX_REQUESTS) {
      const k = sent++;
      const began = performance.now();
      await post(url, path, body(k), agent);
      latencies.push(performance.now() - began);
    }
  };
  await Promise.all(Array.from({ length: connections }, worker));
  const seconds = (performance.now() - start) / 1000;
  agent.destroy();
  return { requests: latencies.length, seconds, latencies };
}

function post(url: URL, path: string, body: string, agent: Agent): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: url.hostname,
        port: url.port,
        path,
        method: 'POST',
        agent,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          res.statusCode === 200
            ? resolve(Buffer.concat(chunks).toString('utf8'))
            : reject(new Error(`${path} answered ${res.statusCode}`)),
        );
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

void main();
