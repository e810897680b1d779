// The facts vocabulary as the decision procedure sees it (indexed facts with their domains,
// the world constraints as one formula), and the translation of written conditions into
// formulas. A condition that names an unknown fact or misuses a type has no formula: the
// fact checks report it, and the analyses skip it rather than guess.
import type { Condition } from '../../model/condition';
import { OPERATOR, type FactType } from '../../model/operators';
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
  const op = OPERATOR.get(operator);
  if (!op || !op.types.includes(fact.type)) fail();
  const f = fact.index;
  const meaning = op.meaning;
  const negated = (formula: Formula, yes: boolean | undefined) => (yes ? not(formula, vocab) : formula);
  switch (meaning.kind) {
    case 'equals':
    case 'one-of': {
      const operands = meaning.kind === 'equals' ? [value] : asList(value);
      if (fact.type === 'integer')
        return negated({ k: 'int', f, ivs: points(operands.map((v) => int(fact, v, options))) }, meaning.negated);
      const mask = operands.reduce((m: bigint, v) => m | (1n << BigInt(position(fact, v))), 0n);
      return negated({ k: 'enum', f, mask }, meaning.negated);
    }
    case 'members': {
      const members = (op.operand === 'list' ? asList(value) : [value]).reduce((m: number, v) => m | (1 << position(fact, v)), 0);
      const formula: Formula =
        meaning.quantifier === 'every' ? { k: 'has', f, m: members } : or(...bits(members).map((m) => ({ k: 'has', f, m }) as Formula));
      return negated(formula, meaning.negated);
    }
    case 'bounds': {
      if (op.operand === 'fact') return comparison(vocab, f, meaning, value, options);
      const lo = (reference: number) => (meaning.from === undefined ? -Infinity : reference + meaning.from);
      const hi = (reference: number) => (meaning.to === undefined ? Infinity : reference + meaning.to);
      if (op.operand === 'count') {
        const size =
          typeof value === 'number' && Number.isInteger(value) && value >= 0 && (!options.strict || value <= fact.values.length)
            ? value
            : fail();
        return { k: 'size', f, lo: Math.max(0, lo(size)), hi: hi(size) };
      }
      const bound = int(fact, value, options);
      return { k: 'int', f, ivs: [{ lo: lo(bound), hi: hi(bound) }] };
    }
  }
}

/** An integer operand of an integer fact (within its declared range when strict). */
function int(fact: FactInfo, v: unknown, options: TranslateOptions): number {
  return typeof v === 'number' && Number.isInteger(v) && (!options.strict || (v >= fact.min && v <= fact.max)) ? v : fail();
}

/** Where a value is among an enum's or set's values (booleans: false, true). */
function position(fact: FactInfo, v: unknown): number {
  const i = fact.values.indexOf(v as string | boolean);
  return i < 0 ? fail() : i;
}

/** `lte-fact` and friends, allowed only in constraints: the value minus the other's within bounds, as x − y ≤ c. */
function comparison(
  vocab: Vocabulary,
  f: number,
  bounds: { from?: number; to?: number },
  value: unknown,
  options: TranslateOptions,
): Formula {
  if (!options.allowFactComparisons) fail();
  const other = typeof value === 'string' ? vocab.byName.get(value) : undefined;
  if (!other || other.type !== 'integer') fail();
  const g = other.index;
  const parts: Formula[] = [];
  // x − y ≥ from is y − x ≤ −from.
  if (bounds.from !== undefined) parts.push({ k: 'diff', a: g, b: f, c: 0 - bounds.from });
  if (bounds.to !== undefined) parts.push({ k: 'diff', a: f, b: g, c: bounds.to });
  return and(...parts);
}

function asList(value: unknown): unknown[] {
  return Array.isArray(value) && value.length > 0 ? value : fail();
}
