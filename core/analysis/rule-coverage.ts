// Rule coverage: which behaviours of the rules some scenario pins down, and which none does.
// A behaviour is pinned by a scenario when its result shows it and its `expect` says so: an
// item claimed (listed under `claimable`), refused for one reason (`rejected: { id: reason }`),
// a relation applied within the episode or against an earlier claim, a conditional relation
// left aside (both ends listed as claimable), a limit reached, a raised limit letting a claim
// through. `tariff test --coverage`, the code lens on each item and the report read it.
import { interpret } from './interpreter';
import { logicContext } from './logic/context';
import { revisionsOf, ruleSetSpec, type ItemSpec, type LimitSpec, type RuleSetSpec } from './rule-set-spec';
import { runScenario, scenarioInput } from './scenario';
import { evaluateRules } from '../runtime/evaluate';
import type { EvaluateResult, Reason } from '../runtime/types';
import type { Scope } from '../runtime/relations';
import type { MessageRef } from './types';
import { asArray, asRecord, itemIn, itemTitle, locAt, type ItemDef, type Loc, type ScenarioDef, type Workspace } from '../model/workspace';

/** The four kinds of rule part coverage is counted for, in the order the summary line gives them. */
export const COVERAGE_CATEGORIES = ['items', 'variants', 'relations', 'limits'] as const;
export type CoverageCategory = (typeof COVERAGE_CATEGORIES)[number];

/** What a scenario can pin down, per category (one table: the texts are `coverage.kind.<kind>`). */
export const BEHAVIOUR_KINDS = {
  items: ['claimed', 'not-applicable', 'missing-facts', 'parent-missing', 'not-effective'],
  variants: ['claimed'],
  relations: ['applied', 'earlier-claim', 'not-applied'],
  limits: ['reached', 'raised'],
} as const;
export type BehaviourKind = (typeof BEHAVIOUR_KINDS)[CoverageCategory][number];

export interface CoveredRelation {
  kind: 'excludes' | 'overrides' | 'requires';
  /** For `overrides`, `a` wins; for `requires`, `a` needs `b`. */
  a: string;
  b: string;
  scope?: Scope;
}

export interface Behaviour {
  category: CoverageCategory;
  kind: BehaviourKind;
  revision: string;
  /** The item or variant the behaviour belongs to (a relation's: the one that declares it; a limit's: the one it limits). */
  item: ItemDef;
  relation?: CoveredRelation;
  /** Where an analyst writes what the behaviour comes from. */
  loc: Loc;
  anchor: 'key' | 'value';
  /** The scenarios that pin it, in workspace order. */
  scenarios: ScenarioDef[];
}

export interface CoverageTotal {
  covered: number;
  total: number;
}

export interface CoverageOptions {
  /** The scenarios that count (all by default). */
  scenarios?: (scenario: ScenarioDef) => boolean;
  /** The revisions whose rules are covered (all that have items by default). */
  revisions?: (revision: string) => boolean;
}

/** The behaviours of the revisions' rules with the scenarios that pin each. */
export function ruleCoverage(ws: Workspace, options: CoverageOptions = {}): Behaviour[] {
  const selected = options.scenarios ?? (() => true);
  const behaviours: Behaviour[] = [];
  for (const revision of revisionsOf(ws).filter(options.revisions ?? (() => true))) {
    const table = behaviourTable(ws, revision);
    for (const scenario of ws.scenarios) {
      if (scenario.revision !== revision || scenario.loc.doc.broken || !selected(scenario)) continue;
      const outcome = runScenario(ws, scenario);
      if (outcome && !('errors' in outcome)) pin(table, scenario, outcome);
    }
    behaviours.push(...table.behaviours);
  }
  return behaviours;
}

/** Covered and total behaviours per category. */
export function coverageTotals(behaviours: readonly Behaviour[]): Record<CoverageCategory, CoverageTotal> {
  const totals = Object.fromEntries(COVERAGE_CATEGORIES.map((c) => [c, { covered: 0, total: 0 }])) as Record<
    CoverageCategory,
    CoverageTotal
  >;
  for (const b of behaviours) {
    totals[b.category].total++;
    if (b.scenarios.length > 0) totals[b.category].covered++;
  }
  return totals;
}

