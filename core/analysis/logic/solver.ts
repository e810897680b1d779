// The decision procedure: is a formula satisfiable together with the world constraints, and
// if so, a minimal witness. A depth-first search splits disjunctions and narrows each fact's
// domain literal by literal (enum masks, integer interval lists, set must/must-not masks with
// size bounds); at each leaf, integer differences from the constraints are settled exactly
// (Bellman–Ford over interval bounds). It is exact — satisfiable iff a witness is returned —
// and bounded: past its step budget it answers 'budget' instead of hanging.
import { intersect, type Formula, type Interval, type Literal } from './formula';
import type { FactInfo, Vocabulary } from './vocabulary';

export type FactValue = boolean | number | string | string[];
export type Witness = Record<string, FactValue>;

export type SolveResult =
  | { status: 'sat'; witness: Witness; model: Witness }
  | { status: 'unsat' }
  | { status: 'budget' };

export interface SolveOptions {
  /** Search steps before giving up with 'budget'. */
  budget?: number;
  /** Leave the world constraints out (to test the constraints themselves, pass them as the formula). */
  withoutConstraints?: boolean;
}

export const DEFAULT_BUDGET = 200_000;

/** Decides `formula ∧ constraints`; the witness names only facts the formula needs. */
export function solve(vocab: Vocabulary, formula: Formula, options: SolveOptions = {}): SolveResult {
  const search: Search = { vocab, steps: 0, budget: options.budget ?? DEFAULT_BUDGET, best: undefined };
  let goals: Goals = { f: formula, counts: true, next: null };
  if (!options.withoutConstraints) goals = { f: vocab.constraints, counts: false, next: goals };
  try {
    explore(search, emptyBox(vocab), goals);
  } catch (error) {
    if (error instanceof BudgetExceeded) return { status: 'budget' };
    throw error;
  }
  const best = search.best;
  return best ? { status: 'sat', witness: best.witness, model: best.model } : { status: 'unsat' };
}

interface Goals {
  f: Formula;
  counts: boolean;
  next: Goals | null;
}

interface Box {
  enums: (bigint | undefined)[];
  ints: (Interval[] | undefined)[];
  has: number[];
  lacks: number[];
  sizeLo: number[];
  sizeHi: number[];
  diffs: Literal[];
  mentioned: boolean[];
  mentionedCount: number;
}

interface Candidate {
  cost: number[];
  witness: Witness;
  model: Witness;
}

interface Search {
  vocab: Vocabulary;
  steps: number;
  budget: number;
  best: Candidate | undefined;
}

class BudgetExceeded extends Error {}

function emptyBox(vocab: Vocabulary): Box {
  const n = vocab.facts.length;
  return {
    enums: new Array(n).fill(undefined),
    ints: new Array(n).fill(undefined),
    has: new Array(n).fill(0),
    lacks: new Array(n).fill(0),
    sizeLo: new Array(n).fill(0),
    sizeHi: vocab.facts.map((f) => f.values.length),
    diffs: [],
    mentioned: new Array(n).fill(false),
    mentionedCount: 0,
  };
}

function clone(box: Box): Box {
  return {
    enums: box.enums.slice(),
    ints: box.ints.slice(),
    has: box.has.slice(),
    lacks: box.lacks.slice(),
    sizeLo: box.sizeLo.slice(),
    sizeHi: box.sizeHi.slice(),
    diffs: box.diffs,
    mentioned: box.mentioned.slice(),
    mentionedCount: box.mentionedCount,
  };
}

function explore(search: Search, box: Box, goals: Goals | null): void {
  while (goals) {
    if (++search.steps > search.budget) throw new BudgetExceeded();
    const { f, counts } = goals;
    goals = goals.next;
    switch (f.k) {
      case 'true':
        continue;
      case 'false':
        return;
      case 'and':
        for (let i = f.parts.length - 1; i >= 0; i--) goals = { f: f.parts[i]!, counts, next: goals };
        continue;
      case 'or':
        for (const part of f.parts) explore(search, clone(box), { f: part, counts, next: goals });
        return;
      default:
        if (!narrow(search.vocab, box, f, counts)) return;
        // A witness that already needs more facts than the best one cannot win.
        if (search.best && box.mentionedCount > search.best.cost[0]!) return;
    }
  }
  settle(search, box);
}

