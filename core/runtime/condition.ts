// The reference semantics of conditions: three-valued (Kleene) logic over the facts a caller
// gives. A fact that is missing (and has no default) is unknown; `all` is false if any part
// is false, `any` true if any part is true, `not` of unknown is unknown.

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
  if (operator.endsWith('-fact')) {
    const other = facts[operand as string];
    if (other === undefined) return 'unknown';
    return compare(operator.slice(0, -5), value as number, other as number);
  }
  return atom(operator, value, operand);
}

function all(parts: Truth[]): Truth {
  if (parts.includes(false)) return false;
  return parts.includes('unknown') ? 'unknown' : true;
}

function any(parts: Truth[]): Truth {
  if (parts.includes(true)) return true;
  return parts.includes('unknown') ? 'unknown' : false;
}

function compare(operator: string, a: number, b: number): boolean {
  switch (operator) {
    case 'gte':
      return a >= b;
    case 'gt':
      return a > b;
    case 'lte':
      return a <= b;
    default:
      return a < b;
  }
}

function atom(operator: string, value: unknown, operand: unknown): boolean {
  // Callers validate facts first; these guards only keep a stray value from throwing.
  const list = Array.isArray(operand) ? operand : [];
  const members = Array.isArray(value) ? value : [];
  switch (operator) {
    case 'is':
      return value === operand;
    case 'is-not':
      return value !== operand;
    case 'in':
      return list.includes(value);
    case 'not-in':
      return !list.includes(value);
    case 'gte':
    case 'gt':
    case 'lte':
    case 'lt':
      return compare(operator, value as number, operand as number);
    case 'has':
      return members.includes(operand);
    case 'lacks':
      return !members.includes(operand);
    case 'has-any':
      return list.some((v) => members.includes(v));
    case 'has-all':
      return list.every((v) => members.includes(v));
    case 'size-gte':
      return members.length >= (operand as number);
    case 'size-lte':
      return members.length <= (operand as number);
    case 'size-is':
      return members.length === (operand as number);
    default:
      return false;
  }
}
