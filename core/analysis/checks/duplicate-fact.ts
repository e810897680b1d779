// duplicate-fact: the vocabulary declares a fact name more than once.
import { findingAt, firstFew, othersThan, relatedAt, relatedPlaces } from '../report';
import { locAt } from '../../model/workspace';
import type { Check } from './check';

export const duplicateFact: Check = {
  code: 'duplicate-fact',
  run(ws) {
    return [...ws.facts.values()]
      .filter((defs) => defs.length > 1)
      .flatMap((defs) =>
        defs.map((def) =>
          findingAt(
            'duplicate-fact',
            locAt(def.loc, 'name'),
            'value',
            { id: 'duplicate-fact', args: { fact: def.name } },
            {
              related: relatedPlaces(defs.length - 1, firstFew(othersThan(defs, def)), (other) =>
                relatedAt(locAt(other.loc, 'name'), 'value', { id: 'related.other-declaration', args: { fact: def.name } }),
              ),
            },
          ),
        ),
      );
  },
};
