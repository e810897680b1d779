// Reliability probes: how the CLI and the language server cope with degenerate and large
// workspaces and with a flood of edits. Prints, per probe, wall time, peak resident memory,
// the largest message the server sent and whether it survived; the flood prints request
// latencies. These are the probes of the reliability issue, rerun after each change; a
// probe that does not finish within its deadline is reported as such, not waited for.
// `TARIFF_DIST` picks the build to probe (default dist/), so an older build can be measured
// in the same run for comparison.
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { PassThrough } from 'node:stream';
import { pathToFileURL } from 'node:url';
import {
  CompletionRequest,
  createProtocolConnection,
  DidChangeTextDocumentNotification,
  DidOpenTextDocumentNotification,
  HoverRequest,
  InitializedNotification,
  InitializeRequest,
  PublishDiagnosticsNotification,
  StreamMessageReader,
  StreamMessageWriter,
  type Diagnostic,
} from 'vscode-languageserver-protocol/node';
import { generatedWorkspace, ITEM_LINES, tariffFile } from '../test/support/generated-rules';

const ROOT = process.cwd();
const DIST = resolve(ROOT, process.env.TARIFF_DIST ?? 'dist');
const OUT = join(ROOT, 'dist', 'bench', 'reliability');
const DEADLINE = Number(process.env.PROBE_DEADLINE_MS ?? 120_000);
const ONLY = process.env.PROBES?.split(',');
/** Extra Node options for the server, e.g. `--cpu-prof` to see where a probe's time goes. */
const NODE_ARGS = process.env.PROBE_NODE_ARGS?.split(' ').filter(Boolean) ?? [];

interface Row {
  probe: string;
  surface: string;
  ms: number | 'timeout';
  peakMb: number;
  detail: string;
}
const rows: Row[] = [];

/** A workspace under dist/bench with the bundled facts and revisions and the given rule files. */
function workspace(name: string, files: Record<string, string>): string {
  const root = join(OUT, name);
  rmSync(root, { recursive: true, force: true });
  return generatedWorkspace(files, root);
}

const { sameName, sameId, distinct } = ITEM_LINES;

/** `tariff check` in a fresh process: wall time, peak memory (from /usr/bin/time), exit status, output size. */
function cli(probe: string, root: string, format: 'text' | 'json'): void {
  const start = performance.now();
  const run = spawnSync('/usr/bin/time', ['-f', '%M', process.execPath, join(DIST, 'cli.js'), 'check', root, '--format', format], {
    encoding: 'utf8',
    maxBuffer: 2 ** 31 - 1,
    timeout: DEADLINE,
  });
  const ms = performance.now() - start;
  const peak = Number(/(\d+)\s*$/.exec(run.stderr ?? '')?.[1] ?? 0) / 1024;
  const timedOut = run.error !== undefined || run.status === null;
  rows.push({
    probe,
    surface: `CLI check --format ${format}`,
    ms: timedOut ? 'timeout' : ms,
    peakMb: peak,
    detail: `exit ${run.status ?? run.signal}, stdout ${mb(Buffer.byteLength(run.stdout ?? ''))}`,
  });
}

interface Server {
  send: ReturnType<typeof createProtocolConnection>;
  pid: number;
  largest: () => number;
  /** Peak resident memory so far (sampled, so it is known after the process died too). */
  peak: () => number;
  messages: () => number;
  alive: () => boolean;
  diagnostics: (uri: string) => Promise<Diagnostic[]>;
  published: Map<string, Diagnostic[]>;
  notifications: () => number;
  close: () => Promise<void>;
}

