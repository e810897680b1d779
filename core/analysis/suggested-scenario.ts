// A scenario that tells a rule set from one of its mutants: the decision procedure finds a
// minimal situation where the changed part makes a difference (where a changed condition holds
// on one side only; where both ends of a relation apply; where an item applies and its limit
// is what decides), and the episode around it places earlier claims in the window the change
// is about. Its expectation is what the rules give now, marked for the analyst to confirm
// against the official text; it is offered only when the mutant does give another result.
import { Document, visit, isMap, isPair, isScalar } from 'yaml';
import { interpret } from './interpreter';
import { and, not, or, TRUE, xor, type Formula } from './logic/formula';
import { logicContext, type LogicContext } from './logic/context';
import { STRICT, toFormula } from './logic/vocabulary';
import { solve } from './logic/solver';
import { givenVocabulary, truthOf } from './logic/three-valued';
import type { FactValue } from './logic/solver';
import { applyChange, type Change, type ConditionOwner, type Mutant } from './mutants';
import type { ItemSpec, LimitSpec, RuleSetSpec } from './rule-set-spec';
import { evaluateRules } from '../runtime/evaluate';
import { addDays } from '../runtime/dates';
import type { Condition } from '../model/condition';
import { UNITS, type EvaluateInput, type EvaluateResult, type HistoryClaim, type Per, type Reason } from '../runtime/types';
import type { Workspace } from '../model/workspace';

export interface SuggestedScenario {
  input: EvaluateInput;
  expect: ScenarioExpectation;
}

/** What a scenario file's `expect` says, as plain data. */
export interface ScenarioExpectation {
  claimable: string[];
  rejected: Record<string, Reason>;
  total: Partial<Record<'points' | 'units' | 'yen', number>>;
}

/** A scenario the rules pass and the mutant fails, or undefined when none is found. */
export function suggestScenario(ws: Workspace, spec: RuleSetSpec, mutant: Mutant): SuggestedScenario | undefined {
  const ctx = logicContext(ws);
  const episode = episodeFor(ctx, spec, mutant.change);
  if (!episode) return undefined;
  const original = evaluated(spec, episode);
  const changed = evaluated(applyChange(spec, mutant.change), episode);
  if (!original) return undefined;
  const expect = expectationOf(original);
  return !changed || !meets(changed, expect) ? { input: episode, expect } : undefined;
}

/** The scenario as a file: a comment and a description saying it is to be confirmed, then the episode and its expectation. */
export function scenarioText(suggested: SuggestedScenario, texts: { name: string; description: string; comment: string }): string {
  const { input, expect } = suggested;
  const data = {
    scenario: texts.name,
    description: texts.description,
    revision: input.revision,
    date: input.date,
    ...(input.admission ? { admission: input.admission } : {}),
    facts: input.facts,
    ...(input.history && input.history.length > 0 ? { history: input.history } : {}),
    request: input.request,
    expect: {
      claimable: expect.claimable,
      ...(Object.keys(expect.rejected).length > 0 ? { rejected: expect.rejected } : {}),
      ...(Object.keys(expect.total).length > 0 ? { total: expect.total } : {}),
    },
  };
  const doc = new Document(data);
  // Short lists and mappings on one line, as the bundled scenarios are written.
  visit(doc, {
    Seq: (_key, node) => void (node.flow = true),
    Map: (_key, node, path) => {
      const parent = path.at(-1);
      const key = isPair(parent) && isScalar(parent.key) ? parent.key.value : undefined;
      if (key !== 'facts' && key !== 'expect' && path.length > 1 && isMap(node)) node.flow = true;
    },
  });
  const comment = texts.comment
    .split('\n')
    .map((line) => `# ${line}`)
    .join('\n');
  return `${comment}\n${doc.toString({ lineWidth: 0, flowCollectionPadding: false })}`;
}

/** Whether a result meets an expectation, as `tariff test` compares them. */
function meets(result: EvaluateResult, expect: ScenarioExpectation): boolean {
  const got = result.claimable.map((c) => c.id).sort();
  if (got.join('\u0000') !== [...expect.claimable].sort().join('\u0000')) return false;
  for (const [id, reason] of Object.entries(expect.rejected))
    if (result.rejected.find((r) => r.id === id || r.variant === id)?.reason !== reason) return false;
  return Object.entries(expect.total).every(([unit, amount]) => result.total[unit as keyof typeof result.total] === amount);
}

