// effective-overlap: one id defined with different effective periods that share days, so two
// definitions would be in force at once; reported at each definition. (Identical periods are
// `duplicate-id`.)
import { effectivePeriods, periodsOverlap, samePeriod, type Period } from '../effective';
import { findingAt, relatedAt } from '../report';
import type { Finding } from '../types';
import { itemsById, locAt } from '../workspace';
import type { Check } from './check';

export const effectiveOverlap: Check = {
  code: 'effective-overlap',
  run(ws) {
    const periods = effectivePeriods(ws);
    const byId = itemsById(ws);
    const findings: Finding[] = [];
    for (const defs of byId.values()) {
      if (defs.length < 2) continue;
      for (const item of defs) {
        const period = periods.get(item)!;
        const others = defs.filter((other) => {
          const theirs = periods.get(other)!;
          return other !== item && other.tariff.scheme === item.tariff.scheme && !samePeriod(theirs, period) && periodsOverlap(theirs, period);
        });
        if (others.length === 0) continue;
        findings.push(
          findingAt('effective-overlap', locAt(item.loc, 'id'), 'value', { id: 'effective-overlap', args: { id: item.id, period: text(period), others: others.map((o) => text(periods.get(o)!)).join(', ') } }, {
            related: others.map((other) => relatedAt(locAt(other.loc, 'id'), 'value', { id: 'related.other-definition', args: { id: other.id } })),
          }),
        );
      }
    }
    return findings;
  },
};

function text(period: Period): string {
  return `${period.from ?? '…'}..${period.to ?? ''}`;
}
