// Conditions as formulas the decision procedure works on: literals that restrict one fact's
// domain (or bound the difference of two integer facts), joined by `and`/`or`. Negation is
// pushed down to the literals, so every formula is in negation normal form.
import type { FactInfo, Vocabulary } from './vocabulary';
import { onPhase } from '../../model/phases';

export interface Interval {
  lo: number;
  hi: number;
}

/** A literal restricts one fact; `diff` says x[a] - x[b] ≤ c (from lte-fact and friends). */
export type Literal =
  | { k: 'enum'; f: number; mask: bigint }
  | { k: 'int'; f: number; ivs: Interval[] }
  | { k: 'has'; f: number; m: number }
  | { k: 'lacks'; f: number; m: number }
  | { k: 'size'; f: number; lo: number; hi: number }
  | { k: 'diff'; a: number; b: number; c: number };

export type Formula = Literal | { k: 'and'; parts: Formula[] } | { k: 'or'; parts: Formula[] } | { k: 'true' } | { k: 'false' };

export const TRUE: Formula = { k: 'true' };
export const FALSE: Formula = { k: 'false' };

export function and(...parts: Formula[]): Formula {
  return join('and', parts);
}

export function or(...parts: Formula[]): Formula {
  return join('or', parts);
}

/**
 * A conjunction or disjunction, flattened: nested parts of the same kind are lifted, the
 * neutral constant is dropped and the absorbing one decides (false for `and`, true for `or`).
 */
function join(kind: 'and' | 'or', parts: Formula[]): Formula {
  const [neutral, absorbing] = kind === 'and' ? [TRUE, FALSE] : [FALSE, TRUE];
  const flat: Formula[] = [];
  for (const part of parts) {
    if (part.k === absorbing.k) return absorbing;
    if (part.k === neutral.k) continue;
    if (part.k === kind) flat.push(...part.parts);
    else flat.push(part);
  }
  return flat.length === 0 ? neutral : flat.length === 1 ? flat[0]! : { k: kind, parts: flat };
}

/** Where exactly one of two formulas holds. */
export function xor(a: Formula, b: Formula, vocab: Vocabulary): Formula {
  return or(and(a, not(b, vocab)), and(b, not(a, vocab)));
}

/** The negation of a formula, still in negation normal form. */
export function not(formula: Formula, vocab: Vocabulary): Formula {
  switch (formula.k) {
    case 'true':
      return FALSE;
    case 'false':
      return TRUE;
    case 'and':
      return or(...formula.parts.map((p) => not(p, vocab)));
    case 'or':
      return and(...formula.parts.map((p) => not(p, vocab)));
    case 'enum':
      return { k: 'enum', f: formula.f, mask: fullMask(vocab.facts[formula.f]!) & ~formula.mask };
    case 'int':
      return { k: 'int', f: formula.f, ivs: complement(formula.ivs) };
    case 'has':
      return or(...bits(formula.m).map((bit) => ({ k: 'lacks', f: formula.f, m: bit }) as Formula));
    case 'lacks':
      return or(...bits(formula.m).map((bit) => ({ k: 'has', f: formula.f, m: bit }) as Formula));
    case 'size': {
      // Literals stay literals even when trivial: under three-valued semantics
      // `size-gte: 0` still needs the fact to be known, so its negation must keep the fact.
      if (formula.lo > formula.hi) return { k: 'size', f: formula.f, lo: 0, hi: Infinity };
      const parts: Formula[] = [];
      if (formula.lo > 0) parts.push({ k: 'size', f: formula.f, lo: 0, hi: formula.lo - 1 });
      if (formula.hi < Infinity) parts.push({ k: 'size', f: formula.f, lo: formula.hi + 1, hi: Infinity });
      return parts.length > 0 ? or(...parts) : { k: 'size', f: formula.f, lo: 1, hi: 0 };
    }
    case 'diff':
      return { k: 'diff', a: formula.b, b: formula.a, c: -formula.c - 1 };
  }
}

/** Every value of an enum or boolean fact. */
export function fullMask(fact: FactInfo): bigint {
  return (1n << BigInt(fact.values.length)) - 1n;
}

/** The single-member masks of a set mask, lowest member first. */
export function bits(mask: number): number[] {
  const out: number[] = [];
  for (let bit = 1; bit <= mask && bit > 0; bit <<= 1) if (mask & bit) out.push(bit);
  return out;
}

