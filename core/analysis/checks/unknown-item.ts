// unknown-item: a relation or a scenario names an id that its revision does not define;
// suggests the nearest id, or says which other revision defines it.
import { itemReferences } from '../references';
import { findingAt } from '../report';
import { closestMatch } from '../suggest';
import type { Finding } from '../types';
import { idsByRevision, itemIn } from '../../model/workspace';
import { suggestionFix } from '../fixes';
import type { Check } from './check';

export const unknownItem: Check = {
  code: 'unknown-item',
  fixes: suggestionFix,
  run(ws, focus) {
    const findings: Finding[] = [];
    for (const ref of itemReferences(ws, focus)) {
      // Without a known revision the schema or unknown-revision already says what is wrong.
      if (ref.revision === undefined || (ws.revisions.size > 0 && !ws.revisions.has(ref.revision))) continue;
      if (itemIn(ws, ref.revision, ref.id)) continue;
      // Only a reference to an unknown id needs every id of the workspace.
      const ids = idsByRevision(ws);
      const known = ids.get(ref.revision) ?? new Set<string>();
      const elsewhere = [...ids]
        .filter(([revision, set]) => revision !== undefined && revision !== ref.revision && set.has(ref.id))
        .map(([revision]) => revision!);
      // Offering the referencing item itself would only turn this error into a self-reference.
      const suggestion = closestMatch(ref.id, known, ref.from ? [ref.from.id, ...(ref.from.owner ? [ref.from.owner.id] : [])] : []);
      const args = { id: ref.id, revision: ref.revision };
      const message = suggestion
        ? { id: 'unknown-item.suggest', args: { ...args, suggestion } }
        : elsewhere.length > 0
          ? { id: 'unknown-item.other-revision', args: { ...args, other: elsewhere.sort().join(', ') } }
          : { id: 'unknown-item', args };
      findings.push(findingAt('unknown-item', ref.loc, ref.anchor, message, suggestion ? { data: { suggestion } } : {}));
    }
    return findings;
  },
};
