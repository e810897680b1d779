// addition-cycle: `addition-to` links that lead back to where they started (an addition of
// itself, or A → B → A), reported at each link of the cycle.
import { focusedItems } from '../focus';
import { findingAt, firstFew, listing, othersThan, relatedAt, relatedPlaces } from '../report';
import type { Finding, MessageRef } from '../types';
import { itemsById, locAt, type ItemDef } from '../../model/workspace';
import type { Check } from './check';

export const additionCycle: Check = {
  code: 'addition-cycle',
  run(ws, focus) {
    // The parent is the first item (not a variant) with the id in the item's revision.
    const byId = itemsById(ws);
    const parentOf = (item: ItemDef): ItemDef | undefined => {
      const id = item.parent?.id;
      if (id === undefined || item.owner) return undefined;
      return byId.get(id)?.find((other) => !other.owner && other.tariff.revision === item.tariff.revision);
    };
    // Each item has at most one parent, so following the links from every item once finds
    // every cycle: a walk that meets an item of its own path has closed one. A cycle through
    // a focused file is found from its items there.
    const visited = new Set<ItemDef>();
    const findings: Finding[] = [];
    for (const start of focusedItems(ws, focus)) {
      const path: ItemDef[] = [];
      const onPath = new Map<ItemDef, number>();
      for (let item: ItemDef | undefined = start; item && !visited.has(item); item = parentOf(item)) {
        visited.add(item);
        onPath.set(item, path.length);
        path.push(item);
        const next = parentOf(item);
        if (next && onPath.has(next)) for (const finding of cycleFindings(path.slice(onPath.get(next)))) findings.push(finding);
      }
    }
    return findings;
  },
};

/** One finding at each link of a cycle, starting the path it shows at that link. */
function cycleFindings(cycle: ItemDef[]): Finding[] {
  return cycle.map((item, i) => {
    const around = (k: number) => cycle[(i + k) % cycle.length]!;
    const message: MessageRef =
      cycle.length === 1
        ? { id: 'addition-cycle.self', args: { id: item.id } }
        : {
            id: 'addition-cycle',
            args: {
              id: item.id,
              path: listing(
                cycle.length + 1,
                firstFew(walk(cycle.length + 1, around)).map((link) => link.id),
                'path',
              ),
            },
          };
    return findingAt('addition-cycle', locAt(item.loc, 'addition-to'), 'value', message, {
      related: relatedPlaces(cycle.length - 1, firstFew(othersThan(walk(cycle.length, around), item)), (other) =>
        relatedAt(locAt(other.loc, 'addition-to'), 'value', { id: 'related.cycle-link', args: { id: other.id } }),
      ),
    });
  });
}

function* walk<T>(length: number, at: (k: number) => T): Generator<T> {
  for (let k = 0; k < length; k++) yield at(k);
}
