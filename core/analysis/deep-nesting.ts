// What the user sees: lists and mappings nested more than MAX_DEPTH levels inside one
// another get one `nesting-too-deep` error where they pass the limit, the deeper part is read
// as nothing (null) and left out of the analysis, and everything else in the file is analysed
// as usual. Without a limit, the yaml library and every recursive step after it (schema
// validation, condition formulas, the rules core, code generation) would run out of stack on
// text nested about eight hundred levels deep.
//
// The yaml library's syntax tree is built without recursion, so it is walked (with a stack of
// its own) to find the collections past the limit; their text is then blanked — same length,
// line breaks kept, so every offset stays — before the library composes the document.
import type { CST } from 'yaml';
import { spanOfRange } from './parse';
import type { Span } from './types';

/**
 * How many lists and mappings may nest inside one another (the document's top collection is
 * level 1). Rule files nest about ten levels; the first part of the tool to run out of stack
 * did so at about 800 (the yaml library composing a document), so this leaves a wide margin.
 */
export const MAX_DEPTH = 100;

/**
 * Nesting at which a text is not read at all. The yaml library's syntax-tree parser keeps
 * about a kilobyte and 15 µs per open level (a 5 MB file of brackets would take gigabytes),
 * so a text is scanned first, and one that opens more than this many levels (20 MB, 0.3 s) is
 * reported at the place it does and left unread; below it, collections past MAX_DEPTH are cut
 * as usual and the rest of the text is analysed.
 */
export const UNREAD_DEPTH = 20_000;

/**
 * Where a text first opens more than UNREAD_DEPTH levels, by a scan of its characters: flow
 * brackets that start a node (not inside quotes, comments or plain text such as `加算[1]`)
 * and the `- ` and `? ` entries a line opens in a row. Indentation adds levels too, but
 * thousands of them take far more text than a file may hold, so they are left to the parser.
 */
export function unreadableAt(text: string): number | undefined {
  let flow = 0;
  let entries = 0;
  let nodeStart = true;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    const next = text[i + 1];
    const blankNext = next === undefined || next === ' ' || next === '\t' || next === '\n' || next === '\r';
    if (c === '\n' || c === '\r') {
      if (flow === 0) entries = 0;
      nodeStart = true;
    } else if (c === ' ' || c === '\t') {
      continue;
    } else if (c === '#' && (i === 0 || /\s/.test(text[i - 1]!))) {
      const end = text.indexOf('\n', i);
      i = (end < 0 ? text.length : end) - 1;
    } else if ((c === '"' || c === "'") && nodeStart) {
      i = quotedEnd(text, i);
      nodeStart = false;
    } else if ((c === '[' || c === '{') && nodeStart) {
      if (++flow + entries > UNREAD_DEPTH) return i;
    } else if (c === ']' || c === '}') {
      flow = Math.max(0, flow - 1);
      nodeStart = false;
    } else if (c === ',' && flow > 0) {
      nodeStart = true;
    } else if ((c === '-' || c === '?') && nodeStart && flow === 0 && blankNext) {
      if (flow + ++entries > UNREAD_DEPTH) return i;
    } else if (c === ':' && (blankNext || flow > 0)) {
      nodeStart = true;
    } else {
      nodeStart = false;
    }
  }
  return undefined;
}

/** The index of the quote that closes the quoted text opening at `start` (or the text's end). */
function quotedEnd(text: string, start: number): number {
  const quote = text[start]!;
  for (let i = start + 1; i < text.length; i++) {
    if (quote === '"' && text[i] === '\\') i++;
    else if (text[i] === quote) {
      // In single quotes, two quotes stand for one.
      if (quote === "'" && text[i + 1] === "'") i++;
      else return i;
    }
  }
  return text.length;
}

/** A collection past the limit: the span of its text, and whether it is a block list. */
export interface DeepCollection {
  span: Span;
  blockList: boolean;
}

/**
 * The collections one level past MAX_DEPTH in a text's syntax tree, by their start offset.
 * `nested` is how deep the text's top collection already sits (1 for an item parsed on its
 * own, whose list is the file's `items`).
 */
export function deepCollections(tokens: readonly CST.Token[], text: string, nested: number): Map<number, DeepCollection> {
  const deep = new Map<number, DeepCollection>();
  const pending: { token: CST.Token; depth: number }[] = [];
  for (const token of tokens) if (token.type === 'document' && token.value) pending.push({ token: token.value, depth: nested });
  for (let next = pending.pop(); next; next = pending.pop()) {
    const { token, depth } = next;
    if (!isCollection(token)) continue;
    if (depth + 1 > MAX_DEPTH) {
      const end = textEnd(token);
      deep.set(token.offset, { span: spanOfRange(text, [token.offset, end, end], true), blockList: token.type === 'block-seq' });
      continue;
    }
    for (const item of token.items) {
      if ('key' in item && item.key) pending.push({ token: item.key, depth: depth + 1 });
      if (item.value) pending.push({ token: item.value, depth: depth + 1 });
    }
  }
  return deep;
}

/**
 * The text with each deep collection blanked into one quoted text of the same extent (a
 * block list keeps its `-`, since a scalar could not stand where its first item does): the
 * quotes stand where the collection's content begins and ends, everything between turns into
 * spaces, line breaks stay. YAML then reads there a single value at the same offsets, so the
 * spans of everything around it — the mappings and lists that end with it too — are the ones
 * the text as written has.
 */
export function blankDeep(text: string, deep: ReadonlyMap<number, DeepCollection>): string {
  let out = '';
  let at = 0;
  for (const [start, { span, blockList }] of [...deep].sort(([a], [b]) => a - b)) {
    // A list's item starts after its `-` and the blanks and line breaks that follow it.
    let open = blockList ? start + 1 : start;
    if (blockList) while (open < span.end && /[ \r\n]/.test(text[open]!)) open++;
    out += text.slice(at, open);
    if (span.end - open >= 2) out += `"${blank(text.slice(open + 1, span.end - 1))}"`;
    else out += blockList ? blank(text.slice(open, span.end)) : `~${blank(text.slice(open + 1, span.end))}`;
    at = span.end;
  }
  return out + text.slice(at);
}

function blank(text: string): string {
  return text.replace(/[^\r\n]/g, ' ');
}

type Collection = CST.BlockMap | CST.BlockSequence | CST.FlowCollection;

function isCollection(token: CST.Token): token is Collection {
  return token.type === 'block-map' || token.type === 'block-seq' || token.type === 'flow-collection';
}

/** Where a token's text ends: the end of the last source token anywhere inside it. */
function textEnd(token: CST.Token): number {
  let end = token.offset;
  const pending: unknown[] = [token];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    if (next === null || typeof next !== 'object') continue;
    if (Array.isArray(next)) {
      // One push per element: spreading a long list into push() would itself overflow the stack.
      for (const element of next) pending.push(element);
      continue;
    }
    const record = next as { type?: unknown; offset?: unknown; source?: unknown; props?: CST.SourceToken[] };
    if (typeof record.offset === 'number' && typeof record.source === 'string') {
      // A block scalar's source is its body, which starts after its header line (its props).
      const last = record.type === 'block-scalar' ? record.props?.[record.props.length - 1] : undefined;
      end = Math.max(end, (last ? last.offset + last.source.length : record.offset) + record.source.length);
    }
    for (const value of Object.values(record)) if (value !== null && typeof value === 'object') pending.push(value);
  }
  return end;
}
