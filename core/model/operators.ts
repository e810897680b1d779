// The operators of a condition's atom (`{ fact: x, gte: 3 }`), listed once: the fact types each
// applies to, the shape of its value, and what it means on a fact's value. The runtime's
// semantics, the fact-type check, completion and the fact-comparison readers take them from
// here; the JSON Schema is held to this table by a test. Imports nothing, so the rules core's
// runtime can read it too.

/** The types a fact can have (facts.yaml `type`). */
export const FACT_TYPES = ['boolean', 'integer', 'enum', 'set'] as const;
export type FactType = (typeof FACT_TYPES)[number];

/**
 * What an operator's value is: `one` value of the fact's type (or a member of a set), a `list`
 * of such values, a `count` (a set's size), or the name of another `fact` to compare with.
 */
export type OperandShape = 'one' | 'list' | 'count' | 'fact';

export interface Operator {
  name: string;
  /** The fact types it applies to. */
  types: readonly FactType[];
  operand: OperandShape;
  /** Whether it holds for a fact's value and the operand (for `fact`: the other fact's value). */
  test(value: unknown, operand: unknown): boolean;
}

const list = (operand: unknown): unknown[] => (Array.isArray(operand) ? operand : []);
const members = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);

export const OPERATORS: readonly Operator[] = [
  { name: 'is', types: ['boolean', 'integer', 'enum'], operand: 'one', test: (v, o) => v === o },
  { name: 'is-not', types: ['boolean', 'integer', 'enum'], operand: 'one', test: (v, o) => v !== o },
  { name: 'in', types: ['integer', 'enum'], operand: 'list', test: (v, o) => list(o).includes(v) },
  { name: 'not-in', types: ['integer', 'enum'], operand: 'list', test: (v, o) => !list(o).includes(v) },
  { name: 'gte', types: ['integer'], operand: 'one', test: (v, o) => (v as number) >= (o as number) },
  { name: 'gt', types: ['integer'], operand: 'one', test: (v, o) => (v as number) > (o as number) },
  { name: 'lte', types: ['integer'], operand: 'one', test: (v, o) => (v as number) <= (o as number) },
  { name: 'lt', types: ['integer'], operand: 'one', test: (v, o) => (v as number) < (o as number) },
  { name: 'has', types: ['set'], operand: 'one', test: (v, o) => members(v).includes(o) },
  { name: 'lacks', types: ['set'], operand: 'one', test: (v, o) => !members(v).includes(o) },
  { name: 'has-any', types: ['set'], operand: 'list', test: (v, o) => list(o).some((x) => members(v).includes(x)) },
  { name: 'has-all', types: ['set'], operand: 'list', test: (v, o) => list(o).every((x) => members(v).includes(x)) },
  { name: 'size-gte', types: ['set'], operand: 'count', test: (v, o) => members(v).length >= (o as number) },
  { name: 'size-lte', types: ['set'], operand: 'count', test: (v, o) => members(v).length <= (o as number) },
  { name: 'size-is', types: ['set'], operand: 'count', test: (v, o) => members(v).length === (o as number) },
  { name: 'gte-fact', types: ['integer'], operand: 'fact', test: (v, o) => (v as number) >= (o as number) },
  { name: 'gt-fact', types: ['integer'], operand: 'fact', test: (v, o) => (v as number) > (o as number) },
  { name: 'lte-fact', types: ['integer'], operand: 'fact', test: (v, o) => (v as number) <= (o as number) },
  { name: 'lt-fact', types: ['integer'], operand: 'fact', test: (v, o) => (v as number) < (o as number) },
];

/** The operators by name. */
export const OPERATOR: ReadonlyMap<string, Operator> = new Map(OPERATORS.map((op) => [op.name, op]));

/** The operators that compare with another fact (`lte-fact: discharge.info-count`). */
export const FACT_COMPARISONS: readonly string[] = OPERATORS.filter((op) => op.operand === 'fact').map((op) => op.name);

/** The operators a fact of a type takes against a value (not another fact), in table order. */
export function operatorsOf(type: FactType): string[] {
  return OPERATORS.filter((op) => op.types.includes(type) && op.operand !== 'fact').map((op) => op.name);
}