/** The integers not in the given sorted, disjoint intervals. */
export function complement(ivs: readonly Interval[]): Interval[] {
  const out: Interval[] = [];
  let from = -Infinity;
  for (const iv of ivs) {
    if (iv.lo > from) out.push({ lo: from, hi: iv.lo - 1 });
    from = iv.hi + 1;
  }
  if (from !== Infinity) out.push({ lo: from, hi: Infinity });
  return out;
}

/** The intersection of two sorted, disjoint interval lists. */
export function intersect(a: readonly Interval[], b: readonly Interval[]): Interval[] {
  const out: Interval[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const lo = Math.max(a[i]!.lo, b[j]!.lo);
    const hi = Math.min(a[i]!.hi, b[j]!.hi);
    if (lo <= hi) out.push({ lo, hi });
    if (a[i]!.hi < b[j]!.hi) i++;
    else j++;
  }
  return out;
}

/** Sorted, disjoint intervals covering exactly the given integers. */
export function points(values: readonly number[]): Interval[] {
  const sorted = [...new Set(values)].sort((x, y) => x - y);
  const out: Interval[] = [];
  for (const v of sorted) {
    const last = out[out.length - 1];
    if (last && last.hi === v - 1) last.hi = v;
    else out.push({ lo: v, hi: v });
  }
  return out;
}

/**
 * A structural key of a formula, the same for formulas that differ only in the order of
 * `and`/`or` parts, so that repeated questions are answered once. Cached per formula object.
 */
export const formulaKey: (formula: Formula) => string = onPhase({ phase: 'reasoned', keeps: 'the key of a formula' }, (f: Formula) =>
  computeKey(f),
);

/**
 * A formula as a part of a conjunction: how many parts it flattens to, and their keys as
 * small numbers (sorted, each once), which are cheaper to merge and join than the keys.
 */
export interface Conjuncts {
  count: number;
  ids: readonly number[];
}

const FALSE_CONJUNCTS: Conjuncts = { count: 1, ids: [] };

/** A formula's conjuncts; `idOf` numbers a part's key, the same number for the same key. */
export function conjunctsOf(f: Formula, idOf: (key: string) => number): Conjuncts {
  if (f.k === 'false') return FALSE_CONJUNCTS;
  if (f.k === 'true') return { count: 0, ids: [] };
  if (f.k === 'and') return { count: f.parts.length, ids: [...new Set(f.parts.map((p) => idOf(formulaKey(p))))].sort((x, y) => x - y) };
  return { count: 1, ids: [idOf(formulaKey(f))] };
}

/**
 * A key for the conjunction of formulas, from their conjuncts, without building it: the
 * analyses ask about tens of thousands of pairs of items whose conjuncts they already have.
 * These keys begin with `&`, so they never meet those of `formulaKey` in one memo; `true`
 * and `false` are written alike by both and mean the same.
 */
export function conjunctionKey(parts: readonly Conjuncts[]): string {
  let count = 0;
  const ids: number[] = [];
  for (const part of parts) {
    if (part === FALSE_CONJUNCTS) return 'false';
    count += part.count;
    for (const id of part.ids) ids.push(id);
  }
  if (count === 0) return 'true';
  ids.sort((x, y) => x - y);
  let key = `&${ids[0]!}`;
  for (let i = 1; i < ids.length; i++) if (ids[i] !== ids[i - 1]) key += `,${ids[i]!}`;
  return key;
}

function computeKey(f: Formula): string {
  switch (f.k) {
    case 'true':
    case 'false':
      return f.k;
    case 'and':
    case 'or':
      return `${f.k}(${[...new Set(f.parts.map(formulaKey))].sort().join(',')})`;
    case 'enum':
      return `e${f.f}=${f.mask.toString(16)}`;
    case 'int':
      return `i${f.f}=${f.ivs.map((iv) => `${iv.lo}:${iv.hi}`).join('|')}`;
    case 'has':
    case 'lacks':
      return `${f.k}${f.f}=${f.m}`;
    case 'size':
      return `s${f.f}=${f.lo}:${f.hi}`;
    case 'diff':
      return `d${f.a}-${f.b}<=${f.c}`;
  }
}
