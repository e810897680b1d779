// effective-overlap: one id defined with different effective periods that share days, so two
// definitions would be in force at once; reported at each definition. (Identical periods are
// `duplicate-id`.)
import { focusedById } from '../focus';
import { effectivePeriods, periodBuckets, periodsOverlap, type Period } from '../effective';
import { findingAt, firstFew, listing, relatedAt, relatedPlaces } from '../report';
import type { Finding } from '../types';
import { locAt } from '../../model/workspace';
import type { Check } from './check';

export const effectiveOverlap: Check = {
  code: 'effective-overlap',
  run(ws, focus) {
    const periods = effectivePeriods(ws);
    const findings: Finding[] = [];
    for (const defs of focusedById(ws, focus)) {
      if (defs.length < 2) continue;
      // Definitions of one id by period, then by scheme: only the same scheme's definitions compete.
      const buckets = periodBuckets(
        defs,
        (item) => periods.get(item)!,
        (item) => String(item.tariff.scheme),
      );
      for (const bucket of buckets) {
        for (const [scheme, mine] of bucket.byKey) {
          const overlapping = buckets.filter(
            (other) => other !== bucket && other.byKey.has(scheme) && periodsOverlap(other.period, bucket.period),
          );
          if (overlapping.length === 0) continue;
          const count = overlapping.reduce((sum, other) => sum + other.byKey.get(scheme)!.length, 0);
          const first = firstFew(overlapping.flatMap((other) => firstFew(other.byKey.get(scheme)!)));
          const others = listing(overlapping.length, firstFew(overlapping.map((other) => text(other.period))));
          for (const item of mine) {
            findings.push(
              findingAt(
                'effective-overlap',
                locAt(item.loc, 'id'),
                'value',
                { id: 'effective-overlap', args: { id: item.id, period: text(bucket.period), others } },
                {
                  related: relatedPlaces(count, first, (other) =>
                    relatedAt(locAt(other.loc, 'id'), 'value', { id: 'related.other-definition', args: { id: other.id } }),
                  ),
                },
              ),
            );
          }
        }
      }
    }
    return findings;
  },
};

function text(period: Period): string {
  return `${period.from ?? '…'}..${period.to ?? ''}`;
}
