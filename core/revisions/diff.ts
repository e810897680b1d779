// The semantic difference between two revisions of the rules, as an analyst reads a 改定:
// items added, abolished and renamed, amounts and limits changed, exclusions added and
// removed, and for every item or variant whose condition changed, situations (witnesses from
// the decision procedure) where it now also applies or no longer applies, each with what
// the two revisions give there. Plain data; the renderers in this folder print it.
import { runToEnd } from '../analysis/steps';
import { logicContext, type LogicContext } from '../analysis/logic/context';
import { and, not, or, TRUE, type Formula } from '../analysis/logic/formula';
import type { Witness } from '../analysis/logic/solver';
import { STRICT, toFormula } from '../analysis/logic/vocabulary';
import { SCHEMES, type Scheme, type Situation } from '../analysis/types';
import { witnessArg } from '../analysis/logic/witness';
import type { Condition } from '../model/condition';
import type { LimitDef } from '../model/item';
import { type ItemDef, topItem, type Workspace } from '../model/workspace';
import type { Relation, Scope } from '../runtime/relations';
import type { Per, Unit } from '../runtime/types';
import { lawChanges, type LawChange } from './law-diff';

export interface Amount {
  value: number;
  unit: Unit;
}

export interface LimitText {
  times: number;
  per: Per;
  raised?: number;
}

/** What one revision gives in a situation: the item or variant that applies, or none. */
export type Outcome =
  { kind: 'applies'; id: string; name: string; amount?: Amount } | { kind: 'not-applicable' } | { kind: 'absent' } | { kind: 'unknown' };

export interface Example {
  witness: Witness;
  /** The witness as the analyst reads it: facts by their labels. */
  situation: Situation;
  old: Outcome;
  new: Outcome;
}

export type Change =
  | { kind: 'added'; id: string; name: string; amount?: Amount }
  | { kind: 'abolished'; id: string; name: string; amount?: Amount }
  | { kind: 'renamed'; id: string; from: string; to: string }
  | { kind: 'amount'; id: string; name: string; from?: Amount; to?: Amount }
  | { kind: 'limit'; id: string; name: string; from?: LimitText; to?: LimitText }
  /** `relation-condition`: the same relation, holding under a different `when`. */
  | { kind: 'relation-added' | 'relation-removed' | 'relation-condition'; relation: Relation['kind']; a: string; b: string; scope: Scope }
  /** `item` is the item the examples' outcomes are about: the variant's item, or the item itself. */
  | { kind: 'condition'; id: string; item: string; name: string; gained: Example[]; lost: Example[]; complete: boolean };

export interface RevisionDiff {
  old: string;
  new: string;
  /** The schemes both revisions have items for: only those are compared. */
  schemes: Scheme[];
  changes: Change[];
  /** Passages of the official texts cited by rules of either revision whose words changed (empty without texts). */
  law: LawChange[];
}

export interface DiffOptions {
  old: string;
  new: string;
  /** At most how many situations to show per direction of a changed condition. */
  examples?: number;
}

const DEFAULT_EXAMPLES = 6;

/** The revision ids of a workspace that have items, in date order of their earliest scheme. */
export function revisionIds(ws: Workspace): string[] {
  const used = new Set(ws.tariffs.map((t) => t.revision));
  const first = (id: string) => Object.values(ws.revisions.get(id)?.[0]?.effective ?? {}).sort()[0] ?? '';
  return [...ws.revisions.keys()].filter((id) => used.has(id)).sort((a, b) => first(a).localeCompare(first(b)) || a.localeCompare(b));
}

/** The schemes a revision has items for. */
export function schemesOf(ws: Workspace, revision: string): Scheme[] {
  return SCHEMES.filter((scheme) => ws.tariffs.some((t) => t.revision === revision && t.scheme === scheme && t.items.length > 0));
}

