// Lists every place that names an item by id: relations between items and the ids a
// scenario requests, remembers or expects. Checks, navigation and rename share this list.
import { focusedItems, inFocus, type Focus } from './focus';
import type { Anchor } from './report';
import { asArray, asRecord, asString, locAt, type ItemDef, type Loc, type Workspace } from '../model/workspace';

export type ReferenceRole = 'addition-to' | 'requires' | 'excludes' | 'overrides' | 'combinable' | 'request' | 'history' | 'expect';

export interface ItemReference {
  id: string;
  /** The revision whose items the id must name. */
  revision: string | undefined;
  role: ReferenceRole;
  loc: Loc;
  /** Whether the id is written as a key (expect.rejected) or as a value. */
  anchor: Anchor;
  /** The item that holds the reference, for relations. */
  from?: ItemDef;
}

/** The references in the workspace (in the focused files only, when there is a focus). */
export function itemReferences(ws: Workspace, focus?: Focus): ItemReference[] {
  const refs: ItemReference[] = [];
  for (const item of focusedItems(ws, focus)) {
    const revision = item.tariff.revision;
    const parent = item.parent?.id;
    if (parent !== undefined)
      refs.push({ id: parent, revision, role: 'addition-to', loc: locAt(item.loc, 'addition-to'), anchor: 'value', from: item });
    for (const { id, loc } of item.requires) refs.push({ id, revision, role: 'requires', loc, anchor: 'value', from: item });
    for (const { id, loc } of item.combinable) refs.push({ id, revision, role: 'combinable', loc, anchor: 'value', from: item });
    for (const r of item.relations) refs.push({ id: r.to, revision, role: r.kind, loc: r.idLoc, anchor: 'value', from: item });
  }
  for (const scenario of ws.scenarios) {
    if (!inFocus(focus, scenario.loc.file)) continue;
    const { raw, revision, loc } = scenario;
    asArray(raw.request).forEach((id, i) => {
      if (typeof id === 'string') refs.push({ id, revision, role: 'request', loc: locAt(loc, 'request', i), anchor: 'value' });
    });
    asArray(raw.history).forEach((entry, i) => {
      const id = asString(asRecord(entry)?.id);
      if (id !== undefined) refs.push({ id, revision, role: 'history', loc: locAt(loc, 'history', i, 'id'), anchor: 'value' });
    });
    const expect = asRecord(raw.expect);
    asArray(expect?.claimable).forEach((id, i) => {
      if (typeof id === 'string') refs.push({ id, revision, role: 'expect', loc: locAt(loc, 'expect', 'claimable', i), anchor: 'value' });
    });
    for (const id of Object.keys(asRecord(expect?.rejected) ?? {})) {
      refs.push({ id, revision, role: 'expect', loc: locAt(loc, 'expect', 'rejected', id), anchor: 'key' });
    }
  }
  return refs;
}
