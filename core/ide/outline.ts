// Document symbols (items with their variants as a tree; facts; revisions; the scenario)
// and workspace symbols (items found by id, official name or alias — 他機関共同指導加算
// finds B005-n3 — and facts by name or label), named with their Japanese words so that the
// editor's own filtering finds them by those words too.
import { type Span } from '../analysis/types';
import { itemTitle, locAt, type ItemDef, type Workspace } from '../model/workspace';
import { spanOf } from '../analysis/report';

export type OutlineKind = 'item' | 'variant' | 'fact' | 'revision' | 'scenario';

export interface OutlineSymbol {
  name: string;
  detail: string;
  kind: OutlineKind;
  /** The whole definition, and the part to select (its id). */
  span: Span;
  selection: Span;
  children: OutlineSymbol[];
}

export function documentSymbols(ws: Workspace, file: string): OutlineSymbol[] {
  const symbols: OutlineSymbol[] = [];
  for (const tariff of ws.tariffs.filter((t) => t.file === file)) {
    for (const item of tariff.items)
      symbols.push({ ...itemSymbol(item, 'item'), children: item.variants.map((v) => itemSymbol(v, 'variant')) });
  }
  for (const defs of ws.facts.values()) {
    for (const def of defs.filter((d) => d.loc.file === file)) {
      symbols.push({
        name: factTitle(def.name, def.label),
        detail: '',
        kind: 'fact',
        span: spanOf(def.loc, 'value'),
        selection: spanOf(locAt(def.loc, 'name'), 'value'),
        children: [],
      });
    }
  }
  for (const defs of ws.revisions.values()) {
    for (const def of defs.filter((d) => d.loc.file === file)) {
      symbols.push({
        name: def.id,
        detail: Object.values(def.effective).join(', '),
        kind: 'revision',
        span: spanOf(def.loc, 'value'),
        selection: spanOf(locAt(def.loc, 'id'), 'value'),
        children: [],
      });
    }
  }
  for (const scenario of ws.scenarios.filter((s) => s.loc.file === file)) {
    const name = scenario.name;
    symbols.push({
      name,
      detail: scenario.date ?? '',
      kind: 'scenario',
      span: spanOf(scenario.loc, 'value'),
      selection: spanOf(locAt(scenario.loc, 'scenario'), 'value'),
      children: [],
    });
  }
  return symbols.sort((a, b) => a.span.start - b.span.start);
}

export interface WorkspaceSymbol {
  name: string;
  detail: string;
  kind: OutlineKind;
  file: string;
  span: Span;
}

/** Items and facts whose id, name, alias or label contains the query (case-insensitive). */
export function workspaceSymbols(ws: Workspace, query: string): WorkspaceSymbol[] {
  const q = query.trim().toLowerCase();
  const hit = (...texts: (string | undefined)[]) => q === '' || texts.some((t) => t?.toLowerCase().includes(q));
  const out: WorkspaceSymbol[] = [];
  for (const item of ws.items) {
    if (!hit(item.id, item.name, ...item.aliases)) continue;
    out.push({
      name: symbolName(item, { aliases: true }),
      detail: '',
      kind: item.owner ? 'variant' : 'item',
      file: item.loc.file,
      span: spanOf(locAt(item.loc, 'id'), 'value'),
    });
  }
  for (const [name, defs] of ws.facts) {
    const def = defs[0]!;
    if (hit(name, def.label))
      out.push({
        name: factTitle(name, def.label),
        detail: '',
        kind: 'fact',
        file: def.loc.file,
        span: spanOf(locAt(def.loc, 'name'), 'value'),
      });
  }
  return out;
}

/**
 * A symbol's name holds the Japanese words with the id, because editors filter symbols by name:
 * 退院時共同 finds `B005 退院時共同指導料２`, an alias finds its item in the workspace search.
 */
function symbolName(item: ItemDef, options: { aliases: boolean }): string {
  const aliases = options.aliases && item.aliases.length > 0 ? `（${item.aliases.join(' / ')}）` : '';
  return itemTitle(item) + aliases;
}

function factTitle(name: string, label: string | undefined): string {
  return label ? `${name} ${label}` : name;
}

function itemSymbol(item: ItemDef, kind: OutlineKind): OutlineSymbol {
  const amount = item.amount ? String(item.amount.value) : '';
  return {
    name: symbolName(item, { aliases: false }),
    detail: [...item.aliases, amount].filter(Boolean).join(' · '),
    kind,
    span: spanOf(item.loc, 'value'),
    selection: spanOf(locAt(item.loc, 'id'), 'value'),
    children: [],
  };
}
