// Lists every place in the workspace where a condition is written, so that the fact checks
// see every atom exactly once, and walks them with each atom's place in the file.
import { focusedItems, inFocus, type Focus } from './focus';
import { forEachAtomOf, placeOf, type Condition } from '../model/condition';
import type { ConstraintDef, ItemDef, Loc, Workspace } from '../model/workspace';
import { onPhase } from '../model/phases';

/** One `{ fact, operator: value }` atom as written, and where. */
export interface AtomSite {
  fact: string;
  operator: string | undefined;
  value: unknown;
  loc: Loc;
}

/** Where a condition is written: an item's rule or a world constraint. */
export interface ConditionSite {
  cond: Condition;
  loc: Loc;
  kind: 'rule' | 'constraint';
  item?: ItemDef;
}

/** Calls `visit` for every atom of a written condition, in document order. */
export function forEachAtom(site: { cond: Condition; loc: Loc }, visit: (atom: AtomSite) => void): void {
  forEachAtomOf(site.cond, (atom) => visit({ fact: atom.fact, operator: atom.op, value: atom.value, loc: placeOf(site.loc, atom) }));
}

/**
 * Calls `visit` for every atom of every condition of the workspace (`conditionSites`), except
 * in conditions where the same check found nothing before under the same facts: `findings`
 * is the check's list, so a condition that added none is remembered (by its tree, which an
 * edit elsewhere leaves as it was) and an edit re-walks only the conditions it changed.
 */
export function forEachAtomOfWorkspace(
  ws: Workspace,
  check: string,
  findings: readonly unknown[],
  visit: (atom: AtomSite) => void,
  focus?: Focus,
): void {
  const clean = cleanConditions(ws, check);
  const sites = focus
    ? sitesOf(
        focusedItems(ws, focus),
        ws.constraints.filter((constraint) => inFocus(focus, constraint.loc.file)),
      )
    : conditionSites(ws);
  for (const site of sites) {
    if (clean.has(site.cond)) continue;
    const before = findings.length;
    forEachAtom(site, visit);
    if (findings.length === before) clean.add(site.cond);
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
const factsKey = onPhase({ phase: 'modelled', keeps: 'a key of the declared facts' }, (ws: Workspace) =>
  JSON.stringify(
    [...ws.facts].map(([name, defs]) => [name, defs.length, defs[0]?.raw]),
    (_key, value: unknown) => (typeof value === 'number' && !Number.isFinite(value) ? String(value) : value),
  ),
);

/** Every condition of the workspace: item and variant `when`, raised limits, relations, constraints (listed once per model). */
export const conditionSites = onPhase(
  { phase: 'modelled', keeps: 'every condition of the workspace' },
  (ws: Workspace): readonly ConditionSite[] => sitesOf(ws.items, ws.constraints),
);

function sitesOf(items: readonly ItemDef[], constraints: readonly ConstraintDef[]): ConditionSite[] {
  const sites: ConditionSite[] = [];
  for (const item of items) for (const at of item.conditions) sites.push({ cond: at.cond, loc: at.loc, kind: 'rule', item });
  for (const constraint of constraints) sites.push({ cond: constraint.cond, loc: constraint.loc, kind: 'constraint' });
  return sites;
}
