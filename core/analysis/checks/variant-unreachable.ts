// variant-unreachable: in `pick: first`, a variant that earlier variants always pre-empt,
// so it can never be chosen; reported at its `when` (or id), pointing at the earlier ones.
import { logicContext } from '../logic/context';
import { findingAt, relatedAt } from '../report';
import type { Finding } from '../types';
import { asRecord } from '../workspace';
import { budgetFinding } from './budget';
import type { Check } from './check';
import { whenOf } from './variant-overlap';

export const variantUnreachable: Check = {
  code: 'variant-unreachable',
  run(ws) {
    const ctx = logicContext(ws);
    if (!ctx.constraintsHold()) return [];
    const findings: Finding[] = [];
    for (const item of ws.items) {
      if (item.owner || asRecord(item.raw.variants)?.pick !== 'first') continue;
      item.variants.forEach((variant, i) => {
        if (i === 0) return;
        const picked = ctx.picked(variant);
        const own = ctx.applies(variant);
        if (!picked || !own) return;
        // A variant that cannot apply at all is `unsatisfiable`, not pre-empted.
        if (ctx.solve(own).status !== 'sat') return;
        const result = ctx.solve(picked);
        if (result.status === 'budget') findings.push(budgetFinding(whenOf(variant), 'key', variant.id));
        if (result.status !== 'unsat') return;
        const earlier = item.variants.slice(0, i);
        findings.push(
          findingAt('variant-unreachable', whenOf(variant), 'key', { id: 'variant-unreachable', args: { id: variant.id, earlier: earlier.map((v) => v.id).join(', ') } }, {
            related: earlier.map((v) => relatedAt(whenOf(v), 'key', { id: 'related.earlier-variant', args: { id: v.id } })),
          }),
        );
      });
    }
    return findings;
  },
};
