// Completion as you type, read from the text around the cursor (the file may not parse
// while it is being typed): keys for the place (with their schema descriptions), item ids
// with name and amount, fact names with label and type, the values of the fact an atom
// names, operators that fit the fact's type, revision ids, enumerations of the schema, and a
// snippet for a new item. Rule text in details shows its control characters as escapes, and
// in the documentation (Markdown) it cannot make links, HTML or other Markdown.
import { markdownText, visibleText } from '../analysis/display-text';
import { SCHEMAS } from '../analysis/schema';
import { fileKindOf } from '../analysis/file-kind';
import { type FileKind, type Span } from '../analysis/types';
import type { FactDef, Workspace } from '../model/workspace';
import { clauseCompletions } from './law-completion';
import { schemaVocabulary, type SchemaVocabulary } from './schema-vocabulary';
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
}

export interface Completions {
  entries: CompletionEntry[];
  /** The partial word the entries replace. */
  replace: Span;
}

const ITEM_KEYS = ['addition-to', 'requires', 'excludes', 'overrides', 'combinable', 'request', 'claimable', 'id'];
/** Keys and enumerated values, per file kind, as the schemas give them. */
const VOCABULARY = Object.fromEntries(
  Object.entries(SCHEMAS).map(([kind, schema]) => [kind, schemaVocabulary(schema as Record<string, unknown>)]),
) as Record<FileKind, SchemaVocabulary>;
const CHILD_KEYS = Object.fromEntries(Object.entries(VOCABULARY).map(([kind, v]) => [kind, v.childKeys])) as Record<
  FileKind,
  Record<string, string[]>
>;
/** Values by key across every kind of file (a key means the same everywhere it is enumerated). */
const ENUMS: Record<string, string[]> = Object.assign({}, ...Object.values(VOCABULARY).map((v) => v.enums));

