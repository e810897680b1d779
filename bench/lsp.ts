// Benchmark: our language server against yaml-language-server (the peer, with our JSON
// Schema) on the same generated tariff files of 1,000 and 5,000 items: cold didOpen →
// diagnostics, edit → diagnostics (p50/p95 over a series of one-value edits), and memory:
// resident memory right after the last edit, and again after the server has been idle for
// two seconds (its collector has then caught up). Servers run alternately, several times;
// medians and ratios are printed.
// yaml-language-server waits a fixed 200 ms before each validation (its own setting); the
// figures are stock, as a user gets them. Our server is the minified bundle the extension
// ships (`npm run bench:lsp` builds it so).
// For scale, the run also times the floor under any server that reads the file with the
// yaml library: its syntax tree of every item, in a fresh process (cold, as on didOpen).
// Then a workspace the size of the whole 医科点数表 — 10,000 items with 80,000 exclusion
// pairs in 500 files — opened cold (server start → every file's diagnostics, which the server
// publishes only once its analysis of the whole workspace is complete) and edited in one
// file; its peer is the yaml library parsing the same files in a fresh process.
// Last, the bundled rules with their official texts against the same rules without them.
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import {
  createProtocolConnection,
  DidChangeTextDocumentNotification,
  DidOpenTextDocumentNotification,
  InitializedNotification,
  InitializeRequest,
  PublishDiagnosticsNotification,
  StreamMessageReader,
  StreamMessageWriter,
} from 'vscode-languageserver-protocol/node';
import { analyze } from '../core/analysis/analyze';
import { chunkTariff } from '../core/analysis/chunked-parse';
import { revisionsWithoutTexts } from '../test/support/generated-rules';
import { FULL_SCALE, generateWorkspace } from './generated-workspace';

const ROOT = process.cwd();
const OUT = join(ROOT, 'dist', 'bench', 'lsp');
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const EDITS = Number(process.env.BENCH_EDITS ?? 20);

function generate(items: number): string {
  const lines = ['revision: R06', 'scheme: medical', 'source: { doc: 医科診療報酬点数表 }', 'items:'];
  for (let i = 0; i < items; i++) {
    lines.push(
      `  - id: G${i}`,
      `    name: 生成項目${i}`,
      '    claimant: hospital',
      `    points: ${100 + (i % 900)}`,
      '    limit: { times: 1, per: admission }',
      '    when:',
      '      all:',
      '        - { fact: guidance.hospital-staff, has-any: [physician, nurse] }',
      `        - { fact: discharge.info-count, gte: ${1 + (i % 3)} }`,
      ...(i > 0 && i % 4 === 0 ? [`    excludes: [G${i - 1}]`] : []),
      `    source: { clause: 生成 ${i} }`,
    );
  }
  return `${lines.join('\n')}\n`;
}

interface Measure {
  cold: number;
  edits: number[];
  rss: number;
  /** Resident memory after two idle seconds. */
  rest: number;
}

async function measure(command: string[], root: string, file: string, settings: unknown): Promise<Measure> {
  const child = spawn(command[0]!, command.slice(1), { stdio: ['pipe', 'pipe', 'ignore'] });
  const connection = createProtocolConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
  const uri = pathToFileURL(file).toString();
  let waiting: ((at: number) => void) | undefined;
  connection.onNotification(PublishDiagnosticsNotification.type, (params) => {
    if (params.uri === uri && waiting) {
      const done = waiting;
      waiting = undefined;
      done(performance.now());
    }
  });
  connection.onRequest('workspace/configuration', (params: { items: { section?: string }[] }) =>
    params.items.map((item) =>
      item.section ? ((settings as Record<string, unknown>)[item.section.replace(/^\[|\]$/g, '')] ?? null) : settings,
    ),
  );
  await initialize(connection, root);
  await connection.sendNotification('workspace/didChangeConfiguration', { settings });
  const next = () => new Promise<number>((resolve) => (waiting = resolve));
  // The marker's finding also says when the first analysis is done, whatever the file holds.
  const original = readFileSync(file, 'utf8');
  const text = `${original.trimEnd()}\n${marker(-1)}`;
  const start = performance.now();
  const arrived = next();
  await connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'yaml', version: 1, text } });
  const cold = (await arrived) - start;
  const edits = await editSeries(connection, uri, original, next);
  const rss = residentMb(child.pid!);
  await new Promise((resolve) => setTimeout(resolve, 2000));
  const rest = residentMb(child.pid!);
  connection.dispose();
  child.kill();
  return { cold, edits, rss, rest };
}