/** The schemes two revisions both have items for: only those can be compared. */
export function commonSchemes(ws: Workspace, old: string, next: string): Scheme[] {
  const theirs = schemesOf(ws, next);
  return schemesOf(ws, old).filter((scheme) => theirs.includes(scheme));
}

/** Each revision and the ones it supersedes (`supersedes` in revisions.yaml) that share a scheme with it, as older → newer pairs. */
export function supersededPairs(ws: Workspace): { old: string; new: string }[] {
  const known = revisionIds(ws);
  return known.flatMap((id) =>
    (ws.revisions.get(id)?.[0]?.supersedes ?? [])
      .filter((s) => known.includes(s.id) && commonSchemes(ws, s.id, id).length > 0)
      .map((s) => ({ old: s.id, new: id })),
  );
}

/**
 * The older → newer pairs of revisions that can be compared (they share a scheme), a revision
 * against what it supersedes first: what "Compare Revisions" offers.
 */
export function comparablePairs(ws: Workspace): { old: string; new: string }[] {
  const revisions = revisionIds(ws);
  const superseded = supersededPairs(ws);
  const others = revisions.flatMap((old, i) => revisions.slice(i + 1).map((next) => ({ old, new: next })));
  const comparable = others.filter((p) => commonSchemes(ws, p.old, p.new).length > 0);
  return [...superseded, ...comparable.filter((p) => !superseded.some((s) => s.old === p.old && s.new === p.new))];
}

export function diffRevisions(ws: Workspace, options: DiffOptions): RevisionDiff {
  return runToEnd(diffSteps(ws, options));
}

/**
 * The diff as a series of steps, one per item of the new revision (each may ask the solver
 * for examples), so that the language server can answer other messages in between and stop
 * when the request is cancelled; `diffRevisions` runs them all at once.
 */
export function* diffSteps(ws: Workspace, options: DiffOptions): Generator<void, RevisionDiff, void> {
  const ctx = logicContext(ws);
  const oldDefs = definitions(ws, options.old);
  const newDefs = definitions(ws, options.new);
  const schemes = commonSchemes(ws, options.old, options.new);
  const inScope = (def: ItemDef) => schemes.includes(def.tariff.scheme!);
  const changes: Change[] = [];
  const examples = options.examples ?? DEFAULT_EXAMPLES;
  for (const [id, def] of newDefs) {
    if (!inScope(def)) continue;
    const before = oldDefs.get(id);
    // An id the old revision only marked abolished comes back as a new item.
    if (!before || !inScope(before) || before.abolished) {
      if (!def.abolished) changes.push({ kind: 'added', id, name: nameOf(def), ...amountPart(def) });
      continue;
    }
    if (def.abolished) {
      changes.push({ kind: 'abolished', id, name: nameOf(before), ...amountPart(before) });
      continue;
    }
    changes.push(...itemChanges(ctx, before, def, { ...options, examples }));
    yield;
  }
  for (const [id, def] of oldDefs) {
    if (inScope(def) && !newDefs.has(id) && !def.abolished) changes.push({ kind: 'abolished', id, name: nameOf(def), ...amountPart(def) });
  }
  changes.push(...relationChanges(ctx, options, (id) => [oldDefs.get(id), newDefs.get(id)].some((d) => d !== undefined && inScope(d))));
  yield;
  return {
    old: options.old,
    new: options.new,
    schemes,
    changes: withoutRepeatedSituations(changes),
    law: lawChanges(ws, options.old, options.new),
  };
}

/**
 * A situation an item's change already lists is not listed again under its variants (or a
 * later variant): each outcome names the variant it gives, so once is enough. A variant's
 * change left with nothing of its own is dropped.
 */
