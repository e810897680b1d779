// "What would make it claimable": for each item an evaluation refuses, the answer a claims
// clerk asks for. Refused on its facts (its condition, an unknown fact, a parent or required
// item refused on theirs): the fewest facts to give or change — the closest values among
// those — under which the same episode would claim it, found by trying every value that can
// change a condition (each enumeration or set value, the integers conditions compare with and
// those either side) on one fact, then two, then three, never where a world constraint fails.
// Refused by a limit: the earlier claims it counted. Outside its period: when it is in force.
// Refused by another item or an earlier claim: the rejection already names it and its clause.
import { evaluateCondition, type ConditionData, type FactValues } from './condition';
import { OPERATOR } from '../model/operators';
import { evaluateRules, limitWindow } from './evaluate';
import type { EvaluateInput, EvaluateResult, FactSpec, HistoryClaim, Limit, Rejection, RuleItem, RuleSet } from './types';

/** A fact given (or changed) to a value; `from` is absent where the episode did not give it. */
export interface FactChange {
  fact: string;
  from?: unknown;
  to: unknown;
}

/** Why an item is refused and what would change that, beside its rejection. */
export interface WhyNot {
  id: string;
  /**
   * Refused on facts: the smallest change of the given facts under which the item would be
   * claimed, in vocabulary order; empty when no change of up to `MAX_CHANGED` facts would.
   */
  facts?: FactChange[];
  /**
   * False when the search stopped at its budget: with `facts`, a closer change of as many facts
   * may exist; without, a change of up to `MAX_CHANGED` facts may exist at all.
   */
  complete?: false;
  /** Refused by a limit: the earlier claims of the item the limit counted. */
  counted?: HistoryClaim[];
  /** Outside its period: when the item is in force. */
  effective?: { from: string; to?: string };
}

/** The most facts a change may touch: beyond three, the answer would not help a clerk. */
export const MAX_CHANGED = 3;

/** At most this many evaluations per refused item: the search stops there and says what it found. */
const BUDGET = 20_000;

/** What would make each refused item of a result claimable, in the order of its rejections. */
export function whyNot(rules: RuleSet, input: EvaluateInput, result: EvaluateResult): WhyNot[] {
  return result.rejected.map((r) => whyNotOf(rules, input, r));
}

/** What would make one refused item of an evaluation of `input` claimable. */
export function whyNotOf(rules: RuleSet, input: EvaluateInput, rejection: Rejection): WhyNot {
  const item = rules.items.find((i) => i.id === rejection.id || i.variants.some((v) => v.id === rejection.id));
  if (!item) return { id: rejection.id };
  switch (rejection.reason) {
    case 'not-effective':
      return { id: rejection.id, effective: item.effective };
    case 'limit-reached': {
      // A raised limit may let it through: the facts that raise it are an answer too.
      const raisable = [item.limit, ...item.variants.map((v) => v.limit)].some((l) => l?.raised);
      const change = raisable ? smallestChange(rules, input, rejection.id, item) : undefined;
      return { id: rejection.id, counted: counted(item, input, rejection), ...(change && change.facts.length > 0 ? change : {}) };
    }
    case 'overridden':
    case 'excluded':
      return { id: rejection.id };
    case 'parent-missing':
      // A parent or required item the request leaves out is the answer itself: it must be asked for too.
      if (input.request && rejection.by !== undefined && !input.request.includes(rejection.by)) return { id: rejection.id };
      return { id: rejection.id, ...smallestChange(rules, input, rejection.id, item) };
    default:
      // An item of another claimant, or a day outside the month after discharge: no fact changes that.
      if (input.claimant !== undefined && item.claimant !== undefined && item.claimant !== input.claimant) return { id: rejection.id };
      if (
        [item.limit, ...item.variants.map((v) => v.limit)].some(
          (l) => l?.per === 'after-discharge-month' && limitWindow(l.per, input) === 'outside',
        )
      )
        return { id: rejection.id };
      return { id: rejection.id, ...smallestChange(rules, input, rejection.id, item) };
  }
}

/**
 * The earlier claims the refusing limit counted: the item's own limit (claims of the item or
 * any variant) when its count is reached, else the picked variant's (claims of that variant),
 * each within the limit's period as the engine counts it.
 */
