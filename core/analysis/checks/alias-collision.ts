// alias-collision: one name or alias used by two different items of one scheme that are in
// effect at the same time, so that search, hover and people cannot tell them apart.
import { effectivePeriods, periodsOverlap } from '../effective';
import { findingAt, relatedAt } from '../report';
import type { Finding } from '../types';
import { locAt, type ItemDef, type Loc } from '../workspace';
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
        byName.set(key, [...(byName.get(key) ?? []), use]);
      }
    }
    const findings: Finding[] = [];
    for (const uses of byName.values()) {
      for (const use of uses) {
        const clashes = uses.filter((other) => other.item.id !== use.item.id && periodsOverlap(periods.get(other.item)!, periods.get(use.item)!));
        if (clashes.length === 0) continue;
        findings.push(
          findingAt('alias-collision', use.loc, 'value', { id: 'alias-collision', args: { name: use.name, id: use.item.id, others: [...new Set(clashes.map((c) => c.item.id))].join(', ') } }, {
            related: clashes.map((other) => relatedAt(other.loc, 'value', { id: 'related.same-name', args: { name: use.name, id: other.item.id } })),
          }),
        );
      }
    }
    return findings;
  },
};
