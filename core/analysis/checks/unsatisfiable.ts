// unsatisfiable: a `when` that can never hold given the world constraints — alone, or
// together with its item's and its parents' conditions; also raised limits and conditional
// relations that can never apply. Reported at the `when` key.
import { focusedItems, inFocus } from '../focus';
import type { LogicContext, Question } from '../logic/context';
import { findingAt } from '../report';
import type { Finding, MessageRef } from '../types';
import { locAt, type ItemDef, type Loc } from '../../model/workspace';
import { budgetFinding } from './budget';
import { conditionCheck } from './condition-check';

export const unsatisfiable = conditionCheck('unsatisfiable', (ctx, findings, focus) => {
  // What can never apply takes its variants and additions with it: only the cause is
  // reported. Whether an item's own item or parent can apply is worked out when it is needed,
  // wherever that is defined (an addition may come first, or in another file).
  const dead = new Map<ItemDef, boolean>();
  const deadOf = (item: ItemDef): boolean => {
    let known = dead.get(item);
    if (known === undefined) {
      // Until it is settled, an item in a cycle of additions counts as live (addition-cycle reports the cycle).
      dead.set(item, false);
      dead.set(item, (known = examine(ctx, item, deadOf, inFocus(focus, item.loc.file) ? findings : undefined)));
    }
    return known;
  };
  for (const item of focusedItems(ctx.ws, focus)) deadOf(item);
});

/** Reports what of an item can never hold (into `out`, when its findings are wanted); true when the item itself can never apply. */
function examine(ctx: LogicContext, item: ItemDef, deadOf: (item: ItemDef) => boolean, out: Finding[] | undefined): boolean {
  const parent = item.parent && ctx.lookup(item.tariff.revision, item.parent.id);
  if ((item.owner && deadOf(item.owner)) || (parent && deadOf(parent))) return true;
  // Places and messages are made only for what is reported: most conditions can hold.
  const whenLoc = () => locAt(item.loc, 'when');
  const own = ctx.own(item);
  const ownStatus = item.when && own ? report(ctx, own, whenLoc, () => ({ id: 'unsatisfiable', args: { id: item.id } }), out) : 'sat';
  if (ownStatus === 'unsat') return true;
  if (ownStatus === 'budget') return false;
  const applies = ctx.applies(item);
  const context = (): MessageRef =>
    item.owner
      ? { id: 'unsatisfiable.with-item', args: { id: item.id, item: item.owner.id } }
      : { id: 'unsatisfiable.with-parent', args: { id: item.id, parent: item.parent?.id ?? '' } };
  const anchorLoc = () => (item.when ? whenLoc() : item.owner ? locAt(item.loc, 'id') : locAt(item.loc, 'addition-to'));
  if (applies && applies !== own && report(ctx, applies, anchorLoc, context, out) === 'unsat') return true;
  // The rest says nothing about whether the item applies: it is only worked out when reported.
  if (!out) return false;
  const raised = item.limit?.raised;
  const raisedFormula = raised && applies && ctx.formula(raised.when.cond);
  if (raisedFormula)
    report(
      ctx,
      [applies, raisedFormula],
      () => raised.when.loc,
      () => ({ id: 'unsatisfiable.raised', args: { id: item.id } }),
      out,
    );
  for (const relation of item.relations) {
    const formula = relation.when && ctx.formula(relation.when.cond);
    if (formula)
      report(
        ctx,
        formula,
        () => relation.when!.loc,
        () => ({ id: 'unsatisfiable.relation', args: { id: item.id, other: relation.to } }),
        out,
      );
  }
  return false;
}

/** Adds a finding when the question has no answer (or the budget ran out); returns the answer. */
function report(
  ctx: LogicContext,
  question: Question,
  loc: () => Loc,
  message: () => MessageRef,
  findings: Finding[] | undefined,
): 'sat' | 'unsat' | 'budget' {
  const status = ctx.decide(question);
  if (!findings) return status;
  if (status === 'budget') findings.push(budgetFinding(loc(), 'key', 'unsatisfiable', String(message().args?.id ?? '')));
  if (status === 'unsat') findings.push(findingAt('unsatisfiable', loc(), 'key', message()));
  return status;
}