interface WorkspaceMeasure {
  /** Server start → the diagnostics of every file that has findings. */
  cold: number;
  /** Server start → the diagnostics of the file opened at once (as an editor restores it). */
  openCold: number;
  edits: number[];
  /** An edit that changes findings in other files → the new diagnostics of every one of them. */
  whole: number;
  rss: number;
}

/**
 * Our server on a workspace folder, with one file opened at once (as an editor restores it):
 * cold is from starting the process to the arrival of that file's diagnostics (the server
 * analyses open files first) and of the diagnostics of every file in `expected`; then the file
 * is edited as in `measure`, each edit timed to its diagnostics (the
 * server analyses the edited file first); last, an item of that file is renamed, timed to the
 * new diagnostics of every other file that names it (the whole workspace analysed again).
 */
async function measureWorkspace(command: string[], root: string, expected: ReadonlySet<string>, file: string): Promise<WorkspaceMeasure> {
  const start = performance.now();
  const child = spawn(command[0]!, command.slice(1), { stdio: ['pipe', 'pipe', 'ignore'] });
  const connection = createProtocolConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
  const uri = pathToFileURL(file).toString();
  const arrived = new Set<string>();
  let complete: ((at: number) => void) | undefined;
  let waiting: ((at: number) => void) | undefined;
  let others: { waiting: Set<string>; done: (at: number) => void } | undefined;
  connection.onNotification(PublishDiagnosticsNotification.type, (params) => {
    const at = performance.now();
    arrived.add(params.uri);
    if (others?.waiting.delete(params.uri) && others.waiting.size === 0) others.done(at);
    if (complete && [...expected].every((u) => arrived.has(u))) {
      complete(at);
      complete = undefined;
    }
    if (params.uri === uri && waiting) {
      const done = waiting;
      waiting = undefined;
      done(at);
    }
  });
  connection.onRequest('workspace/configuration', () => [{}]);
  const all = new Promise<number>((resolve) => (complete = resolve));
  const original = readFileSync(file, 'utf8');
  const next = () => new Promise<number>((resolve) => (waiting = resolve));
  const opened = next();
  await initialize(connection, root);
  await connection.sendNotification(DidOpenTextDocumentNotification.type, {
    textDocument: { uri, languageId: 'yaml', version: 1, text: `${original.trimEnd()}\n${marker(-1)}` },
  });
  const openCold = (await opened) - start;
  const cold = (await all) - start;
  const edits = await editSeries(connection, uri, original, next);
  const whole = await renameItem(connection, uri, file, original, (waiting) => new Promise((done) => (others = { waiting, done })));
  const rss = residentMb(child.pid!);
  connection.dispose();
  child.kill();
  return { cold, openCold, edits, whole, rss };
}

/** Renames the first item of the file that other files name, and times the diagnostics of all of those. */
async function renameItem(
  connection: Connection,
  uri: string,
  file: string,
  original: string,
  until: (waiting: Set<string>) => Promise<number>,
): Promise<number> {
  const folder = dirname(file);
  const texts = readdirSync(folder)
    .filter((name) => name.endsWith('.tariff.yaml') && join(folder, name) !== file)
    .map((name) => ({ uri: pathToFileURL(join(folder, name)).toString(), text: readFileSync(join(folder, name), 'utf8') }));
  const naming = (id: string) => new Set(texts.filter((t) => new RegExp(`[[ ]${id}[,\\]]`).test(t.text)).map((t) => t.uri));
  const id = [...original.matchAll(/^ {2}- id: (X\d+)$/gm)].map((m) => m[1]!).find((candidate) => naming(candidate).size > 0)!;
  await new Promise((resolve) => setTimeout(resolve, 50));
  const start = performance.now();
  const arrived = until(naming(id));
  await connection.sendNotification(DidChangeTextDocumentNotification.type, {
    textDocument: { uri, version: EDITS + 2 },
    contentChanges: [{ text: `${original.replace(`  - id: ${id}\n`, `  - id: ${id}-renamed\n`).trimEnd()}\n${marker(EDITS)}` }],
  });
  return (await arrived) - start;
}

