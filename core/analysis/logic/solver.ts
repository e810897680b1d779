// The decision procedure: is a formula satisfiable together with the world constraints, and
// if so, a minimal witness. A depth-first search splits disjunctions and narrows each fact's
// domain literal by literal (enum masks, integer interval lists, set must/must-not masks with
// size bounds); at each leaf, integer differences from the constraints are settled exactly
// (Bellman–Ford over interval bounds). It is exact — satisfiable iff a witness is returned —
// and bounded: past its step budget it answers 'budget' instead of hanging.
import { and, intersect, TRUE, type Formula, type Interval, type Literal } from './formula';
import { factsOf, type FactInfo, type Vocabulary } from './vocabulary';

export type FactValue = boolean | number | string | string[];
export type Witness = Record<string, FactValue>;

export type SolveResult = { status: 'sat'; witness: Witness; model: Witness } | { status: 'unsat' } | { status: 'budget' };

export interface SolveOptions {
  /** Search steps before giving up with 'budget'. */
  budget?: number;
  /** Any witness will do (the first found), e.g. when only satisfiability matters. */
  anyWitness?: boolean;
  /** Leave the world constraints out (to test the constraints themselves, pass them as the formula). */
  withoutConstraints?: boolean;
}

export const DEFAULT_BUDGET = 200_000;

/** Decides `formula ∧ constraints`; the witness names only facts the formula needs. */
export function solve(vocab: Vocabulary, formula: Formula, options: SolveOptions = {}): SolveResult {
  const search: Search = {
    vocab,
    steps: 0,
    budget: options.budget ?? DEFAULT_BUDGET,
    best: undefined,
    anyWitness: options.anyWitness ?? false,
  };
  let goals: Goals = { f: formula, counts: true, next: null };
  if (!options.withoutConstraints) goals = { f: relevantConstraints(vocab, formula), counts: false, next: goals };
  try {
    explore(search, emptyBox(), goals);
  } catch (error) {
    if (error === BUDGET_EXCEEDED) return { status: 'budget' };
    if (error !== FOUND) throw error;
  }
  const best = search.best;
  return best ? { status: 'sat', ...answer(vocab, best) } : { status: 'unsat' };
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
  /** Facts some literal has narrowed, in the order first narrowed. */
  touched: number[];
}

interface Candidate {
  cost: number[];
  values: [number, FactValue][];
  mentioned: boolean[];
}

interface Search {
  vocab: Vocabulary;
  steps: number;
  budget: number;
  best: Candidate | undefined;
  anyWitness: boolean;
}

/**
 * Signals that unwind the search. Plain objects, not Errors: capturing a stack trace on
 * every early exit would cost more than the search itself.
 */
const BUDGET_EXCEEDED = { signal: 'budget' };
const FOUND = { signal: 'found' };

/**
 * The constraints that can matter for a formula: those linked to its facts, directly or
 * through other constraints. The rest can always be satisfied on their own (the
 * `constraints-unsatisfiable` check covers the case where they cannot), so leaving them out
 * keeps the search small without changing the answer.
 */
function relevantConstraints(vocab: Vocabulary, formula: Formula): Formula {
  if (vocab.constraintParts.length === 0) return TRUE;
  const facts = factsOf(formula);
  const chosen = new Set<number>();
  for (let grew = true; grew;) {
    grew = false;
    vocab.constraintParts.forEach((part, i) => {
      if (chosen.has(i) || !part.facts.some((f) => facts.has(f))) return;
      chosen.add(i);
      for (const f of part.facts) facts.add(f);
      grew = true;
    });
  }
  return and(...[...chosen].sort((a, b) => a - b).map((i) => vocab.constraintParts[i]!.formula));
}

/** A box where nothing is narrowed yet; arrays stay sparse (unset means "the whole domain"). */
function emptyBox(): Box {
  return { enums: [], ints: [], has: [], lacks: [], sizeLo: [], sizeHi: [], diffs: [], mentioned: [], mentionedCount: 0, touched: [] };
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
    touched: box.touched.slice(),
  };
}

function explore(search: Search, box: Box, goals: Goals | null): void {
  while (goals) {
    if (++search.steps > search.budget) throw BUDGET_EXCEEDED;
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
    for (const g of [lit.a, lit.b]) if (!box.touched.includes(g)) box.touched.push(g);
    if (counts) {
      mention(box, lit.a);
      mention(box, lit.b);
    }
    return true;
  }
  const f = lit.f;
  const fact = vocab.facts[f]!;
  if (counts) mention(box, f);
  if (!box.touched.includes(f)) box.touched.push(f);
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
      box.has[f] = (box.has[f] ?? 0) | lit.m;
      return setFits(box, f, fact);
    case 'lacks':
      box.lacks[f] = (box.lacks[f] ?? 0) | lit.m;
      return setFits(box, f, fact);
    case 'size':
      box.sizeLo[f] = Math.max(box.sizeLo[f] ?? 0, lit.lo);
      box.sizeHi[f] = Math.min(box.sizeHi[f] ?? fact.values.length, lit.hi);
      return setFits(box, f, fact);
  }
}

