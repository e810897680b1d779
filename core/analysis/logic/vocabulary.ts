// The facts vocabulary as the decision procedure sees it (indexed facts with their domains,
// the world constraints as one formula), and the translation of written conditions into
// formulas. A condition that names an unknown fact or misuses a type has no formula: the
// fact checks report it, and the analyses skip it rather than guess.
import type { Condition } from '../../model/condition';
import type { FactType } from '../../model/operators';
import type { Workspace } from '../../model/workspace';
import { and, bits, not, or, points, TRUE, type Formula } from './formula';

export interface FactInfo {
  name: string;
  index: number;
  type: FactType;
  /** enum and set values in declaration order; booleans are [false, true]. */
  values: (string | boolean)[];
  min: number;
  max: number;
}

export interface Vocabulary {
  facts: FactInfo[];
  byName: Map<string, FactInfo>;
  /** The conjunction of the world constraints that could be translated. */
  constraints: Formula;
  /** The same constraints one by one, with the facts each one names. */
  constraintParts: { formula: Formula; facts: number[] }[];
  /** False when a constraint could not be translated (its error is reported elsewhere). */
  constraintsComplete: boolean;
}

export function vocabularyOf(ws: Workspace): Vocabulary {
  const facts: FactInfo[] = [];
  const byName = new Map<string, FactInfo>();
  for (const [name, defs] of ws.facts) {
    const def = defs[0]!;
    if (!def.type) continue;
    const info: FactInfo = {
      name,
      index: facts.length,
      type: def.type,
      values: def.type === 'boolean' ? [false, true] : def.type === 'integer' ? [] : [...def.values],
      min: def.type === 'integer' ? (def.min ?? -Infinity) : 0,
      max: def.type === 'integer' ? (def.max ?? Infinity) : 0,
    };
    facts.push(info);
    byName.set(name, info);
  }
  const vocab: Vocabulary = { facts, byName, constraints: TRUE, constraintParts: [], constraintsComplete: true };
  for (const constraint of ws.constraints) {
    const formula = toFormula(vocab, constraint.cond, { allowFactComparisons: true, strict: true });
    if (formula) vocab.constraintParts.push({ formula, facts: [...factsOf(formula)] });
    else vocab.constraintsComplete = false;
  }
  vocab.constraints = and(...vocab.constraintParts.map((p) => p.formula));
  return vocab;
}

export interface TranslateOptions {
  allowFactComparisons?: boolean;
  /**
   * Reject values outside a fact's declared range and sizes beyond its set: `fact-type`
   * reports those, and an analysis on top would only repeat it as `unsatisfiable`.
   */
  strict?: boolean;
}

/** The indices of the facts a formula names. */
export function factsOf(formula: Formula, into: Set<number> = new Set()): Set<number> {
  switch (formula.k) {
    case 'and':
    case 'or':
      for (const part of formula.parts) factsOf(part, into);
      break;
    case 'true':
    case 'false':
      break;
    case 'diff':
      into.add(formula.a).add(formula.b);
      break;
    default:
      into.add(formula.f);
  }
  return into;
}

/** How the analyses translate rule conditions. */
export const STRICT: TranslateOptions = { strict: true };

/** The formula of a written condition, or undefined when it cannot be analysed. */
export function toFormula(vocab: Vocabulary, cond: Condition, options: TranslateOptions = {}): Formula | undefined {
  try {
    return translate(vocab, cond, options);
  } catch (error) {
    if (error instanceof Untranslatable) return undefined;
    throw error;
  }
}

class Untranslatable extends Error {}

function fail(): never {
  throw new Untranslatable();
}

function translate(vocab: Vocabulary, cond: Condition, options: TranslateOptions): Formula {
  switch (cond.kind) {
    case 'all':
    case 'any': {
      if (!cond.wellFormed) fail();
      const parts = cond.parts.map((c) => translate(vocab, c, options));
      return cond.kind === 'all' ? and(...parts) : or(...parts);
    }
    case 'not':
      return cond.wellFormed ? not(translate(vocab, cond.part, options), vocab) : fail();
    case 'malformed':
      return fail();
    case 'atom':
      return cond.wellFormed && cond.op !== undefined ? atom(vocab, cond.fact, cond.op, cond.value, options) : fail();
  }
}

