// Turns the text of a rule file into plain data plus a map from every key and value to its
// source span (yaml's node ranges, in UTF-16 offsets), so that every later finding can point at the exact key or value the user
// wrote. YAML syntax errors become `yaml-syntax` findings, lists and mappings nested past
// MAX_DEPTH one `nesting-too-deep` finding; the parser never throws.
import { Composer, isAlias, isMap, isPair, isScalar, isSeq, Parser, type Document, type Node } from 'yaml';
import { SEVERITY } from './codes';
import { blankDeep, deepCollections, MAX_DEPTH, UNREAD_DEPTH, unreadableAt, type DeepCollection } from './deep-nesting';
import { fileKindOf } from './file-kind';
import type { FileKind, Finding, MessageRef, Span } from './types';
import { yamlFindings } from './yaml-errors';
import { chunkTariff, joinChunks, type ChunkCache } from './chunked-parse';
import { readPlain } from './plain-reader';

/** Where a node stands in the text: its value, and the key that introduces it if any. */
export interface NodeSpans {
  value: Span;
  key?: Span;
}

/** Spans by JSON Pointer: a Map for a document parsed whole, a view over the items' own for one parsed item by item. */
export interface SpanIndex extends Iterable<[string, NodeSpans]> {
  get(pointer: string): NodeSpans | undefined;
}

/** One YAML document of a file. `spans` is keyed by JSON Pointer ('' is the root). */
export interface YamlDoc {
  index: number;
  value: unknown;
  spans: SpanIndex;
  /** True when YAML reported errors in this document: its data is a best-effort recovery. */
  broken: boolean;
  /** The content of the document (what a finding about the whole document underlines). */
  span: Span;
  /** Everything the document covers, from its first to its last character. */
  extent: Span;
  /** The parts nested past MAX_DEPTH: read as null, and left out of the analysis. */
  cuts: Cut[];
}

/** A list or mapping one level past MAX_DEPTH: where it is in the data, and its text. */
export interface Cut {
  pointer: string;
  extent: Span;
}

export interface ParsedFile {
  file: string;
  text: string;
  kind: FileKind | undefined;
  docs: YamlDoc[];
  findings: Finding[];
  /** For a tariff file parsed item by item: the parses it was joined from (schema checks reuse them per item). */
  chunks?: Chunks;
}

/** The header's parse (file offsets) and each item's (offsets in its chunk, which starts at `start`; undefined for an item YAML could not read). */
export interface Chunks {
  header: ParsedFile;
  items: ({ parsed: ParsedFile; start: number } | undefined)[];
}

/** The most nodes one document may expand to; alias bombs stop here with a finding. */
export const MAX_NODES = 200_000;

/**
 * Parses a rule file. `file` is an opaque name (a path or a URI) carried into findings.
 * Tariff files in the usual shape are parsed item by item; with a `cache` (the language
 * server keeps one per file) an edit re-parses only the items it changed.
 */
export function parseFile(file: string, text: string, cache?: ChunkCache): ParsedFile {
  const chunking = fileKindOf(file) === 'tariff' ? chunkTariff(text) : undefined;
  return chunking ? joinChunks(file, text, chunking, (part, nested) => parseWhole(file, part, nested), cache) : parseWhole(file, text);
}

/** How rule files are read: YAML 1.2 core schema, unique keys, merge keys (`<<`). */
export const YAML_OPTIONS = { prettyErrors: false, uniqueKeys: true, merge: true } as const;

/**
 * Parses a text as a whole. Plain YAML is read by the plain reader; anything else
 * (any text with errors, and any nested past MAX_DEPTH) goes through the library's document
 * model. `nested` is how deep the text's top collection sits in its file (1 for an item
 * parsed on its own), so that the depth limit falls where it does in the whole file.
 */
export function parseWhole(file: string, text: string, nested = 0): ParsedFile {
  // The reader stops at MAX_DEPTH by itself: the scan for nesting the library cannot take is for the full road.
  const doc = readPlain(text, nested);
  if (doc) return { file, text, kind: fileKindOf(file), docs: [doc], findings: [] };
  const unreadable = unreadableAt(text);
  if (unreadable !== undefined) {
    const finding: Finding = {
      file,
      span: { start: unreadable, end: unreadable + 1 },
      code: 'nesting-too-deep',
      severity: SEVERITY['nesting-too-deep'],
      message: { id: 'nesting-too-deep', args: { limit: UNREAD_DEPTH } },
    };
    return { file, text, kind: fileKindOf(file), docs: [], findings: [finding] };
  }
  return parseComposed(file, text, nested);
}

