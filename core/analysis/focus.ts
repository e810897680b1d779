// A focused analysis: the findings of a few files only — the file being edited — worked out
// from the whole workspace but without the work whose findings would fall in other files, so
// that the language server shows the edited file's diagnostics in milliseconds and the rest of
// the workspace after. A focused run reports exactly what the whole run reports in those files
// (the differential tests in test/focused-analysis.test.ts hold every check to it).
import type { ItemDef, Workspace } from '../model/workspace';
import type { ParsedFile } from './parse';
import { definitionsOf, itemsById } from '../model/workspace';

/** The files whose findings are wanted. */
export interface Focus {
  files: ReadonlySet<string>;
}

/** Whether a file's findings are wanted (every file's when there is no focus). */
export function inFocus(focus: Focus | undefined, file: string): boolean {
  return !focus || focus.files.has(file);
}

/** The items and variants defined in the focused files, in workspace order (every one when there is no focus). */
export function focusedItems(ws: Workspace, focus: Focus | undefined): readonly ItemDef[] {
  if (!focus) return ws.items;
  const items: ItemDef[] = [];
  for (const file of ws.files) if (focus.files.has(file.file)) for (const item of definitionsOf(file).items) items.push(item);
  return items;
}

/** The definitions of each id, grouped as `itemsById` groups them: only the ids defined in the focused files when there is a focus. */
export function focusedById(ws: Workspace, focus: Focus | undefined): Iterable<readonly ItemDef[]> {
  const byId = itemsById(ws);
  if (!focus) return byId.values();
  const ids = new Set(focusedItems(ws, focus).map((item) => item.id));
  return [...ids].map((id) => byId.get(id)!);
}

/** How much there is to analyse in files: their items, and one for a file without any (facts, scenarios, revisions cost about what an item does). */
export function workOf(files: readonly ParsedFile[]): number {
  let work = 0;
  for (const file of files) work += Math.max(1, definitionsOf(file).items.length);
  return work;
}
