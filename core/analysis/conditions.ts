// Walks the condition language (atoms, all/any/not, lists) and lists every place in the
// workspace where a condition is written, so that fact checks see every atom exactly once.
import { asArray, asRecord, locAt, type ItemDef, type Loc, type Workspace } from './workspace';
import { FACT_COMPARISONS } from '../model/operators';

/** One `{ fact, operator: value }` atom as written. */
export interface AtomSite {
  fact: string;
  operator: string | undefined;
  value: unknown;
  loc: Loc;
}

/** Where a condition is written: an item's rule or a world constraint. */
export interface ConditionSite {
  value: unknown;
  loc: Loc;
  kind: 'rule' | 'constraint';
  item?: ItemDef;
}

/** The operators that compare with another fact (from the operators table). */
export const FACT_COMPARISON_OPERATORS = FACT_COMPARISONS;

/** Calls `visit` for every atom of a condition, in document order; ignores malformed parts. */
export function forEachAtom(value: unknown, loc: Loc, visit: (atom: AtomSite) => void): void {
  if (Array.isArray(value)) {
    value.forEach((part, i) => forEachAtom(part, locAt(loc, i), visit));
    return;
  }
  const record = asRecord(value);
  if (!record) return;
  if (typeof record.fact === 'string') {
    const operator = Object.keys(record).find((key) => key !== 'fact');
    visit({ fact: record.fact, operator, value: operator === undefined ? undefined : record[operator], loc });
    return;
  }
  for (const key of ['all', 'any'] as const) {
    asArray(record[key]).forEach((part, i) => forEachAtom(part, locAt(loc, key, i), visit));
  }
  if ('not' in record) forEachAtom(record.not, locAt(loc, 'not'), visit);
}

/** The facts a condition reads (including the other side of `*-fact` comparisons), in order of appearance. */
export function factNamesOf(value: unknown): string[] {
  const names: string[] = [];
  const walk = (part: unknown): void => {
    if (Array.isArray(part)) return part.forEach(walk);
    const record = asRecord(part);
    if (!record) return;
    if (typeof record.fact === 'string') {
      names.push(record.fact);
      for (const op of FACT_COMPARISON_OPERATORS) if (typeof record[op] === 'string') names.push(record[op] as string);
      return;
    }
    asArray(record.all).forEach(walk);
    asArray(record.any).forEach(walk);
    if ('not' in record) walk(record.not);
  };
  walk(value);
  return names;
}

/**
 * Calls `visit` for every atom of every condition of the workspace (`conditionSites`), except
 * in conditions where the same check found nothing before under the same facts: `findings`
 * is the check's list, so a condition that added none is remembered (by the object the
 * parser produced, which an edit elsewhere leaves as it was) and an edit re-walks only the
 * conditions it changed.
 */
export function forEachAtomOfWorkspace(ws: Workspace, check: string, findings: readonly unknown[], visit: (atom: AtomSite) => void): void {
  const clean = cleanConditions(ws, check);
  for (const site of conditionSites(ws)) {
    const value = site.value;
    const remembered = typeof value === 'object' && value !== null;
    if (remembered && clean.has(value)) continue;
    const before = findings.length;
    forEachAtom(value, site.loc, visit);
    if (remembered && findings.length === before) clean.add(value);
  }
}

/** The conditions a check found clean, per check and declared facts (the few most recent). */
function cleanConditions(ws: Workspace, check: string): WeakSet<object> {
  const key = `${check}\u0000${factsKey(ws)}`;
  let set = cleanMemory.get(key);
  if (set) cleanMemory.delete(key);
  else if (cleanMemory.size >= 8) cleanMemory.delete(cleanMemory.keys().next().value!);
  cleanMemory.set(key, (set ??= new WeakSet()));
  return set;
}

const cleanMemory = new Map<string, WeakSet<object>>();

/** Everything about the declared facts that a check of an atom can depend on. */
function factsKey(ws: Workspace): string {
  let key = factsKeys.get(ws);
  if (key === undefined) {
    key = JSON.stringify(
      [...ws.facts].map(([name, defs]) => [name, defs.length, defs[0]?.raw]),
      (_key, value: unknown) => (typeof value === 'number' && !Number.isFinite(value) ? String(value) : value),
    );
    factsKeys.set(ws, key);
  }
  return key;
}

const factsKeys = new WeakMap<Workspace, string>();

/** Every condition of the workspace: item and variant `when`, raised limits, relations, constraints. */
export function conditionSites(ws: Workspace): ConditionSite[] {
  const sites: ConditionSite[] = [];
  for (const item of ws.items) {
    if ('when' in item.raw) sites.push({ value: item.raw.when, loc: locAt(item.loc, 'when'), kind: 'rule', item });
    const raised = asRecord(asRecord(item.raw.limit)?.raised);
    if (raised && 'when' in raised) sites.push({ value: raised.when, loc: locAt(item.loc, 'limit', 'raised', 'when'), kind: 'rule', item });
    for (const relation of ['excludes', 'overrides'] as const) {
      asArray(item.raw[relation]).forEach((entry, i) => {
        const record = asRecord(entry);
        if (record && 'when' in record) sites.push({ value: record.when, loc: locAt(item.loc, relation, i, 'when'), kind: 'rule', item });
      });
    }
  }
  for (const constraint of ws.constraints) sites.push({ value: constraint.value, loc: constraint.loc, kind: 'constraint' });
  return sites;
}
