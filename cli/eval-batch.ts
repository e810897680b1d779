// `tariff eval --batch EPISODES.jsonl [--out RESULTS.jsonl] [--rules DIR] [--workers N]
// [--explain]`: evaluates one episode per line with the compiled rules on every core, and
// writes one result line per episode, in the file's order, each with its line number — to
// --out (replaced whole when the run ends: an interrupted run leaves the old file) or to
// stdout. A line that is not JSON or not a valid episode gets an error line and the run goes
// on. On a terminal it shows its progress; at the end it prints a summary: episodes, errors,
// and for each item how often it was claimable and for how much.
import { closeSync, createWriteStream, lstatSync, openSync, read, renameSync, statSync, type WriteStream } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, resolve } from 'node:path';
import { Worker } from 'node:worker_threads';
import { amountWithUnit, renderMessage, type Lang } from '../core/analysis/messages';
import type { Unit } from '../core/runtime/types';
import { BATCH_WORKER, type BatchDone, type BatchPiece, type BatchRules } from './batch-worker';
import { compileInMemory, rulesWithoutErrors } from './compiled-rules';
import { EXIT, integerOption, say, type CliIo } from './io';
import { displayPath } from './located';
import { removeQuietly, temporaryBeside } from './output-files';
import { keptJson, OutcomeJson } from './outcome-json';
import type { ParsedArgs } from './run';

/** How the file is cut: pieces of about this many bytes, and at most this many per worker under way. */
const PIECE = 1 << 20;
const IN_FLIGHT = 3;
/** A line longer than this is reported as an error and skipped, so one line never takes all memory. */
const MAX_LINE = 16 << 20;

export async function batchCommand(args: ParsedArgs, io: CliIo, lang: Lang): Promise<number> {
  const input = String(args.values.batch);
  const workers = integerOption(args, 'workers', { min: 1, max: 256, default: availableParallelism() }, io, lang);
  if (workers === undefined) return EXIT.usage;
  if (args.positionals.length > 0) {
    say(io, lang, 'cli.batch-usage');
    return EXIT.usage;
  }
  const inputPath = input === '-' ? undefined : resolve(io.cwd, input);
  const size = inputPath === undefined ? undefined : fileSize(inputPath);
  if (inputPath !== undefined && size === undefined) {
    say(io, lang, 'cli.batch-no-input', { path: displayPath(inputPath, io.cwd) });
    return EXIT.usage;
  }
  // `--out -` is standard output, as when --out is not given.
  const outPath = args.values.out === undefined || args.values.out === '-' ? undefined : resolve(io.cwd, String(args.values.out));
  if (outPath !== undefined) {
    const problem = outputProblem(outPath, inputPath);
    if (problem) {
      say(io, lang, `cli.batch-out-${problem}`, { path: displayPath(outPath, io.cwd) });
      return EXIT.usage;
    }
  }
  // The workers load this program while the main thread compiles the rules.
  const pool = Array.from({ length: workers }, (): Slot => {
    const slot: Slot = { worker: new Worker(__filename, { workerData: BATCH_WORKER }), busy: 0 };
    slot.worker.on('error', (error) => {
      slot.failure ??= error;
      slot.changed?.();
    });
    return slot;
  });
  try {
    const workspace = rulesWithoutErrors(args.values.rules, io, lang, 'eval --batch');
    if (typeof workspace === 'number') return workspace;
    const rules: BatchRules = { compiled: await compileInMemory(workspace), explain: args.values.explain === true };
    for (const slot of pool) slot.worker.postMessage(rules);
    return await evaluateFile({ io, lang, inputPath, outPath, size, pool });
  } finally {
    await Promise.all(pool.map((slot) => slot.worker.terminate()));
  }
}

