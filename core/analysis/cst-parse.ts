// The quick road to a parse, for the plain YAML that rule files are written in: the yaml
// library's concrete syntax tree is read straight into data and spans, without building the
// library's document model first (about a third of the library's time). Anything outside
// that plain subset — anchors, aliases, tags, explicit keys, several documents, empty
// values, duplicate keys, multi-line flow collections, a trailing comma, nesting past
// MAX_DEPTH, any error — makes it give up, and the text is parsed the full way. The result is the same either way: the
// spans follow the library's own node ranges, and a differential test holds the two to it.
import { CST, Document, isScalar, Parser, type CollectionTag, type ScalarTag } from 'yaml';
import { MAX_DEPTH } from './deep-nesting';
import { define, MAX_NODES, pointerSegment, spanOfRange, YAML_OPTIONS, type NodeSpans, type YamlDoc } from './parse';
import type { Span } from './types';

/**
 * The one document of a text in the plain subset, or undefined when the full parse is needed.
 * `nested` is how deep the text's top collection sits in its file (see `parseWhole`).
 */
export function parseCst(text: string, nested = 0): YamlDoc | undefined {
  // Tabs and carriage returns bring indentation and line-break rules the walk does not repeat.
  if (text.includes('\t') || text.includes('\r')) return undefined;
  try {
    return readDocument(text, nested);
  } catch {
    // Nothing the walk expects throws; should anything, the full parse takes over and reports.
    return undefined;
  }
}

function readDocument(text: string, nested: number): YamlDoc | undefined {
  let document: CST.Document | undefined;
  for (const token of new Parser().parse(text)) {
    if (token.type === 'document' && !document) document = token;
    else if (token.type !== 'comment' && token.type !== 'newline' && token.type !== 'space') return undefined;
  }
  if (!document?.value || !plainTokens(document.start, text) || !plainTokens(document.end ?? [], text)) return undefined;
  const walk: Walk = { text, spans: new Map(), nodes: 0, depth: nested };
  const root = node(walk, document.value, '', undefined);
  if (!root) return undefined;
  let end = root.range[2];
  for (const token of document.end ?? []) end += token.source.length;
  const span = spanOfRange(text, root.range, isCollection(document.value));
  return { index: 0, value: root.value, spans: walk.spans, broken: false, span, extent: { start: document.offset, end }, cuts: [] };
}

interface Walk {
  text: string;
  spans: Map<string, NodeSpans>;
  nodes: number;
  /** How deep the walk is in nested collections. */
  depth: number;
}

/** A composed node: its value and the library's range for it ([start, value end, node end]). */
interface Composed {
  value: unknown;
  range: [number, number, number];
}

/** The schema and options the full parse composes with, for resolving plain scalars alike. */
const COMPOSING = new Document(undefined, YAML_OPTIONS);
const TAGS = COMPOSING.schema.tags as (ScalarTag | CollectionTag)[];

function node(walk: Walk, token: CST.Token, pointer: string, key: Span | undefined): Composed | undefined {
  if (++walk.nodes > MAX_NODES) return undefined;
  if (isCollection(token)) {
    // Nesting past the limit is left to the full parse, which reports it and leaves the deep part out.
    if (++walk.depth > MAX_DEPTH) return undefined;
    // The entry goes in first, as the full parse orders them; its span is known once the children are.
    walk.spans.set(pointer, PENDING);
    const composed =
      token.type === 'block-map'
        ? blockMap(walk, token, pointer)
        : token.type === 'block-seq'
          ? blockSeq(walk, token, pointer)
          : flowCollection(walk, token, pointer);
    walk.depth--;
    if (!composed) return undefined;
    const span = spanOfRange(walk.text, composed.range, true);
    walk.spans.set(pointer, key ? { value: span, key } : { value: span });
    return composed;
  }
  const composed = scalar(token, false, walk.text);
  if (!composed) return undefined;
  const span = spanOfRange(walk.text, composed.range, false);
  walk.spans.set(pointer, key ? { value: span, key } : { value: span });
  return composed;
}

const PENDING: NodeSpans = { value: { start: 0, end: 0 } };