function evaluated(spec: RuleSetSpec, input: EvaluateInput): EvaluateResult | undefined {
  const outcome = evaluateRules(interpret(spec), input);
  return 'errors' in outcome ? undefined : outcome;
}

function expectationOf(result: EvaluateResult): ScenarioExpectation {
  const total: ScenarioExpectation['total'] = {};
  for (const unit of UNITS) if (result.total[unit] !== 0) total[unit] = result.total[unit];
  return {
    claimable: result.claimable.map((c) => c.id),
    rejected: Object.fromEntries(result.rejected.map((r) => [r.id, r.reason])),
    total,
  };
}

/** The windows of earlier claims, narrowest first (each holds the one before). */
type Window = 'claim' | 'day' | 'month' | 'admission';

/**
 * Where a changed condition decides the outcome of the episode a suggestion builds (all facts
 * given): an item's own condition where one of its variants applies, a variant's where its
 * item's own condition holds and no earlier variant applies (the core picks it then). A raised
 * limit's and a relation's condition anywhere. Undefined when a part cannot be analysed.
 */
function whereConditionTells(ctx: LogicContext, spec: RuleSetSpec, owner: ConditionOwner): Formula[] | undefined {
  if (owner.kind !== 'when') return [];
  const def = ctx.lookup(spec.revision, owner.id);
  if (!def) return undefined;
  let parts: (Formula | undefined)[];
  if (def.owner) {
    const earlier = def.owner.variants.slice(0, def.owner.variants.indexOf(def)).map((v) => ctx.own(v));
    parts = [ctx.own(def.owner), ...earlier.map((f) => f && not(f, ctx.vocab))];
  } else {
    const variants = def.variants.map((v) => ctx.own(v));
    parts = variants.length === 0 ? [] : [variants.every((f) => f) ? or(...(variants as Formula[])) : undefined];
  }
  return parts.every((p) => p !== undefined) ? (parts as Formula[]) : undefined;
}

/**
 * What makes the suggested episode say more, where it can hold: the parent of an item whose
 * condition changed claimable, both ends of a relation, the item of a raised limit.
 */
function telling(ctx: LogicContext, spec: RuleSetSpec, owner: ConditionOwner): (Formula | undefined)[] {
  const claimable = claimableWhen(ctx, spec.revision);
  if (owner.kind === 'relation') return [claimable(spec.relations[owner.index]!.a), claimable(spec.relations[owner.index]!.b)];
  if (owner.kind === 'raised') return [claimable(owner.id)];
  const parent = ctx.lookup(spec.revision, owner.id)?.parent;
  return parent ? [claimable(parent.id)] : [];
}

/** When an item (some variant of it picked) or a variant can be claimed, by id. */
function claimableWhen(ctx: LogicContext, revision: string): (id: string) => Formula | undefined {
  return (id) => {
    const def = ctx.lookup(revision, id);
    if (!def) return undefined;
    if (def.owner) return ctx.picked(def);
    if (def.variants.length === 0) return ctx.applies(def);
    const picks = def.variants.map((v) => ctx.picked(v));
    return picks.every((p) => p !== undefined) ? or(...(picks as Formula[])) : undefined;
  };
}