/** A percentage rounded down, so that 99.9% is not shown as 100%; nothing to cover is 100%. */
export function coveragePercent(total: CoverageTotal): number {
  return total.total === 0 ? 100 : Math.floor((total.covered * 100) / total.total);
}

/** The behaviours of one revision, found by what a scenario's result says. */
interface BehaviourTable {
  spec: RuleSetSpec;
  behaviours: Behaviour[];
  byKey: Map<string, Behaviour>;
  /** Item and variant ids → the item and, for a variant, the variant. */
  where: Map<string, { item: ItemSpec; variant?: string }>;
  relations: CoveredRelation[];
}

function behaviourTable(ws: Workspace, revision: string): BehaviourTable {
  const spec = ruleSetSpec(ws, revision);
  const table: BehaviourTable = { spec, behaviours: [], byKey: new Map(), where: new Map(), relations: [] };
  const add = (key: string, b: Omit<Behaviour, 'revision' | 'scenarios'>) => {
    const behaviour: Behaviour = { ...b, revision, scenarios: [] };
    table.behaviours.push(behaviour);
    table.byKey.set(key, behaviour);
  };
  const defOf = (id: string) => itemIn(ws, revision, id);
  const limitBehaviours = (owner: ItemDef, limit: LimitSpec | undefined) => {
    if (!limit || !owner.limit) return;
    add(`limits reached ${owner.id}`, { category: 'limits', kind: 'reached', item: owner, loc: owner.limit.loc, anchor: 'key' });
    if (limit.raised)
      add(`limits raised ${owner.id}`, {
        category: 'limits',
        kind: 'raised',
        item: owner,
        loc: locAt(owner.limit.loc, 'raised'),
        anchor: 'key',
      });
  };
  for (const item of spec.items) {
    const def = defOf(item.id);
    if (!def) continue;
    table.where.set(item.id, { item });
    const id = { loc: locAt(def.loc, 'id'), anchor: 'value' as const };
    const condition = def.when ? { loc: locAt(def.loc, 'when'), anchor: 'key' as const } : id;
    const items = (kind: BehaviourKind, at: { loc: Loc; anchor: 'key' | 'value' }) =>
      add(`items ${kind} ${item.id}`, { category: 'items', kind, item: def, ...at });
    items('claimed', id);
    const conditional = item.when !== undefined || (item.variants.length > 0 && item.variants.every((v) => v.when !== undefined));
    if (conditional) items('not-applicable', condition);
    if ([item.when, ...item.variants.map((v) => v.when)].some((w) => w !== undefined && w.facts.length > 0))
      items('missing-facts', condition);
    if (item.parent !== undefined && def.parent) items('parent-missing', { loc: def.parent.loc, anchor: 'value' });
    if (def.effective.from !== undefined || def.effective.to !== undefined)
      items('not-effective', { loc: locAt(def.loc, 'effective'), anchor: 'key' });
    limitBehaviours(def, item.limit);
    for (const variant of item.variants) {
      const vdef = defOf(variant.id);
      if (!vdef) continue;
      table.where.set(variant.id, { item, variant: variant.id });
      add(`variants claimed ${variant.id}`, {
        category: 'variants',
        kind: 'claimed',
        item: vdef,
        loc: locAt(vdef.loc, 'id'),
        anchor: 'value',
      });
      limitBehaviours(vdef, variant.limit);
    }
    for (const required of def.requires) {
      if (!item.requires.includes(required.id)) continue;
      const relation: CoveredRelation = { kind: 'requires', a: item.id, b: required.id };
      table.relations.push(relation);
      add(relationKey('applied', relation), {
        category: 'relations',
        kind: 'applied',
        item: def,
        relation,
        loc: required.loc,
        anchor: 'value',
      });
    }
  }
  for (const group of logicContext(ws).relations()) {
    if (group.revision !== revision) continue;
    for (const r of group.relations) {
      if (!table.where.has(r.a) || !table.where.has(r.b)) continue;
      const site = group.sites[r.declarations[0]!]!;
      const relation: CoveredRelation = { kind: r.kind, a: r.a, b: r.b, scope: r.scope };
      table.relations.push(relation);
      const at = { category: 'relations' as const, item: site.item, relation, loc: site.loc, anchor: 'value' as const };
      add(relationKey('applied', relation), { ...at, kind: 'applied' });
      if (r.scope !== 'claim') add(relationKey('earlier-claim', relation), { ...at, kind: 'earlier-claim' });
      if (r.when !== undefined) add(relationKey('not-applied', relation), { ...at, kind: 'not-applied' });
    }
  }
  return table;
}

