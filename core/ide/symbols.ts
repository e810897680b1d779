// What a position in a rule file names — an item or variant id, a fact, a revision — and
// every place in the workspace that defines or uses the same thing. Hover, go to
// definition, find references, rename and highlights are all built on this.
import { conditionSites, forEachAtom } from '../analysis/conditions';
import { FACT_COMPARISONS } from '../model/operators';
import type { ParsedFile } from '../analysis/parse';
import { itemReferences } from '../analysis/references';
import { spanOf, type Anchor } from '../analysis/report';
import type { Span } from '../analysis/types';
import { definitionsOf, locAt, type ItemDef, type Loc, type Workspace } from '../model/workspace';
import { onPhase } from '../model/phases';

export type SymbolKind = 'item' | 'fact' | 'revision';

export interface SymbolRef {
  kind: SymbolKind;
  name: string;
  /** For items: the revision whose items the name refers to. */
  revision?: string;
}

export interface Occurrence {
  loc: Loc;
  anchor: Anchor;
  span: Span;
  /** True for the place that defines the symbol. */
  definition: boolean;
}

/** The symbols a file names, each with its occurrences in that file. */
export type SymbolTable = Map<string, { symbol: SymbolRef; occurrences: Occurrence[] }>;

/**
 * Every occurrence of every symbol in one file of the workspace. What a file names depends
 * on that file alone, so the table is kept with the file's parse: after an edit only the
 * edited file's table is built again.
 */
export function occurrencesIn(ws: Workspace, file: string): SymbolTable {
  const parsed = fileOf(ws, file);
  if (!parsed) return new Map();
  return symbolTable(parsed);
}

/** The item (not a variant) whose mapping holds the offset, in a tariff file. */
export function itemAt(ws: Workspace, file: string, offset: number): ItemDef | undefined {
  return ws.items.find((i) => {
    if (i.owner || i.loc.file !== file) return false;
    const span = spanOf(i.loc, 'value');
    return span.start <= offset && offset <= span.end;
  });
}

/** The symbol at an offset of a file (the innermost occurrence that contains it). */
export function symbolAt(ws: Workspace, file: string, offset: number): { symbol: SymbolRef; occurrence: Occurrence } | undefined {
  let best: { symbol: SymbolRef; occurrence: Occurrence } | undefined;
  for (const { symbol, occurrences } of occurrencesIn(ws, file).values()) {
    for (const occurrence of occurrences) {
      if (offset < occurrence.span.start || offset > occurrence.span.end) continue;
      if (!best || occurrence.span.end - occurrence.span.start < best.occurrence.span.end - best.occurrence.span.start)
        best = { symbol, occurrence };
    }
  }
  return best;
}

/** Every occurrence of a symbol: definitions first, then uses in workspace order. */
export function occurrencesOfSymbol(ws: Workspace, symbol: SymbolRef): Occurrence[] {
  const key = symbolKey(symbol);
  const list = ws.files.flatMap((f) => occurrencesIn(ws, f.file).get(key)?.occurrences ?? []);
  return list.sort(
    (a, b) =>
      Number(b.definition) - Number(a.definition) ||
      (a.loc.file < b.loc.file ? -1 : a.loc.file > b.loc.file ? 1 : a.span.start - b.span.start),
  );
}

/** How many places use each symbol (definitions not counted), by `symbolKey`; once per workspace. */
export const useCounts = onPhase({ phase: 'modelled', keeps: 'use counts per symbol' }, (ws: Workspace) => {
  const counts = new Map<string, number>();
  for (const file of ws.files) {
    for (const [key, { occurrences }] of occurrencesIn(ws, file.file)) {
      const uses = occurrences.reduce((n, o) => n + (o.definition ? 0 : 1), 0);
      if (uses > 0) counts.set(key, (counts.get(key) ?? 0) + uses);
    }
  }
  return counts;
});

/** The key under which a symbol's occurrences are kept. */
export function symbolKey(symbol: SymbolRef): string {
  return symbol.kind === 'item' ? `item\u0000${symbol.revision ?? ''}\u0000${symbol.name}` : `${symbol.kind}\u0000${symbol.name}`;
}

function fileTable(file: ParsedFile): SymbolTable {
  // The file on its own is a workspace of one file: its items, references, facts,
  // conditions, scenarios and revisions, with the revision its own header names. Its
  // definitions as read (not a model built again, which would give them this file's order).
  const ws = definitionsOf(file);
  const table: SymbolTable = new Map();
  const add = (symbol: SymbolRef, loc: Loc, anchor: Anchor, definition: boolean) => {
    const key = symbolKey(symbol);
    let entry = table.get(key);
    if (!entry) table.set(key, (entry = { symbol, occurrences: [] }));
    entry.occurrences.push({ loc, anchor, span: spanOf(loc, anchor), definition });
  };
  for (const item of ws.items) add({ kind: 'item', name: item.id, revision: item.tariff.revision }, locAt(item.loc, 'id'), 'value', true);
  for (const ref of itemReferences(ws)) add({ kind: 'item', name: ref.id, revision: ref.revision }, ref.loc, ref.anchor, false);
  for (const [name, defs] of ws.facts) for (const def of defs) add({ kind: 'fact', name }, locAt(def.loc, 'name'), 'value', true);
  for (const site of conditionSites(ws)) {
    forEachAtom(site, (atom) => {
      add({ kind: 'fact', name: atom.fact }, locAt(atom.loc, 'fact'), 'value', false);
      const op = atom.operator;
      if (op !== undefined && FACT_COMPARISONS.includes(op) && typeof atom.value === 'string')
        add({ kind: 'fact', name: atom.value }, locAt(atom.loc, op), 'value', false);
    });
  }
  for (const scenario of ws.scenarios) {
    for (const name of Object.keys(scenario.facts ?? {})) add({ kind: 'fact', name }, locAt(scenario.loc, 'facts', name), 'key', false);
    const revision = scenario.revision;
    if (revision !== undefined) add({ kind: 'revision', name: revision }, locAt(scenario.loc, 'revision'), 'value', false);
  }
  for (const [id, defs] of ws.revisions) {
    for (const def of defs) {
      add({ kind: 'revision', name: id }, locAt(def.loc, 'id'), 'value', true);
      for (const s of def.supersedes) add({ kind: 'revision', name: s.id }, s.loc, 'value', false);
    }
  }
  for (const tariff of ws.tariffs) {
    if (tariff.revision !== undefined)
      add({ kind: 'revision', name: tariff.revision }, { file: tariff.file, doc: tariff.doc, pointer: '/revision' }, 'value', false);
  }
  return table;
}

function fileOf(ws: Workspace, file: string): ParsedFile | undefined {
  return filesByName(ws).get(file);
}

const symbolTable = onPhase({ phase: 'parsed', keeps: 'symbol occurrences of a file' }, fileTable);

const filesByName = onPhase(
  { phase: 'modelled', keeps: 'parsed files by name' },
  (ws: Workspace) => new Map(ws.files.map((f) => [f.file, f])),
);
