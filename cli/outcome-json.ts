// `evaluate`'s answers as JSON, fast, for the result lines of `tariff eval --batch` (each with
// the input's line number first: `{"line":12,"revision":"R06",…}` or `{"line":13,"errors":[…]}`)
// and the answers of `tariff serve` — byte for byte what `JSON.stringify` writes. Claims and
// rejections come from the rules and repeat from episode to episode, so their encoded JSON is
// kept and copied instead of being escaped and encoded again for every episode, which would
// otherwise cost more than evaluating it. A differential test holds the output to JSON.stringify.
import type { EvaluateOutcome, EvaluateResult } from '../core/runtime/types';

/** Collects outcomes as UTF-8 JSON in buffers of their own, handed over with `take`. */
export class OutcomeJson {
  private readonly full: Uint8Array[] = [];
  private out: Buffer;
  private used = 0;

  /**
   * `kept` is the JSON kept for one set of rules (`keptJson`), shared by every OutcomeJson of
   * those rules. `allocate` gives a buffer of at least the size asked: a batch worker reuses
   * buffers that were written, the service asks for small ones.
   */
  constructor(
    private readonly kept: KeptJson,
    private readonly allocate: (size: number) => Buffer = (size) => Buffer.allocUnsafeSlow(Math.max(size, CHUNK)),
  ) {
    this.out = allocate(0);
  }

  /** Adds one outcome, with a line number as its first key when one is given, and then `end`. */
  add(outcome: EvaluateOutcome, framing: { line?: number; end: string }): void {
    const head = framing.line === undefined ? '{' : `{"line":${framing.line},`;
    if ('errors' in outcome) {
      this.text(`${head}${JSON.stringify(outcome).slice(1)}${framing.end}`);
      return;
    }
    // Keys in the order the engine builds them (README, "The rules core"); the differential test would see any other.
    const r = outcome;
    this.text(`${head}"revision":${stringJson(r.revision)},"date":${stringJson(r.date)},"claimable":`);
    this.bytes(claimableJson(this.kept, r));
    this.bytes(rejectedJson(this.kept, r));
    const withdraw = r.withdraw.length === 0 ? '[]' : JSON.stringify(r.withdraw);
    const total = `{"points":${r.total.points},"units":${r.total.units},"yen":${r.total.yen}}`;
    this.text(`${withdraw},"total":${total}${r.whyNot === undefined ? '' : `,"whyNot":${JSON.stringify(r.whyNot)}`}}${framing.end}`);
  }

  /** Text as it is (punctuation between outcomes). */
  text(text: string): void {
    // Three bytes per UTF-16 unit is the most UTF-8 needs.
    this.room(text.length * 3);
    this.used += this.out.write(text, this.used, 'utf8');
  }

  /** What was added, in order, in buffers that can be transferred to another thread. */
  take(): Uint8Array[] {
    return this.used > 0 ? [...this.full, this.out.subarray(0, this.used)] : this.full;
  }

  private bytes(bytes: Uint8Array): void {
    this.room(bytes.length);
    this.out.set(bytes, this.used);
    this.used += bytes.length;
  }

  /** Room for `bytes` more in the current buffer, or a new buffer: a line's parts may lie in two. */
  private room(bytes: number): void {
    if (this.used + bytes <= this.out.length) return;
    this.full.push(this.out.subarray(0, this.used));
    this.out = this.allocate(bytes);
    this.used = 0;
  }
}

/** The size of a buffer of outcomes: large enough that a buffer holds hundreds of them. */
export const CHUNK = 256 * 1024;

/**
 * `[…claims…],"rejected":` as UTF-8. Within a revision an id decides its claim's name, amount
 * and unit, so the bytes are kept under the revision and the ids.
 */
function claimableJson(kept: KeptJson, r: EvaluateResult): Uint8Array {
  let node = step(kept, kept.claimables, r.revision);
  for (const c of r.claimable) node = step(kept, node, c.id);
  return (node.bytes ??= Buffer.from(
    `[${r.claimable.map((c) => `{"id":${stringJson(c.id)},"name":${stringJson(c.name)},"amount":${c.amount},"unit":${stringJson(c.unit)}}`).join(',')}],"rejected":`,
  ));
}

/**
 * `[…rejections…],"withdraw":` as UTF-8, kept under every field of every rejection; the
 * citation under the object itself (the rules' citations never change).
 */
function rejectedJson(kept: KeptJson, r: EvaluateResult): Uint8Array {
  let node = kept.rejections;
  for (const x of r.rejected) {
    for (const field of [x.id, x.variant ?? NONE, x.reason, x.by ?? NONE]) node = step(kept, node, field);
    if (x.facts) for (const fact of x.facts) node = step(kept, node, fact);
    node = step(kept, step(kept, node, NONE), x.source);
  }
  return (node.bytes ??= Buffer.from(
    `[${r.rejected
      .map((x) => {
        let json = `{"id":${stringJson(x.id)}`;
        if (x.variant !== undefined) json += `,"variant":${stringJson(x.variant)}`;
        json += `,"reason":${stringJson(x.reason)}`;
        if (x.by !== undefined) json += `,"by":${stringJson(x.by)}`;
        if (x.facts !== undefined) json += `,"facts":${JSON.stringify(x.facts)}`;
        return `${json},"source":${JSON.stringify(x.source)}}`;
      })
      .join(',')}],"withdraw":`,
  ));
}

/** A string as JSON, kept once made: strings come from the rules, a bounded vocabulary. */
function stringJson(value: string): string {
  let json = strings.get(value);
  if (json === undefined) {
    json = JSON.stringify(value);
    if (strings.size < CACHE_LIMIT) strings.set(value, json);
  }
  return json;
}

/**
 * A tree of what was written: each step is one field (a string, or a citation object), and a
 * node holds the bytes of the parts that lead to it. A lookup is one map access per field, no
 * key is built.
 */
interface Node {
  next: Map<unknown, Node>;
  bytes?: Uint8Array;
}

/** Stands for a field that is absent, and ends a list of facts. */
const NONE = Symbol('none');

function step(kept: KeptJson, node: Node, key: unknown): Node {
  let next = node.next.get(key);
  if (next === undefined) {
    next = { next: new Map() };
    // Past the bound the tree stops growing: the node is still used for this outcome, then forgotten.
    if (kept.nodes < CACHE_LIMIT) {
      node.next.set(key, next);
      kept.nodes++;
    }
  }
  return next;
}

/** The JSON kept for one set of rules: within it an id or a citation always writes the same. */
export interface KeptJson {
  claimables: Node;
  rejections: Node;
  nodes: number;
}

export function keptJson(): KeptJson {
  return { claimables: { next: new Map() }, rejections: { next: new Map() }, nodes: 0 };
}

/** How many strings and tree nodes are kept (the bound guards against the unforeseen). */
const CACHE_LIMIT = 100_000;
const strings = new Map<string, string>();
