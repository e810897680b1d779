// The rule set of one revision as plain data, built from the workspace model: items in
// workspace order with merged citations and effective periods, variants, limits, and the
// relations settled by the shared exclusivity model. The compiler turns it into TypeScript;
// the interpreter turns it into a live rule set for the language server and the CLI.
import { effectivePeriods } from './effective';
import { factNamesOf, forEachAtomOf, type Condition } from '../model/condition';
import { OPERATOR } from '../model/operators';
import type { LimitDef } from '../model/item';
import { logicContext } from './logic/context';
import { AMOUNT_FIELD } from './types';
import type { Workspace } from '../model/workspace';
import type { FactSpec, LimitOf, RuleItemOf, RuleRelationOf } from '../runtime/types';

/** A condition, with the indices of the facts it reads. */
export interface ConditionSpec {
  cond: Condition;
  facts: number[];
}

export type LimitSpec = LimitOf<ConditionSpec>;
export type ItemSpec = RuleItemOf<ConditionSpec>;
export type RelationSpec = RuleRelationOf<ConditionSpec>;

export interface RuleSetSpec {
  revision: string;
  /** The world constraints (facts.yaml) that could be read, as condition trees. */
  constraints: Condition[];
  /** The vocabulary, the facts the revision's conditions read first (see `slots`). */
  facts: FactSpec[];
  /** How many of `facts` the conditions read: only these are kept in the engine's fact vector. */
  slots: number;
  items: ItemSpec[];
  relations: RelationSpec[];
}

/** The revisions that have items, in id order. */
export function revisionsOf(ws: Workspace): string[] {
  return [...new Set(ws.tariffs.map((t) => t.revision).filter((r): r is string => r !== undefined && ws.revisions.has(r)))].sort();
}

/** The rule set of one revision. Parts that cannot be used (no amount, no date) are left out. */
export function ruleSetSpec(ws: Workspace, revision: string): RuleSetSpec {
  const facts = factSpecs(ws);
  const factIndex = new Map(facts.map((f, i) => [f.name, i]));
  const periods = effectivePeriods(ws);
  const condition = (cond: Condition): ConditionSpec => ({ cond, facts: factsRead(cond, factIndex) });
  const limitOf = (limit: LimitDef | undefined): LimitSpec | undefined =>
    limit && {
      times: limit.times,
      per: limit.per,
      ...(limit.raised ? { raised: { times: limit.raised.times, when: condition(limit.raised.when.cond) } } : {}),
    };
  const items: ItemSpec[] = [];
  for (const item of ws.items) {
    // An abolished id only ends the earlier definitions: it is never a candidate.
    if (item.owner || item.tariff.revision !== revision || !item.tariff.scheme || item.abolished) continue;
    const from = periods.get(item)?.from;
    if (from === undefined) continue;
    const to = periods.get(item)?.to;
    const limit = limitOf(item.limit);
    items.push({
      id: item.id,
      name: item.name ?? item.id,
      order: items.length,
      unit: AMOUNT_FIELD[item.tariff.scheme],
      amount: item.amount?.value ?? 0,
      ...(item.claimant !== undefined ? { claimant: item.claimant } : {}),
      ...(item.parent !== undefined ? { parent: item.parent.id } : {}),
      requires: item.requires.map((r) => r.id),
      ...(item.when ? { when: condition(item.when.cond) } : {}),
      pick: item.pick,
      variants: item.variants.map((v) => {
        const variantLimit = limitOf(v.limit);
        return {
          id: v.id,
          name: v.name ?? v.id,
          amount: v.amount?.value ?? 0,
          ...(v.when ? { when: condition(v.when.cond) } : {}),
          ...(variantLimit ? { limit: variantLimit } : {}),
          source: v.citation,
        };
      }),
      ...(limit ? { limit } : {}),
      effective: to !== undefined ? { from, to } : { from },
      source: item.citation,
    });
  }
  const known = new Set(items.flatMap((i) => [i.id, ...i.variants.map((v) => v.id)]));
  const relations: RelationSpec[] = [];
  for (const group of logicContext(ws).relations()) {
    if (group.revision !== revision) continue;
    for (const r of group.relations) {
      if (!known.has(r.a) || !known.has(r.b)) continue;
      const declaredBy = group.sites[r.declarations[0]!]!.item;
      relations.push({
        kind: r.kind,
        a: r.a,
        b: r.b,
        scope: r.scope,
        ...(r.when !== undefined ? { when: condition(r.when) } : {}),
        source: declaredBy.citation,
      });
    }
  }
  const constraints = ws.constraints.map((c) => c.cond);
  return readFirst({
    revision,
    facts: withProbes(facts, [...conditionsOf(items, relations).map((c) => c.cond), ...constraints]),
    slots: facts.length,
    items,
    relations,
    constraints,
  });
}

