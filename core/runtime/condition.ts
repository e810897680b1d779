// The reference semantics of conditions: three-valued (Kleene) logic over the facts a caller
// gives. A fact that is missing (and has no default) is unknown; `all` is false if any part
// is false, `any` true if any part is true, `not` of unknown is unknown.

import { holds, OPERATOR } from '../model/operators';

export type Truth = true | false | 'unknown';

/**
 * What the semantics reads of a condition: a tree built from a rule file (`model/condition.ts`)
 * or one a compiled module holds as data (its world constraints).
 */
export type ConditionData =
  | { kind: 'atom'; fact: string; op: string | undefined; value: unknown }
  | { kind: 'all' | 'any' | 'malformed'; parts: readonly ConditionData[] }
  | { kind: 'not'; part: ConditionData };
export type FactValues = Readonly<Record<string, unknown>>;

/**
 * Evaluates a condition (its tree: atom, all/any/not) against the given facts. A part that
 * is not a condition at all (a schema error, or nesting past the depth limit, which the
 * parser reads as null) is unknown: the live rules of a workspace with errors still run.
 */
export function evaluateCondition(cond: ConditionData, facts: FactValues): Truth {
  switch (cond.kind) {
    case 'all':
      return all(cond.parts.map((c) => evaluateCondition(c, facts)));
    case 'any':
      return any(cond.parts.map((c) => evaluateCondition(c, facts)));
    case 'not': {
      const inner = evaluateCondition(cond.part, facts);
      return inner === 'unknown' ? 'unknown' : !inner;
    }
    case 'malformed':
      return 'unknown';
  }
  if (!Object.prototype.hasOwnProperty.call(facts, cond.fact) || facts[cond.fact] === undefined) return 'unknown';
  const value = facts[cond.fact];
  const op = cond.op === undefined ? undefined : OPERATOR.get(cond.op);
  // Callers validate conditions first; an operator that is none is no fault of the facts.
  if (!op) return false;
  if (op.operand === 'fact') {
    const other = facts[cond.value as string];
    return other === undefined ? 'unknown' : holds(op, value, other);
  }
  return holds(op, value, cond.value);
}

function all(parts: Truth[]): Truth {
  if (parts.includes(false)) return false;
  return parts.includes('unknown') ? 'unknown' : true;
}

function any(parts: Truth[]): Truth {
  if (parts.includes(true)) return true;
  return parts.includes('unknown') ? 'unknown' : false;
}