/** Milliseconds `yaml.parseAllDocuments` takes on the files, in a fresh process (cold, as the server starts). */
function yamlParseAll(files: readonly string[]): number {
  const script = `process.env = { ...process.env };
const { parseAllDocuments } = require(${JSON.stringify(join(ROOT, 'node_modules', 'yaml'))});
const { readFileSync } = require('node:fs');
const texts = ${JSON.stringify(files)}.map((f) => readFileSync(f, 'utf8'));
const start = performance.now();
for (const text of texts) parseAllDocuments(text, { uniqueKeys: true, merge: true });
console.log(performance.now() - start);`;
  return Number(spawnSync(process.execPath, ['-e', script], { encoding: 'utf8' }).stdout);
}

/** The whole 医科点数表's size in 500 files, cold and edited, against the yaml library's parse of the same files. */
async function fullScale(command: string[]): Promise<void> {
  const size = { ...FULL_SCALE, files: 500 };
  const root = join(OUT, 'workspace');
  rmSync(root, { recursive: true, force: true });
  const files = generateWorkspace(size, join(ROOT, 'rules')).map((f) => ({ file: join(root, f.path), text: f.text }));
  for (const { file, text } of files) {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, text);
  }
  // The files the server must publish for: those the analysis finds something in.
  const expected = new Set(analyze(files).findings.map((f) => pathToFileURL(f.file).toString()));
  const edited = files[files.length - 1]!.file;
  const runs: WorkspaceMeasure[] = [];
  const peers: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    runs.push(await measureWorkspace(command, root, expected, edited));
    peers.push(yamlParseAll(files.map((f) => f.file)));
  }
  const cold = median(runs.map((r) => r.cold));
  const openCold = median(runs.map((r) => r.openCold));
  const p50 = median(runs.map((r) => median(r.edits)));
  const p95 = median(runs.map((r) => percentile(r.edits, 0.95)));
  const whole = median(runs.map((r) => r.whole));
  const rss = median(runs.map((r) => r.rss));
  const peer = median(peers);
  const mb = files.reduce((n, f) => n + Buffer.byteLength(f.text), 0) / 1024 / 1024;
  console.log(
    `workspace of ${size.items} items, ${size.pairs} exclusion pairs in ${size.files} files (${mb.toFixed(1)} MB, ${expected.size} files with findings), median of ${RUNS} runs × ${EDITS} edits:`,
  );
  console.log(
    `  tariff: cold → the open file's diagnostics ${openCold.toFixed(0)} ms, every file's ${cold.toFixed(0)} ms · edit → its file's diagnostics p50 ${p50.toFixed(0)} ms, p95 ${p95.toFixed(0)} ms · rename → every other file's ${whole.toFixed(0)} ms · RSS ${rss.toFixed(0)} MB`,
  );
  console.log(
    `  runs: cold ${runs.map((r) => r.cold.toFixed(0)).join(', ')} ms; yaml.parseAllDocuments of the files ${peers.map((p) => p.toFixed(0)).join(', ')} ms`,
  );
  const ratio = `ratio workspace cold, the open file and every file / yaml.parseAllDocuments of its files: ${(openCold / peer).toFixed(2)}×, ${(cold / peer).toFixed(2)}× (edit p50 ${p50.toFixed(0)} ms, p95 ${p95.toFixed(0)} ms; rename → every other file ${whole.toFixed(0)} ms)`;
  console.log(`  ${ratio}`);
  ratios.push(ratio);
}

type Connection = ReturnType<typeof createProtocolConnection>;

/** Starts an LSP session on a workspace folder, as an editor opening it does. */
async function initialize(connection: Connection, root: string): Promise<void> {
  connection.onRequest('client/registerCapability', () => null);
  connection.onRequest('window/workDoneProgress/create', () => null);
  connection.listen();
  const rootUri = pathToFileURL(root).toString();
  await connection.sendRequest(InitializeRequest.type, {
    processId: process.pid,
    rootUri,
    workspaceFolders: [{ uri: rootUri, name: 'bench' }],
    capabilities: { workspace: { configuration: true } },
    locale: 'en',
  });
  await connection.sendNotification(InitializedNotification.type, {});
}

/**
 * EDITS edits of an open file, each timed from its change to its diagnostics (`next` resolves
 * when the file's next diagnostics arrive). One scalar changed per edit: the points of an item
 * somewhere in the file. Our server sends diagnostics only when they change, so each edit also
 * renames the unknown fact of a marker item at the end: its one finding changes, and its
 * arrival times the analysis.
 */
