// duplicate-id: the same item or variant id defined twice for the same effective period,
// reported at each definition with the others as related places.
import { effectivePeriods, samePeriod } from '../effective';
import { findingAt, relatedAt } from '../report';
import type { Finding } from '../types';
import { itemsById, locAt } from '../workspace';
import type { Check } from './check';

export const duplicateId: Check = {
  code: 'duplicate-id',
  run(ws) {
    const periods = effectivePeriods(ws);
    const byId = itemsById(ws);
    const findings: Finding[] = [];
    for (const [id, defs] of byId) {
      if (defs.length < 2) continue;
      for (const item of defs) {
        const period = periods.get(item)!;
        const others = defs.filter((other) => other !== item && samePeriod(periods.get(other)!, period));
        if (others.length === 0) continue;
        findings.push(
          findingAt('duplicate-id', locAt(item.loc, 'id'), 'value', { id: 'duplicate-id', args: { id, period: periodText(period) } }, {
            related: others.map((other) => relatedAt(locAt(other.loc, 'id'), 'value', { id: 'related.other-definition', args: { id } })),
          }),
        );
      }
    }
    return findings;
  },
};

function periodText(period: { from: string | undefined; to: string | undefined }): string {
  return `${period.from ?? '?'}..${period.to ?? ''}`;
}
