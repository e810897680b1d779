// Completion as you type, from the cursor's place in the file's structure (read even while the
// file does not parse) and what the JSON Schema allows there: the keys a mapping may still
// take (with their schema descriptions), item ids with name and amount, fact names with label
// and type, the values of the fact an atom names, operators that fit the fact's type,
// revision ids, the schema's enumerations, and a snippet for a new item. Rule text in details shows its control characters as escapes, and
// in the documentation (Markdown) it cannot make links, HTML or other Markdown.
import { markdownText, visibleText } from '../analysis/display-text';
import { SCHEMAS } from '../analysis/schema';
import { fileKindOf } from '../analysis/file-kind';
import type { FileKind, Span } from '../analysis/types';
import type { FactDef, Workspace } from '../model/workspace';
import { clauseCompletions } from './law-completion';
import { schemaAt, type SchemaPlace } from './schema-vocabulary';
import { placeAt, type CursorPlace } from './cursor-place';
import { OPERATOR, operatorsOf } from '../model/operators';

export type CompletionKind = 'key' | 'item' | 'fact' | 'value' | 'revision' | 'operator' | 'snippet';

export interface CompletionEntry {
  label: string;
  kind: CompletionKind;
  /** Plain text. */
  detail?: string;
  /** Markdown. */
  documentation?: string;
  /** Snippet text (LSP snippet syntax) when different from the label. */
  snippet?: string;
  /** What typing filters on, when more than the label: the Japanese name, aliases or label too. */
  filterText?: string;
}

export interface Completions {
  entries: CompletionEntry[];
  /** The partial word the entries replace. */
  replace: Span;
}

export function completionsAt(ws: Workspace, file: string, text: string, offset: number): Completions {
  const kind = fileKindOf(file);
  const clauses = kind === 'tariff' ? clauseCompletions(ws, file, text, offset) : undefined;
  if (clauses) return clauses;
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  // Japanese words count, so that typing 退院 filters on names and labels and is replaced by the id chosen.
  const word = /[\p{L}\p{N}._-]*$/u.exec(text.slice(lineStart, offset))![0];
  const replace = { start: offset - word.length, end: offset };
  const place = kind ? placeAt(text, offset) : undefined;
  if (!kind || !place) return { entries: [], replace };
  const schema = SCHEMAS[kind] as Record<string, unknown>;
  const here = schemaAt(schema, place.path);
  // A value alone on its line where the schema wants a mapping (`items:` then `- `, or `facts:`
  // then a new line) is the first key of that mapping.
  const newMapping = place.role === 'value' && place.ownLine && here.mapping && here.values.length === 0 && !here.names;
  const entries = place.role === 'key' || newMapping ? keysFor(ws, kind, place, here, { newMapping }) : valuesFor(ws, place, here);
  return { entries, replace };
}

function valuesFor(ws: Workspace, place: CursorPlace, here: SchemaPlace): CompletionEntry[] {
  const key = place.path.at(-1);
  const operator = typeof key === 'string' ? OPERATOR.get(key) : undefined;
  if (operator && operator.operand !== 'fact') {
    const fact = atomFact(ws, place);
    if (!fact) return [];
    const values = fact.type === 'boolean' ? ['true', 'false'] : fact.values;
    return values.map((v) => {
      const label = fact.valueLabels.get(v)?.ja;
      return {
        label: v,
        kind: 'value' as const,
        detail: visibleText(label ?? fact.label ?? fact.name),
        ...(label ? { filterText: `${v} ${label}` } : {}),
      };
    });
  }
  return [...namedEntries(ws, here.names, place.revision), ...here.values.map((v) => ({ label: v, kind: 'value' as const }))];
}

function keysFor(
  ws: Workspace,
  kind: FileKind,
  place: CursorPlace,
  here: SchemaPlace,
  { newMapping }: { newMapping: boolean },
): CompletionEntry[] {
  const path = place.path;
  // Inside an atom that already names its fact, the next key is an operator for that fact's type.
  const def = atomFact(ws, place);
  if (def?.type) return operatorsOf(def.type).map((op) => ({ label: op, kind: 'operator' as const, detail: visibleText(def.name) }));
  if (here.keyNames) return namedEntries(ws, here.keyNames, place.revision);
  const entries: CompletionEntry[] = here.keys
    .filter((k) => !place.siblings.has(k.name))
    .map((k) => ({ label: k.name, kind: 'key' as const, documentation: k.description }));
  if (kind === 'tariff' && newMapping && path.length === 2 && path[0] === 'items') {
    entries.push({
      label: 'item',
      kind: 'snippet',
      detail: '新しい項目 / new item',
      snippet:
        'id: ${1:ID}\nname: ${2:名称}\nclaimant: ${3|hospital,home-care,care-office,nursing-station|}\n${4|points,units,yen|}: ${5:0}\nsource: { clause: ${6:条項} }',
    });
  }
  return entries;
}

/** What a place names, as entries: items (of the file's revision), facts or revisions. */
function namedEntries(ws: Workspace, names: string | undefined, revision: string | undefined): CompletionEntry[] {
  switch (names) {
    case 'fact-name':
      return [...ws.facts.values()].map(([def]) => factEntry(def!));
    case 'item-id':
      return ws.items
        .filter((item) => revision === undefined || item.tariff.revision === revision)
        .map((item) => {
          const amount = item.amount ? ` · ${item.amount.value} ${item.amount.unit}` : '';
          return {
            label: item.id,
            kind: 'item' as const,
            detail: visibleText(`${item.name ?? ''}${amount}`),
            documentation: item.aliases.map(markdownText).join(' / ') || undefined,
            filterText: [item.id, item.name, ...item.aliases].filter(Boolean).join(' '),
          };
        });
    case 'revision-id':
      return [...ws.revisions.keys()].map((id) => ({ label: id, kind: 'revision' as const }));
    default:
      return [];
  }
}

function factEntry(def: FactDef): CompletionEntry {
  const values =
    def.type === 'enum' || def.type === 'set'
      ? `: ${def.values.join(', ')}`
      : def.type === 'integer'
        ? ` ${def.min ?? ''}–${def.max ?? ''}`
        : '';
  return {
    label: def.name,
    kind: 'fact',
    detail: visibleText(`${def.label ?? ''} (${def.type ?? '?'}${values})`),
    ...(def.label ? { filterText: `${def.name} ${def.label}` } : {}),
  };
}

/** The fact the atom around the cursor names (`fact:` in the same mapping). */
function atomFact(ws: Workspace, place: CursorPlace): FactDef | undefined {
  const fact = place.siblings.get('fact');
  return typeof fact === 'string' ? ws.facts.get(fact)?.[0] : undefined;
}