/** The episode in which the change can make a difference, or undefined when the procedure finds no situation. */
function episodeFor(ctx: LogicContext, spec: RuleSetSpec, change: Change): EvaluateInput | undefined {
  const itemOf = (id: string) => spec.items.find((i) => i.id === id || i.variants.some((v) => v.id === id));
  const claimable = claimableWhen(ctx, spec.revision);
  const formula = (cond: Condition | undefined): Formula | undefined => (cond === undefined ? TRUE : toFormula(ctx.vocab, cond, STRICT));
  const differs = (before: Condition, after: Condition | undefined): Formula | undefined => {
    const [b, a] = [formula(before), formula(after)];
    return b && a && xor(b, a, ctx.vocab);
  };
  let situation: (Formula | undefined)[];
  let request: string[];
  let history: (dates: Dates) => HistoryClaim[] = () => [];
  /** What the episode should also hold if it can (see `telling`). */
  let more: (Formula | undefined)[] = [];
  switch (change.kind) {
    case 'condition': {
      const owner = change.owner;
      situation = [...(whereConditionTells(ctx, spec, owner) ?? [undefined]), differs(change.before, change.after)];
      more = telling(ctx, spec, owner);
      if (owner.kind === 'relation') {
        const r = spec.relations[owner.index]!;
        request = [r.a, r.b];
      } else if (owner.kind === 'when') request = [owner.id];
      else {
        // The raised limit decides a claim when as many claims as the plain limit allows are already made.
        const limit = limitOf(spec, owner.id)!;
        request = [owner.id];
        history = (dates) => claims(owner.id, limit.times, dates.inside(limit.per));
      }
      break;
    }
    case 'relation': {
      const before = spec.relations[change.index]!;
      situation = [claimable(before.a), claimable(before.b), formula(before.when?.cond)];
      if (change.after && change.after.scope !== before.scope && change.after.a === before.a) {
        // A wider scope: the winner claimed earlier, inside the new scope only, and the other one asked for now.
        const scope = change.after.scope;
        request = [before.b];
        history = (dates) => [{ id: before.a, date: dates.only(scope) }];
      } else request = [before.a, before.b];
      break;
    }
    case 'requires':
      situation = [claimable(change.item)];
      request = [change.item];
      break;
    case 'limit': {
      const { before, after } = change;
      const raise = formula(before.raised?.when.cond);
      const raisedTimes = [before.raised?.times, after.raised?.times];
      request = [change.owner];
      if (raisedTimes[0] !== raisedTimes[1]) {
        // The raised count decides where the raise holds and as many claims as the lower of the two are made.
        situation = [claimable(change.owner), raise];
        const count = Math.min(raisedTimes[0] ?? 0, raisedTimes[1] ?? 0);
        history = (dates) => claims(change.owner, count, dates.inside(before.per));
        break;
      }
      // The plain limit decides where the raise does not hold.
      situation = [claimable(change.owner), ...(before.raised ? [raise && not(raise, ctx.vocab)] : [])];
      if (after.times !== before.times) {
        const count = Math.min(before.times, after.times);
        history = (dates) => claims(change.owner, count, dates.inside(before.per));
      } else {
        // Claims inside the wider period only: one of the two limits counts them, the other does not.
        const wider = PERIOD_WINDOWS.indexOf(after.per as Window) > PERIOD_WINDOWS.indexOf(before.per as Window) ? after.per : before.per;
        history = (dates) => claims(change.owner, before.times, dates.only(wider as Window));
      }
      break;
    }
    case 'drop-variant':
    case 'swap-amounts': {
      situation = [claimable(change.kind === 'drop-variant' ? change.variant : change.variants[0])];
      request = [change.item];
      break;
    }
  }
  const richer = situation.concat(more).every((f) => f !== undefined) ? ctx.solve([...situation, ...more] as Formula[]) : undefined;
  const plain = richer?.status !== 'sat' && situation.every((f) => f !== undefined) ? ctx.solve(situation as Formula[]) : undefined;
  // A change that tells only where a fact is not given (unknown against false): the episode leaves that fact out.
  const facts =
    richer?.status === 'sat'
      ? factsOf(richer.model, spec)
      : plain?.status === 'sat'
        ? factsOf(plain.model, spec)
        : change.kind === 'condition'
          ? withSomeUnknown(ctx, spec, change)
          : undefined;
  if (!facts) return undefined;
  // Each requested item with what it needs to be claimed: its parents and the items it requires.
  const needed = new Set<string>();
  const need = (id: string) => {
    const item = itemOf(id);
    if (!item || needed.has(id)) return;
    needed.add(id);
    if (item.parent !== undefined) need(item.parent);
    for (const r of item.requires) if (!(change.kind === 'requires' && change.item === item.id && change.required === r)) need(r);
  };
  request.forEach(need);
  const items = [...needed].map((id) => itemOf(id)!);
  const dates = datesFor(items);
  if (!dates) return undefined;
  return {
    revision: spec.revision,
    date: dates.date,
    admission: dates.admission,
    facts,
    history: history(dates),
    request: [...needed],
  };
}

