// The rules core's public types: what a caller passes to `evaluate`, what it gets back, and
// the rule set a generated module (or the interpreter) provides to the engine.
import type { FactType } from '../model/operators';
import type { WhyNot } from './why-not';
import type { ConditionData } from './condition';
import type { Scope } from './relations';

export const UNITS = ['points', 'units', 'yen'] as const;
export type Unit = (typeof UNITS)[number];
export type Per = 'claim' | 'day' | 'month' | 'admission' | 'discharge' | 'after-discharge-month';
/** Why an item is not claimable, in the order the engine's steps decide it. */
export const REASONS = [
  'not-effective',
  'not-applicable',
  'missing-facts',
  'limit-reached',
  'parent-missing',
  'overridden',
  'excluded',
] as const;
export type Reason = (typeof REASONS)[number];

/** Three-valued truth as the engine uses it: 0 false, 1 true, 2 unknown. */
export type Truth3 = 0 | 1 | 2;
export const FALSE3 = 0;
export const TRUE3 = 1;
export const UNKNOWN3 = 2;

/** Facts as the engine sees them: one slot per fact the conditions read; sets as bit masks; undefined = unknown. */
export type FactVector = (boolean | number | string | undefined)[];

/** A compiled or interpreted condition. `named` is the caller's facts (with defaults) by name. */
export type Predicate = (x: FactVector, named: Readonly<Record<string, unknown>>) => Truth3;

export interface Source {
  doc?: string;
  clause?: string;
  url?: string;
  quote?: string;
}

export interface Condition {
  test: Predicate;
  /** Indices of the facts the condition reads (for `missing-facts`). */
  facts: number[];
}

/**
 * The shapes of a rule set, generic in how a condition is held: as a live `Condition` in the
 * engine, or as the written condition in the compiler's plain data (`core/analysis/rule-set-spec.ts`).
 */
export interface LimitOf<C> {
  times: number;
  per: Per;
  raised?: { times: number; when: C };
}

export interface RuleVariantOf<C> {
  id: string;
  name: string;
  amount: number;
  when?: C;
  limit?: LimitOf<C>;
  source: Source;
}

export interface RuleItemOf<C> {
  id: string;
  name: string;
  /** Position in workspace order (ties and output order). */
  order: number;
  unit: Unit;
  /** The item's own amount; 0 for items with variants (each variant has its own). */
  amount: number;
  claimant?: string;
  parent?: string;
  requires: string[];
  when?: C;
  pick: 'unique' | 'first';
  variants: RuleVariantOf<C>[];
  /**
   * Compiled modules only: step 2 in one call — (picked variant + 1) × 4 + truth — the same
   * answer the engine's reference form gives from `when` and the variants.
   */
  decide?: (x: FactVector, named: Readonly<Record<string, unknown>>) => number;
  limit?: LimitOf<C>;
  effective: { from: string; to?: string };
  source: Source;
}

export interface RuleRelationOf<C> {
  kind: 'overrides' | 'excludes';
  /** For `overrides`, `a` wins. Ids may name items or variants. */
  a: string;
  b: string;
  scope: Scope;
  when?: C;
  /** The citation of the item that declared the relation. */
  source: Source;
}

export type Limit = LimitOf<Condition>;
export type RuleItem = RuleItemOf<Condition>;
export type RuleRelation = RuleRelationOf<Condition>;

export interface FactSpec {
  name: string;
  type: FactType;
  values?: readonly string[];
  min?: number;
  max?: number;
  default?: boolean | number | string | readonly string[];
  /**
   * Integer facts: the values conditions compare with and one either side, which are all the
   * values `whyNot` needs to try (between two of them every condition says the same).
   */
  probes?: readonly number[];
}

/** Everything the engine needs about one revision. */
export interface RuleSet {
  revision: string;
  facts: readonly FactSpec[];
  /**
   * How many of `facts` (the first ones) conditions read; the fact vector holds only these,
   * the others are checked and not kept. All of them when absent.
   */
  slots?: number;
  items: readonly RuleItem[];
  relations: readonly RuleRelation[];
  /** The world constraints (facts.yaml), as condition trees: `whyNot` changes facts only where they still hold. */
  constraints?: readonly ConditionData[];
  /**
   * Compiled modules only: reads the given facts into the vector, the way the engine's own
   * check does; false when one is unknown or does not fit (the engine then reports it).
   */
  read?: (facts: Readonly<Record<string, unknown>>, x: FactVector) => boolean;
  /**
   * Compiled modules only: every item's `decide` at once, into `out[i]`. The fact vector comes
   * last, so a module whose conditions read no fact declares no parameter it never reads.
   */
  decideAll?: (out: number[], x: FactVector) => void;
  /**
   * Compiled modules only: the whole evaluation of a common episode (no request, no earlier
   * claims), specialised for the revision; undefined for any other input (the engine's
   * general path then takes it). The differential test holds the two to the same results.
   */
  common?: (input: EvaluateInput) => EvaluateOutcome | undefined;
}

export interface HistoryClaim {
  id: string;
  date: string;
}

export interface EvaluateInput {
  revision: string;
  date: string;
  facts: Readonly<Record<string, unknown>>;
  admission?: { from: string; to?: string };
  claimant?: string;
  history?: readonly HistoryClaim[];
  request?: readonly string[];
}

export interface Claimable {
  id: string;
  name: string;
  amount: number;
  unit: Unit;
}

export interface Rejection {
  id: string;
  variant?: string;
  reason: Reason;
  by?: string;
  facts?: string[];
  source: Source;
}

export interface EvaluateResult {
  revision: string;
  date: string;
  claimable: Claimable[];
  rejected: Rejection[];
  withdraw: HistoryClaim[];
  total: Record<Unit, number>;
  /** With `explain`: for each rejection, in the same order, what would make the item claimable. */
  whyNot?: WhyNot[];
}

/** What an input error can say is wrong (the OpenAPI document of `tariff serve` lists the same). */
export const INPUT_ERROR_CODES = [
  'unknown-revision',
  'unknown-fact',
  'fact-type',
  'bad-date',
  'unknown-item',
  'unknown-claimant',
  'bad-input',
] as const;

export interface InputError {
  code: (typeof INPUT_ERROR_CODES)[number];
  message: string;
  path: string;
}

export type EvaluateOutcome = EvaluateResult | { errors: InputError[] };