async function editSeries(connection: Connection, uri: string, original: string, next: () => Promise<number>): Promise<number[]> {
  const edits: number[] = [];
  for (let k = 0; k < EDITS; k++) {
    const lines = original.split('\n');
    const targets = lines.flatMap((l, i) => (l.startsWith('    points: ') ? [i] : []));
    lines[targets[(k * 7919) % targets.length]!] = `    points: ${100 + ((k * 31) % 900)}`;
    await new Promise((resolve) => setTimeout(resolve, 50));
    const start = performance.now();
    const arrived = next();
    await connection.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri, version: k + 2 },
      contentChanges: [{ text: `${lines.join('\n').trimEnd()}\n${marker(k)}` }],
    });
    edits.push((await arrived) - start);
  }
  return edits;
}

/** An item whose one finding (an unknown fact) differs from edit to edit. */
function marker(k: number): string {
  return `  - { id: BENCH-MARKER, name: 目印, claimant: hospital, points: 1, when: { fact: bench.marker-${k}, is: true }, source: { clause: 目印 } }\n`;
}

/**
 * Milliseconds the yaml library takes, in a fresh process, to build the syntax tree of each
 * part of the file as the server splits it (header and items).
 */
function yamlFloor(file: string): number {
  const text = readFileSync(file, 'utf8');
  const chunking = chunkTariff(text);
  const parts = chunking ? [chunking.header, ...chunking.items.map((item) => item.text)] : [text];
  const partsFile = `${file}.parts.json`;
  writeFileSync(partsFile, JSON.stringify(parts));
  const script = `process.env = { ...process.env };
const { Parser } = require(${JSON.stringify(join(ROOT, 'node_modules', 'yaml'))});
const parts = JSON.parse(require('node:fs').readFileSync(${JSON.stringify(partsFile)}, 'utf8'));
const start = performance.now();
for (const part of parts) for (const token of new Parser().parse(part));
console.log(performance.now() - start);`;
  return Number(spawnSync(process.execPath, ['-e', script], { encoding: 'utf8' }).stdout);
}

function residentMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const percentile = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))]!;

async function main(): Promise<void> {
  const schema = pathToFileURL(join(ROOT, 'schemas', 'tariff.schema.json')).toString();
  const yamlSettings = {
    yaml: { schemas: { [schema]: '*.tariff.yaml' }, validate: true, schemaStore: { enable: false }, kubernetesCRDStore: { enable: false } },
  };
  const servers = {
    tariff: { command: [process.execPath, join(ROOT, 'dist', 'server.js'), '--stdio'], settings: {} },
    'yaml-language-server': {
      command: [process.execPath, join(ROOT, 'node_modules', 'yaml-language-server', 'bin', 'yaml-language-server'), '--stdio'],
      settings: yamlSettings,
    },
  };
  for (const items of (process.env.BENCH_SIZES ?? '1000,5000').split(',').filter(Boolean).map(Number)) {
    // Each size in a workspace of its own (with the bundled facts and revisions).
    const root = join(OUT, String(items));
    mkdirSync(join(root, 'R06'), { recursive: true });
    writeFileSync(join(root, 'facts.yaml'), readFileSync(join(ROOT, 'rules', 'facts.yaml')));
    writeFileSync(join(root, 'revisions.yaml'), readFileSync(join(ROOT, 'rules', 'revisions.yaml')));
    const file = join(root, 'R06', `bench-${items}.tariff.yaml`);
    writeFileSync(file, generate(items));
    const results: Record<string, Measure[]> = { tariff: [], 'yaml-language-server': [] };
    const floors: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      for (const [name, server] of Object.entries(servers)) results[name]!.push(await measure(server.command, root, file, server.settings));
      floors.push(yamlFloor(file));
    }
    const summary = Object.fromEntries(
      Object.entries(results).map(([name, runs]) => [
        name,
        {
          cold: median(runs.map((r) => r.cold)),
          p50: median(runs.map((r) => median(r.edits))),
          p95: median(runs.map((r) => percentile(r.edits, 0.95))),
          rss: median(runs.map((r) => r.rss)),
          rest: median(runs.map((r) => r.rest)),
        },
      ]),
    );
    const ours = summary.tariff!;
    const peer = summary['yaml-language-server']!;
    const kb = Math.round(readFileSync(file).length / 1024);
    console.log(`${items} items (${kb} KB), median of ${RUNS} runs × ${EDITS} edits:`);
    console.log('  server                 cold ms   edit p50   edit p95   RSS MB   at rest');
    for (const [name, s] of Object.entries(summary))
      console.log(
        `  ${name.padEnd(22)} ${s.cold.toFixed(0).padStart(7)} ${s.p50.toFixed(0).padStart(10)} ${s.p95.toFixed(0).padStart(10)} ${s.rss.toFixed(0).padStart(8)} ${s.rest.toFixed(0).padStart(9)}`,
      );
    const ratio = `ratio tariff / yaml-language-server, ${items} items: cold ${(ours.cold / peer.cold).toFixed(2)}×, edit p50 ${(ours.p50 / peer.p50).toFixed(2)}×, edit p95 ${(ours.p95 / peer.p95).toFixed(2)}×, memory ${(ours.rss / peer.rss).toFixed(2)}× (at rest ${(ours.rest / peer.rest).toFixed(2)}×)`;
    console.log(`  ${ratio}`);
    ratios.push(ratio);
    const floor = median(floors);
    console.log(
      `  floor: the yaml library's syntax tree of every item, cold: ${floor.toFixed(0)} ms = ${(floor / peer.cold).toFixed(2)}× yaml-language-server's cold`,
    );
  }
  await withAndWithoutTexts(servers.tariff.command);
  await fullScale(servers.tariff.command);
  // The ratios last, one per line, for scripts.
  console.log('ratios, each against its peer in the same run:');
  for (const ratio of ratios) console.log(ratio);
}