function withoutRepeatedSituations(changes: Change[]): Change[] {
  const listed = new Map<string, Set<string>>();
  return changes.flatMap((change): Change[] => {
    if (change.kind !== 'condition') return [change];
    const keys = listed.get(change.item) ?? new Set<string>();
    listed.set(change.item, keys);
    const fresh = (e: Example) => {
      const key = JSON.stringify([e.witness, e.old, e.new]);
      return keys.has(key) ? false : (keys.add(key), true);
    };
    const [gained, lost] = [change.gained.filter(fresh), change.lost.filter(fresh)];
    const repeated = gained.length + lost.length < change.gained.length + change.lost.length;
    if (repeated && gained.length === 0 && lost.length === 0 && change.complete) return [];
    return [{ ...change, gained, lost }];
  });
}

/** Items and variants of a revision by id (the first definition), in workspace order. */
function definitions(ws: Workspace, revision: string): Map<string, ItemDef> {
  const defs = new Map<string, ItemDef>();
  for (const item of ws.items) if (item.tariff.revision === revision && item.tariff.scheme && !defs.has(item.id)) defs.set(item.id, item);
  return defs;
}

function nameOf(def: ItemDef): string {
  return def.name ?? def.id;
}

function amountOf(def: ItemDef): Amount | undefined {
  return def.amount && { value: def.amount.value, unit: def.amount.unit };
}

function amountPart(def: ItemDef): { amount?: Amount } {
  const amount = amountOf(def);
  return amount ? { amount } : {};
}

function itemChanges(ctx: LogicContext, before: ItemDef, after: ItemDef, options: Required<DiffOptions>): Change[] {
  const changes: Change[] = [];
  const id = after.id;
  const name = nameOf(after);
  if (nameOf(before) !== name) changes.push({ kind: 'renamed', id, from: nameOf(before), to: name });
  const [from, to] = [amountOf(before), amountOf(after)];
  if (from?.value !== to?.value || from?.unit !== to?.unit)
    changes.push({ kind: 'amount', id, name, ...(from ? { from } : {}), ...(to ? { to } : {}) });
  const [limitFrom, limitTo] = [limitText(before.limit), limitText(after.limit)];
  if (!sameLimit(ctx, before.limit, after.limit))
    changes.push({ kind: 'limit', id, name, ...(limitFrom ? { from: limitFrom } : {}), ...(limitTo ? { to: limitTo } : {}) });
  const condition = conditionChange(ctx, before, after, options);
  if (condition) changes.push(condition);
  return changes;
}

function limitText(limit: LimitDef | undefined): LimitText | undefined {
  return limit && { times: limit.times, per: limit.per, ...(limit.raised ? { raised: limit.raised.times } : {}) };
}

function sameLimit(ctx: LogicContext, a: LimitDef | undefined, b: LimitDef | undefined): boolean {
  if (a?.times !== b?.times || a?.per !== b?.per || a?.raised?.times !== b?.raised?.times) return false;
  if (a?.raised === undefined) return true;
  // The limit is raised under the same circumstances when neither condition holds without the other.
  return equivalent(ctx, a.raised.when.cond, b?.raised?.when.cond);
}

/** Whether two written conditions hold in the same situations; an absent condition always holds. */
function equivalent(ctx: LogicContext, a: Condition | undefined, b: Condition | undefined): boolean {
  const formula = (cond: Condition | undefined) => (cond === undefined ? TRUE : toFormula(ctx.vocab, cond, STRICT));
  const [fa, fb] = [formula(a), formula(b)];
  if (!fa || !fb) return JSON.stringify(a) === JSON.stringify(b);
  return ctx.decide([fa, not(fb, ctx.vocab)]) === 'unsat' && ctx.decide([fb, not(fa, ctx.vocab)]) === 'unsat';
}

/** When the item or variant applies, as the core picks it; undefined when it cannot be analysed. */
function appliesWhen(ctx: LogicContext, def: ItemDef): Formula | undefined {
  return def.owner ? ctx.picked(def) : ctx.applies(def);
}