function blockMap(walk: Walk, map: CST.BlockMap, pointer: string): Composed | undefined {
  const out: Record<string, unknown> = {};
  const keys = new Set<unknown>();
  let offset = map.offset;
  let commentEnd: number | undefined;
  for (const [i, item] of map.items.entries()) {
    if (!plainTokens(item.start, walk.text)) return undefined;
    if (!item.sep && !item.key) {
      // A comment after the last entry; anywhere else the library reports an error.
      if (i !== map.items.length - 1 || item.start.length === 0) return undefined;
      commentEnd = tokensEnd(item.start, offset);
      continue;
    }
    const key = item.key;
    if (item.explicitKey || !key || !isFlowScalar(key) || key.indent !== map.indent || key.source.includes('\n')) return undefined;
    const colon = valueIndicator(item.sep, walk.text);
    const value = item.value;
    if (colon === undefined || !value || colon.offset - key.offset > 1024) return undefined;
    // A block collection as a value must start on a line of its own.
    if ((value.type === 'block-map' || value.type === 'block-seq') && !item.sep.some((t) => t.type === 'newline')) return undefined;
    const entry = mapKey(key, keys, walk.text);
    if (!entry) return undefined;
    const child = node(walk, value, `${pointer}/${pointerSegment(entry.name)}`, entry.span);
    if (!child) return undefined;
    define(out, entry.name, child.value);
    offset = child.range[2];
  }
  return { value: out, range: [map.offset, offset, commentEnd ?? offset] };
}

function blockSeq(walk: Walk, seq: CST.BlockSequence, pointer: string): Composed | undefined {
  const out: unknown[] = [];
  let offset = seq.offset;
  let commentEnd: number | undefined;
  for (const [i, item] of seq.items.entries()) {
    const indicators = item.start.filter((t) => t.type === 'seq-item-ind').length;
    if (indicators === 0 && !item.value) {
      if (i !== seq.items.length - 1 || item.start.length === 0 || !plainTokens(item.start, walk.text)) return undefined;
      commentEnd = tokensEnd(item.start, offset);
      continue;
    }
    if (indicators !== 1 || !item.value || !plainTokens(item.start, walk.text, 'seq-item-ind')) return undefined;
    const child = node(walk, item.value, `${pointer}/${out.length}`, undefined);
    if (!child) return undefined;
    out.push(child.value);
    offset = child.range[2];
  }
  return { value: out, range: [seq.offset, offset, commentEnd ?? offset] };
}

/** A flow collection on one line, each entry with a value and commas between them. */
function flowCollection(walk: Walk, flow: CST.FlowCollection, pointer: string): Composed | undefined {
  const isMap = flow.start.source === '{';
  const out: Record<string, unknown> | unknown[] = isMap ? {} : [];
  const keys = new Set<unknown>();
  for (const [i, item] of flow.items.entries()) {
    const commas = item.start.filter((t) => t.type === 'comma').length;
    if (commas !== (i === 0 ? 0 : 1) || !item.value || !sameLine(item.start, 'comma')) return undefined;
    const value = item.value;
    if (value.type === 'block-map' || value.type === 'block-seq' || value.type === 'block-scalar') return undefined;
    if (isMap) {
      const key = item.key;
      if (
        !key ||
        !isFlowScalar(key) ||
        !item.sep ||
        !sameLine(item.sep, 'map-value-ind') ||
        item.sep.filter((t) => t.type === 'map-value-ind').length !== 1
      )
        return undefined;
      const entry = mapKey(key, keys, walk.text);
      if (!entry) return undefined;
      const child = node(walk, value, `${pointer}/${pointerSegment(entry.name)}`, entry.span);
      if (!child) return undefined;
      define(out as Record<string, unknown>, entry.name, child.value);
    } else {
      if (item.key || item.sep) return undefined;
      const child = node(walk, value, `${pointer}/${(out as unknown[]).length}`, undefined);
      if (!child) return undefined;
      (out as unknown[]).push(child.value);
    }
  }
  const [close, ...after] = flow.end;
  if (close?.source !== (isMap ? '}' : ']') || !plainTokens(after, walk.text)) return undefined;
  const closeEnd = close.offset + 1;
  return { value: out, range: [flow.offset, closeEnd, tokensEnd(after, closeEnd)] };
}

