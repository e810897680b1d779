// variant-unreachable: in `pick: first`, a variant that earlier variants always pre-empt,
// so it can never be chosen; reported at its `when` (or id), pointing at the earlier ones.
import { focusedItems } from '../focus';
import { findingAt, firstFew, listing, relatedAt, relatedPlaces } from '../report';
import { budgetFinding } from './budget';
import { conditionCheck } from './condition-check';
import { whenOf } from './variant-overlap';

export const variantUnreachable = conditionCheck('variant-unreachable', (ctx, findings, focus) => {
  const { ws } = ctx;
  for (const item of focusedItems(ws, focus)) {
    if (item.owner || item.pick !== 'first') continue;
    item.variants.forEach((variant, i) => {
      if (i === 0) return;
      const picked = ctx.picked(variant);
      const own = ctx.applies(variant);
      if (!picked || !own) return;
      // A variant that cannot apply at all is `unsatisfiable`, not pre-empted.
      if (ctx.decide(own) !== 'sat') return;
      const status = ctx.decide(picked);
      if (status === 'budget') findings.push(budgetFinding(whenOf(variant), 'key', 'variant-unreachable', variant.id));
      if (status !== 'unsat') return;
      // Name only the earlier variants that actually pre-empt it somewhere.
      const earlier = item.variants.slice(0, i).filter((v) => {
        const theirs = ctx.own(v);
        return theirs !== undefined && ctx.decide([own, theirs]) !== 'unsat';
      });
      findings.push(
        findingAt(
          'variant-unreachable',
          whenOf(variant),
          'key',
          { id: 'variant-unreachable', args: { id: variant.id, earlier: listing(earlier.length, firstFew(earlier.map((v) => v.id))) } },
          {
            related: relatedPlaces(earlier.length, firstFew(earlier), (v) =>
              relatedAt(whenOf(v), 'key', { id: 'related.earlier-variant', args: { id: v.id } }),
            ),
          },
        ),
      );
    });
  }
});