function counted(item: RuleItem, input: EvaluateInput, rejection: Rejection): HistoryClaim[] {
  const variant = item.variants.find((v) => v.id === (rejection.variant ?? rejection.id));
  const inWindow = (limit: Limit, ids: Set<string>) => {
    const window = limitWindow(limit.per, input);
    if (typeof window === 'string') return [];
    return (input.history ?? []).filter(
      (c) => ids.has(c.id) && (window.from === undefined || c.date >= window.from) && (window.to === undefined || c.date <= window.to),
    );
  };
  const own = item.limit ? inWindow(item.limit, new Set([item.id, ...item.variants.map((v) => v.id)])) : [];
  if (item.limit && (own.length >= item.limit.times || !variant?.limit)) return own;
  return variant?.limit ? inWindow(variant.limit, new Set([variant.id])) : own;
}

/**
 * The fewest facts (then the closest values) to give or change for `id` to be claimed in the
 * same episode; empty when none within the limits. Only the facts that can decide it are tried
 * (`factsRead`).
 */
function smallestChange(rules: RuleSet, input: EvaluateInput, id: string, item: RuleItem): { facts: FactChange[]; complete?: false } {
  const given = (input.facts ?? {}) as FactValues;
  const named: Record<string, unknown> = {};
  for (const f of rules.facts) if (f.default !== undefined) named[f.name] = f.default;
  Object.assign(named, given);
  const facts = factsRead(rules, item).map((i) => rules.facts[i]!);
  const options = facts.map((f) => candidates(f, named, rules));
  const broken = new Set((rules.constraints ?? []).filter((c) => evaluateCondition(c, named) === false));
  let evaluations = 0;
  for (let size = 1; size <= Math.min(MAX_CHANGED, facts.length); size++) {
    let best: { change: FactChange[]; distance: number } | undefined;
    for (const chosen of combinations(facts.length, size)) {
      for (const values of product(chosen.map((k) => options[k]!))) {
        if (++evaluations > BUDGET) return { facts: best?.change ?? [], complete: false };
        const changed: Record<string, unknown> = { ...named };
        chosen.forEach((k, j) => (changed[facts[k]!.name] = values[j]));
        // Respect the world: a constraint the given facts meet must still hold (or be undecided).
        if ((rules.constraints ?? []).some((c) => !broken.has(c) && evaluateCondition(c, changed) === false)) continue;
        const outcome = evaluateRules(rules, { ...input, facts: changed });
        if ('errors' in outcome || !claims(outcome, id, item)) continue;
        const distance = chosen.reduce((sum, k, j) => sum + distanceOf(facts[k]!, named[facts[k]!.name], values[j]), 0);
        if (!best || distance < best.distance)
          best = {
            distance,
            change: chosen.map((k, j) => {
              const fact = facts[k]!.name;
              return Object.prototype.hasOwnProperty.call(given, fact) && given[fact] !== undefined
                ? { fact, from: given[fact], to: values[j] }
                : { fact, to: values[j] };
            }),
          };
      }
    }
    if (best) return { facts: best.change };
  }
  return { facts: [] };
}

/** Whether the result claims the id (for an item: any of its variants). */
function claims(result: EvaluateResult, id: string, item: RuleItem): boolean {
  return result.claimable.some((c) => c.id === id || (id === item.id && item.variants.some((v) => v.id === c.id)));
}

/**
 * The facts that can decide whether the item is claimed, in vocabulary order: those its
 * conditions read, and those of every item it is tied to — its parents, the items it requires,
 * the items it (or one of those) is excluded by or overridden by, and theirs in turn — with the
 * relations' conditions; and the facts a world constraint ties to any of them (changing one may
 * take changing the other). No other fact changes anything about the item.
 */
function factsRead(rules: RuleSet, item: RuleItem): number[] {
  const read = new Set<number>();
  const seen = new Set<RuleItem>();
  const itemOf = (id: string) => rules.items.find((i) => i.id === id || i.variants.some((v) => v.id === id));
  const visit = (it: RuleItem | undefined) => {
    if (!it || seen.has(it)) return;
    seen.add(it);
    for (const c of [it.when, it.limit?.raised?.when, ...it.variants.flatMap((v) => [v.when, v.limit?.raised?.when])])
      for (const f of c?.facts ?? []) read.add(f);
    for (const other of [it.parent, ...it.requires]) if (other !== undefined) visit(itemOf(other));
    for (const r of rules.relations) {
      const [a, b] = [itemOf(r.a), itemOf(r.b)];
      if (a !== it && b !== it) continue;
      for (const f of r.when?.facts ?? []) read.add(f);
      visit(a === it ? b : a);
    }
  };
  visit(item);
  const index = new Map(rules.facts.map((f, i) => [f.name, i]));
  const tied = (rules.constraints ?? []).map((c) => factNames(c).flatMap((name) => (index.has(name) ? [index.get(name)!] : [])));
  for (let grew = true; grew;) {
    grew = false;
    for (const facts of tied)
      if (facts.some((f) => read.has(f)) && facts.some((f) => !read.has(f))) {
        for (const f of facts) read.add(f);
        grew = true;
      }
  }
  return [...read].sort((a, b) => a - b);
}