function mention(box: Box, f: number): void {
  if (!box.mentioned[f]) {
    box.mentioned[f] = true;
    box.mentionedCount++;
  }
}

/** Applies a literal to the box; false when the box becomes empty. */
function narrow(vocab: Vocabulary, box: Box, lit: Literal, counts: boolean): boolean {
  if (lit.k === 'diff') {
    box.diffs = [...box.diffs, lit];
    if (counts) {
      mention(box, lit.a);
      mention(box, lit.b);
    }
    return true;
  }
  const f = lit.f;
  const fact = vocab.facts[f]!;
  if (counts) mention(box, f);
  switch (lit.k) {
    case 'enum': {
      const mask = (box.enums[f] ?? (1n << BigInt(fact.values.length)) - 1n) & lit.mask;
      box.enums[f] = mask;
      return mask !== 0n;
    }
    case 'int': {
      const ivs = intersect(box.ints[f] ?? [{ lo: fact.min, hi: fact.max }], lit.ivs);
      box.ints[f] = ivs;
      return ivs.length > 0;
    }
    case 'has':
      box.has[f]! |= lit.m;
      return setFits(box, f, fact);
    case 'lacks':
      box.lacks[f]! |= lit.m;
      return setFits(box, f, fact);
    case 'size':
      box.sizeLo[f] = Math.max(box.sizeLo[f]!, lit.lo);
      box.sizeHi[f] = Math.min(box.sizeHi[f]!, lit.hi);
      return setFits(box, f, fact);
  }
}

function setFits(box: Box, f: number, fact: FactInfo): boolean {
  const has = box.has[f]!;
  const lacks = box.lacks[f]!;
  if (has & lacks) return false;
  const least = Math.max(popcount(has), box.sizeLo[f]!);
  return least <= box.sizeHi[f]! && least <= fact.values.length - popcount(lacks);
}

function popcount(mask: number): number {
  let count = 0;
  for (let m = mask; m; m &= m - 1) count++;
  return count;
}

/** At a leaf: settle integer differences, pick minimal values, and keep the best witness. */
function settle(search: Search, box: Box): void {
  const ints = settleIntegers(search, box);
  if (!ints) return;
  const { vocab } = search;
  const witness: Witness = {};
  const model: Witness = {};
  let members = 0;
  let magnitude = 0;
  for (const fact of vocab.facts) {
    const f = fact.index;
    let value: FactValue | undefined;
    if (fact.type === 'integer') {
      value = ints.get(f) ?? (box.ints[f] ? closestToZero(box.ints[f]!) : undefined);
      if (value !== undefined && box.mentioned[f]) magnitude += Math.abs(value);
    } else if (fact.type === 'set') {
      if (box.has[f] || box.lacks[f] || box.sizeLo[f]! > 0 || box.sizeHi[f]! < fact.values.length || box.mentioned[f]) {
        value = smallestSet(box, f, fact);
        if (box.mentioned[f]) members += value.length;
      }
    } else if (box.enums[f] !== undefined) {
      value = fact.values[lowestBit(box.enums[f]!)]!;
    }
    if (value === undefined && box.mentioned[f]) value = anyValue(fact);
    if (value === undefined) continue;
    model[fact.name] = value;
    if (box.mentioned[f]) witness[fact.name] = value;
  }
  const cost = [box.mentionedCount, members, magnitude];
  if (!search.best || lessThan(cost, search.best.cost)) search.best = { cost, witness, model };
}

function lessThan(a: number[], b: number[]): boolean {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i]! < b[i]!;
  return false;
}