/** Every condition of a rule set: items', variants', raised limits' and relations'. */
function conditionsOf(items: readonly ItemSpec[], relations: readonly RelationSpec[]): ConditionSpec[] {
  return [
    ...items.flatMap((item) => [item.when, item.limit?.raised?.when, ...item.variants.flatMap((v) => [v.when, v.limit?.raised?.when])]),
    ...relations.map((r) => r.when),
  ].filter((c): c is ConditionSpec => c !== undefined);
}

/** Each integer fact with the values the conditions compare it with, and one either side (see `FactSpec.probes`). */
function withProbes(facts: FactSpec[], conditions: readonly Condition[]): FactSpec[] {
  const probes = new Map<string, Set<number>>();
  for (const cond of conditions)
    forEachAtomOf(cond, (atom) => {
      const values = (Array.isArray(atom.value) ? atom.value : [atom.value]).filter((v): v is number => typeof v === 'number');
      if (values.length === 0 || (atom.op !== undefined && OPERATOR.get(atom.op)?.operand === 'count')) return;
      const set = probes.get(atom.fact) ?? new Set<number>();
      for (const v of values) for (const n of [v - 1, v, v + 1]) set.add(n);
      probes.set(atom.fact, set);
    });
  return facts.map((f) => {
    const found = f.type === 'integer' ? probes.get(f.name) : undefined;
    return found ? { ...f, probes: [...found].sort((a, b) => a - b) } : f;
  });
}

/**
 * The same rule set with the facts its conditions read moved to the front (each group in
 * vocabulary order): the engine copies and fills a fact vector for every evaluation, and a
 * revision reads a few of the vocabulary's facts; the others are checked but not kept.
 */
function readFirst(spec: RuleSetSpec): RuleSetSpec {
  const conditions = conditionsOf(spec.items, spec.relations);
  const read = new Set(conditions.flatMap((c) => c.facts));
  const order = [...spec.facts.keys()].sort((a, b) => Number(read.has(b)) - Number(read.has(a)) || a - b);
  const position = new Map(order.map((old, now) => [old, now]));
  // The conditions were made for this spec alone: each is renumbered in place, once.
  for (const c of new Set(conditions)) c.facts = c.facts.map((f) => position.get(f)!).sort((a, b) => a - b);
  return { ...spec, facts: order.map((i) => spec.facts[i]!), slots: read.size };
}

function factSpecs(ws: Workspace): FactSpec[] {
  const specs: FactSpec[] = [];
  for (const [name, defs] of ws.facts) {
    const def = defs[0]!;
    if (!def.type) continue;
    const spec: FactSpec = { name, type: def.type };
    if (def.type === 'enum' || def.type === 'set') spec.values = def.values;
    if (def.min !== undefined) spec.min = def.min;
    if (def.max !== undefined) spec.max = def.max;
    if (def.default !== undefined) spec.default = def.default as FactSpec['default'];
    specs.push(spec);
  }
  return specs;
}

function factsRead(cond: Condition, index: Map<string, number>): number[] {
  const found = new Set<number>();
  for (const name of factNamesOf(cond)) {
    const i = index.get(name);
    if (i !== undefined) found.add(i);
  }
  return [...found].sort((a, b) => a - b);
}
