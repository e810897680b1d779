// Parsing a tariff file item by item, so that an edit re-parses only the item it touches.
// A file in the usual shape — one document, top-level keys at column 0, `items:` as a block
// list whose entries start with `  - `, no anchors or aliases — is split into a header and
// one chunk per item; each chunk is parsed on its own (and remembered by its text), and the
// results are joined into the same data and spans a whole-file parse gives. Any other shape
// is parsed whole. For a text YAML cannot read, each broken item reports its own first
// error (a whole-file parse stops at the first one), in the CLI and the server alike.
import type { Finding, Span } from './types';
import type { NodeSpans, ParsedFile, YamlDoc } from './parse';

/** Remembered parses of chunk texts: every chunk used is `set` (a plain Map works). */
export interface ChunkCache {
  get(text: string): ParsedFile | undefined;
  set(text: string, parsed: ParsedFile): unknown;
}

export interface Chunking {
  header: string;
  /** Item entries: their text and where it starts in the file. */
  items: { text: string; start: number }[];
  /** Where the `items` key starts. */
  itemsKey: number;
}

/** The header and item chunks of a tariff file, or undefined when it is not in the usual shape. */
export function chunkTariff(text: string): Chunking | undefined {
  // Anchors and aliases may reach across items: such files are parsed whole (comments do not count).
  const code = text.replace(/(^|\s)#.*$/gm, '$1');
  if (/^(---|\.\.\.)/m.test(text) || /(^|[\s[{,])[&*][^\s]/m.test(code) || text.includes('\r') || text.includes('\t')) return undefined;
  const itemsKey = text.search(/^items:[ ]*(#.*)?$/m);
  if (itemsKey < 0) return undefined;
  const bodyStart = text.indexOf('\n', itemsKey) + 1;
  if (bodyStart === 0) return undefined;
  const body = text.slice(bodyStart);
  // After the list only blank lines and comments may follow: another top-level key would need the whole file.
  const lines = body.split('\n');
  const items: { text: string; start: number }[] = [];
  let offset = bodyStart;
  let current: { text: string; start: number } | undefined;
  for (const [i, line] of lines.entries()) {
    const withBreak = i < lines.length - 1 ? `${line}\n` : line;
    if (line.startsWith('  - ')) {
      if (current) items.push(current);
      current = { text: withBreak, start: offset };
    } else if (/^\S/.test(line) && !line.startsWith('#')) {
      return undefined;
    } else if (current) {
      current.text += withBreak;
    } else if (line.trim() !== '' && !line.trimStart().startsWith('#')) {
      return undefined;
    }
    offset += withBreak.length;
  }
  if (current) items.push(current);
  if (items.length === 0) return undefined;
  return { header: text.slice(0, bodyStart), items, itemsKey };
}

/**
 * Joins the parses of the header and the chunks into one parsed file. `parse` parses a text
 * whole (the chunks are valid YAML on their own: a list with one entry).
 */
export function joinChunks(file: string, text: string, chunking: Chunking, parse: (text: string) => ParsedFile, cache: ChunkCache | undefined): ParsedFile {
  const header = parse(chunking.header);
  const headerDoc = header.docs[0];
  const root = headerDoc?.value;
  if (!headerDoc || header.docs.length !== 1 || !root || typeof root !== 'object' || Array.isArray(root)) return parse(text);
  const findings: Finding[] = [...header.findings.map((f) => ({ ...f, file }))];
  const spans = new Map<string, NodeSpans>(headerDoc.spans);
  const values: unknown[] = [];
  let broken = headerDoc.broken;
  chunking.items.forEach((chunk, i) => {
    const parsed = cache?.get(chunk.text) ?? parse(chunk.text);
    cache?.set(chunk.text, parsed);
    const doc = parsed.docs[0];
    const shift = (span: Span): Span => ({ start: span.start + chunk.start, end: span.end + chunk.start });
    for (const f of parsed.findings) findings.push({ ...f, file, span: shift(f.span) });
    if (!doc || !Array.isArray(doc.value) || doc.value.length !== 1 || parsed.docs.length !== 1) {
      broken = true;
      values.push(null);
      return;
    }
    broken ||= doc.broken;
    values.push(doc.value[0]);
    // The chunk's spans placed in the file, kept while the chunk stays at the same index and offset.
    let placed = placements.get(parsed);
    if (!placed || placed.index !== i || placed.start !== chunk.start) {
      const entries: [string, NodeSpans][] = [];
      for (const [pointer, node] of doc.spans) {
        if (pointer !== '') entries.push([`/items/${i}${pointer.slice(2)}`, { value: shift(node.value), ...(node.key ? { key: shift(node.key) } : {}) }]);
      }
      placements.set(parsed, (placed = { index: i, start: chunk.start, entries }));
    }
    for (const [pointer, node] of placed.entries) spans.set(pointer, node);
  });
  const first = chunking.items[0]!;
  // The list ends where its last item's content ends (not at comments or blank lines after it).
  const lastItem = spans.get(`/items/${chunking.items.length - 1}`);
  const last = chunking.items[chunking.items.length - 1]!;
  const itemsValue = { start: first.start + 2, end: lastItem ? lastItem.value.end : trimEnd(text, last.start + last.text.length) };
  const itemsKey = spans.get('/items')?.key ?? { start: chunking.itemsKey, end: chunking.itemsKey + 5 };
  spans.set('/items', { value: itemsValue, key: itemsKey });
  const docSpan = { start: headerDoc.span.start, end: itemsValue.end };
  spans.set('', { value: docSpan });
  const value = { ...(root as Record<string, unknown>) };
  Object.defineProperty(value, 'items', { value: values, enumerable: true, writable: true, configurable: true });
  const doc: YamlDoc = { index: 0, value, spans, broken, span: docSpan, extent: { start: headerDoc.extent.start, end: text.length } };
  return { file, text, kind: header.kind, docs: [doc], findings };
}

const placements = new WeakMap<ParsedFile, { index: number; start: number; entries: [string, NodeSpans][] }>();

function trimEnd(text: string, end: number): number {
  let e = end;
  while (e > 0 && /\s/.test(text[e - 1]!)) e--;
  return e;
}