function lowestBit(mask: bigint): number {
  let i = 0;
  while (!((mask >> BigInt(i)) & 1n)) i++;
  return i;
}

function smallestSet(box: Box, f: number, fact: FactInfo): string[] {
  let mask = box.has[f]!;
  let size = popcount(mask);
  for (let i = 0; i < fact.values.length && size < box.sizeLo[f]!; i++) {
    const bit = 1 << i;
    if (!(mask & bit) && !(box.lacks[f]! & bit)) {
      mask |= bit;
      size++;
    }
  }
  return fact.values.filter((_, i) => mask & (1 << i)) as string[];
}

function anyValue(fact: FactInfo): FactValue {
  if (fact.type === 'integer') return closestToZero([{ lo: fact.min, hi: fact.max }]);
  if (fact.type === 'set') return [];
  return fact.values[0]!;
}

/** The value of the intervals nearest to zero (zero, else the smaller magnitude, ties upward). */
function closestToZero(ivs: readonly Interval[]): number {
  let best: number | undefined;
  for (const iv of ivs) {
    const candidate = iv.lo > 0 ? iv.lo : iv.hi < 0 ? iv.hi : 0;
    if (best === undefined || Math.abs(candidate) < Math.abs(best) || (Math.abs(candidate) === Math.abs(best) && candidate > best)) best = candidate;
  }
  return best!;
}

/**
 * Integer facts tied by differences: choose one interval of each (holes make the domain
 * non-convex), tighten the bounds to a fixpoint, then fix values one fact at a time.
 * Returns the chosen values, or undefined when no choice satisfies the differences.
 */
function settleIntegers(search: Search, box: Box): Map<number, number> | undefined {
  const values = new Map<number, number>();
  if (box.diffs.length === 0) return values;
  const tied = [...new Set(box.diffs.flatMap((d) => (d.k === 'diff' ? [d.a, d.b] : [])))].sort((a, b) => a - b);
  const domains = tied.map((f) => box.ints[f] ?? [{ lo: search.vocab.facts[f]!.min, hi: search.vocab.facts[f]!.max }]);
  const choice = new Array<number>(tied.length).fill(0);
  for (;;) {
    if (++search.steps > search.budget) throw new BudgetExceeded();
    const lo = tied.map((_, i) => domains[i]![choice[i]!]!.lo);
    const hi = tied.map((_, i) => domains[i]![choice[i]!]!.hi);
    if (tighten(box.diffs, tied, lo, hi)) {
      for (let i = 0; i < tied.length; i++) {
        const v = closestToZero([{ lo: lo[i]!, hi: hi[i]! }]);
        lo[i] = v;
        hi[i] = v;
        // Difference constraints keep every value of a tightened interval extendable.
        tighten(box.diffs, tied, lo, hi);
      }
      tied.forEach((f, i) => values.set(f, lo[i]!));
      return values;
    }
    let i = 0;
    while (i < tied.length && ++choice[i]! >= domains[i]!.length) choice[i++] = 0;
    if (i === tied.length) return undefined;
  }
}

/** Bellman–Ford on bounds: x[a] ≤ x[b] + c. False when the bounds cross or keep shrinking. */
function tighten(diffs: readonly Literal[], tied: readonly number[], lo: number[], hi: number[]): boolean {
  const at = new Map(tied.map((f, i) => [f, i]));
  for (let round = 0; round <= tied.length + 1; round++) {
    let changed = false;
    for (const d of diffs) {
      if (d.k !== 'diff') continue;
      const a = at.get(d.a)!;
      const b = at.get(d.b)!;
      if (hi[b]! + d.c < hi[a]!) {
        hi[a] = hi[b]! + d.c;
        changed = true;
      }
      if (lo[a]! - d.c > lo[b]!) {
        lo[b] = lo[a]! - d.c;
        changed = true;
      }
      if (lo[a]! > hi[a]! || lo[b]! > hi[b]!) return false;
    }
    if (!changed) return true;
  }
  return false;
}
