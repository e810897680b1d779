// alias-collision: one name or alias used by two different items of one scheme that are in
// effect at the same time, so that search, hover and people cannot tell them apart.
import { focusedItems } from '../focus';
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
  run(ws, focus) {
    const periods = effectivePeriods(ws);
    // With a focus, only the names that the focused files use can collide there.
    const focused = focus && focusedItems(ws, focus);
    const wanted = focused && new Set(focused.flatMap((item) => namesOf(item).map((name) => nameKey(item, name))));
    const wantedNames = focused && new Set(focused.flatMap(namesOf));
    const byName = new Map<string, NameUse[]>();
    for (const item of ws.items) {
      if (wantedNames && !((item.name !== undefined && wantedNames.has(item.name)) || item.aliases.some((alias) => wantedNames.has(alias))))
        continue;
      const uses: NameUse[] = [];
      if (item.name !== undefined) uses.push({ name: item.name, item, loc: locAt(item.loc, 'name') });
      item.aliases.forEach((alias, i) => uses.push({ name: alias, item, loc: locAt(item.loc, 'aliases', i) }));
      for (const use of uses) {
        const key = nameKey(item, use.name);
        if (wanted && !wanted.has(key)) continue;
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

/** The names an item can be found by: its name and its aliases. */
function namesOf(item: ItemDef): string[] {
  return item.name === undefined ? item.aliases : [item.name, ...item.aliases];
}

/** Names collide within a scheme. */
function nameKey(item: ItemDef, name: string): string {
  return `${item.tariff.scheme}\u0000${name}`;
}