const ratios: string[] = [];

/**
 * The bundled rules as they are — with the official texts revisions.yaml declares, indexed on
 * the first analysis and checked against on every edit — against the same rules with the
 * texts left undeclared (the peer): what reading the law costs an analyst, cold and per edit.
 */
async function withAndWithoutTexts(command: string[]): Promise<void> {
  const copy = join(OUT, 'bundled-without-texts');
  rmSync(copy, { recursive: true, force: true });
  cpSync(join(ROOT, 'rules'), copy, { recursive: true });
  writeFileSync(join(copy, 'revisions.yaml'), revisionsWithoutTexts());
  const file = (root: string) => join(root, 'R06', 'medical', 'b005.tariff.yaml');
  const runs: Record<'with' | 'without', Measure[]> = { with: [], without: [] };
  for (let run = 0; run < RUNS; run++) {
    runs.with.push(await measure(command, join(ROOT, 'rules'), file(join(ROOT, 'rules')), {}));
    runs.without.push(await measure(command, copy, file(copy), {}));
  }
  const [a, b] = [runs.with, runs.without].map((r) => ({
    cold: median(r.map((m) => m.cold)),
    p50: median(r.map((m) => median(m.edits))),
    p95: median(r.map((m) => percentile(m.edits, 0.95))),
    rss: median(r.map((m) => m.rss)),
  }));
  console.log(`bundled rules, editing R06 b005 (median of ${RUNS} runs × ${EDITS} edits):`);
  console.log('  texts                  cold ms   edit p50   edit p95   RSS MB');
  console.log(
    `  ${'declared (4 texts)'.padEnd(22)} ${a!.cold.toFixed(0).padStart(7)} ${a!.p50.toFixed(0).padStart(10)} ${a!.p95.toFixed(0).padStart(10)} ${a!.rss.toFixed(0).padStart(8)}`,
  );
  console.log(
    `  ${'not declared'.padEnd(22)} ${b!.cold.toFixed(0).padStart(7)} ${b!.p50.toFixed(0).padStart(10)} ${b!.p95.toFixed(0).padStart(10)} ${b!.rss.toFixed(0).padStart(8)}`,
  );
  const ratio = `ratio bundled rules with texts / without: cold ${(a!.cold / b!.cold).toFixed(2)}×, edit p50 ${(a!.p50 / b!.p50).toFixed(2)}×, edit p95 ${(a!.p95 / b!.p95).toFixed(2)}×, memory ${(a!.rss / b!.rss).toFixed(2)}×`;
  console.log(`  ${ratio}`);
  ratios.push(ratio);
}

void main().then(() => process.exit(0));
