// exclusion-self: an item that excludes or overrides itself, its own item (for a variant),
// its parent, or an item it requires — relations that can only break the item itself.
import { logicContext } from '../logic/context';
import { findingAt } from '../report';
import type { Finding } from '../types';
import { topItem } from '../../model/workspace';
import type { Check } from './check';

export const exclusionSelf: Check = {
  code: 'exclusion-self',
  run(ws, focus) {
    const findings: Finding[] = [];
    for (const { sites } of logicContext(ws).relations(focus)) {
      for (const { declaration, item, loc } of sites) {
        if (declaration.kind === 'combinable') continue;
        const top = topItem(item);
        const parent = top.parent?.id;
        const requires = [...item.requires, ...top.requires].map((r) => r.id);
        const args = { id: item.id, other: declaration.to, kind: declaration.kind };
        if (declaration.to === item.id) findings.push(findingAt('exclusion-self', loc, 'value', { id: 'exclusion-self', args }));
        else if (declaration.to === top.id)
          findings.push(findingAt('exclusion-self', loc, 'value', { id: 'exclusion-self.own-item', args }));
        else if (declaration.to === parent) findings.push(findingAt('exclusion-self', loc, 'value', { id: 'exclusion-self.parent', args }));
        else if (requires.includes(declaration.to))
          findings.push(findingAt('exclusion-self', loc, 'value', { id: 'exclusion-self.requires', args }));
      }
    }
    return findings;
  },
};