/** Parses a text through the yaml library's document model (every document, with its errors). */
export function parseComposed(file: string, text: string, nested = 0): ParsedFile {
  const findings: Finding[] = [];
  const docs: YamlDoc[] = [];
  // The library composes documents recursively: collections past the limit are blanked first (same offsets).
  let tokens = Array.from(new Parser().parse(text));
  const deep = deepCollections(tokens, text, nested);
  const read = deep.size > 0 ? blankDeep(text, deep) : text;
  if (deep.size > 0) tokens = Array.from(new Parser().parse(read));
  const list: Document[] = Array.from(new Composer(YAML_OPTIONS).compose(tokens));
  list.forEach((doc, index) => {
    findings.push(...yamlFindings(file, read, doc));
    const built = buildDoc(doc, index, text, { nested, deep });
    for (const problem of built.problems)
      findings.push({ file, span: problem.span, code: problem.code, severity: SEVERITY[problem.code], message: problem.message });
    docs.push(built.doc);
  });
  return { file, text, kind: fileKindOf(file), docs, findings };
}

/** Escapes one JSON Pointer segment. */
export function pointerSegment(key: string | number): string {
  if (typeof key === 'number') return String(key);
  // Most keys need no escaping; the test is cheaper than two replacements.
  return key.includes('~') || key.includes('/') ? key.replace(/~/g, '~0').replace(/\//g, '~1') : key;
}

/** The span to point at for a value; an empty value points at its key instead. */
export function valueSpan(doc: YamlDoc, pointer: string): Span {
  const spans = doc.spans.get(pointer);
  if (!spans) return doc.span;
  if (spans.value.end <= spans.value.start && spans.key) return spans.key;
  return spans.value;
}

/** The span of the key that introduces a node; for list elements and the root, the node. */
export function keySpan(doc: YamlDoc, pointer: string): Span {
  const spans = doc.spans.get(pointer);
  if (!spans) return doc.span;
  return spans.key ?? spans.value;
}

/**
 * Where to report something missing from the mapping at `pointer`: the key that introduces
 * it, or for a list element or the document root, its first key (one line, not the block).
 */
export function ownerSpan(doc: YamlDoc, pointer: string): Span {
  const spans = doc.spans.get(pointer);
  if (spans?.key) return spans.key;
  const value = valueAt(doc.value, pointer);
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    const first = Object.keys(value)[0];
    const child = first === undefined ? undefined : doc.spans.get(`${pointer}/${pointerSegment(first)}`);
    if (child?.key) return child.key;
  }
  return spans?.value ?? doc.span;
}

