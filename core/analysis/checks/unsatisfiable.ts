// unsatisfiable: a `when` that can never hold given the world constraints — alone, or
// together with its item's and its parents' conditions; also raised limits and conditional
// relations that can never apply. Reported at the `when` key.
import type { LogicContext, Question } from '../logic/context';
import { findingAt } from '../report';
import type { Finding, MessageRef } from '../types';
import { locAt, type ItemDef, type Loc } from '../../model/workspace';
import { budgetFinding } from './budget';
import { conditionCheck } from './condition-check';

export const unsatisfiable = conditionCheck('unsatisfiable', (ctx, findings) => {
  const { ws } = ctx;
  const dead = new Set<ItemDef>();
  for (const item of ws.items) {
    // What can never apply takes its variants and additions with it: report the cause only.
    const parent = item.parent && ctx.lookup(item.tariff.revision, item.parent.id);
    if ((item.owner && dead.has(item.owner)) || (parent && dead.has(parent))) {
      dead.add(item);
      continue;
    }
    // Places and messages are made only for what is reported: most conditions can hold.
    const whenLoc = () => locAt(item.loc, 'when');
    const own = ctx.own(item);
    const ownStatus =
      item.when && own ? report(ctx, own, whenLoc, () => ({ id: 'unsatisfiable', args: { id: item.id } }), findings) : 'sat';
    if (ownStatus === 'unsat') {
      dead.add(item);
      continue;
    }
    if (ownStatus === 'budget') continue;
    const applies = ctx.applies(item);
    const context = (): MessageRef =>
      item.owner
        ? { id: 'unsatisfiable.with-item', args: { id: item.id, item: item.owner.id } }
        : { id: 'unsatisfiable.with-parent', args: { id: item.id, parent: item.parent?.id ?? '' } };
    const anchorLoc = () => (item.when ? whenLoc() : item.owner ? locAt(item.loc, 'id') : locAt(item.loc, 'addition-to'));
    if (applies && applies !== own && report(ctx, applies, anchorLoc, context, findings) === 'unsat') {
      dead.add(item);
      continue;
    }
    const raised = item.limit?.raised;
    const raisedFormula = raised && applies && ctx.formula(raised.when.cond);
    if (raisedFormula)
      report(
        ctx,
        [applies, raisedFormula],
        () => raised.when.loc,
        () => ({ id: 'unsatisfiable.raised', args: { id: item.id } }),
        findings,
      );
    for (const relation of item.relations) {
      const formula = relation.when && ctx.formula(relation.when.cond);
      if (formula)
        report(
          ctx,
          formula,
          () => relation.when!.loc,
          () => ({ id: 'unsatisfiable.relation', args: { id: item.id, other: relation.to } }),
          findings,
        );
    }
  }
});

/** Adds a finding when the question has no answer (or the budget ran out); returns the answer. */
function report(
  ctx: LogicContext,
  question: Question,
  loc: () => Loc,
  message: () => MessageRef,
  findings: Finding[],
): 'sat' | 'unsat' | 'budget' {
  const status = ctx.decide(question);
  if (status === 'budget') findings.push(budgetFinding(loc(), 'key', 'unsatisfiable', String(message().args?.id ?? '')));
  if (status === 'unsat') findings.push(findingAt('unsatisfiable', loc(), 'key', message()));
  return status;
}
