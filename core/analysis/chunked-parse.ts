// Parsing a tariff file item by item, so that an edit re-parses only the item it touches.
// A file in the usual shape — one document, top-level keys at column 0, `items:` as a block
// list whose entries start with `  - `, no anchors or aliases — is split into a header and
// one chunk per item; each chunk is parsed on its own (and remembered by its text), and the
// results are joined into the same data and spans a whole-file parse gives. Any other shape
// is parsed whole. For a text YAML cannot read, each broken item reports its own first
// error (a whole-file parse stops at the first one), in the CLI and the server alike.
import type { Finding, Span } from './types';
import type { Chunks, Cut, NodeSpans, ParsedFile, SpanIndex, YamlDoc } from './parse';

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
  if (/^(---|\.\.\.)/m.test(text) || text.includes('\r') || text.includes('\t') || hasAnchors(text)) return undefined;
  const itemsKey = text.search(/^items:[ ]*(#.*)?$/m);
  if (itemsKey < 0) return undefined;
  const bodyStart = text.indexOf('\n', itemsKey) + 1;
  if (bodyStart === 0) return undefined;
  const body = text.slice(bodyStart);
  // After the list only blank lines and comments may follow: another top-level key would need the whole file.
  if (/^[^ #\n]/m.test(body)) return undefined;
  // Entries start at lines beginning with `  - `; before the first only blank lines and comments.
  const first = body.startsWith('  - ') ? 0 : body.indexOf('\n  - ') + 1;
  if (first === 0 && !body.startsWith('  - ')) return undefined;
  if (
    !body
      .slice(0, first)
      .split('\n')
      .every((line) => /^\s*(#.*)?$/.test(line))
  )
    return undefined;
  const items: { text: string; start: number }[] = [];
  for (let at = first; at < body.length;) {
    const next = body.indexOf('\n  - ', at);
    const end = next < 0 ? body.length : next + 1;
    items.push({ text: body.slice(at, end), start: bodyStart + at });
    at = end;
  }
  if (items.length === 0) return undefined;
  return { header: text.slice(0, bodyStart), items, itemsKey };
}

/** Anchors and aliases may reach across items: such files are parsed whole (comments do not count). */
function hasAnchors(text: string): boolean {
  // Most files have neither character: the comment-stripping pass is then not needed.
  if (!text.includes('&') && !text.includes('*')) return false;
  return /(^|[\s[{,])[&*][^\s]/m.test(text.replace(/(^|\s)#.*$/gm, '$1'));
}

/**
 * Joins the parses of the header and the chunks into one parsed file. `parse` parses a text
 * whole (the chunks are valid YAML on their own: a list with one entry); `nested` says how
 * deep the text's top collection sits in the file (an item's list is the file's `items`, one
 * level down), so that nesting past the limit is found where the whole-file parse finds it.
 */
export function joinChunks(
  file: string,
  text: string,
  chunking: Chunking,
  parse: (text: string, nested: number) => ParsedFile,
  cache: ChunkCache | undefined,
): ParsedFile {
  // The header is kept too, under a key no item's text can have (items start with a list entry).
  const headerKey = `\u0000${chunking.header}`;
  // Only a parse that a cache keeps needs its own copy of its text (see `ownCopy`).
  const own = cache ? ownCopy : (text: string) => text;
  const header = cache?.get(headerKey) ?? parse(own(chunking.header), 0);
  cache?.set(headerKey, header);
  const headerDoc = header.docs[0];
  const root = headerDoc?.value;
  if (!headerDoc || header.docs.length !== 1 || !root || typeof root !== 'object' || Array.isArray(root)) return parse(text, 0);
  const findings: Finding[] = [...header.findings.map((f) => ({ ...f, file }))];
  const placed: (PlacedChunk | undefined)[] = [];
  const parts: Chunks['items'] = [];
  const values: unknown[] = [];
  const cuts: Cut[] = [...headerDoc.cuts];
  let broken = headerDoc.broken;
  chunking.items.forEach((chunk, i) => {
    const parsed = cache?.get(chunk.text) ?? parse(own(chunk.text), 1);
    cache?.set(chunk.text, parsed);
    const doc = parsed.docs[0];
    for (const f of parsed.findings) findings.push({ ...f, file, span: shiftSpan(f.span, chunk.start) });
    if (!doc || !Array.isArray(doc.value) || doc.value.length !== 1 || parsed.docs.length !== 1) {
      broken = true;
      values.push(null);
      placed.push(undefined);
      parts.push(undefined);
      return;
    }
    broken ||= doc.broken;
    // The item's own pointers start at `/0`; in the file it is `/items/<i>`.
    for (const c of doc.cuts) cuts.push({ pointer: `${ITEMS}${i}${c.pointer.slice(2)}`, extent: shiftSpan(c.extent, chunk.start) });
    values.push(doc.value[0]);
    placed.push({ spans: doc.spans, start: chunk.start });
    parts.push({ parsed, start: chunk.start });
  });
  const first = chunking.items[0]!;
  const lastIndex = chunking.items.length - 1;
  const lastPlaced = placed[lastIndex];
  const lastItem = lastPlaced?.spans.get('/0');
  // The list ends where its last item's content ends (not at comments or blank lines after it).
  const last = chunking.items[lastIndex]!;
  const itemsValue = {
    start: first.start + 2,
    end: lastItem ? lastItem.value.end + lastPlaced!.start : trimEnd(text, last.start + last.text.length),
  };
  const itemsKey = headerDoc.spans.get('/items')?.key ?? { start: chunking.itemsKey, end: chunking.itemsKey + 5 };
  const docSpan = { start: headerDoc.span.start, end: itemsValue.end };
  const overrides = new Map<string, NodeSpans>([
    ['/items', { value: itemsValue, key: itemsKey }],
    ['', { value: docSpan }],
  ]);
  const value = { ...(root as Record<string, unknown>) };
  Object.defineProperty(value, 'items', { value: values, enumerable: true, writable: true, configurable: true });
  const spans = new JoinedSpans(headerDoc.spans, placed, overrides);
  const doc: YamlDoc = { index: 0, value, spans, broken, span: docSpan, extent: { start: headerDoc.extent.start, end: text.length }, cuts };
  return { file, text, kind: header.kind, docs: [doc], findings, chunks: { header, items: parts } };
}

/**
 * The text of a chunk as a string of its own. A slice of the file's text keeps the whole text
 * alive in V8, and an item's parse (with the strings it read) lives on in the cache across
 * edits: without the copy, every version of the file an item was last parsed in would stay
 * in memory (about 12 MB after 20 edits of a 300 KB file).
 */
function ownCopy(text: string): string {
  // Joining makes a new string that V8 flattens into a copy when it is read; the slice is then of that copy.
  return ` ${text}`.slice(1);
}

/** An item's spans (pointers under `/0`, offsets in its chunk) and where its chunk starts. */
interface PlacedChunk {
  spans: SpanIndex;
  start: number;
}

/**
 * The spans of a file parsed item by item, as the whole-file parse would give them, without
 * copying every item's spans on each edit: `/items/<i>/…` is looked up in item i's own spans
 * and moved to where its chunk starts.
 */
class JoinedSpans implements SpanIndex {
  constructor(
    private readonly header: SpanIndex,
    private readonly items: readonly (PlacedChunk | undefined)[],
    private readonly overrides: ReadonlyMap<string, NodeSpans>,
  ) {}

  get(pointer: string): NodeSpans | undefined {
    if (!pointer.startsWith(ITEMS)) return this.overrides.get(pointer) ?? this.header.get(pointer);
    const slash = pointer.indexOf('/', ITEMS.length);
    const segment = pointer.slice(ITEMS.length, slash < 0 ? undefined : slash);
    // Only a canonical index names an item (`/items/01` does not).
    const chunk = /^(0|[1-9][0-9]*)$/.test(segment) ? this.items[Number(segment)] : undefined;
    const node = chunk?.spans.get(`/0${slash < 0 ? '' : pointer.slice(slash)}`);
    return node && place(node, chunk!.start);
  }

  *[Symbol.iterator](): Iterator<[string, NodeSpans]> {
    for (const [pointer, node] of this.header) yield [pointer, this.overrides.get(pointer) ?? node];
    for (const [i, chunk] of this.items.entries()) {
      if (!chunk) continue;
      for (const [pointer, node] of chunk.spans) if (pointer !== '') yield [`${ITEMS}${i}${pointer.slice(2)}`, place(node, chunk.start)];
    }
    for (const [pointer, node] of this.overrides) if (!this.header.get(pointer)) yield [pointer, node];
  }
}

const ITEMS = '/items/';

/** A span moved by `by` characters (from a chunk's own offsets to the file's). */
export function shiftSpan(span: Span, by: number): Span {
  return { start: span.start + by, end: span.end + by };
}

function place(node: NodeSpans, by: number): NodeSpans {
  return node.key ? { value: shiftSpan(node.value, by), key: shiftSpan(node.key, by) } : { value: shiftSpan(node.value, by) };
}

function trimEnd(text: string, end: number): number {
  let e = end;
  while (e > 0 && /\s/.test(text[e - 1]!)) e--;
  return e;
}