function atom(vocab: Vocabulary, name: string, operator: string, value: unknown, options: TranslateOptions): Formula {
  const fact = vocab.byName.get(name) ?? fail();
  const f = fact.index;
  switch (fact.type) {
    case 'boolean':
    case 'enum': {
      const mask = (v: unknown): bigint => {
        const i = fact.values.indexOf(v as string | boolean);
        return i < 0 ? fail() : 1n << BigInt(i);
      };
      const list = (): bigint => asList(value).reduce((m: bigint, v) => m | mask(v), 0n);
      if (operator === 'is') return { k: 'enum', f, mask: mask(value) };
      if (operator === 'is-not') return not({ k: 'enum', f, mask: mask(value) }, vocab);
      if (fact.type === 'enum' && operator === 'in') return { k: 'enum', f, mask: list() };
      if (fact.type === 'enum' && operator === 'not-in') return not({ k: 'enum', f, mask: list() }, vocab);
      return fail();
    }
    case 'integer': {
      const int = (v: unknown): number =>
        typeof v === 'number' && Number.isInteger(v) && (!options.strict || (v >= fact.min && v <= fact.max)) ? v : fail();
      const range = (lo: number, hi: number): Formula => ({ k: 'int', f, ivs: [{ lo, hi }] });
      switch (operator) {
        case 'is':
          return range(int(value), int(value));
        case 'is-not':
          return not(range(int(value), int(value)), vocab);
        case 'in':
          return { k: 'int', f, ivs: points(asList(value).map(int)) };
        case 'not-in':
          return not({ k: 'int', f, ivs: points(asList(value).map(int)) }, vocab);
        case 'gte':
          return range(int(value), Infinity);
        case 'gt':
          return range(int(value) + 1, Infinity);
        case 'lte':
          return range(-Infinity, int(value));
        case 'lt':
          return range(-Infinity, int(value) - 1);
        default:
          return comparison(vocab, f, operator, value, options);
      }
    }
    case 'set': {
      const member = (v: unknown): number => {
        const i = fact.values.indexOf(v as string);
        return i < 0 ? fail() : 1 << i;
      };
      const members = (): number => asList(value).reduce((m: number, v) => m | member(v), 0);
      const size = (v: unknown): number =>
        typeof v === 'number' && Number.isInteger(v) && v >= 0 && (!options.strict || v <= fact.values.length) ? v : fail();
      switch (operator) {
        case 'has':
          return { k: 'has', f, m: member(value) };
        case 'lacks':
          return { k: 'lacks', f, m: member(value) };
        case 'has-all':
          return { k: 'has', f, m: members() };
        case 'has-any':
          return or(...bits(members()).map((m) => ({ k: 'has', f, m }) as Formula));
        case 'size-gte':
          return { k: 'size', f, lo: size(value), hi: Infinity };
        case 'size-lte':
          return { k: 'size', f, lo: 0, hi: size(value) };
        case 'size-is':
          return { k: 'size', f, lo: size(value), hi: size(value) };
        default:
          return fail();
      }
    }
  }
}

/** `lte-fact` and friends, allowed only in constraints: x − y ≤ c. */
function comparison(vocab: Vocabulary, f: number, operator: string, value: unknown, options: TranslateOptions): Formula {
  if (!options.allowFactComparisons) fail();
  const other = typeof value === 'string' ? vocab.byName.get(value) : undefined;
  if (!other || other.type !== 'integer') fail();
  const g = other.index;
  switch (operator) {
    case 'lte-fact':
      return { k: 'diff', a: f, b: g, c: 0 };
    case 'lt-fact':
      return { k: 'diff', a: f, b: g, c: -1 };
    case 'gte-fact':
      return { k: 'diff', a: g, b: f, c: 0 };
    case 'gt-fact':
      return { k: 'diff', a: g, b: f, c: -1 };
    default:
      return fail();
  }
}

function asList(value: unknown): unknown[] {
  return Array.isArray(value) && value.length > 0 ? value : fail();
}
