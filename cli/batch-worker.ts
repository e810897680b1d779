// One worker thread of `tariff eval --batch`: it is handed pieces of the JSON Lines file (whole
// lines, as bytes), evaluates each episode with the compiled rules and hands back the result
// lines, as bytes, with what the summary counts. A line that is not JSON, or not an episode,
// gets an error line of its own; nothing a line holds stops the run.
import { parentPort } from 'node:worker_threads';
import { evaluateRevision } from '../core/runtime/evaluate-revision';
import type { EvaluateOutcome } from '../core/runtime/types';
import { loadRevisions, type CompiledRevision } from './compiled-rules';
import { CHUNK, keptJson, OutcomeJson } from './outcome-json';

/** What a worker is started with: it then loads while the main thread compiles the rules. */
export const BATCH_WORKER = { tariffBatch: true } as const;

/** The first message to a worker: the compiled rules and how to evaluate. */
export interface BatchRules {
  compiled: CompiledRevision[];
  explain: boolean;
}

/** A piece of the file: whole lines in `buffer` from `start` to `end`, the first of them numbered `line` (from 1). */
export interface BatchPiece {
  seq: number;
  line: number;
  buffer: ArrayBuffer;
  start: number;
  end: number;
}

/** Buffers of results the main thread has written, for the worker to fill again. */
export interface BatchRecycle {
  recycle: Uint8Array[];
}

/** What a piece gave: its result lines and its counts. */
export interface BatchDone {
  seq: number;
  /** The piece's buffer, handed back to be read into again. */
  input: ArrayBuffer;
  out: Uint8Array[];
  episodes: number;
  errors: number;
  /** The first line with errors, and its first error. */
  firstError?: { line: number; path: string; message: string };
  /** Per claimable id: its name, unit, how often it was claimable and the sum of its amounts. */
  claims: [id: string, name: string, unit: string, count: number, amount: number][];
}

/** Whether this thread was started as a worker of a batch run. */
export function isBatchWorker(data: unknown): boolean {
  return typeof data === 'object' && data !== null && (data as typeof BATCH_WORKER).tariffBatch === true;
}

/** Serves pieces until the main thread closes the port. */
export function runBatchWorker(): void {
  let evaluate: ((input: unknown) => EvaluateOutcome) | undefined;
  const kept = keptJson();
  // Buffers of results come back once written; new ones are made only while none is free.
  const spare: Buffer[] = [];
  const allocate = (size: number) => (size <= CHUNK && spare.pop()) || Buffer.allocUnsafeSlow(Math.max(size, CHUNK));
  parentPort!.on('message', (message: BatchRules | BatchPiece | BatchRecycle) => {
    if ('compiled' in message) {
      const revisions = loadRevisions(message.compiled);
      const options = { explain: message.explain };
      evaluate = (input) => evaluateRevision(revisions, input, options);
      return;
    }
    if ('recycle' in message) {
      for (const bytes of message.recycle) if (bytes.buffer.byteLength === CHUNK) spare.push(Buffer.from(bytes.buffer));
      return;
    }
    // The rules always come first: messages from one port arrive in order.
    const done = evaluatePiece(message, evaluate!, new OutcomeJson(kept, allocate));
    parentPort!.postMessage(done, [done.input, ...done.out.map((bytes) => bytes.buffer as ArrayBuffer)]);
  });
}

/** Evaluates the lines of one piece. */
function evaluatePiece(piece: BatchPiece, evaluate: (input: unknown) => EvaluateOutcome, lines: OutcomeJson): BatchDone {
  const bytes = Buffer.from(piece.buffer, piece.start, piece.end - piece.start);
  const claims = new Map<string, { name: string; unit: string; count: number; amount: number }>();
  const done: BatchDone = { seq: piece.seq, input: piece.buffer, out: [], episodes: 0, errors: 0, claims: [] };
  let line = piece.line;
  for (let start = 0; start < bytes.length; line++) {
    let end = bytes.indexOf(10, start);
    if (end < 0) end = bytes.length;
    const stop = end > start && bytes[end - 1] === 13 ? end - 1 : end;
    // Each line is decoded alone: short strings, which JSON.parse reads faster than slices of one long one.
    const raw = bytes.toString('utf8', start, stop);
    start = end + 1;
    // A blank line is no episode (a file ends with one); the line numbers of the results keep them apart.
    if (raw.length === 0 || (raw.charCodeAt(0) <= 32 && raw.trim() === '')) continue;
    done.episodes++;
    let outcome: EvaluateOutcome;
    try {
      outcome = evaluate(JSON.parse(raw));
    } catch (error) {
      outcome = { errors: [{ code: 'bad-input', message: `line ${line} is not JSON: ${(error as Error).message}`, path: '' }] };
    }
    if ('errors' in outcome) {
      done.errors++;
      done.firstError ??= { line, path: outcome.errors[0]!.path, message: outcome.errors[0]!.message };
    } else {
      for (const claim of outcome.claimable) {
        const sum = claims.get(claim.id);
        if (sum) {
          sum.count++;
          sum.amount += claim.amount;
        } else claims.set(claim.id, { name: claim.name, unit: claim.unit, count: 1, amount: claim.amount });
      }
    }
    lines.add(outcome, { line, end: '\n' });
  }
  done.out = lines.take();
  done.claims = [...claims].map(([id, c]) => [id, c.name, c.unit, c.count, c.amount]);
  return done;
}