/** Runs the batch with workers that have the rules, and says how it went. */
async function evaluateFile(context: {
  io: CliIo;
  lang: Lang;
  inputPath: string | undefined;
  outPath: string | undefined;
  size: number | undefined;
  pool: Slot[];
}): Promise<number> {
  const { io, lang, inputPath, outPath, size, pool } = context;
  let fd: number;
  try {
    fd = inputPath === undefined ? 0 : openSync(inputPath, 'r');
  } catch {
    say(io, lang, 'cli.batch-no-input', { path: displayPath(inputPath!, io.cwd) });
    return EXIT.usage;
  }
  const started = performance.now();
  const temporary = outPath && temporaryBeside(outPath);
  const sink: NodeJS.WritableStream = temporary ? createWriteStream(temporary, { flags: 'wx' }) : process.stdout;
  const progress = process.stderr.isTTY ? new Progress(lang, size) : undefined;
  // Stopped with Ctrl+C, the run leaves no temporary file behind (and the old results as they were).
  const interrupted = () => {
    if (temporary) removeQuietly(temporary);
    progress?.clear();
    say(io, lang, temporary ? 'cli.batch-interrupted' : 'cli.batch-interrupted-stdout');
    process.exit(130);
  };
  process.once('SIGINT', interrupted);
  process.once('SIGTERM', interrupted);
  let summary: Summary;
  try {
    summary = await run({ fd, sink, pool, progress });
    if (temporary) {
      await new Promise<void>((done, fail) => (sink as WriteStream).end((error?: Error | null) => (error ? fail(error) : done())));
      renameSync(temporary, outPath!);
    }
  } catch (error) {
    if (temporary) removeQuietly(temporary);
    progress?.clear();
    // A reader that stopped reading (`| head`) is no failure of the run: it ends without a word.
    if (!temporary && (error as NodeJS.ErrnoException).code === 'EPIPE') return EXIT.ok;
    say(io, lang, temporary ? 'cli.batch-failed' : 'cli.batch-failed-stdout', {
      detail: error instanceof Error ? error.message : String(error),
    });
    return EXIT.failed;
  } finally {
    process.off('SIGINT', interrupted);
    process.off('SIGTERM', interrupted);
    if (fd !== 0) closeSync(fd);
  }
  progress?.clear();
  const seconds = (performance.now() - started) / 1000;
  const report = summaryText(summary, { lang, seconds, workers: pool.length, out: outPath && displayPath(outPath, io.cwd) });
  // With results on stdout the summary goes to stderr, so that the results stay clean.
  (outPath ? io.stdout : io.stderr)(report);
  return summary.errors > 0 ? EXIT.failed : EXIT.ok;
}

interface Summary {
  episodes: number;
  errors: number;
  firstError?: BatchDone['firstError'];
  claims: Map<string, { name: string; unit: string; count: number; amount: number }>;
}

interface RunOptions {
  /** The file descriptor of the episodes (0 for standard input). */
  fd: number;
  sink: NodeJS.WritableStream;
  pool: Slot[];
  progress: Progress | undefined;
}

/** A worker, how many of its pieces are under way, and how it failed if it did. */
interface Slot {
  worker: Worker;
  busy: number;
  failure?: Error;
  /** Called when the worker has failed, so that the run stops waiting for it. */
  changed?: () => void;
}

/**
 * Cuts the file into pieces of whole lines, has the workers evaluate them, writes their results
 * in order. Buffers go round: a piece's buffer comes back with its results and is read into
 * again, and the results' buffers go back to their worker once written, so that a run of any
 * length allocates only what its first pieces need.
 */
