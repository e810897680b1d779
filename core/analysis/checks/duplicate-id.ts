// duplicate-id: the same item or variant id defined twice for the same effective period,
// reported at each definition with the others as related places.
import { focusedById } from '../focus';
import { effectivePeriods, periodBuckets } from '../effective';
import { findingAt, firstFew, othersThan, relatedAt, relatedPlaces } from '../report';
import type { Finding } from '../types';
import { locAt } from '../../model/workspace';
import type { Check } from './check';

export const duplicateId: Check = {
  code: 'duplicate-id',
  run(ws, focus) {
    const periods = effectivePeriods(ws);
    const findings: Finding[] = [];
    for (const defs of focusedById(ws, focus)) {
      if (defs.length < 2) continue;
      const id = defs[0]!.id;
      for (const { period, byKey } of periodBuckets(
        defs,
        (item) => periods.get(item)!,
        () => id,
      )) {
        const same = byKey.get(id)!;
        if (same.length < 2) continue;
        for (const item of same) {
          findings.push(
            findingAt(
              'duplicate-id',
              locAt(item.loc, 'id'),
              'value',
              { id: 'duplicate-id', args: { id, period: periodText(period) } },
              {
                related: relatedPlaces(same.length - 1, firstFew(othersThan(same, item)), (other) =>
                  relatedAt(locAt(other.loc, 'id'), 'value', { id: 'related.other-definition', args: { id } }),
                ),
              },
            ),
          );
        }
      }
    }
    return findings;
  },
};

function periodText(period: { from: string | undefined; to: string | undefined }): string {
  return `${period.from ?? '?'}..${period.to ?? ''}`;
}
