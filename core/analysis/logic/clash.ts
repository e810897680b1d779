// When two related items can both apply: for each relation, the first combination of picked
// variants whose conditions (and the relation's own `when`) can hold together, the witness,
// and which item the rules core then keeps — with the same winner rule the core uses.
import { keepsOver, YEN_PER, type Relation } from '../../runtime/relations';
import type { ItemDef } from '../workspace';
import { and, type Formula } from './formula';
import type { LogicContext } from './context';
import type { Witness } from './solver';
import { STRICT, toFormula } from './vocabulary';

export type Clash =
  | { status: 'sat'; witness: Witness; winner: ItemDef; loser: ItemDef; tie: boolean }
  | { status: 'unsat' }
  | { status: 'budget' }
  | { status: 'skipped' };

/** Decides whether the two ends of a relation can both apply, memoised per relation. */
export function clashOf(ctx: LogicContext, revision: string | undefined, relation: Relation): Clash {
  const memo = memos.get(ctx) ?? new WeakMap<Relation, Clash>();
  memos.set(ctx, memo);
  let clash = memo.get(relation);
  if (!clash) memo.set(relation, (clash = compute(ctx, revision, relation)));
  return clash;
}

const memos = new WeakMap<LogicContext, WeakMap<Relation, Clash>>();

function compute(ctx: LogicContext, revision: string | undefined, relation: Relation): Clash {
  const a = ctx.lookup(revision, relation.a);
  const b = ctx.lookup(revision, relation.b);
  const when = relation.when === undefined ? undefined : toFormula(ctx.vocab, relation.when, STRICT);
  if (!a || !b || (relation.when !== undefined && !when)) return { status: 'skipped' };
  const optionsA = options(ctx, a);
  const optionsB = options(ctx, b);
  if (!optionsA || !optionsB) return { status: 'skipped' };
  let budget = false;
  for (const [pa, fa] of optionsA) {
    for (const [pb, fb] of optionsB) {
      const result = ctx.solve(and(fa, fb, ...(when ? [when] : [])));
      if (result.status === 'budget') budget = true;
      if (result.status !== 'sat') continue;
      if (relation.kind === 'overrides') return { status: 'sat', witness: result.witness, winner: a, loser: b, tie: false };
      const ca = { yen: yenOf(pa), order: pa.order };
      const cb = { yen: yenOf(pb), order: pb.order };
      const aWins = keepsOver(ca, cb);
      return { status: 'sat', witness: result.witness, winner: aWins ? a : b, loser: aWins ? b : a, tie: ca.yen === cb.yen };
    }
  }
  return budget ? { status: 'budget' } : { status: 'unsat' };
}

/** What can be picked for an item: each variant with the condition of being picked, or the item itself. */
function options(ctx: LogicContext, item: ItemDef): [ItemDef, Formula][] | undefined {
  const list: [ItemDef, Formula | undefined][] = item.variants.length > 0 ? item.variants.map((v) => [v, ctx.picked(v)]) : [[item, ctx.applies(item)]];
  return list.every(([, f]) => f !== undefined) ? (list as [ItemDef, Formula][]) : undefined;
}

/** The item's own amount in yen (10 yen per point and per unit), as the core compares them. */
export function yenOf(item: ItemDef): number {
  for (const unit of ['points', 'units', 'yen'] as const) {
    const value = item.raw[unit];
    if (typeof value === 'number') return value * YEN_PER[unit];
  }
  return 0;
}