export function completionsAt(ws: Workspace, file: string, text: string, offset: number): Completions {
  const kind = fileKindOf(file);
  const clauses = kind === 'tariff' ? clauseCompletions(ws, file, text, offset) : undefined;
  if (clauses) return clauses;
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const prefix = text.slice(lineStart, offset);
  const word = /[A-Za-z0-9._-]*$/.exec(prefix)![0];
  const replace = { start: offset - word.length, end: offset };
  const before = prefix.slice(0, prefix.length - word.length);
  const none = { entries: [], replace };
  if (!kind || /#/.test(before)) return none;
  const revision = /^revision:\s*([A-Za-z0-9._-]+)/m.exec(text)?.[1];
  const inline = /([A-Za-z][A-Za-z0-9_-]*)\s*:\s*(\[[^\]]*)?$/.exec(before);
  const blockItem = /^\s*-\s*$/.test(before);
  const key = inline?.[1] ?? (blockItem ? parentKey(text, lineStart) : undefined);
  if (key !== undefined && (inline || blockItem) && !(blockItem && isMappingList(key, kind))) {
    return { entries: valuesFor(ws, key, kind, revision, text, offset, lineStart), replace };
  }
  // A key position: at the start of a line (after indentation or `- `), or after `{` / `,` in a flow mapping.
  if (/^\s*(-\s+)?$/.test(before) || /[{,]\s*$/.test(before)) {
    const parent = /[{,]\s*$/.test(before)
      ? flowParent(text, lineStart, before)
      : blockItem || /^\s*-\s+$/.test(before)
        ? parentKey(text, lineStart)
        : parentKey(text, lineStart, indentOf(before));
    return { entries: keysFor(ws, kind, parent, before, text, offset, lineStart), replace };
  }
  return none;
}

function valuesFor(
  ws: Workspace,
  key: string,
  kind: FileKind,
  revision: string | undefined,
  text: string,
  offset: number,
  lineStart: number,
): CompletionEntry[] {
  if (key === 'fact' || key.endsWith('-fact')) return [...ws.facts.values()].map(([def]) => factEntry(def!));
  if (kind !== 'revisions' && ITEM_KEYS.includes(key)) {
    return ws.items
      .filter((item) => revision === undefined || item.tariff.revision === revision)
      .map((item) => {
        const amount = item.amount ? ` · ${item.amount.value} ${item.amount.unit}` : '';
        return {
          label: item.id,
          kind: 'item' as const,
          detail: visibleText(`${item.name ?? ''}${amount}`),
          documentation: item.aliases.map(markdownText).join(' / ') || undefined,
        };
      });
  }
  if (key === 'revision' || key === 'supersedes') return [...ws.revisions.keys()].map((id) => ({ label: id, kind: 'revision' as const }));
  if (ENUMS[key] && !(kind === 'scenario' && key === 'type')) return ENUMS[key]!.map((v) => ({ label: v, kind: 'value' as const }));
  if (OPERATOR.has(key) && OPERATOR.get(key)!.operand !== 'fact') {
    const fact = atomFact(ws, text, offset, lineStart);
    if (!fact) return [];
    const values = fact.type === 'boolean' ? ['true', 'false'] : fact.values;
    return values.map((v) => ({ label: v, kind: 'value' as const, detail: visibleText(fact.name) }));
  }
  return [];
}

function keysFor(
  ws: Workspace,
  kind: FileKind,
  parent: string | undefined,
  before: string,
  text: string,
  offset: number,
  lineStart: number,
): CompletionEntry[] {
  // Inside an atom that already names its fact, the next key is an operator for that fact's type.
  const inCondition = /fact:/.test(before) || (parent !== undefined && ['when', 'all', 'any', 'not', 'constraints'].includes(parent));
  const def = inCondition ? atomFact(ws, text, offset, lineStart) : undefined;
  if (def?.type) return operatorsOf(def.type).map((op) => ({ label: op, kind: 'operator' as const, detail: visibleText(def.name) }));
  if (kind === 'scenario' && parent === 'facts') return [...ws.facts.values()].map(([d]) => factEntry(d!));
  const keys = CHILD_KEYS[kind][parent ?? ''] ?? CHILD_KEYS[kind][''] ?? [];
  const entries: CompletionEntry[] = keys.map((k) => ({ label: k, kind: 'key' as const, documentation: DESCRIPTIONS.get(k) }));
  if (kind === 'tariff' && parent === 'items') {
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

function factEntry(def: FactDef): CompletionEntry {
  const values =
    def.type === 'enum' || def.type === 'set'
      ? `: ${def.values.join(', ')}`
      : def.type === 'integer'
        ? ` ${def.min ?? ''}–${def.max ?? ''}`
        : '';
  return { label: def.name, kind: 'fact', detail: visibleText(`${def.label ?? ''} (${def.type ?? '?'}${values})`) };
}

/** The fact of the atom around the cursor: `fact:` earlier on the line, else on a sibling line above. */
function atomFact(ws: Workspace, text: string, offset: number, lineStart: number): FactDef | undefined {
  const line = text.slice(lineStart, offset);
  let match = /fact:\s*([A-Za-z0-9._-]+)[^{}]*$/.exec(line);
  if (!match) {
    const indent = indentOf(line);
    for (let end = lineStart - 1; end > 0;) {
      const start = text.lastIndexOf('\n', end - 1) + 1;
      const previous = text.slice(start, end);
      if (indentOf(previous) < indent && previous.trim() !== '') {
        match = /fact:\s*([A-Za-z0-9._-]+)/.exec(previous);
        break;
      }
      match = /^\s*(-\s*)?fact:\s*([A-Za-z0-9._-]+)/.exec(previous) ? /fact:\s*([A-Za-z0-9._-]+)/.exec(previous) : null;
      if (match) break;
      end = start - 1;
    }
  }
  return match ? ws.facts.get(match[1]!)?.[0] : undefined;
}

/** The key of the nearest line above with less indentation than `indent` (default: this line's). */
function parentKey(text: string, lineStart: number, indent?: number): string | undefined {
  const lineEnd = text.indexOf('\n', lineStart);
  const own = indent ?? indentOf(text.slice(lineStart, lineEnd < 0 ? text.length : lineEnd).replace(/-\s/, '  '));
  for (let end = lineStart - 1; end > 0;) {
    const start = text.lastIndexOf('\n', end - 1) + 1;
    const line = text.slice(start, end);
    if (line.trim() !== '' && !line.trim().startsWith('#') && indentOf(line) < own) {
      const match = /^\s*(?:-\s*)?([A-Za-z][A-Za-z0-9_-]*)\s*:/.exec(line);
      // A list item's own first key belongs to the list: its parent is the list's key.
      if (match && /^\s*-\s/.test(line) && indentOf(line) + 2 >= own) return parentKey(text, start);
      return match?.[1];
    }
    end = start - 1;
  }
  return indent === undefined || indent > 0 ? undefined : '';
}

/** In a flow mapping on this line (`{ fact: x, |`), the key that owns the mapping. */
function flowParent(text: string, lineStart: number, before: string): string | undefined {
  const open = before.lastIndexOf('{');
  const owner = /([A-Za-z][A-Za-z0-9_-]*)\s*:\s*(\[[^\]]*)?$/.exec(before.slice(0, open));
  return owner?.[1] ?? parentKey(text, lineStart);
}

function isMappingList(key: string, kind: FileKind): boolean {
  return (
    (kind === 'tariff' && ['items', 'options', 'all', 'any'].includes(key)) ||
    key === 'history' ||
    key === 'facts' ||
    key === 'constraints' ||
    key === 'revisions'
  );
}

function indentOf(line: string): number {
  return /^ */.exec(line)![0].length;
}

/** Property descriptions from the schemas, by key name (the first one found). */
const DESCRIPTIONS = (() => {
  const map = new Map<string, string>();
  const walk = (node: unknown): void => {
    if (!node || typeof node !== 'object') return;
    const props = (node as { properties?: Record<string, { description?: string }> }).properties;
    if (props)
      for (const [name, schema] of Object.entries(props)) if (schema.description && !map.has(name)) map.set(name, schema.description);
    for (const value of Object.values(node)) walk(value);
  };
  for (const schema of Object.values(SCHEMAS)) walk(schema);
  return map;
})();
