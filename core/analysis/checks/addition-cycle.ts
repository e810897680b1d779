// addition-cycle: `addition-to` links that lead back to where they started (an addition of
// itself, or A → B → A), reported at each link of the cycle.
import { findingAt, relatedAt } from '../report';
import type { Finding } from '../types';
import { asString, locAt, type ItemDef } from '../workspace';
import type { Check } from './check';

export const additionCycle: Check = {
  code: 'addition-cycle',
  run(ws) {
    const byKey = new Map<string, ItemDef>();
    for (const item of ws.items) {
      const key = `${item.tariff.revision}\u0000${item.id}`;
      if (!item.owner && !byKey.has(key)) byKey.set(key, item);
    }
    const parentOf = (item: ItemDef): ItemDef | undefined => {
      const id = asString(item.raw['addition-to']);
      return id === undefined ? undefined : byKey.get(`${item.tariff.revision}\u0000${id}`);
    };
    const findings: Finding[] = [];
    for (const item of ws.items) {
      if (item.owner || asString(item.raw['addition-to']) === undefined) continue;
      const chain: ItemDef[] = [item];
      let next = parentOf(item);
      while (next && next !== item && !chain.includes(next)) {
        chain.push(next);
        next = parentOf(next);
      }
      if (next !== item) continue;
      const path = [...chain, item].map((link) => link.id).join(' → ');
      const message = chain.length === 1 ? { id: 'addition-cycle.self', args: { id: item.id } } : { id: 'addition-cycle', args: { id: item.id, path } };
      findings.push(
        findingAt('addition-cycle', locAt(item.loc, 'addition-to'), 'value', message, {
          related: chain.slice(1).map((other) => relatedAt(locAt(other.loc, 'addition-to'), 'value', { id: 'related.cycle-link', args: { id: other.id } })),
        }),
      );
    }
    return findings;
  },
};