async function run(options: RunOptions): Promise<Summary> {
  const summary: Summary = { episodes: 0, errors: 0, claims: new Map() };
  const { pool } = options;
  const results = new Map<number, { done: BatchDone; from?: Worker }>();
  const spare: Buffer[] = [];
  let sent = 0;
  let written = 0;
  // A worker that failed, or a sink that cannot be written (a full disk, a closed pipe), stops the run.
  let sinkError: Error | undefined;
  const failure = () => sinkError ?? pool.find((slot) => slot.failure)?.failure;
  let wake: (() => void) | undefined;
  const signal = () => {
    const w = wake;
    wake = undefined;
    w?.();
  };
  const onSinkError = (error: Error) => {
    sinkError ??= error;
    signal();
  };
  options.sink.on('error', onSinkError);
  for (const slot of pool) {
    slot.worker.on('message', (done: BatchDone) => {
      slot.busy--;
      if (done.input.byteLength === PIECE) spare.push(Buffer.from(done.input));
      results.set(done.seq, { done, from: slot.worker });
      signal();
    });
    slot.changed = signal;
  }
  const waitForChange = () => new Promise<void>((r) => (wake = r));
  /** Writes every result that is next in order; waits for the sink when it is full. */
  const flush = async () => {
    for (let next = results.get(written); next; next = results.get(written)) {
      const { done, from } = next;
      results.delete(written);
      written++;
      tally(summary, done);
      options.progress?.update(summary.episodes);
      done.out.forEach((bytes, k) => {
        // Once the last part is written, the worker can fill its buffers again.
        const written =
          k === done.out.length - 1 && from
            ? () =>
                from.postMessage(
                  { recycle: done.out },
                  done.out.map((b) => b.buffer as ArrayBuffer),
                )
            : undefined;
        if (!options.sink.write(bytes, written)) drained = false;
      });
      if (!drained) {
        await new Promise<void>((resolve) => {
          const go = () => {
            options.sink.off('drain', go);
            options.sink.off('error', go);
            resolve();
          };
          options.sink.on('drain', go);
          options.sink.on('error', go);
        });
        drained = true;
        if (failure()) throw failure();
      }
    }
  };
  let drained = true;
  const send = async (buffer: Buffer, range: { start: number; end: number }, line: number) => {
    for (;;) {
      if (failure()) throw failure();
      const slot = pool.reduce((a, b) => (b.busy < a.busy ? b : a));
      if (slot.busy < IN_FLIGHT) {
        slot.busy++;
        const piece: BatchPiece = {
          seq: sent++,
          line,
          buffer: buffer.buffer as ArrayBuffer,
          start: buffer.byteOffset + range.start,
          end: buffer.byteOffset + range.end,
        };
        slot.worker.postMessage(piece, [piece.buffer]);
        return;
      }
      await flush();
      if (pool.every((s) => s.busy >= IN_FLIGHT) && !results.has(written)) await waitForChange();
    }
  };
  try {
    let carry: Buffer = Buffer.alloc(0);
    let line = 1;
    let first = true;
    let skipping = false;
    for (let ended = false; !ended;) {
      // A line longer than a piece makes the buffer grow (up to MAX_LINE); otherwise buffers are reused.
      let buffer =
        carry.length < PIECE
          ? (spare.pop() ?? Buffer.allocUnsafeSlow(PIECE))
          : Buffer.allocUnsafeSlow(Math.min(carry.length * 2, MAX_LINE + 1));
      carry.copy(buffer);
      let filled = carry.length;
      for (;;) {
        const read = await readInto(options.fd, buffer, filled);
        options.progress?.read(read);
        filled += read;
        ended = read === 0;
        if (ended || filled === buffer.length) break;
      }
      let start = 0;
      // A byte-order mark before the first line is not part of it.
      if (first && filled >= 3 && buffer[0] === 0xef && buffer[1] === 0xbb && buffer[2] === 0xbf) start = 3;
      first = false;
      if (skipping) {
        const end = buffer.indexOf(10, start);
        if (end < 0 || end >= filled) {
          carry = Buffer.alloc(0);
          continue;
        }
        start = end + 1;
        skipping = false;
        line++;
      }
      const last = buffer.lastIndexOf(10, filled - 1);
      const end = ended ? filled : last >= start ? last + 1 : -1;
      if (end < 0) {
        carry = buffer.subarray(start, filled);
        if (carry.length > MAX_LINE) {
          // Its error line takes its place in the order, as a worker's result would.
          results.set(sent, { done: tooLong(sent, line) });
          sent++;
          carry = Buffer.alloc(0);
          skipping = true;
        }
        continue;
      }
      carry = Buffer.from(buffer.subarray(end, filled));
      const from = line;
      for (let at = buffer.indexOf(10, start); at >= 0 && at < end; at = buffer.indexOf(10, at + 1)) line++;
      if (end > start) await send(buffer, { start, end }, from);
    }
    while (written < sent) {
      if (failure()) throw failure();
      await flush();
      if (written < sent && !results.has(written)) await waitForChange();
    }
    return summary;
  } finally {
    options.sink.off('error', onSinkError);
    for (const slot of pool) {
      slot.worker.removeAllListeners('message');
      slot.changed = undefined;
    }
  }
}

/** Adds what a piece gave to the summary. */
function tally(summary: Summary, done: BatchDone): void {
  summary.episodes += done.episodes;
  summary.errors += done.errors;
  summary.firstError ??= done.firstError;
  for (const [id, name, unit, count, amount] of done.claims) {
    const sum = summary.claims.get(id);
    if (sum) {
      sum.count += count;
      sum.amount += amount;
    } else summary.claims.set(id, { name, unit, count, amount });
  }
}

/** Reads what is there into `buffer` from `offset`; 0 at the end of the file. */
async function readInto(fd: number, buffer: Buffer, offset: number): Promise<number> {
  for (;;) {
    try {
      return await new Promise<number>((resolve, reject) =>
        read(fd, buffer, offset, buffer.length - offset, null, (error, bytes) => (error ? reject(error) : resolve(bytes))),
      );
    } catch (error) {
      // Standard input may be a pipe that is not ready yet.
      if ((error as NodeJS.ErrnoException).code !== 'EAGAIN') throw error;
      await new Promise((r) => setTimeout(r, 5));
    }
  }
}

