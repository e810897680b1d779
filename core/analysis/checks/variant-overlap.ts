// variant-overlap: two variants of a `pick: unique` item can both apply; reported at each
// variant's `when` with a witness, pointing at the other.
import { focusedItems } from '../focus';
import { witnessArg } from '../logic/witness';
import { findingAt, relatedAt } from '../report';
import { locAt, type ItemDef } from '../../model/workspace';
import { budgetFinding } from './budget';
import { conditionCheck } from './condition-check';

export const variantOverlap = conditionCheck('variant-overlap', (ctx, findings, focus) => {
  const { ws } = ctx;
  for (const item of focusedItems(ws, focus)) {
    if (item.owner || item.variants.length < 2 || item.pick === 'first') continue;
    const base = ctx.applies(item);
    if (!base) continue;
    item.variants.forEach((a, i) => {
      for (const b of item.variants.slice(i + 1)) {
        const fa = ctx.own(a);
        const fb = ctx.own(b);
        if (!fa || !fb) continue;
        const result = ctx.solve([base, fa, fb]);
        if (result.status === 'budget') findings.push(budgetFinding(whenOf(a), 'key', 'variant-overlap', `${a.id} / ${b.id}`));
        if (result.status !== 'sat') continue;
        const data = { witness: result.witness };
        const witness = witnessArg(result.witness, ws.facts);
        findings.push(
          findingAt(
            'variant-overlap',
            whenOf(a),
            'key',
            { id: 'variant-overlap', args: { id: a.id, other: b.id, witness } },
            { data, related: [relatedAt(whenOf(b), 'key', { id: 'related.overlapping-variant', args: { id: b.id } })] },
          ),
          findingAt(
            'variant-overlap',
            whenOf(b),
            'key',
            { id: 'variant-overlap', args: { id: b.id, other: a.id, witness } },
            { data, related: [relatedAt(whenOf(a), 'key', { id: 'related.overlapping-variant', args: { id: a.id } })] },
          ),
        );
      }
    });
  }
});

/** A variant's `when` key, or its id when it has no condition (it always applies). */
export function whenOf(variant: ItemDef) {
  return variant.when ? locAt(variant.loc, 'when') : locAt(variant.loc, 'id');
}