/** A key's name (as the full parse writes it) and span; undefined for a duplicate or a merge key. */
function mapKey(token: CST.FlowScalar, seen: Set<unknown>, text: string): { name: string; span: Span } | undefined {
  const composed = scalar(token, true, text);
  if (!composed || seen.has(composed.value)) return undefined;
  seen.add(composed.value);
  const name = String(composed.value);
  // `<<` merges another mapping in: the full parse handles that.
  if (name === '<<') return undefined;
  return { name, span: spanOfRange(text, composed.range, false) };
}

let scalarFailed = false;
const failScalar = () => {
  scalarFailed = true;
};

/** A scalar's value as the library's core schema resolves it, or undefined on any problem. */
function scalar(token: CST.Token, atKey: boolean, text: string): Composed | undefined {
  if (
    token.type !== 'scalar' &&
    token.type !== 'single-quoted-scalar' &&
    token.type !== 'double-quoted-scalar' &&
    token.type !== 'block-scalar'
  )
    return undefined;
  if ('end' in token && token.end && !plainTokens(token.end, text)) return undefined;
  if (
    token.type === 'block-scalar' &&
    !token.props.every((t) => t.type === 'block-scalar-header' || t.type === 'newline' || t.type === 'space' || t.type === 'comment')
  )
    return undefined;
  scalarFailed = false;
  const resolved = CST.resolveAsScalar(token, true, failScalar);
  if (!resolved || scalarFailed) return undefined;
  const range = resolved.range as [number, number, number];
  if (token.type !== 'scalar') return { value: resolved.value, range };
  const source = resolved.value;
  const tag = TAGS.find((t) => (t.default === true || (atKey && t.default === 'key')) && t.test?.test(source)) as ScalarTag | undefined;
  if (!tag) return { value: source, range };
  const resolvedValue: unknown = tag.resolve(source, failScalar, COMPOSING.options);
  // Some tags make a node of their own (booleans keep their spelling); the data is its value.
  const value = isScalar(resolvedValue) ? resolvedValue.value : resolvedValue;
  // The merge key's symbol, or anything else that is not plain data, is left to the full parse.
  if (scalarFailed || typeof value === 'symbol' || (value !== null && typeof value === 'object')) return undefined;
  return { value, range };
}

function isFlowScalar(token: CST.Token): token is CST.FlowScalar {
  return token.type === 'scalar' || token.type === 'single-quoted-scalar' || token.type === 'double-quoted-scalar';
}

function isCollection(token: CST.Token): token is CST.BlockMap | CST.BlockSequence | CST.FlowCollection {
  return token.type === 'block-map' || token.type === 'block-seq' || token.type === 'flow-collection';
}

/**
 * True when the tokens are only blanks, line breaks and comments (each after a blank or at a
 * line start, as YAML requires), plus the one `allowed` indicator if given.
 */
function plainTokens(tokens: readonly CST.SourceToken[], text: string, allowed?: CST.SourceToken['type']): boolean {
  for (const token of tokens) {
    if (token.type === 'space' || token.type === 'newline' || token.type === allowed) continue;
    if (token.type !== 'comment') return false;
    const before = token.offset === 0 ? '\n' : text[token.offset - 1];
    if (before !== ' ' && before !== '\n') return false;
  }
  return true;
}

/** The `:` of a block mapping entry: only blanks before it; blanks, line breaks and comments after. */
function valueIndicator(sep: readonly CST.SourceToken[] | undefined, text: string): CST.SourceToken | undefined {
  if (!sep) return undefined;
  const at = sep.findIndex((t) => t.type !== 'space');
  const colon = sep[at];
  if (colon?.type !== 'map-value-ind' || !plainTokens(sep.slice(at + 1), text)) return undefined;
  return colon;
}

/** Tokens inside a flow collection: blanks and the one indicator, no line break or comment. */
function sameLine(tokens: readonly CST.SourceToken[], allowed: CST.SourceToken['type']): boolean {
  return tokens.every((t) => t.type === 'space' || t.type === allowed);
}

function tokensEnd(tokens: readonly CST.SourceToken[], otherwise: number): number {
  const last = tokens[tokens.length - 1];
  return last ? last.offset + last.source.length : otherwise;
}
