// unsatisfiable: a `when` that can never hold given the world constraints — alone, or
// together with its item's and its parents' conditions; also raised limits and conditional
// relations that can never apply. Reported at the `when` key.
import type { LogicContext } from '../logic/context';
import { and, type Formula } from '../logic/formula';
import { findingAt } from '../report';
import type { Finding, MessageRef } from '../types';
import { asArray, asRecord, asString, locAt, type ItemDef, type Loc } from '../workspace';
import { budgetFinding } from './budget';
import { conditionCheck } from './condition-check';

export const unsatisfiable = conditionCheck('unsatisfiable', (ctx, findings) => {
  const { ws } = ctx;
  const dead = new Set<ItemDef>();
  for (const item of ws.items) {
    // What can never apply takes its variants and additions with it: report the cause only.
    const parentId = asString(item.raw['addition-to']);
    const parent = parentId === undefined ? undefined : ctx.lookup(item.tariff.revision, parentId);
    if ((item.owner && dead.has(item.owner)) || (parent && dead.has(parent))) {
      dead.add(item);
      continue;
    }
    const whenLoc = locAt(item.loc, 'when');
    const own = ctx.own(item);
    const ownStatus =
      'when' in item.raw && own ? report(ctx, own, whenLoc, { id: 'unsatisfiable', args: { id: item.id } }, findings) : 'sat';
    if (ownStatus === 'unsat') {
      dead.add(item);
      continue;
    }
    if (ownStatus === 'budget') continue;
    const applies = ctx.applies(item);
    const context = item.owner
      ? { id: 'unsatisfiable.with-item', args: { id: item.id, item: item.owner.id } }
      : { id: 'unsatisfiable.with-parent', args: { id: item.id, parent: asString(item.raw['addition-to']) ?? '' } };
    const anchorLoc = 'when' in item.raw ? whenLoc : item.owner ? locAt(item.loc, 'id') : locAt(item.loc, 'addition-to');
    if (applies && applies !== own && report(ctx, applies, anchorLoc, context, findings) === 'unsat') {
      dead.add(item);
      continue;
    }
    const raised = asRecord(asRecord(item.raw.limit)?.raised);
    if (raised && 'when' in raised && applies) {
      const formula = ctx.formula(raised.when);
      if (formula)
        report(
          ctx,
          and(applies, formula),
          locAt(item.loc, 'limit', 'raised', 'when'),
          { id: 'unsatisfiable.raised', args: { id: item.id } },
          findings,
        );
    }
    for (const kind of ['excludes', 'overrides'] as const) {
      asArray(item.raw[kind]).forEach((entry, i) => {
        const record = asRecord(entry);
        if (!record || !('when' in record)) return;
        const formula = ctx.formula(record.when);
        if (formula)
          report(
            ctx,
            formula,
            locAt(item.loc, kind, i, 'when'),
            { id: 'unsatisfiable.relation', args: { id: item.id, other: asString(record.id) ?? '' } },
            findings,
          );
      });
    }
  }
});

/** Adds a finding when the formula is unsatisfiable (or the budget ran out); returns the answer. */
function report(ctx: LogicContext, formula: Formula, loc: Loc, message: MessageRef, findings: Finding[]): 'sat' | 'unsat' | 'budget' {
  const status = ctx.decide(formula);
  if (status === 'budget') findings.push(budgetFinding(loc, 'key', 'unsatisfiable', String(message.args?.id ?? '')));
  if (status === 'unsat') findings.push(findingAt('unsatisfiable', loc, 'key', message));
  return status;
}
