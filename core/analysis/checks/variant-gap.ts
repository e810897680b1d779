// variant-gap: the item applies but none of its variants does, so nothing can be claimed in
// that situation; reported at the `variants` key with a witness.
import { focusedItems } from '../focus';
import { not, or, type Formula } from '../logic/formula';
import { witnessArg } from '../logic/witness';
import { findingAt } from '../report';
import { locAt } from '../../model/workspace';
import { budgetFinding } from './budget';
import { conditionCheck } from './condition-check';

export const variantGap = conditionCheck('variant-gap', (ctx, findings, focus) => {
  const { ws } = ctx;
  for (const item of focusedItems(ws, focus)) {
    if (item.owner || item.variants.length === 0) continue;
    const base = ctx.applies(item);
    const options = item.variants.map((v) => ctx.own(v));
    if (!base || options.some((f) => f === undefined)) continue;
    const loc = locAt(item.loc, 'variants');
    const result = ctx.solve([base, not(or(...(options as Formula[])), ctx.vocab)]);
    if (result.status === 'budget') findings.push(budgetFinding(loc, 'key', 'variant-gap', item.id));
    if (result.status !== 'sat') continue;
    findings.push(
      findingAt(
        'variant-gap',
        loc,
        'key',
        { id: 'variant-gap', args: { id: item.id, witness: witnessArg(result.witness, ws.facts) } },
        { data: { witness: result.witness } },
      ),
    );
  }
});
