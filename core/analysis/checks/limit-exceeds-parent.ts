// limit-exceeds-parent: an addition counted over the same period as its parent whose limit
// (raised or not) can exceed the parent's in some situation — the surplus can never be
// claimed, because the addition needs its parent. Reported at the addition's `limit`.
import { focusedItems } from '../focus';
import type { LogicContext } from '../logic/context';
import { not, TRUE, type Formula } from '../logic/formula';
import { witnessArg } from '../logic/witness';
import { findingAt, relatedAt } from '../report';
import { locAt, type ItemDef } from '../../model/workspace';
import { budgetFinding } from './budget';
import { conditionCheck } from './condition-check';

export const limitExceedsParent = conditionCheck('limit-exceeds-parent', (ctx, findings, focus) => {
  const { ws } = ctx;
  for (const item of focusedItems(ws, focus)) {
    const parent = item.parent && ctx.lookup(item.tariff.revision, item.parent.id);
    const own = limitOf(ctx, item);
    const theirs = parent && limitOf(ctx, parent);
    const applies = ctx.applies(item);
    if (!own || !theirs || !applies || own.per !== theirs.per) continue;
    const loc = locAt(item.loc, 'limit');
    // Each combination of "raised or not" on both sides, most surplus first.
    const cases = own.cases
      .flatMap((o) => theirs.cases.map((t) => ({ o, t })))
      .filter(({ o, t }) => o.times > t.times)
      .sort((x, y) => y.o.times - y.t.times - (x.o.times - x.t.times));
    for (const { o, t } of cases) {
      const result = ctx.solve([applies, o.when, t.when]);
      if (result.status === 'budget') findings.push(budgetFinding(loc, 'key', 'limit-exceeds-parent', item.id));
      if (result.status !== 'sat') continue;
      findings.push(
        findingAt(
          'limit-exceeds-parent',
          loc,
          'key',
          {
            id: 'limit-exceeds-parent',
            args: {
              id: item.id,
              times: o.times,
              per: { terms: [`per.${own.per}`] },
              parent: parent!.id,
              parentTimes: t.times,
              witness: witnessArg(result.witness, ws.facts),
            },
          },
          {
            data: { witness: result.witness },
            related: [relatedAt(locAt(parent!.loc, 'limit'), 'key', { id: 'related.parent-limit', args: { id: parent!.id } })],
          },
        ),
      );
      break;
    }
  }
});

interface LimitCases {
  per: string;
  cases: { times: number; when: Formula }[];
}

/** The limit of an item as cases: the raised limit when its condition holds, the plain one otherwise. */
function limitOf(ctx: LogicContext, item: ItemDef): LimitCases | undefined {
  const limit = item.limit;
  if (!limit) return undefined;
  const raisedWhen = limit.raised && ctx.formula(limit.raised.when.cond);
  if (!limit.raised || !raisedWhen) return { per: limit.per, cases: [{ times: limit.times, when: TRUE }] };
  return {
    per: limit.per,
    cases: [
      { times: limit.raised.times, when: raisedWhen },
      { times: limit.times, when: not(raisedWhen, ctx.vocab) },
    ],
  };
}
