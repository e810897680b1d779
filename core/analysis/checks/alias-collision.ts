// alias-collision: one name or alias used by two different items of one scheme that are in
// effect at the same time, so that search, hover and people cannot tell them apart.
import { effectivePeriods, entriesNotKeyed, periodBuckets, periodsOverlap } from '../effective';
import { findingAt, firstFew, listing, othersThan, relatedAt, relatedPlaces } from '../report';
import type { Finding } from '../types';
import { locAt, type ItemDef, type Loc } from '../../model/workspace';
import type { Check } from './check';

interface NameUse {
  name: string;
  item: ItemDef;
  loc: Loc;
}

export const aliasCollision: Check = {
  code: 'alias-collision',
  run(ws) {
    const periods = effectivePeriods(ws);
    const byName = new Map<string, NameUse[]>();
    for (const item of ws.items) {
      const uses: NameUse[] = [];
      if (item.name !== undefined) uses.push({ name: item.name, item, loc: locAt(item.loc, 'name') });
      item.aliases.forEach((alias, i) => uses.push({ name: alias, item, loc: locAt(item.loc, 'aliases', i) }));
      for (const use of uses) {
        const key = `${item.tariff.scheme}\u0000${use.name}`;
        const same = byName.get(key);
        if (same) same.push(use);
        else byName.set(key, [use]);
      }
    }
    const findings: Finding[] = [];
    for (const uses of byName.values()) {
      if (uses.length < 2) continue;
      const buckets = periodBuckets(
        uses,
        (use) => periods.get(use.item)!,
        (use) => use.item.id,
      );
      for (const bucket of buckets) {
        const overlapping = buckets.filter((other) => periodsOverlap(other.period, bucket.period));
        // Every item using the name in a period that shares days with this one.
        const items = [...new Set(overlapping.flatMap((other) => [...other.byKey.keys()]))];
        for (const [id, mine] of bucket.byKey) {
          // The uses of other items in a period that shares days with this one.
          const count = overlapping.reduce((sum, other) => sum + other.size - (other.byKey.get(id)?.length ?? 0), 0);
          if (count === 0) continue;
          const first = firstFew(entriesNotKeyed(overlapping, id));
          const others = listing(items.length - 1, firstFew(othersThan(items, id)));
          for (const use of mine) {
            findings.push(
              findingAt(
                'alias-collision',
                use.loc,
                'value',
                { id: 'alias-collision', args: { name: use.name, id, others } },
                {
                  related: relatedPlaces(count, first, (other) =>
                    relatedAt(other.loc, 'value', { id: 'related.same-name', args: { name: use.name, id: other.item.id } }),
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
