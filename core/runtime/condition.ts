// The reference semantics of conditions: three-valued (Kleene) logic over the facts a caller
// gives. A fact that is missing (and has no default) is unknown; `all` is false if any part
// is false, `any` true if any part is true, `not` of unknown is unknown.

import { OPERATOR } from '../model/operators';

export type Truth = true | false | 'unknown';
export type FactValues = Readonly<Record<string, unknown>>;

/**
 * Evaluates a written condition (atom, all/any/not, or list) against the given facts. A part
 * that is not a condition at all (a schema error, or nesting past the depth limit, which the
 * parser reads as null) is unknown: the live rules of a workspace with errors still run.
 */
export function evaluateCondition(cond: unknown, facts: FactValues): Truth {
  if (Array.isArray(cond)) return all(cond.map((c) => evaluateCondition(c, facts)));
  if (cond === null || typeof cond !== 'object') return 'unknown';
  const record = cond as Record<string, unknown>;
  if ('all' in record) return Array.isArray(record.all) ? all(record.all.map((c) => evaluateCondition(c, facts))) : 'unknown';
  if ('any' in record) return Array.isArray(record.any) ? any(record.any.map((c) => evaluateCondition(c, facts))) : 'unknown';
  if ('not' in record) {
    const inner = evaluateCondition(record.not, facts);
    return inner === 'unknown' ? 'unknown' : !inner;
  }
  const name = record.fact as string;
  const operator = Object.keys(record).find((k) => k !== 'fact')!;
  const operand = record[operator];
  if (!Object.prototype.hasOwnProperty.call(facts, name) || facts[name] === undefined) return 'unknown';
  const value = facts[name];
  const op = OPERATOR.get(operator);
  // Callers validate conditions first; an operator that is none is no fault of the facts.
  if (!op) return false;
  if (op.operand === 'fact') {
    const other = facts[operand as string];
    return other === undefined ? 'unknown' : op.test(value, other);
  }
  return op.test(value, operand);
}

function all(parts: Truth[]): Truth {
  if (parts.includes(false)) return false;
  return parts.includes('unknown') ? 'unknown' : true;
}

function any(parts: Truth[]): Truth {
  if (parts.includes(true)) return true;
  return parts.includes('unknown') ? 'unknown' : false;
}