/** Our server over stdio, recording the size of every message it sends. */
async function server(root: string): Promise<Server> {
  const child = spawn(process.execPath, [...NODE_ARGS, join(DIST, 'server.js'), '--stdio'], { stdio: ['pipe', 'pipe', 'ignore'] });
  let exited = false;
  // A server that dies mid-probe (as older builds did) must not take the probe run with it.
  child.stdin!.on('error', () => undefined);
  let peak = 0;
  const sampler = setInterval(() => (peak = Math.max(peak, peakMb(child.pid!))), 100);
  child.on('exit', () => ((exited = true), clearInterval(sampler)));
  const tee = new PassThrough();
  let largest = 0;
  let messages = 0;
  let header = '';
  child.stdout!.on('data', (chunk: Buffer) => {
    // Content-Length headers are ASCII; looking at them in each chunk is enough for sizes.
    header = (header + chunk.toString('latin1')).slice(-200_000);
    for (const match of header.matchAll(/Content-Length: (\d+)/g)) ((largest = Math.max(largest, Number(match[1]))), messages++);
    header = header.slice(header.lastIndexOf('Content-Length') + 1);
  });
  child.stdout!.pipe(tee);
  const connection = createProtocolConnection(new StreamMessageReader(tee), new StreamMessageWriter(child.stdin!));
  const published = new Map<string, Diagnostic[]>();
  const waiters = new Map<string, (list: Diagnostic[]) => void>();
  let notifications = 0;
  connection.onNotification(PublishDiagnosticsNotification.type, (params) => {
    notifications++;
    published.set(params.uri, params.diagnostics);
    waiters.get(params.uri)?.(params.diagnostics);
    waiters.delete(params.uri);
  });
  connection.onError(() => undefined);
  connection.onClose(() => undefined);
  connection.listen();
  const rootUri = pathToFileURL(root).toString();
  // A server that dies before it answers never answers: the probe goes on to its deadline.
  await within(
    connection.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri,
      workspaceFolders: [{ uri: rootUri, name: 'probe' }],
      capabilities: {},
      locale: 'ja',
    }),
    DEADLINE,
  );
  await within(connection.sendNotification(InitializedNotification.type, {}), DEADLINE);
  return {
    send: connection,
    pid: child.pid!,
    largest: () => largest,
    peak: () => Math.max(peak, peakMb(child.pid!)),
    messages: () => messages,
    alive: () => !exited,
    published,
    notifications: () => notifications,
    diagnostics: (uri) => new Promise((done) => waiters.set(uri, done)),
    close: async () => {
      clearInterval(sampler);
      // A clean exit (shutdown, exit) lets `--cpu-prof` write its profile; a stuck server is killed.
      if (!exited)
        await within(
          connection.sendRequest('shutdown').then(() => connection.sendNotification('exit')),
          5000,
        ).catch(() => undefined);
      await within(new Promise((done) => (exited ? done(undefined) : child.on('exit', done))), 5000);
      connection.dispose();
      child.kill('SIGKILL');
    },
  };
}

function peakMb(pid: number): number {
  try {
    return Number(/VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;
  } catch {
    return 0;
  }
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
const within = <T>(promise: Promise<T>, ms: number) =>
  Promise.race([promise, new Promise<'timeout'>((done) => setTimeout(() => done('timeout'), ms))]);

/** The line of an item with an unknown fact: its finding shows that a file's analysis is done. */
const MARKER =
  '  - { id: PROBE-MARKER, name: 目印, claimant: hospital, points: 1, source: { clause: x }, when: { fact: probe.marker, is: true } }\n';

/**
 * Opens one file (with a marker item added) and waits for its diagnostics: a cold start with
 * the folder read from disk. The server sends only diagnostics that changed, so the marker's
 * finding is what says the analysis is done, also for a file without findings of its own.
 */
async function serverProbe(probe: string, root: string, file: string): Promise<void> {
  const s = await server(root);
  const uri = pathToFileURL(join(root, file)).toString();
  const start = performance.now();
  const arrived = s.diagnostics(uri);
  await within(
    s.send.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri, languageId: 'yaml', version: 1, text: readFileSync(join(root, file), 'utf8') + MARKER },
    }),
    DEADLINE,
  );
  const list = await within(arrived, DEADLINE);
  const ms = list === 'timeout' ? 'timeout' : performance.now() - start;
  const peak = s.peak();
  const alive = s.alive();
  rows.push({
    probe,
    surface: 'server didOpen → diagnostics',
    ms: alive ? ms : 'timeout',
    peakMb: peak,
    detail: `${alive ? 'alive' : 'DIED'}, ${list === 'timeout' ? 'no diagnostics' : `${list.length} diagnostics`}, largest message ${mb(s.largest())}`,
  });
  await s.close();
}

/** 2,000 rapid edits of a bundled rule file with a hover or completion after every fifth. */
async function flood(): Promise<void> {
  const root = workspace('flood', {});
  cpSync(join(ROOT, 'rules'), root, { recursive: true });
  const file = join(root, 'R06', 'medical', 'b005.tariff.yaml');
  const original = readFileSync(file, 'utf8');
  const s = await server(root);
  const uri = pathToFileURL(file).toString();
  const opened = s.diagnostics(uri);
  await within(
    s.send.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri, languageId: 'yaml', version: 1, text: original },
    }),
    DEADLINE,
  );
  await within(opened, DEADLINE);
  const points = original.indexOf('points: ') + 'points: '.length;
  const position = { line: original.slice(0, points).split('\n').length - 1, character: points - original.lastIndexOf('\n', points) - 1 };
  const latencies: Promise<number>[] = [];
  const start = performance.now();
  let text = original;
  for (let k = 0; k < 2000; k++) {
    // Typing and deleting digits in an amount, one change per keystroke.
    text = k % 2 === 0 ? `${original.slice(0, points)}${k % 10}${original.slice(points)}` : original;
    void s.send.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri, version: k + 2 },
      contentChanges: [{ text }],
    });
    if (k % 5 === 4) {
      const sent = performance.now();
      const request =
        k % 10 === 4
          ? s.send.sendRequest(HoverRequest.type, { textDocument: { uri }, position })
          : s.send.sendRequest(CompletionRequest.type, { textDocument: { uri }, position });
      latencies.push(request.then(() => performance.now() - sent));
    }
  }
  const answered = await within(Promise.all(latencies), DEADLINE * 3);
  const allAnswered = answered === 'timeout' ? 'timeout' : performance.now() - start;
  const sorted = answered === 'timeout' ? [] : [...answered].sort((a, b) => a - b);
  const at = (p: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]!.toFixed(0) : '—');
  rows.push({
    probe: 'flood: 2,000 edits + 400 requests',
    surface: 'server requests',
    ms: allAnswered,
    peakMb: s.peak(),
    detail: `p50 ${at(0.5)} ms, p95 ${at(0.95)} ms, max ${at(1)} ms`,
  });
  await s.close();
}

