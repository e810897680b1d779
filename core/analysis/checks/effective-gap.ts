// effective-gap: an item of one revision that the next revision of its scheme does not
// define, although neither text ends it: from the next revision's date no rule set in force
// covers the id. The author sees it at the item's id, with the revision and date where the
// coverage stops, and is told to mark the id `abolished: true` there or give it an
// `effective.to`.
import { focusedItems } from '../focus';
import { findingAt } from '../report';
import type { Finding, Scheme } from '../types';
import { itemsById, locAt, type ItemDef, type Workspace } from '../../model/workspace';
import type { Check } from './check';

export const effectiveGap: Check = {
  code: 'effective-gap',
  run(ws, focus) {
    const findings: Finding[] = [];
    const byId = itemsById(ws);
    for (const item of focusedItems(ws, focus)) {
      // Variants are regrouped freely between revisions; coverage is a matter of items.
      if (item.owner || item.abolished || endsExplicitly(item)) continue;
      const { revision, scheme } = item.tariff;
      if (revision === undefined || scheme === undefined) continue;
      const next = nextRevision(ws, revision, scheme);
      if (!next) continue;
      const redefined = (byId.get(item.id) ?? []).some((other) => other.tariff.revision === next.id && other.tariff.scheme === scheme);
      if (redefined) continue;
      findings.push(
        findingAt('effective-gap', locAt(item.loc, 'id'), 'value', {
          id: 'effective-gap',
          args: { id: item.id, revision, next: next.id, date: next.date, scheme: { terms: [`scheme.${scheme}`] } },
        }),
      );
    }
    return findings;
  },
};

function endsExplicitly(item: ItemDef): boolean {
  return item.effective.to !== undefined;
}

/** The revision that follows `revision` for `scheme`: the earliest later date for that scheme. */
function nextRevision(ws: Workspace, revision: string, scheme: Scheme): { id: string; date: string } | undefined {
  const own = ws.revisions.get(revision)?.[0]?.effective[scheme];
  if (own === undefined) return undefined;
  let next: { id: string; date: string } | undefined;
  for (const [id, defs] of ws.revisions) {
    const date = defs[0]?.effective[scheme];
    if (date !== undefined && date > own && (next === undefined || date < next.date)) next = { id, date };
  }
  return next;
}