/** The result of a line too long to read: an error line in its place. */
function tooLong(seq: number, line: number): BatchDone {
  const error = { code: 'bad-input' as const, message: `line ${line} is longer than ${MAX_LINE} bytes and was not read`, path: '' };
  const lines = new OutcomeJson(keptJson());
  lines.add({ errors: [error] }, { line, end: '\n' });
  return {
    seq,
    input: new ArrayBuffer(0),
    out: lines.take(),
    episodes: 1,
    errors: 1,
    firstError: { line, ...error },
    claims: [],
  };
}

/** Shows on the terminal how far the run is, at most a few times a second, on one line. */
class Progress {
  private bytes = 0;
  private shown = 0;
  constructor(
    private readonly lang: Lang,
    private readonly size: number | undefined,
  ) {}
  read(bytes: number): void {
    this.bytes += bytes;
  }
  update(episodes: number): void {
    const now = performance.now();
    if (now - this.shown < 250) return;
    this.shown = now;
    const percent = this.size ? Math.min(100, Math.floor((this.bytes / this.size) * 100)) : undefined;
    const text =
      percent === undefined
        ? renderMessage({ id: 'cli.batch-progress', args: { episodes: episodes.toLocaleString('en-US') } }, this.lang)
        : renderMessage({ id: 'cli.batch-progress-percent', args: { episodes: episodes.toLocaleString('en-US'), percent } }, this.lang);
    process.stderr.write(`\r\x1b[K${text}`);
  }
  clear(): void {
    if (this.shown > 0) process.stderr.write('\r\x1b[K');
  }
}

function summaryText(summary: Summary, context: { lang: Lang; seconds: number; workers: number; out: string | undefined }): string {
  const { lang } = context;
  const t = (id: string, args?: Record<string, string | number>) => renderMessage({ id, args }, lang);
  const n = (value: number) => value.toLocaleString('en-US');
  const lines = [
    t(summary.episodes === 1 ? 'cli.batch-summary-one' : 'cli.batch-summary', {
      episodes: n(summary.episodes),
      seconds: context.seconds.toFixed(1),
      rate: n(Math.round(summary.episodes / Math.max(context.seconds, 1e-3))),
      workers: context.workers,
    }),
    t('cli.batch-summary-evaluated', { evaluated: n(summary.episodes - summary.errors), errors: n(summary.errors) }),
  ];
  if (summary.firstError)
    lines.push(
      t('cli.batch-summary-first-error', {
        line: summary.firstError.line,
        path: summary.firstError.path || '—',
        message: summary.firstError.message,
      }),
    );
  const claims = [...summary.claims].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  if (claims.length > 0) {
    lines.push(t('cli.batch-summary-claims'));
    const width = Math.max(...claims.map(([id]) => id.length));
    for (const [id, c] of claims)
      lines.push(
        `  ${id.padEnd(width)}  ${t('cli.batch-summary-claim', { name: c.name, count: n(c.count), amount: amountWithUnit(c.amount, c.unit as Unit, lang) })}`,
      );
    const totals = new Map<string, number>();
    for (const [, c] of claims) totals.set(c.unit, (totals.get(c.unit) ?? 0) + c.amount);
    lines.push(
      t('cli.batch-summary-total', { total: [...totals].map(([unit, amount]) => amountWithUnit(amount, unit as Unit, lang)).join(', ') }),
    );
  }
  if (context.out) lines.push(t('cli.batch-summary-out', { path: context.out }));
  return `${lines.join('\n')}\n`;
}

function isFolder(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

function fileSize(path: string): number | undefined {
  try {
    const stats = statSync(path);
    return stats.isFile() ? stats.size : stats.isDirectory() ? undefined : 0;
  } catch {
    return undefined;
  }
}

/** Why the results cannot go to `out`: a folder, a link, the episodes themselves, or a folder that is not there. */
function outputProblem(out: string, input: string | undefined): 'folder' | 'symlink' | 'input' | 'no-folder' | undefined {
  if (input !== undefined && resolve(out) === resolve(input)) return 'input';
  if (!isFolder(dirname(out))) return 'no-folder';
  try {
    const stats = lstatSync(out);
    if (stats.isSymbolicLink()) return 'symlink';
    if (!stats.isFile()) return 'folder';
  } catch {
    // Nothing there yet: it is created.
  }
  return undefined;
}