/** How many diagnostics notifications one edit of one file causes, and how long until the last. */
async function publishPerEdit(probe: string, root: string, file: string): Promise<void> {
  const s = await server(root);
  const uri = pathToFileURL(join(root, file)).toString();
  const text = readFileSync(join(root, file), 'utf8');
  const opened = s.diagnostics(uri);
  await within(
    s.send.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'yaml', version: 1, text } }),
    DEADLINE,
  );
  await within(opened, DEADLINE);
  // Let the notifications of the first analysis settle before counting.
  await new Promise((done) => setTimeout(done, 1000));
  const before = s.notifications();
  const start = performance.now();
  const arrived = s.diagnostics(uri);
  // A planted unknown fact: the edited file's diagnostics change, no other file's do.
  await within(
    s.send.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri, version: 2 },
      contentChanges: [{ text: text.replace('claimant: hospital', 'claimant: hospital\n    when: { fact: no.such-fact, is: true }') }],
    }),
    DEADLINE,
  );
  const list = await within(arrived, DEADLINE);
  const ms = list === 'timeout' ? 'timeout' : performance.now() - start;
  await new Promise((done) => setTimeout(done, 1000));
  rows.push({
    probe,
    surface: 'server edit → diagnostics',
    ms,
    peakMb: s.peak(),
    detail: `${s.notifications() - before} notifications for one edit`,
  });
  await s.close();
}

async function main(): Promise<void> {
  const want = (name: string) => !ONLY || ONLY.includes(name);
  if (want('same-name')) {
    const root = workspace('same-name', { 'R06/medical/same.tariff.yaml': tariffFile(sameName, 2000) });
    cli('2,000 items, one name (151 KB)', root, 'text');
    cli('2,000 items, one name (151 KB)', root, 'json');
    await serverProbe('2,000 items, one name (151 KB)', root, 'R06/medical/same.tariff.yaml');
  }
  if (want('same-id')) {
    const root = workspace('same-id', { 'R06/medical/dup.tariff.yaml': tariffFile(sameId, 1500) });
    cli('1,500 copies of one item', root, 'json');
    await serverProbe('1,500 copies of one item', root, 'R06/medical/dup.tariff.yaml');
  }
  if (want('same-name-large')) {
    const root = workspace('same-name-large', { 'R06/medical/same.tariff.yaml': tariffFile(sameName, 20_000) });
    cli('20,000 items, one name', root, 'json');
    await serverProbe('20,000 items, one name', root, 'R06/medical/same.tariff.yaml');
  }
  if (want('many-items')) {
    const files: Record<string, string> = {};
    for (let f = 0; f < 20; f++) files[`R06/medical/part-${f}.tariff.yaml`] = tariffFile(distinct, 5000, f * 5000);
    const root = workspace('many-items', files);
    cli('100,000 items in 20 files', root, 'text');
    await serverProbe('100,000 items in 20 files', root, 'R06/medical/part-0.tariff.yaml');
  }
  if (want('flood')) await flood();
  if (want('publish')) {
    const root = workspace('publish', {});
    cpSync(join(ROOT, 'rules'), root, { recursive: true });
    await publishPerEdit('bundled rules (151 files)', root, 'R06/medical/b005.tariff.yaml');
  }
  if (want('many-files')) {
    const count = Number(process.env.PROBE_FILES ?? 10_000);
    const files: Record<string, string> = {};
    for (let f = 0; f < count; f++) files[`R06/medical/f${f}.tariff.yaml`] = tariffFile(distinct, 1, f);
    const root = workspace('many-files', files);
    await publishPerEdit(`${count.toLocaleString('en-US')} files of one item`, root, 'R06/medical/f0.tariff.yaml');
  }
  console.log(`probes of ${DIST}`);
  console.log('probe | surface | ms | peak RSS MB | detail');
  for (const r of rows)
    console.log(
      `${r.probe} | ${r.surface} | ${typeof r.ms === 'number' ? r.ms.toFixed(0) : `> ${DEADLINE} (${r.ms})`} | ${r.peakMb.toFixed(0)} | ${r.detail}`,
    );
}

// Writing to a server that died (EPIPE) rejects promises inside the JSON-RPC library too.
process.on('unhandledRejection', (error) => {
  if ((error as { code?: string }).code !== 'EPIPE') throw error;
});
void main().then(() => process.exit(0));