/** Reads the value at a JSON Pointer, or undefined. */
export function valueAt(root: unknown, pointer: string): unknown {
  if (pointer === '') return root;
  let current: unknown = root;
  for (const raw of pointer.slice(1).split('/')) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (current === null || typeof current !== 'object') return undefined;
    if (!Object.prototype.hasOwnProperty.call(current, key)) return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

interface BuildState {
  doc: Document;
  text: string;
  nodes: number;
  spans: Map<string, NodeSpans>;
  resolving: Set<Node>;
  problems: Problem[];
  /** The collections blanked before composing (past the limit in the text), by start offset. */
  deep: ReadonlyMap<number, DeepCollection>;
  cuts: Cut[];
}

interface Problem {
  span: Span;
  code: 'yaml-syntax' | 'nesting-too-deep';
  message: MessageRef;
}

/** Thrown when expansion passes MAX_NODES; `span` is the alias the user wrote that led there. */
class Overflow extends Error {
  constructor(readonly span: Span) {
    super('overflow');
  }
}

function buildDoc(
  doc: Document,
  index: number,
  text: string,
  nesting: { nested: number; deep: ReadonlyMap<number, DeepCollection> },
): { doc: YamlDoc; problems: Problem[] } {
  const state: BuildState = { doc, text, nodes: 0, spans: new Map(), resolving: new Set(), problems: [], deep: nesting.deep, cuts: [] };
  const contents = doc.contents as Node | null;
  const range = doc.range ?? [0, 0, 0];
  const span = contents?.range ? spanOfNode(contents, text) : { start: range[0], end: range[1] };
  let value: unknown = null;
  try {
    value = contents ? build(contents, '', state, nesting.nested) : null;
  } catch (error) {
    if (!(error instanceof Overflow)) throw error;
    value = null;
    state.spans.clear();
    // Nothing of the document is read: what was cut in it no longer matters.
    state.cuts = [];
    state.problems = state.problems.filter((p) => p.code === 'yaml-syntax');
    state.problems.push({ span: error.span, code: 'yaml-syntax', message: { id: 'yaml-syntax.too-large', args: { limit: MAX_NODES } } });
  }
  if (!state.spans.has('')) state.spans.set('', { value: span });
  const extent = { start: range[0], end: range[2] };
  // Nesting past the limit leaves the rest of the document as written: it is not broken.
  const broken = doc.errors.length > 0 || state.problems.some((p) => p.code === 'yaml-syntax');
  return { doc: { index, value, spans: state.spans, broken, span, extent, cuts: state.cuts }, problems: state.problems };
}

/** Builds the data of a node `depth` collections deep (its parent's level). */
function build(node: unknown, pointer: string, state: BuildState, depth: number, key?: Span, aliasSpan?: Span): unknown {
  if (++state.nodes > MAX_NODES) throw new Overflow(aliasSpan ?? spanOfNode(node, state.text));
  if (isAlias(node)) {
    const target = node.resolve(state.doc) as Node | undefined;
    const own = spanOfNode(node, state.text);
    if (!target || state.resolving.has(target)) {
      state.spans.set(pointer, { value: aliasSpan ?? own, key });
      if (!target)
        state.problems.push({
          span: own,
          code: 'yaml-syntax',
          message: { id: 'yaml-syntax.undefined-alias', args: { alias: node.source } },
        });
      return null;
    }
    state.resolving.add(target);
    try {
      // Everything reached through an alias points at the alias the user wrote here.
      return build(target, pointer, state, depth, key, aliasSpan ?? own);
    } finally {
      state.resolving.delete(target);
    }
  }
  const start = (node as { range?: [number, number, number] | null }).range?.[0];
  const blanked = start === undefined ? undefined : state.deep.get(start);
  // Past the limit in the text (blanked before composing), or through aliases that nest it deeper.
  if (blanked || ((isMap(node) || isSeq(node)) && depth + 1 > MAX_DEPTH)) {
    return cut(pointer, state, { extent: aliasSpan ?? blanked?.span ?? spanOfNode(node, state.text), key, at: key ?? aliasSpan });
  }
  const span = aliasSpan ?? spanOfNode(node, state.text);
  state.spans.set(pointer, key ? { value: span, key } : { value: span });
  if (isMap(node)) {
    const out: Record<string, unknown> = {};
    const merges: unknown[] = [];
    for (const pair of node.items) {
      if (!isPair(pair)) continue;
      const keyNode = pair.key as Node | null;
      const name = keyNode === null ? '' : keyText(keyNode);
      if (isScalar(keyNode) && (keyNode.value === '<<' || typeof keyNode.value === 'symbol') && pair.value !== null) {
        merges.push(pair.value);
        continue;
      }
      const ownKey = aliasSpan ?? (keyNode ? spanOfNode(keyNode, state.text) : span);
      const childPointer = `${pointer}/${pointerSegment(name)}`;
      // A key that is a list or mapping nested past the limit: the entry is left out.
      if (keyNode && state.deep.size > 0 && holdsDeep(keyNode, state.deep)) {
        cut(childPointer, state, { extent: ownKey, key: ownKey, at: ownKey });
        continue;
      }
      const child =
        pair.value === null
          ? emptyValue(childPointer, state, ownKey, aliasSpan)
          : build(pair.value, childPointer, state, depth + 1, ownKey, aliasSpan);
      define(out, name, child);
    }
    // YAML merge keys (`<<: *base`): keys written in this mapping win over merged ones.
    for (const source of merges.flatMap((m) => (isSeq(m) ? m.items : [m]))) {
      const from = aliasSpan ?? spanOfNode(source, state.text);
      // Merged nodes live elsewhere in the text: build them aside, then point them all at the merge.
      const own = state.spans;
      const before = state.cuts.length;
      state.spans = new Map();
      const merged = build(source, '', state, depth, undefined, from);
      state.spans = own;
      const asideCuts = state.cuts.splice(before);
      if (merged === null || typeof merged !== 'object' || Array.isArray(merged)) continue;
      for (const [name, value] of Object.entries(merged)) {
        if (Object.prototype.hasOwnProperty.call(out, name)) continue;
        const segment = `/${pointerSegment(name)}`;
        const childPointer = `${pointer}${segment}`;
        define(out, name, value);
        state.spans.set(childPointer, { value: from, key: from });
        copySpans(state, childPointer, from, value);
        for (const c of asideCuts)
          if (c.pointer === segment || c.pointer.startsWith(`${segment}/`))
            state.cuts.push({ pointer: `${pointer}${c.pointer}`, extent: from });
      }
    }
    return out;
  }
  if (isSeq(node)) {
    return node.items.map((item, i) => {
      const childPointer = `${pointer}/${i}`;
      return item === null
        ? emptyValue(childPointer, state, undefined, aliasSpan ?? span)
        : build(item, childPointer, state, depth + 1, undefined, aliasSpan);
    });
  }
  if (isScalar(node)) return node.value ?? null;
  return null;
}

/**
 * Leaves out a collection past the limit: null in the data, its text as its span, and one
 * finding for each list or mapping at the limit that holds such parts (so a thousand of them
 * side by side are one finding), at the first: at `at` — the key that introduces it, or the
 * alias that brings it in — else at its first character (a bracket or a list's `-`).
 */
function cut(pointer: string, state: BuildState, { extent, key, at }: { extent: Span; key?: Span; at?: Span }): null {
  state.spans.set(pointer, key ? { value: extent, key } : { value: extent });
  // The parts of one collection are built one after the other: a new holder follows another's last part.
  const previous = state.cuts[state.cuts.length - 1];
  if (!previous || parentOf(previous.pointer) !== parentOf(pointer)) {
    state.problems.push({
      span: at ?? { start: extent.start, end: extent.start + 1 },
      code: 'nesting-too-deep',
      message: { id: 'nesting-too-deep', args: { limit: MAX_DEPTH } },
    });
  }
  state.cuts.push({ pointer, extent });
  return null;
}

/** Whether a node's text holds a collection blanked for being past the limit. */
function holdsDeep(node: Node, deep: ReadonlyMap<number, DeepCollection>): boolean {
  const range = node.range;
  return range !== null && range !== undefined && [...deep.keys()].some((start) => start >= range[0] && start < range[2]);
}

function parentOf(pointer: string): string {
  return pointer.slice(0, pointer.lastIndexOf('/'));
}

/** Sets a key of parsed data; `__proto__` too is kept as plain data. */
export function define(out: Record<string, unknown>, name: string, value: unknown): void {
  // Assignment makes the same plain property, faster; only `__proto__` needs defineProperty.
  if (name === '__proto__') Object.defineProperty(out, name, { value, enumerable: true, writable: true, configurable: true });
  else out[name] = value;
}

/** Gives every node of a merged value a span (the merge alias) under its new pointer. */
function copySpans(state: BuildState, to: string, span: Span, value: unknown): void {
  if (value === null || typeof value !== 'object') return;
  for (const [key, child] of Object.entries(value)) {
    const pointer = `${to}/${pointerSegment(key)}`;
    state.spans.set(pointer, Array.isArray(value) ? { value: span } : { value: span, key: span });
    copySpans(state, pointer, span, child);
  }
}

function emptyValue(pointer: string, state: BuildState, key: Span | undefined, fallback: Span | undefined): null {
  const at = key ? { start: key.end, end: key.end } : (fallback ?? { start: 0, end: 0 });
  state.spans.set(pointer, key ? { value: at, key } : { value: at });
  return null;
}

function keyText(node: Node): string {
  if (isScalar(node)) return String(node.value);
  return String(node.toJSON());
}

/** A node's span (see spanOfRange). */
function spanOfNode(node: unknown, text: string): Span {
  const range = (node as { range?: [number, number, number] | null }).range;
  if (!range) return { start: 0, end: 0 };
  return spanOfRange(text, range, isMap(node) || isSeq(node));
}

/**
 * The span of a node with the library's range: without the line breaks and blanks a block
 * value ends with — and, for a mapping or list, without comment lines after its last entry
 * (they belong to no entry).
 */
export function spanOfRange(text: string, range: readonly [number, number, number], collection: boolean): Span {
  let end = range[1];
  for (;;) {
    while (end > range[0] && isBlank(text.charCodeAt(end - 1))) end--;
    if (!collection) break;
    const lineStart = text.lastIndexOf('\n', end - 1) + 1;
    if (lineStart <= range[0]) break;
    let first = lineStart;
    while (first < end && isBlank(text.charCodeAt(first))) first++;
    if (text.charCodeAt(first) !== HASH || first >= end) break;
    end = lineStart;
  }
  return { start: range[0], end };
}

const HASH = 0x23;

/** What `\s` matches; tested per character, this is the parse's innermost loop. */
function isBlank(code: number): boolean {
  if (code === 0x20 || code === 0x0a) return true;
  return code < 0x80 ? code >= 0x09 && code <= 0x0d : /\s/.test(String.fromCharCode(code));
}
