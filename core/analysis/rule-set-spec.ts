// The rule set of one revision as plain data, built from the workspace model: items in
// workspace order with merged citations and effective periods, variants, limits, and the
// relations settled by the shared exclusivity model. The compiler turns it into TypeScript;
// the interpreter turns it into a live rule set for the language server and the CLI.
import { effectivePeriods } from './effective';
import { factNamesOf } from './conditions';
import { logicContext } from './logic/context';
import { AMOUNT_FIELD } from './types';
import { asArray, asRecord, asString, type ItemDef, type Workspace } from './workspace';
import type { FactSpec, LimitOf, Per, RuleItemOf, RuleRelationOf, Source } from '../runtime/types';

/** A condition as written, with the indices of the facts it reads. */
export interface ConditionSpec {
  cond: unknown;
  facts: number[];
}

export type LimitSpec = LimitOf<ConditionSpec>;
export type ItemSpec = RuleItemOf<ConditionSpec>;
export type RelationSpec = RuleRelationOf<ConditionSpec>;

export interface RuleSetSpec {
  revision: string;
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
  const condition = (cond: unknown): ConditionSpec => ({ cond, facts: factsRead(cond, factIndex) });
  const limitOf = (raw: unknown): LimitSpec | undefined => {
    const limit = asRecord(raw);
    if (!limit || typeof limit.times !== 'number' || typeof limit.per !== 'string') return undefined;
    const raised = asRecord(limit.raised);
    return {
      times: limit.times,
      per: limit.per as Per,
      ...(raised && typeof raised.times === 'number' && 'when' in raised
        ? { raised: { times: raised.times, when: condition(raised.when) } }
        : {}),
    };
  };
  const items: ItemSpec[] = [];
  for (const item of ws.items) {
    // An abolished id only ends the earlier definitions: it is never a candidate.
    if (item.owner || item.tariff.revision !== revision || !item.tariff.scheme || item.raw.abolished === true) continue;
    const unit = AMOUNT_FIELD[item.tariff.scheme];
    const from = periods.get(item)?.from;
    if (from === undefined) continue;
    const to = periods.get(item)?.to;
    const source = sourceOf(item);
    const parent = asString(item.raw['addition-to']);
    const claimant = asString(item.raw.claimant);
    const limit = limitOf(item.raw.limit);
    items.push({
      id: item.id,
      name: item.name ?? item.id,
      order: items.length,
      unit,
      amount: typeof item.raw[unit] === 'number' ? (item.raw[unit] as number) : 0,
      ...(claimant !== undefined ? { claimant } : {}),
      ...(parent !== undefined ? { parent } : {}),
      requires: asArray(item.raw.requires).filter((r): r is string => typeof r === 'string'),
      ...('when' in item.raw ? { when: condition(item.raw.when) } : {}),
      pick: asRecord(item.raw.variants)?.pick === 'first' ? 'first' : 'unique',
      variants: item.variants.map((v) => {
        const variantLimit = limitOf(v.raw.limit);
        return {
          id: v.id,
          name: v.name ?? v.id,
          amount: typeof v.raw[unit] === 'number' ? (v.raw[unit] as number) : 0,
          ...('when' in v.raw ? { when: condition(v.raw.when) } : {}),
          ...(variantLimit ? { limit: variantLimit } : {}),
          source: sourceOf(v),
        };
      }),
      ...(limit ? { limit } : {}),
      effective: to !== undefined ? { from, to } : { from },
      source,
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
        source: sourceOf(declaredBy),
      });
    }
  }
  return readFirst({ revision, facts, slots: facts.length, items, relations });
}

/**
 * The same rule set with the facts its conditions read moved to the front (each group in
 * vocabulary order): the engine copies and fills a fact vector for every evaluation, and a
 * revision reads a few of the vocabulary's facts; the others are checked but not kept.
 */
function readFirst(spec: RuleSetSpec): RuleSetSpec {
  const conditions = [
    ...spec.items.flatMap((item) => [
      item.when,
      item.limit?.raised?.when,
      ...item.variants.flatMap((v) => [v.when, v.limit?.raised?.when]),
    ]),
    ...spec.relations.map((r) => r.when),
  ].filter((c): c is ConditionSpec => c !== undefined);
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
    const fallback = def.raw.default;
    if (fallback !== undefined && fallback !== null) spec.default = fallback as FactSpec['default'];
    specs.push(spec);
  }
  return specs;
}

/** The citation of an item or variant: the file's, then the item's, then the variant's own. */
function sourceOf(item: ItemDef): Source {
  const fileSource = asRecord(asRecord(item.tariff.doc.value)?.source) ?? {};
  const merged = {
    ...pickSource(fileSource),
    ...(item.owner ? pickSource(asRecord(item.owner.raw.source) ?? {}) : {}),
    ...pickSource(asRecord(item.raw.source) ?? {}),
  };
  return merged;
}

function pickSource(raw: Record<string, unknown>): Source {
  const out: Source = {};
  for (const key of ['doc', 'clause', 'url', 'quote'] as const) if (typeof raw[key] === 'string') out[key] = raw[key] as string;
  return out;
}

function factsRead(cond: unknown, index: Map<string, number>): number[] {
  const found = new Set<number>();
  for (const name of factNamesOf(cond)) {
    const i = index.get(name);
    if (i !== undefined) found.add(i);
  }
  return [...found].sort((a, b) => a - b);
}
