// alias-collision: one name or alias used by two different items of one scheme that are in
// effect at the same time, so that search, hover and people cannot tell them apart.
import { focusedItems } from '../focus';
import { effectivePeriods, entriesNotKeyed, periodBuckets, periodsOverlap } from '../effective';
import { findingAt, firstFew, listing, othersThan, relatedAt, relatedPlaces } from '../report';
import type { Finding } from '../types';
import { locAt, type ItemDef, type Loc, type Workspace } from '../../model/workspace';
import { onPhase } from '../../model/phases';
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
    const byName = new Map<string, NameUse[]>();
    for (const item of focused ? candidates(ws, focused) : ws.items) {
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

/**
 * The items that may share a name with the focused ones. One focus on a workspace (the edited
 * file) scans the items; from the second (a whole analysis in portions of files), an index of
 * the items by name, built once, is read instead.
 */
function candidates(ws: Workspace, focused: readonly ItemDef[]): readonly ItemDef[] {
  const names = new Set(focused.flatMap(namesOf));
  const seen = nameIndexes(ws);
  if (seen.focuses++ === 0)
    return ws.items.filter((item) => (item.name !== undefined && names.has(item.name)) || item.aliases.some((alias) => names.has(alias)));
  seen.index ??= indexByName(ws.items);
  const items = new Set<ItemDef>();
  for (const name of names) for (const item of seen.index.get(name) ?? []) items.add(item);
  return [...items].sort((a, b) => a.order - b.order);
}

const nameIndexes = onPhase(
  { phase: 'modelled', keeps: 'items by name and alias, once a second focus asks' },
  (_ws: Workspace): { focuses: number; index?: Map<string, ItemDef[]> } => ({ focuses: 0 }),
);

function indexByName(items: readonly ItemDef[]): Map<string, ItemDef[]> {
  const index = new Map<string, ItemDef[]>();
  for (const item of items) {
    for (const name of new Set(namesOf(item))) {
      const list = index.get(name);
      if (list) list.push(item);
      else index.set(name, [item]);
    }
  }
  return index;
}