/** The facts a condition names, the other side of fact comparisons included. */
function factNames(cond: ConditionData): string[] {
  switch (cond.kind) {
    case 'atom':
      return cond.op !== undefined && OPERATOR.get(cond.op)?.operand === 'fact' ? [cond.fact, String(cond.value)] : [cond.fact];
    case 'not':
      return factNames(cond.part);
    default:
      return cond.parts.flatMap(factNames);
  }
}

/** The values worth trying for a fact: each that can change a condition, nearest to the present one first. */
function candidates(fact: FactSpec, named: Record<string, unknown>, rules: RuleSet): unknown[] {
  const now = named[fact.name];
  let values: unknown[];
  switch (fact.type) {
    case 'boolean':
      values = [true, false];
      break;
    case 'enum':
      values = [...(fact.values ?? [])];
      break;
    case 'set':
      values = subsets(fact.values ?? [], Array.isArray(now) ? (now as string[]) : []);
      break;
    case 'integer': {
      // The integers conditions compare with (one either side), and those near the other integer facts given (comparisons between facts).
      const near = rules.facts.filter((f) => f.type === 'integer' && typeof named[f.name] === 'number').map((f) => named[f.name] as number);
      const raw = [...(fact.probes ?? []), ...near.flatMap((n) => [n - 1, n, n + 1])];
      const inRange = raw.filter((n) => (fact.min === undefined || n >= fact.min) && (fact.max === undefined || n <= fact.max));
      values = [...new Set(inRange)].sort((a, b) => (typeof now === 'number' ? Math.abs(a - now) - Math.abs(b - now) || a - b : a - b));
      break;
    }
  }
  return values.filter((v) => JSON.stringify(v) !== JSON.stringify(now));
}

/**
 * The subsets of a set's values, nearest to the present members first: every subset for up to
 * eight values, else those one or two members away.
 */
function subsets(values: readonly string[], now: readonly string[]): string[][] {
  const inOrder = (members: Set<string>) => values.filter((v) => members.has(v));
  if (values.length <= 8) {
    const all = Array.from({ length: 1 << values.length }, (_, mask) => values.filter((_, i) => mask & (1 << i)));
    return all.sort((a, b) => symmetricDifference(a, now) - symmetricDifference(b, now));
  }
  const flip = (members: Set<string>, v: string) => {
    const next = new Set(members);
    if (next.has(v)) next.delete(v);
    else next.add(v);
    return next;
  };
  const one = values.map((v) => flip(new Set(now), v));
  const two = one.flatMap((m, i) => values.slice(i + 1).map((v) => flip(m, v)));
  return [...one, ...two].map(inOrder);
}

function symmetricDifference(a: readonly string[], b: readonly string[]): number {
  return a.filter((v) => !b.includes(v)).length + b.filter((v) => !a.includes(v)).length;
}

/** How far a value is from the present one: a fact not given is one step from any value. */
function distanceOf(fact: FactSpec, now: unknown, to: unknown): number {
  if (now === undefined) return 1;
  if (fact.type === 'integer') return Math.abs((to as number) - (now as number));
  if (fact.type === 'set') return symmetricDifference(to as string[], Array.isArray(now) ? (now as string[]) : []);
  return 1;
}

/** The ways of choosing `k` of `n` indices, in lexicographic order. */
function* combinations(n: number, k: number): Generator<number[]> {
  const pick = Array.from({ length: k }, (_, i) => i);
  while (true) {
    yield [...pick];
    let i = k - 1;
    while (i >= 0 && pick[i] === n - k + i) i--;
    if (i < 0) return;
    pick[i]!++;
    for (let j = i + 1; j < k; j++) pick[j] = pick[j - 1]! + 1;
  }
}

/** Every way of taking one value from each list. */
function* product(lists: readonly (readonly unknown[])[]): Generator<unknown[]> {
  if (lists.length === 0) {
    yield [];
    return;
  }
  for (const head of lists[0]!) for (const rest of product(lists.slice(1))) yield [head, ...rest];
}
