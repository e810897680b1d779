// The operators of a condition's atom (`{ fact: x, gte: 3 }`), listed once: the fact types each
// applies to, the shape of its value, and what it means. The runtime, the decision procedure,
// the compiler, the fact-type check, completion and the fact-comparison readers take them from
// here; the JSON Schemas are held to this table by a test. Imports nothing, so the rules core's
// runtime can read it too.

/** The types a fact can have (facts.yaml `type`). */
export const FACT_TYPES = ['boolean', 'integer', 'enum', 'set'] as const;
export type FactType = (typeof FACT_TYPES)[number];

/**
 * What an operator's value is: `one` value of the fact's type (or a member of a set), a `list`
 * of such values, a `count` (a set's size), or the name of another `fact` to compare with.
 */
export type OperandShape = 'one' | 'list' | 'count' | 'fact';

/**
 * What an operator means, one of a few kinds that three readers take it as — the runtime's
 * test (`holds` below), the decision procedure's formula (analysis/logic/vocabulary.ts) and the
 * generated code (compiler/codegen.ts), each a `switch` over MEANINGS that TypeScript holds
 * complete. An operator of a known kind is one line of the table; a new kind is those three.
 * - `equals`: the value is the operand;
 * - `one-of`: the value is one of the operand's values;
 * - `bounds`: a number lies within [reference + from, reference + to], a missing end open —
 *   the value against the operand, a set's size against the count (`count`), or the value
 *   minus the other fact's against 0 (`fact`);
 * - `members`: a set holds `every` or `some` of the operand's members (one member for `one`).
 * `negated` turns the meaning round.
 */
export type Meaning =
  | { kind: 'equals'; negated?: true }
  | { kind: 'one-of'; negated?: true }
  | { kind: 'bounds'; from?: number; to?: number }
  | { kind: 'members'; quantifier: 'every' | 'some'; negated?: true };

/** The kinds of meaning, each handled by the runtime, the decision procedure and the compiler. */
export const MEANINGS = ['equals', 'one-of', 'bounds', 'members'] as const satisfies readonly Meaning['kind'][];

export interface Operator {
  name: string;
  /** The fact types it applies to. */
  types: readonly FactType[];
  operand: OperandShape;
  meaning: Meaning;
}

export const OPERATORS: readonly Operator[] = [
  { name: 'is', types: ['boolean', 'integer', 'enum'], operand: 'one', meaning: { kind: 'equals' } },
  { name: 'is-not', types: ['boolean', 'integer', 'enum'], operand: 'one', meaning: { kind: 'equals', negated: true } },
  { name: 'in', types: ['integer', 'enum'], operand: 'list', meaning: { kind: 'one-of' } },
  { name: 'not-in', types: ['integer', 'enum'], operand: 'list', meaning: { kind: 'one-of', negated: true } },
  { name: 'gte', types: ['integer'], operand: 'one', meaning: { kind: 'bounds', from: 0 } },
  { name: 'gt', types: ['integer'], operand: 'one', meaning: { kind: 'bounds', from: 1 } },
  { name: 'lte', types: ['integer'], operand: 'one', meaning: { kind: 'bounds', to: 0 } },
  { name: 'lt', types: ['integer'], operand: 'one', meaning: { kind: 'bounds', to: -1 } },
  { name: 'has', types: ['set'], operand: 'one', meaning: { kind: 'members', quantifier: 'every' } },
  { name: 'lacks', types: ['set'], operand: 'one', meaning: { kind: 'members', quantifier: 'every', negated: true } },
  { name: 'has-any', types: ['set'], operand: 'list', meaning: { kind: 'members', quantifier: 'some' } },
  { name: 'has-all', types: ['set'], operand: 'list', meaning: { kind: 'members', quantifier: 'every' } },
  { name: 'size-gte', types: ['set'], operand: 'count', meaning: { kind: 'bounds', from: 0 } },
  { name: 'size-lte', types: ['set'], operand: 'count', meaning: { kind: 'bounds', to: 0 } },
  { name: 'size-is', types: ['set'], operand: 'count', meaning: { kind: 'bounds', from: 0, to: 0 } },
  { name: 'gte-fact', types: ['integer'], operand: 'fact', meaning: { kind: 'bounds', from: 0 } },
  { name: 'gt-fact', types: ['integer'], operand: 'fact', meaning: { kind: 'bounds', from: 1 } },
  { name: 'lte-fact', types: ['integer'], operand: 'fact', meaning: { kind: 'bounds', to: 0 } },
  { name: 'lt-fact', types: ['integer'], operand: 'fact', meaning: { kind: 'bounds', to: -1 } },
];

/** The operators by name. */
export const OPERATOR: ReadonlyMap<string, Operator> = new Map(OPERATORS.map((op) => [op.name, op]));

/** The operators that compare with another fact (`lte-fact: discharge.info-count`). */
export const FACT_COMPARISONS: readonly string[] = OPERATORS.filter((op) => op.operand === 'fact').map((op) => op.name);

/** The operators a fact of a type takes against a value (not another fact), in table order. */
export function operatorsOf(type: FactType): string[] {
  return OPERATORS.filter((op) => op.types.includes(type) && op.operand !== 'fact').map((op) => op.name);
}

/**
 * Whether an operator holds for a fact's known value and its operand (for `fact`: the other
 * fact's value), as the runtime decides it.
 */
export function holds(op: Operator, value: unknown, operand: unknown): boolean {
  const meaning = op.meaning;
  switch (meaning.kind) {
    case 'equals':
      return (value === operand) !== (meaning.negated === true);
    case 'one-of':
      return listOf(operand).includes(value) !== (meaning.negated === true);
    case 'members': {
      const wanted = op.operand === 'list' ? listOf(operand) : [operand];
      const held = (member: unknown) => listOf(value).includes(member);
      return (meaning.quantifier === 'every' ? wanted.every(held) : wanted.some(held)) !== (meaning.negated === true);
    }
    case 'bounds': {
      const n =
        op.operand === 'count' ? listOf(value).length : op.operand === 'fact' ? (value as number) - (operand as number) : (value as number);
      const reference = op.operand === 'fact' ? 0 : (operand as number);
      return (meaning.from === undefined || n >= reference + meaning.from) && (meaning.to === undefined || n <= reference + meaning.to);
    }
  }
}

function listOf(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}