function relationKey(kind: BehaviourKind, r: CoveredRelation): string {
  return `relations ${kind} ${r.kind} ${r.a} ${r.b}`;
}

/** Marks what one scenario pins: what its result shows and its `expect` agrees with. */
function pin(table: BehaviourTable, scenario: ScenarioDef, result: EvaluateResult): void {
  const expect = asRecord(scenario.raw.expect);
  if (!expect) return;
  const mark = (key: string) => {
    const behaviour = table.byKey.get(key);
    if (behaviour && behaviour.scenarios.at(-1) !== scenario) behaviour.scenarios.push(scenario);
  };
  const listed = Array.isArray(expect.claimable) ? new Set(asArray(expect.claimable).map(String)) : new Set<string>();
  const claimed = new Set(result.claimable.filter((c) => listed.has(c.id)).map((c) => c.id));
  for (const id of claimed) {
    const at = table.where.get(id);
    if (!at) continue;
    mark(`items claimed ${at.item.id}`);
    if (at.variant) mark(`variants claimed ${at.variant}`);
  }
  const reasons = asRecord(expect.rejected) ?? {};
  for (const r of result.rejected) {
    if ((reasons[r.id] ?? (r.variant !== undefined ? reasons[r.variant] : undefined)) !== r.reason) continue;
    const at = table.where.get(r.id);
    if (!at) continue;
    const ends = [at.item.id, r.variant ?? at.variant].filter((e): e is string => e !== undefined);
    switch (r.reason) {
      case 'parent-missing':
        if (r.by === at.item.parent) mark(`items parent-missing ${at.item.id}`);
        else mark(relationKey('applied', { kind: 'requires', a: at.item.id, b: r.by ?? '' }));
        break;
      case 'limit-reached':
        mark(`limits reached ${limitReached(table, scenario, at.item, ends, r.id)}`);
        break;
      case 'overridden':
      case 'excluded': {
        const winner = table.where.get(r.by ?? '');
        if (!winner) break;
        const others = [winner.item.id, winner.variant ?? r.by].filter((e): e is string => e !== undefined);
        const kind = r.reason === 'overridden' ? 'overrides' : 'excludes';
        const between = (x: string, y: string, rel: CoveredRelation) => ends.includes(x) && others.includes(y) && rel.kind === kind;
        const relation = table.relations.find((rel) => between(rel.b, rel.a, rel) || (kind === 'excludes' && between(rel.a, rel.b, rel)));
        if (relation) mark(relationKey(result.claimable.some((c) => c.id === r.by) ? 'applied' : 'earlier-claim', relation));
        break;
      }
      case 'missing-facts':
        // Unknown facts of the item's own condition, not of a relation's or a raised limit's.
        if ((r.facts ?? []).some((f) => conditionFacts(table, at.item, r.variant ?? at.variant).has(f)))
          mark(`items missing-facts ${at.item.id}`);
        break;
      default:
        mark(`items ${r.reason satisfies Reason} ${at.item.id}`);
    }
  }
  const kept = (end: string) => [...claimed].some((id) => id === end || table.where.get(id)?.item.id === end);
  for (const relation of table.relations)
    if (relation.kind !== 'requires' && kept(relation.a) && kept(relation.b)) mark(relationKey('not-applied', relation));
  raisedLimits(table, scenario, claimed, mark);
}

/**
 * Which limit refused the item: the picked variant's when the item is still refused by a limit
 * without its own (the engine looks at the item's first), else the item's own.
 */