function setFits(box: Box, f: number, fact: FactInfo): boolean {
  const has = box.has[f] ?? 0;
  const lacks = box.lacks[f] ?? 0;
  if (has & lacks) return false;
  const least = Math.max(popcount(has), box.sizeLo[f] ?? 0);
  return least <= (box.sizeHi[f] ?? fact.values.length) && least <= fact.values.length - popcount(lacks);
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
  const values: [number, FactValue][] = [];
  let members = 0;
  let magnitude = 0;
  // Ties are broken fact by fact in vocabulary order (smaller integers, earlier declared values
  // and members first), so the witness depends on the formula, never on the order of its parts.
  const order: number[] = [];
  // Only facts some literal narrowed can appear; vocabulary order keeps witnesses stable.
  for (const f of box.touched.slice().sort((a, b) => a - b)) {
    const fact = vocab.facts[f]!;
    const mentioned = box.mentioned[f] === true;
    let value: FactValue | undefined;
    let rank: number[] = [];
    if (fact.type === 'integer') {
      value = ints.get(f) ?? (box.ints[f] ? closestToZero(box.ints[f]!) : undefined);
      if (value !== undefined && mentioned) magnitude += Math.abs(value);
      if (value !== undefined) rank = [Math.abs(value), value < 0 ? 1 : 0];
    } else if (fact.type === 'set') {
      value = smallestSet(box, f, fact);
      if (mentioned) members += value.length;
      rank = value.map((member) => fact.values.indexOf(member));
    } else if (box.enums[f] !== undefined) {
      const index = lowestBit(box.enums[f]!);
      value = fact.values[index]!;
      rank = [index];
    }
    if (value === undefined && mentioned) value = anyValue(fact);
    if (value !== undefined) values.push([f, value]);
    if (mentioned) order.push(f, ...rank, -1);
  }
  const cost = [box.mentionedCount, members, magnitude, ...order];
  if (!search.best || lessThan(cost, search.best.cost)) search.best = { cost, values, mentioned: box.mentioned.slice() };
  if (search.anyWitness) throw FOUND;
}

/** The witness (facts the formula needs) and the model (every narrowed fact) of the best leaf. */
function answer(vocab: Vocabulary, best: Candidate): { witness: Witness; model: Witness } {
  const witness: Witness = {};
  const model: Witness = {};
  for (const [f, value] of best.values) {
    const name = vocab.facts[f]!.name;
    model[name] = value;
    if (best.mentioned[f]) witness[name] = value;
  }
  return { witness, model };
}

function lessThan(a: number[], b: number[]): boolean {
  for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return a[i]! < b[i]!;
  return a.length < b.length;
}

function lowestBit(mask: bigint): number {
  let i = 0;
  while (!((mask >> BigInt(i)) & 1n)) i++;
  return i;
}

function smallestSet(box: Box, f: number, fact: FactInfo): string[] {
  let mask = box.has[f] ?? 0;
  let size = popcount(mask);
  const lacks = box.lacks[f] ?? 0;
  for (let i = 0; i < fact.values.length && size < (box.sizeLo[f] ?? 0); i++) {
    const bit = 1 << i;
    if (!(mask & bit) && !(lacks & bit)) {
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
    if (best === undefined || Math.abs(candidate) < Math.abs(best) || (Math.abs(candidate) === Math.abs(best) && candidate > best))
      best = candidate;
  }
  return best!;
}

const NO_VALUES: ReadonlyMap<number, number> = new Map();

/**
 * Integer facts tied by differences: choose one interval of each (holes make the domain
 * non-convex), tighten the bounds to a fixpoint, then fix values one fact at a time.
 * Returns the chosen values, or undefined when no choice satisfies the differences.
 */
function settleIntegers(search: Search, box: Box): ReadonlyMap<number, number> | undefined {
  if (box.diffs.length === 0) return NO_VALUES;
  // Number the tied facts 0..n-1 once; the differences then work on small arrays.
  const at = new Map<number, number>();
  const tied: number[] = [];
  for (const d of box.diffs) {
    if (d.k !== 'diff') continue;
    for (const f of [d.a, d.b]) if (!at.has(f)) (at.set(f, at.size), tied.push(f));
  }
  const edges = box.diffs.map((d) => (d.k === 'diff' ? [at.get(d.a)!, at.get(d.b)!, d.c] : [0, 0, 0])) as [number, number, number][];
  const domains = tied.map((f) => box.ints[f] ?? [{ lo: search.vocab.facts[f]!.min, hi: search.vocab.facts[f]!.max }]);
  const choice = new Array<number>(tied.length).fill(0);
  for (;;) {
    if (++search.steps > search.budget) throw BUDGET_EXCEEDED;
    const lo = domains.map((d, i) => d[choice[i]!]!.lo);
    const hi = domains.map((d, i) => d[choice[i]!]!.hi);
    if (tighten(edges, lo, hi)) {
      // Fix values in vocabulary order; difference constraints keep every value of a tightened interval extendable.
      const order = tied.map((f, i) => [f, i] as const).sort((x, y) => x[0] - y[0]);
      for (const [, i] of order) {
        const v = closestToZero([{ lo: lo[i]!, hi: hi[i]! }]);
        lo[i] = v;
        hi[i] = v;
        tighten(edges, lo, hi);
      }
      return new Map(tied.map((f, i) => [f, lo[i]!]));
    }
    let i = 0;
    while (i < tied.length && ++choice[i]! >= domains[i]!.length) choice[i++] = 0;
    if (i === tied.length) return undefined;
  }
}

/** Bellman–Ford on bounds: x[a] ≤ x[b] + c. False when the bounds cross or keep shrinking. */
function tighten(edges: readonly [number, number, number][], lo: number[], hi: number[]): boolean {
  for (let round = 0; round <= lo.length + 1; round++) {
    let changed = false;
    for (const [a, b, c] of edges) {
      if (hi[b]! + c < hi[a]!) {
        hi[a] = hi[b]! + c;
        changed = true;
      }
      if (lo[a]! - c > lo[b]!) {
        lo[b] = lo[a]! - c;
        changed = true;
      }
      if (lo[a]! > hi[a]! || lo[b]! > hi[b]!) return false;
    }
    if (!changed) return true;
  }
  return false;
}