function conditionChange(ctx: LogicContext, before: ItemDef, after: ItemDef, options: Required<DiffOptions>): Change | undefined {
  const [was, is] = [appliesWhen(ctx, before), appliesWhen(ctx, after)];
  if (!was || !is) return undefined;
  const possible = { old: outcomes(ctx, options.old, topItem(before).id), new: outcomes(ctx, options.new, topItem(after).id) };
  const gained = transitions(ctx, and(is, not(was, ctx.vocab)), possible, options.examples);
  const lost = transitions(ctx, and(was, not(is, ctx.vocab)), possible, options.examples);
  if (gained.examples.length === 0 && lost.examples.length === 0 && gained.complete && lost.complete) return undefined;
  return {
    kind: 'condition',
    id: after.id,
    item: topItem(after).id,
    name: nameOf(after),
    gained: gained.examples,
    lost: lost.examples,
    complete: gained.complete && lost.complete,
  };
}

interface Possible {
  outcome: Outcome;
  when: Formula;
}

/**
 * The situations in which a condition changed, one per pair of what the old and the new
 * revision give there (e.g. (Ⅰ) → (Ⅱ), (Ⅱ) → not applicable), each with a minimal witness
 * that decides both. `complete` is false when a search stopped at its budget.
 */
function transitions(
  ctx: LogicContext,
  changed: Formula,
  outcomes: { old: Possible[]; new: Possible[] },
  limit: number,
): { examples: Example[]; complete: boolean } {
  const examples: Example[] = [];
  let complete = true;
  for (const old of outcomes.old) {
    for (const next of outcomes.new) {
      if (examples.length >= limit) return { examples, complete };
      const result = ctx.solve([changed, old.when, next.when]);
      if (result.status === 'budget') complete = false;
      if (result.status === 'sat')
        examples.push({
          witness: result.witness,
          situation: witnessArg(result.witness, ctx.ws.facts),
          old: old.outcome,
          new: next.outcome,
        });
    }
  }
  return { examples, complete };
}

/** What a revision can give for item `id`: each variant (or the item) with when the core picks it, or nothing. */
function outcomes(ctx: LogicContext, revision: string, id: string): Possible[] {
  const def = ctx.lookup(revision, id);
  if (!def || def.abolished) return [{ outcome: { kind: 'absent' }, when: TRUE }];
  const claimed = def.variants.length > 0 ? def.variants : [def];
  const whens = claimed.map((d) => appliesWhen(ctx, d));
  if (whens.some((w) => w === undefined)) return [{ outcome: { kind: 'unknown' }, when: TRUE }];
  return [
    ...claimed.map((d, i) => ({ outcome: applying(d), when: whens[i]! })),
    { outcome: { kind: 'not-applicable' }, when: not(or(...(whens as Formula[])), ctx.vocab) },
  ];
}

function applying(def: ItemDef): Outcome {
  return { kind: 'applies', id: def.id, name: nameOf(def), ...amountPart(def) };
}

function relationChanges(ctx: LogicContext, options: DiffOptions, inScope: (id: string) => boolean): Change[] {
  const relationsOf = (revision: string) =>
    new Map(
      (ctx.relations().find((r) => r.revision === revision)?.relations ?? [])
        .filter((r) => inScope(r.a) || inScope(r.b))
        .map((r) => [`${r.kind} ${r.a} ${r.b} ${r.scope}`, r] as const),
    );
  const [before, after] = [relationsOf(options.old), relationsOf(options.new)];
  const changes: Change[] = [];
  const change = (kind: 'relation-added' | 'relation-removed' | 'relation-condition', r: Relation): Change => ({
    kind,
    relation: r.kind,
    a: r.a,
    b: r.b,
    scope: r.scope,
  });
  for (const [key, r] of after) {
    const was = before.get(key);
    if (!was) changes.push(change('relation-added', r));
    else if (!equivalent(ctx, was.when, r.when)) changes.push(change('relation-condition', r));
  }
  for (const [key, r] of before) if (!after.has(key)) changes.push(change('relation-removed', r));
  return changes;
}