function limitReached(table: BehaviourTable, scenario: ScenarioDef, item: ItemSpec, ends: string[], requested: string): string {
  const variant = ends.find((e) => e !== item.id);
  const variantLimit = variant !== undefined && item.variants.find((v) => v.id === variant)?.limit;
  if (!item.limit || !variantLimit) return item.limit ? item.id : (variant ?? item.id);
  const without = evaluateWith(table, scenario, item, { ...item, limit: undefined });
  return without?.rejected.some((r) => r.id === requested && r.reason === 'limit-reached') ? variant! : item.id;
}

/** The names of the facts the item's condition and its picked variant's (any variant's, none picked) read. */
function conditionFacts(table: BehaviourTable, item: ItemSpec, variant: string | undefined): Set<string> {
  // No variant picked: any variant's condition may be the one that could not be decided.
  const picked = item.variants.find((v) => v.id === variant);
  const conditions = [item.when, ...(picked ? [picked.when] : item.variants.map((v) => v.when))];
  return new Set(conditions.flatMap((c) => c?.facts ?? []).map((f) => table.spec.facts[f]!.name));
}

/** A raised limit is exercised when a claim the scenario pins would be refused without the raise. */
function raisedLimits(table: BehaviourTable, scenario: ScenarioDef, claimed: Set<string>, mark: (key: string) => void): void {
  if (asArray(scenario.raw.history).length === 0) return;
  for (const id of claimed) {
    const at = table.where.get(id);
    if (!at) continue;
    const item = at.item;
    const variant = at.variant !== undefined ? item.variants.find((v) => v.id === at.variant) : undefined;
    const lower = (limit: LimitSpec | undefined) => limit && { times: limit.times, per: limit.per };
    if (item.limit?.raised) {
      const without = evaluateWith(table, scenario, item, { ...item, limit: lower(item.limit) });
      if (without && !without.claimable.some((c) => c.id === id)) mark(`limits raised ${item.id}`);
    }
    if (variant?.limit?.raised) {
      const variants = item.variants.map((v) => (v === variant ? { ...v, limit: lower(v.limit) } : v));
      const without = evaluateWith(table, scenario, item, { ...item, variants });
      if (without && !without.claimable.some((c) => c.id === id)) mark(`limits raised ${variant.id}`);
    }
  }
}

/** The scenario's result under the rules with one item changed. */
function evaluateWith(table: BehaviourTable, scenario: ScenarioDef, item: ItemSpec, changed: ItemSpec): EvaluateResult | undefined {
  const spec = { ...table.spec, items: table.spec.items.map((i) => (i === item ? changed : i)) };
  const outcome = evaluateRules(interpret(spec), scenarioInput(scenario));
  return 'errors' in outcome ? undefined : outcome;
}

/** What a behaviour is about, in the analyst's words: the item, the relation or the limit. */
export function subjectOf(b: Behaviour): MessageRef {
  const r = b.relation;
  if (r?.kind === 'requires') return { id: 'coverage.subject.requires', args: { a: itemTitle(b.item), b: r.b } };
  if (r) return { id: `revisions.relation.${r.kind}`, args: { a: r.a, b: r.b, scope: { terms: [`scope.${r.scope ?? 'claim'}`] } } };
  return { id: b.category === 'limits' ? 'coverage.subject.limit' : 'coverage.subject.item', args: { item: itemTitle(b.item) } };
}

/** The behaviours no scenario pins, grouped by what they are about (in workspace order), each with the kinds left. */
export function uncoveredBySubject(behaviours: readonly Behaviour[]): { first: Behaviour; kinds: BehaviourKind[] }[] {
  const groups = new Map<string, { first: Behaviour; kinds: BehaviourKind[] }>();
  for (const b of behaviours) {
    if (b.scenarios.length > 0) continue;
    const key = `${b.revision} ${b.category === 'variants' ? 'items' : b.category} ${b.item.id} ${b.relation ? relationKey('applied', b.relation) : ''}`;
    const group = groups.get(key);
    if (group) group.kinds.push(b.kind);
    else groups.set(key, { first: b, kinds: [b.kind] });
  }
  return [...groups.values()];
}