const PERIOD_WINDOWS: readonly Window[] = ['claim', 'day', 'month', 'admission'];

interface Dates {
  date: string;
  admission: { from: string; to?: string };
  /** A date inside a limit's period or a relation's scope. */
  inside(per: Per | Window): string;
  /** A date inside a window but outside the narrower ones. */
  only(window: Window): string;
}

/**
 * The episode's dates: the 15th of the first month all its items are in force (so that the day
 * before is in the same month), in a stay that began the month before; a stay that has ended a
 * few days before when an item is limited per month after discharge.
 */
function datesFor(items: readonly ItemSpec[]): Dates | undefined {
  const from = items
    .map((i) => i.effective.from)
    .sort()
    .at(-1)!;
  let date = `${from.slice(0, 7)}-15`;
  if (date < from) date = `${addMonthStart(from)}-15`;
  if (items.some((i) => i.effective.to !== undefined && date >= i.effective.to!)) return undefined;
  const afterDischarge = items.some((i) => [i.limit, ...i.variants.map((v) => v.limit)].some((l) => l?.per === 'after-discharge-month'));
  const admission = { from: addDays(date, -40), ...(afterDischarge ? { to: addDays(date, -5) } : {}) };
  const only = (window: Window): string => (window === 'month' ? addDays(date, -1) : window === 'admission' ? addDays(date, -39) : date);
  // The month after discharge: a few days after the stay ended, before the episode's day.
  const inside = (per: Per | Window) =>
    per === 'after-discharge-month' ? addDays(date, -4) : only(per === 'day' || per === 'month' || per === 'admission' ? per : 'admission');
  return { date, admission, only, inside };
}

function addMonthStart(date: string): string {
  const [y, m] = [Number(date.slice(0, 4)), Number(date.slice(5, 7))];
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
}

function claims(id: string, count: number, date: string): HistoryClaim[] {
  return Array.from({ length: count }, () => ({ id, date }));
}

function limitOf(spec: RuleSetSpec, id: string): LimitSpec | undefined {
  for (const item of spec.items) {
    if (item.id === id) return item.limit;
    const variant = item.variants.find((v) => v.id === id);
    if (variant) return variant.limit;
  }
  return undefined;
}

/**
 * The given facts of a situation where the two conditions differ in three values (some fact
 * not given), or undefined: for a variant, where its item's own condition holds, so that the
 * variant asked for by id decides.
 */
function withSomeUnknown(
  ctx: LogicContext,
  spec: RuleSetSpec,
  change: Extract<Change, { kind: 'condition' }>,
): Record<string, FactValue> | undefined {
  const g = givenVocabulary(ctx.ws, ctx.vocab);
  const [x, y] = [truthOf(g, change.before), truthOf(g, change.after)];
  const def = change.owner.kind === 'when' ? ctx.lookup(spec.revision, change.owner.id) : undefined;
  // An item's own condition tells where one of its variants holds; a variant's, where its item's own condition holds.
  const variants = def && !def.owner ? def.variants.map((v) => truthOf(g, v.when?.cond)?.yes) : [];
  const within = def?.owner
    ? truthOf(g, def.owner.when?.cond)?.yes
    : variants.length === 0
      ? TRUE
      : variants.every((f) => f !== undefined)
        ? or(...(variants as Formula[]))
        : undefined;
  if (!x || !y || !within) return undefined;
  const solved = solve(g.vocab, and(within, or(xor(x.yes, y.yes, g.vocab), xor(x.no, y.no, g.vocab))));
  if (solved.status !== 'sat') return undefined;
  const given = Object.fromEntries(Object.entries(solved.model).filter(([name]) => solved.model[`given:${name}`] !== false));
  return factsOf(given, spec);
}

/** The solver's values for the facts the revision's rules read (others would be checked and not used). */
function factsOf(model: Record<string, FactValue>, spec: RuleSetSpec): Record<string, FactValue> {
  const read = new Set(spec.facts.slice(0, spec.slots).map((f) => f.name));
  return Object.fromEntries(Object.entries(model).filter(([name]) => read.has(name)));
}
