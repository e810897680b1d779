// When two related items can both apply: for each relation, the first combination of picked
// variants whose conditions (and the relation's own `when`) can hold together, the witness,
// and which item the rules core then keeps — with the same winner rule the core uses.
import { keepsOver, YEN_PER, type Relation } from '../../runtime/relations';
import { type ItemDef, topItem } from '../../model/workspace';
import type { Formula } from './formula';
import type { DeclarationSite, LogicContext } from './context';
import type { Witness } from './solver';
import { onPhase } from '../../model/phases';

export type Clash =
  | { status: 'sat'; witness: Witness; model: Witness; winner: ItemDef; loser: ItemDef; tie: boolean }
  /** `onlyWhen`: the items can both apply, but never while the relation's own `when` holds. */
  | { status: 'unsat'; onlyWhen: boolean }
  | { status: 'budget' }
  /** Not analysed: an end is missing, a condition has errors, or the relation is one of `exclusion-self`. */
  | { status: 'skipped' };

/** Decides whether the two ends of a relation can both apply, memoised per relation. */
export function clashOf(ctx: LogicContext, revision: string | undefined, relation: Relation): Clash {
  const memo = memos(ctx);
  let clash = memo.get(relation);
  if (!clash) memo.set(relation, (clash = compute(ctx, revision, relation)));
  return clash;
}

// A Map, not a WeakMap: it lives as long as the context that holds it, and tens of thousands of weak entries cost the collector dearly.
const memos = onPhase({ phase: 'reasoned', keeps: 'the clash of each relation' }, (_ctx: LogicContext) => new Map<Relation, Clash>());

function compute(ctx: LogicContext, revision: string | undefined, relation: Relation): Clash {
  const a = ctx.lookup(revision, relation.a);
  const b = ctx.lookup(revision, relation.b);
  const when = relation.when === undefined ? undefined : ctx.formula(relation.when);
  if (!a || !b || (relation.when !== undefined && !when) || isSelfRelation(a, b)) return { status: 'skipped' };
  // A relation whose own condition can never hold is `unsatisfiable`; nothing more to say here.
  if (when && ctx.decide(when) === 'unsat') return { status: 'skipped' };
  const optionsA = options(ctx, a);
  const optionsB = options(ctx, b);
  if (!optionsA || !optionsB) return { status: 'skipped' };
  // Worked out before from the same items, picks and formulas (the items' files unchanged by
  // an edit elsewhere): the same answer. Only the winner may differ, as workspace order may.
  const lasting = lastingClashes(ctx);
  const same = (entry: LastingClash) =>
    entry.kind === relation.kind && entry.when === when && samePicks(entry.optionsA, optionsA) && samePicks(entry.optionsB, optionsB);
  const found = lasting.current.get(a)?.get(b)?.find(same) ??
    lasting.previous.get(a)?.get(b)?.find(same) ?? {
      kind: relation.kind,
      when,
      optionsA,
      optionsB,
      outcome: decideClash(ctx, optionsA, optionsB, when),
    };
  // Kept from the second analysis on: a single one (the command line) does not pay for keeping.
  if (lasting.analyses > 1) {
    let byB = lasting.current.get(a);
    if (!byB) lasting.current.set(a, (byB = new Map()));
    const list = byB.get(b);
    if (!list) byB.set(b, [found]);
    else if (!list.includes(found)) list.push(found);
  }
  const { outcome } = found;
  if (outcome.status !== 'sat') return outcome;
  const { witness, model, pa, pb } = outcome;
  // The winner is what the core keeps: the picked variant where there is one.
  if (relation.kind === 'overrides') return { status: 'sat', witness, model, winner: pa, loser: pb, tie: false };
  const ca = { yen: yenOf(pa), order: pa.order };
  const cb = { yen: yenOf(pb), order: pb.order };
  const aWins = keepsOver(ca, cb);
  return { status: 'sat', witness, model, winner: aWins ? pa : pb, loser: aWins ? pb : pa, tie: ca.yen === cb.yen };
}

/** The first pair of picks that can apply together (with the relation's condition), or why none can. */
function decideClash(ctx: LogicContext, optionsA: Options, optionsB: Options, when: Formula | undefined): LastingClash['outcome'] {
  let budget = false;
  for (const [pa, fa] of optionsA) {
    for (const [pb, fb] of optionsB) {
      const result = ctx.solve(when ? [fa, fb, when] : [fa, fb]);
      if (result.status === 'budget') budget = true;
      if (result.status !== 'sat') continue;
      return { status: 'sat', witness: result.witness, model: result.model, pa, pb };
    }
  }
  if (budget) return { status: 'budget' };
  const onlyWhen = when !== undefined && optionsA.some(([, fa]) => optionsB.some(([, fb]) => ctx.decide([fa, fb]) === 'sat'));
  return { status: 'unsat', onlyWhen };
}

type Options = [ItemDef, Formula][];

/** What a relation's clash was worked out from, and its answer (the winner aside). */
interface LastingClash {
  kind: Relation['kind'];
  when: Formula | undefined;
  optionsA: Options;
  optionsB: Options;
  outcome:
    | { status: 'sat'; witness: Witness; model: Witness; pa: ItemDef; pb: ItemDef }
    | { status: 'unsat'; onlyWhen: boolean }
    | { status: 'budget' };
}

/**
 * Clashes by their two items, kept while the facts stay the same (see `LogicContext.lasting`):
 * those of this analysis and of the one before, whose entries move on when asked for again, so
 * that what no analysis asks for any more goes with the next. Plain Maps: tens of thousands of
 * weak entries cost the collector more than the answers save.
 */
function lastingClashes(ctx: LogicContext): ClashGenerations {
  const store = ctx.lasting<ClashGenerations>('clashes', () => ({ ctx, analyses: 1, current: new Map(), previous: new Map() }));
  if (store.ctx !== ctx) {
    store.previous = store.current;
    store.current = new Map();
    store.ctx = ctx;
    store.analyses++;
  }
  return store;
}

interface ClashGenerations {
  /** The analysis the current generation belongs to, and how many have asked so far. */
  ctx: LogicContext;
  analyses: number;
  current: Map<ItemDef, Map<ItemDef, LastingClash[]>>;
  previous: Map<ItemDef, Map<ItemDef, LastingClash[]>>;
}

function samePicks(x: Options, y: Options): boolean {
  return x.length === y.length && x.every(([pick, formula], i) => pick === y[i]![0] && formula === y[i]![1]);
}

/**
 * A relation of an item with itself, its own item or variant, its parent, or an item it
 * requires: `exclusion-self` reports those, so the overlap analyses leave them alone.
 */
export function isSelfRelation(a: ItemDef, b: ItemDef): boolean {
  return selfOf(a, b) || selfOf(b, a);
}

/** Whether `y` is `x`, its item or one of its variants, the item `x` adds to, or an item `x` requires. */
function selfOf(x: ItemDef, y: ItemDef): boolean {
  const top = topItem(x);
  if (y === x || y === top || y.owner === x || top.parent?.id === topItem(y).id) return true;
  // Loops, not `some`: this runs for every relation of every item.
  for (const r of x.requires) if (r.id === y.id) return true;
  for (const r of top.requires) if (r.id === y.id) return true;
  return false;
}

/** What can be picked for an item: each variant with the condition of being picked, or the item itself. */
function options(ctx: LogicContext, item: ItemDef): Options | undefined {
  const memo = optionMemos(ctx);
  if (!memo.has(item)) memo.set(item, computeOptions(ctx, item));
  return memo.get(item);
}

const optionMemos = onPhase(
  { phase: 'reasoned', keeps: 'what can be picked for each item' },
  (_ctx: LogicContext) => new Map<ItemDef, [ItemDef, Formula][] | undefined>(),
);

function computeOptions(ctx: LogicContext, item: ItemDef): [ItemDef, Formula][] | undefined {
  const list: [ItemDef, Formula | undefined][] =
    item.variants.length > 0 ? item.variants.map((v) => [v, ctx.picked(v)]) : [[item, item.owner ? ctx.picked(item) : ctx.applies(item)]];
  return list.every(([, f]) => f !== undefined) ? (list as [ItemDef, Formula][]) : undefined;
}

/** The item's own amount in yen (10 yen per point and per unit), as the core compares them. */
export function yenOf(item: ItemDef): number {
  return item.amount ? item.amount.value * YEN_PER[item.amount.unit] : 0;
}

/**
 * Whether a declaration says what the settled relation does: not the reversed side of an
 * `overrides` cycle (which `exclusion-conflict` reports), where "the core keeps" would read
 * the opposite of its own line.
 */
export function declaresAsSettled(site: DeclarationSite, relation: Relation): boolean {
  return !(site.declaration.kind === 'overrides' && relation.kind === 'overrides' && site.declaration.from !== relation.a);
}
