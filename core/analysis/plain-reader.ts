// The fast road to a parse: a reader for the plain YAML that rule files are written in, which
// goes through the text once and builds the data and the spans of every key and value
// directly. Plain means block mappings and lists, scalars on one line (plain, single- or
// double-quoted), flow lists and mappings on one line, literal and folded block scalars with
// their content indented the usual way, keys with no value yet, and comments. Anything else —
// anchors, aliases, tags, explicit keys, directives and document markers, several documents,
// empty list entries and flow values,
// duplicate and merge keys, scalars over several lines, tabs, carriage returns and control
// characters, nesting past MAX_DEPTH, and any error — makes it decline, and the text is
// parsed the full way by the yaml library, which stays the authority and reports the errors.
// Where the reader gives a result it is the full parse's, value for value and span for span:
// `test/plain-reader.test.ts` holds the two roads together on every bundled file, on
// thousands of random edits and on YAML written from random data in every style.
import { Document, isScalar, type CollectionTag, type ScalarTag } from 'yaml';
import { MAX_DEPTH } from './deep-nesting';
import { define, MAX_NODES, spanOfRange, YAML_OPTIONS, type YamlDoc } from './parse';
import { SpanTable } from './span-table';

/**
 * The one document of a text in the plain subset, or undefined when the full parse is needed.
 * `nested` is how deep the text's top collection sits in its file (see `parseWhole`).
 */
export function readPlain(text: string, nested = 0): YamlDoc | undefined {
  if (OUTSIDE.test(text)) return undefined;
  try {
    return readDocument({
      text,
      spans: new SpanTable(text.length >> 3),
      nodes: 0,
      depth: nested,
      start: 0,
      end: 0,
      next: 0,
      key: '',
      emptyAt: -1,
    });
  } catch {
    // Declined; and should anything else ever throw, the full parse takes over and reports.
    return undefined;
  }
}

/**
 * Characters that bring rules the reader does not repeat: tabs (indentation and separation),
 * carriage returns (line breaks), the characters YAML does not allow unescaped, the byte
 * order mark and the Unicode line separators.
 */
const OUTSIDE = /[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029\ufeff]/;

/** Thrown to leave the text to the full parse; one object, so declining costs no allocation. */
const DECLINE = { declined: true };

/**
 * The reader's state. Each node read returns its data and leaves where it stands in `start`
 * and `end` (its span) and `next`: the start of the line after it for a block node, the
 * character after it in a flow. Reading most nodes thus allocates only their data.
 */
interface Reader {
  text: string;
  spans: SpanTable;
  nodes: number;
  /** How deep the reader is in nested collections. */
  depth: number;
  start: number;
  end: number;
  next: number;
  /** The name of the key `mapKey` read last. */
  key: string;
  /** Where the last empty value read is (-1 for none): a document that ends with one ends there. */
  emptyAt: number;
}

function readDocument(r: Reader): YamlDoc {
  const { text } = r;
  const at = nextContent(text, 0);
  if (at === text.length) throw DECLINE;
  const column = columnOf(text, at);
  const first = text.charCodeAt(at);
  // The root is a block or flow collection: rule files are mappings, an item's chunk a list.
  let value: unknown;
  if (first === LBRACKET || first === LBRACE) {
    r.nodes++;
    value = flowCollection(r, at, '', -1, -1);
    r.next = lineAfter(text, r.next);
  } else {
    value = blockNode(r, at, column, -1, '', -1, -1, true);
    if (!(value !== null && typeof value === 'object')) throw DECLINE;
  }
  const span = { start: r.start, end: r.end };
  // After the root only blank lines and comments may follow.
  if (nextContent(text, r.next) !== text.length) throw DECLINE;
  // A document whose last value is empty, with only blank lines after it, ends at that value.
  const end = r.emptyAt >= 0 && /^[ \n]*$/.test(text.slice(r.emptyAt)) ? r.emptyAt : text.length;
  return { index: 0, value, spans: r.spans, broken: false, span, extent: { start: at - column, end }, cuts: [] };
}

const SPACE = 0x20;
const LF = 0x0a;
const HASH = 0x23;
const COLON = 0x3a;
const DASH = 0x2d;
const DOT = 0x2e;
const COMMA = 0x2c;
const LBRACKET = 0x5b;
const RBRACKET = 0x5d;
const LBRACE = 0x7b;
const RBRACE = 0x7d;
const DQUOTE = 0x22;
const SQUOTE = 0x27;
const PIPE = 0x7c;
const GT = 0x3e;
const BACKSLASH = 0x5c;

/**
 * A node that starts at `at`, the first character of something in block context. `column` is
 * its column; `parent` the indentation of the collection holding it (-1 for the root), which
 * a block scalar's content must pass; `name` and the key's offsets (-1 for none) place it in
 * its collection; `collections` is false right after `key: ` on the same line, where a block
 * mapping or list cannot start.
 */
function blockNode(
  r: Reader,
  at: number,
  column: number,
  parent: number,
  name: string | number,
  keyStart: number,
  keyEnd: number,
  collections: boolean,
): unknown {
  if (++r.nodes > MAX_NODES) throw DECLINE;
  const { text } = r;
  const c = text.charCodeAt(at);
  if (c === DASH && spaceOrBreak(text, at + 1)) {
    if (!collections) throw DECLINE;
    return blockSeq(r, at, column, name, keyStart, keyEnd);
  }
  if (c === LBRACKET || c === LBRACE) {
    const value = flowCollection(r, at, name, keyStart, keyEnd);
    r.next = lineAfter(text, r.next);
    return value;
  }
  if (c === PIPE || c === GT) return blockScalar(r, at, parent, name, keyStart, keyEnd);
  const value = flowScalar(r, at, false, false);
  const end = r.end;
  const after = skipSpaces(text, end);
  if (text.charCodeAt(after) === COLON && spaceOrBreak(text, after + 1)) {
    if (!collections) throw DECLINE;
    return blockMap(r, at, column, name, keyStart, keyEnd);
  }
  scalarSpan(r, at, end);
  r.spans.close(r.spans.open(name, keyStart, keyEnd), r.start, r.end);
  r.next = lineAfter(text, end);
  return value;
}

/** A block mapping whose first key starts at `at`, in column `indent`. */
function blockMap(r: Reader, at: number, indent: number, name: string | number, keyStart: number, keyEnd: number): unknown {
  if (++r.depth > MAX_DEPTH) throw DECLINE;
  const { text } = r;
  // The node goes in first, as the full parse orders them; its span is known once the entries are.
  const node = r.spans.open(name, keyStart, keyEnd);
  const out: Record<string, unknown> = {};
  let p = at;
  for (;;) {
    const colon = mapKey(r, p, out, false);
    // YAML limits an implicit key to 1024 characters.
    if (colon - p > 1024) throw DECLINE;
    const key = r.key;
    const entryStart = r.start;
    const entryEnd = r.end;
    const afterColon = colon + 1;
    const q = skipSpaces(text, afterColon);
    let value: unknown;
    const c = text.charCodeAt(q);
    if (q === text.length || c === LF || (c === HASH && q > afterColon)) {
      // The value starts on a following line: more indented, or a list in the key's own column.
      const after = lineAfter(text, afterColon);
      const v = nextContent(text, after);
      const column = v === text.length ? -1 : columnOf(text, v);
      const list = column >= 0 && text.charCodeAt(v) === DASH && spaceOrBreak(text, v + 1);
      if (list ? column >= indent : column > indent) value = blockNode(r, v, column, indent, key, entryStart, entryEnd, true);
      else value = emptyValue(r, q, after, key, entryStart, entryEnd);
    } else {
      value = blockNode(r, q, indent + (q - p), indent, key, entryStart, entryEnd, false);
    }
    define(out, key, value);
    const following = nextContent(text, r.next);
    if (following === text.length) break;
    const column = columnOf(text, following);
    if (column < indent) break;
    if (column > indent) throw DECLINE;
    p = following;
  }
  r.depth--;
  closeBlock(r, node, at);
  return out;
}

/**
 * A key with nothing after it (`when:` while it is being written): null, at the point after
 * the key's blanks, as the full parse has it. The line after the key is where reading goes on.
 */
function emptyValue(r: Reader, at: number, next: number, name: string, keyStart: number, keyEnd: number): null {
  if (++r.nodes > MAX_NODES) throw DECLINE;
  r.spans.close(r.spans.open(name, keyStart, keyEnd), at, at);
  r.start = at;
  r.end = at;
  r.next = next;
  r.emptyAt = at;
  return null;
}

/** A block list whose first `-` is at `at`, in column `indent`. */
function blockSeq(r: Reader, at: number, indent: number, name: string | number, keyStart: number, keyEnd: number): unknown {
  if (++r.depth > MAX_DEPTH) throw DECLINE;
  const { text } = r;
  const node = r.spans.open(name, keyStart, keyEnd);
  const out: unknown[] = [];
  let p = at;
  for (;;) {
    const q = skipSpaces(text, p + 1);
    const c = text.charCodeAt(q);
    if (q === text.length || c === LF || (c === HASH && q > p + 1)) {
      const v = nextContent(text, lineAfter(text, p + 1));
      if (v === text.length) throw DECLINE;
      const column = columnOf(text, v);
      if (column <= indent) throw DECLINE;
      out.push(blockNode(r, v, column, indent, out.length, -1, -1, true));
    } else {
      out.push(blockNode(r, q, indent + (q - p), indent, out.length, -1, -1, true));
    }
    const following = nextContent(text, r.next);
    if (following === text.length) break;
    const column = columnOf(text, following);
    if (column > indent) throw DECLINE;
    // Less indented, or in the same column without a `-` (a list in its key's column): the list ends.
    if (column < indent || !(text.charCodeAt(following) === DASH && spaceOrBreak(text, following + 1))) break;
    p = following;
  }
  r.depth--;
  closeBlock(r, node, at);
  return out;
}

/** A block collection's span: to the end of its last entry's line, without blank lines and comments after it. */
function closeBlock(r: Reader, node: number, at: number): void {
  const span = spanOfRange(r.text, [at, r.next, r.next], true);
  r.start = span.start;
  r.end = span.end;
  r.spans.close(node, span.start, span.end);
}

/** A flow list or mapping on one line, from its bracket at `at`; `next` is after its closing bracket. */
function flowCollection(r: Reader, at: number, name: string | number, keyStart: number, keyEnd: number): unknown {
  if (++r.depth > MAX_DEPTH) throw DECLINE;
  const { text } = r;
  const node = r.spans.open(name, keyStart, keyEnd);
  const isMap = text.charCodeAt(at) === LBRACE;
  const close = isMap ? RBRACE : RBRACKET;
  const out: Record<string, unknown> | unknown[] = isMap ? {} : [];
  let p = skipSpaces(text, at + 1);
  if (text.charCodeAt(p) === close) p++;
  else
    for (;;) {
      if (isMap) {
        const colon = mapKey(r, p, out as Record<string, unknown>, true);
        // In a flow the `:` needs a blank after it to be read the same by every reader.
        if (text.charCodeAt(colon + 1) !== SPACE) throw DECLINE;
        const key = r.key;
        define(out as Record<string, unknown>, key, flowNode(r, skipSpaces(text, colon + 1), key, r.start, r.end));
      } else {
        (out as unknown[]).push(flowNode(r, p, (out as unknown[]).length, -1, -1));
      }
      p = skipSpaces(text, r.next);
      const c = text.charCodeAt(p);
      if (c === COMMA) {
        p = skipSpaces(text, p + 1);
        // A trailing comma, or an empty entry: the full parse decides.
        const n = text.charCodeAt(p);
        if (n === close || n === COMMA) throw DECLINE;
        continue;
      }
      if (c !== close) throw DECLINE;
      p++;
      break;
    }
  r.depth--;
  r.start = at;
  r.end = p;
  r.next = p;
  r.spans.close(node, at, p);
  return out;
}

/** A node inside a flow collection. */
function flowNode(r: Reader, at: number, name: string | number, keyStart: number, keyEnd: number): unknown {
  if (++r.nodes > MAX_NODES) throw DECLINE;
  const c = r.text.charCodeAt(at);
  if (c === LBRACKET || c === LBRACE) return flowCollection(r, at, name, keyStart, keyEnd);
  const value = flowScalar(r, at, true, false);
  r.next = r.end;
  scalarSpan(r, at, r.end);
  r.spans.close(r.spans.open(name, keyStart, keyEnd), r.start, r.end);
  return value;
}

/**
 * A mapping key at `at`: returns where its `:` is, with the key's name in `key` and its span
 * in `start` and `end`. Declines a merge key, and a name the mapping `out` already has:
 * duplicates YAML reports, and keys it tells apart but the data does not (`1` and `"1"`),
 * whose spans the full parse keeps in its own way.
 */
function mapKey(r: Reader, at: number, out: Record<string, unknown>, flow: boolean): number {
  const { text } = r;
  const value = flowScalar(r, at, flow, true);
  const colon = skipSpaces(text, r.end);
  if (text.charCodeAt(colon) !== COLON || !spaceOrBreak(text, colon + 1)) throw DECLINE;
  const name = typeof value === 'string' ? value : String(value);
  // `<<` merges another mapping in: the full parse handles that.
  if (name === '<<' || Object.prototype.hasOwnProperty.call(out, name)) throw DECLINE;
  r.key = name;
  scalarSpan(r, at, r.end);
  return colon;
}

/** A scalar's span from `at` to `end`, as the full parse gives it (without blanks at its end). */
function scalarSpan(r: Reader, at: number, end: number): void {
  const last = r.text.charCodeAt(end - 1);
  r.start = at;
  // Scalars end in a character that is not an ASCII blank; other blanks (U+3000) are not the span's.
  r.end = last < 0x80 && last !== SPACE ? end : spanOfRange(r.text, [at, end, end], false).end;
}

/**
 * A scalar on one line at `at`: plain, single- or double-quoted. Leaves in `end` where its
 * last character ends (a plain scalar's trailing blanks are not its own).
 */
function flowScalar(r: Reader, at: number, flow: boolean, atKey: boolean): unknown {
  const { text } = r;
  const c = text.charCodeAt(at);
  if (c === DQUOTE) return doubleQuoted(r, at);
  if (c === SQUOTE) return singleQuoted(r, at);
  const end = plainEnd(text, at, flow);
  r.end = end;
  return plainValue(text.slice(at, end), atKey);
}

/** Where a plain scalar starting at `at` ends; declines one that cannot start there. */
function plainEnd(text: string, at: number, flow: boolean): number {
  const c = text.charCodeAt(at);
  if (at >= text.length || c === LF || c === SPACE || INDICATOR.has(c)) throw DECLINE;
  // `-`, `?` and `:` begin a plain scalar only before a character that could be its next.
  if ((c === DASH || c === 0x3f || c === COLON) && !safeNext(text.charCodeAt(at + 1), flow)) throw DECLINE;
  let end = at + 1;
  for (let p = at + 1; p < text.length; p++) {
    const d = text.charCodeAt(p);
    if (d === LF) break;
    if (d === SPACE) continue;
    if (d === HASH && text.charCodeAt(p - 1) === SPACE) break;
    if (d === COLON) {
      const n = text.charCodeAt(p + 1);
      if (p + 1 >= text.length || n === SPACE || n === LF) break;
      // A `:` inside a plain scalar in a flow is read differently by YAML versions: the full parse decides.
      if (flow) throw DECLINE;
    }
    if (flow && (d === COMMA || d === LBRACKET || d === RBRACKET || d === LBRACE || d === RBRACE)) break;
    end = p + 1;
  }
  return end;
}

/** The characters a plain scalar cannot begin with (`-`, `?`, `:` are checked apart). */
const INDICATOR = new Set([...'#,[]{}&*!|>\'"%@`'].map((ch) => ch.charCodeAt(0)));

function safeNext(code: number, flow: boolean): boolean {
  if (Number.isNaN(code) || code === SPACE || code === LF) return false;
  return !flow || !(code === COMMA || code === LBRACKET || code === RBRACKET || code === LBRACE || code === RBRACE);
}

function singleQuoted(r: Reader, at: number): string {
  const { text } = r;
  const lineEnd = endOfLine(text, at);
  let value = '';
  let from = at + 1;
  for (;;) {
    const q = text.indexOf("'", from);
    if (q < 0 || q >= lineEnd) throw DECLINE;
    if (text.charCodeAt(q + 1) === SQUOTE) {
      value += text.slice(from, q + 1);
      from = q + 2;
      continue;
    }
    r.end = q + 1;
    return value + text.slice(from, q);
  }
}

function doubleQuoted(r: Reader, at: number): string {
  const { text } = r;
  let value = '';
  let from = at + 1;
  for (let p = at + 1; p < text.length; p++) {
    const c = text.charCodeAt(p);
    if (c === DQUOTE) {
      r.end = p + 1;
      return value + text.slice(from, p);
    }
    if (c === LF) break;
    if (c !== BACKSLASH) continue;
    value += text.slice(from, p);
    const next = text[p + 1];
    const simple = next === undefined ? undefined : ESCAPES[next];
    if (simple !== undefined) {
      value += simple;
      p++;
    } else if (next === 'x' || next === 'u' || next === 'U') {
      const length = next === 'x' ? 2 : next === 'u' ? 4 : 8;
      const digits = text.slice(p + 2, p + 2 + length);
      const code = digits.length === length && /^[0-9a-fA-F]+$/.test(digits) ? parseInt(digits, 16) : NaN;
      if (!(code <= 0x10ffff)) throw DECLINE;
      value += String.fromCodePoint(code);
      p += 1 + length;
    } else throw DECLINE;
    from = p + 1;
  }
  throw DECLINE;
}

/** YAML's one-character escapes in double quotes. */
const ESCAPES: Record<string, string> = {
  '0': '\0',
  a: '\x07',
  b: '\b',
  e: '\x1b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\v',
  N: '\u0085',
  _: '\u00a0',
  L: '\u2028',
  P: '\u2029',
  ' ': ' ',
  '"': '"',
  '/': '/',
  '\\': '\\',
};

/**
 * A literal (`|`) or folded (`>`) block scalar whose header is at `at`. Read here: content
 * indented past `parent`, starting with a line that has text, clipped or stripped; an
 * indentation indicator, keep chomping (`+`), leading empty lines, blank lines longer than the
 * indentation, and more-indented lines in folded text are left to the full parse.
 */
function blockScalar(r: Reader, at: number, parent: number, name: string | number, keyStart: number, keyEnd: number): string {
  const { text } = r;
  const folded = text.charCodeAt(at) === GT;
  let p = at + 1;
  const strip = text.charCodeAt(p) === DASH;
  if (strip) p++;
  const headerEnd = skipSpaces(text, p);
  const h = text.charCodeAt(headerEnd);
  if (!(headerEnd === text.length || h === LF || (h === HASH && headerEnd > p))) throw DECLINE;
  const first = lineAfter(text, headerEnd);
  const indent = skipSpaces(text, first) - first;
  if (first + indent >= text.length || indent <= parent || text.charCodeAt(first + indent) === LF) throw DECLINE;
  const lines: string[] = [];
  let line = first;
  let end = first;
  let next = text.length;
  while (line < text.length) {
    const lineEnd = endOfLine(text, line);
    const blanks = skipSpaces(text, line) - line;
    if (line + blanks === lineEnd) {
      // An empty line belongs to the scalar if text follows at its indentation.
      if (blanks > indent) throw DECLINE;
      lines.push('');
    } else if (blanks < indent) {
      next = line;
      break;
    } else {
      const content = text.slice(line + indent, lineEnd);
      if (folded && content.charCodeAt(0) === SPACE) throw DECLINE;
      lines.push(content);
      end = lineEnd;
    }
    line = lineEnd + 1;
  }
  while (lines[lines.length - 1] === '') lines.pop();
  const body = folded ? fold(lines) : lines.join('\n');
  const value = strip ? body : `${body}\n`;
  const span = spanOfRange(text, [at, end, end], false);
  r.start = span.start;
  r.end = span.end;
  r.next = next;
  r.spans.close(r.spans.open(name, keyStart, keyEnd), span.start, span.end);
  return value;
}

/** Folded lines: a single line break between lines of text is a space, each empty line a line break. */
function fold(lines: readonly string[]): string {
  let out = lines[0]!;
  let empty = 0;
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i]!;
    if (line === '') {
      empty++;
      continue;
    }
    out += empty === 0 ? ` ${line}` : '\n'.repeat(empty) + line;
    empty = 0;
  }
  return out;
}

/** The schema and options the full parse composes with, for resolving plain scalars alike. */
const COMPOSING = new Document(undefined, YAML_OPTIONS);
const TAGS = COMPOSING.schema.tags as (ScalarTag | CollectionTag)[];

/** The first characters of a null, a boolean or a number in the core schema; anything else is a string. */
const TYPED_START = new Set([...'~nNtTfF.+-0123456789'].map((ch) => ch.charCodeAt(0)));

let resolveFailed = false;
const failResolve = () => {
  resolveFailed = true;
};

/** A plain scalar's value as the library's core schema resolves it. */
function plainValue(source: string, atKey: boolean): unknown {
  if (!TYPED_START.has(source.charCodeAt(0))) return source;
  const tag = TAGS.find((t) => (t.default === true || (atKey && t.default === 'key')) && t.test?.test(source)) as ScalarTag | undefined;
  if (!tag) return source;
  resolveFailed = false;
  const resolved: unknown = tag.resolve(source, failResolve, COMPOSING.options);
  // Some tags make a node of their own (booleans keep their spelling); the data is its value.
  const value = isScalar(resolved) ? resolved.value : resolved;
  if (resolveFailed || typeof value === 'symbol' || (value !== null && typeof value === 'object')) throw DECLINE;
  return value;
}

/** The first character of the next line with content from `p` (a line start), past blank and comment lines; the text's length if none. */
function nextContent(text: string, p: number): number {
  while (p < text.length) {
    const q = skipSpaces(text, p);
    const c = text.charCodeAt(q);
    if (q < text.length && c !== LF && c !== HASH) {
      // `---` and `...` in the first column mark documents: the full parse handles them.
      if (q === p && (c === DASH || c === DOT) && (text.startsWith('---', q) || text.startsWith('...', q)) && spaceOrBreak(text, q + 3))
        throw DECLINE;
      return q;
    }
    p = endOfLine(text, q) + 1;
  }
  return text.length;
}

/** The start of the line after a value that ends at `p`: only blanks and a comment may follow it on its line. */
function lineAfter(text: string, p: number): number {
  const q = skipSpaces(text, p);
  if (q >= text.length) return text.length;
  const c = text.charCodeAt(q);
  if (c === LF) return q + 1;
  if (c === HASH && q > p) return Math.min(endOfLine(text, q) + 1, text.length);
  throw DECLINE;
}

function endOfLine(text: string, p: number): number {
  const lf = text.indexOf('\n', p);
  return lf < 0 ? text.length : lf;
}

function skipSpaces(text: string, p: number): number {
  while (text.charCodeAt(p) === SPACE) p++;
  return p;
}

function spaceOrBreak(text: string, p: number): boolean {
  if (p >= text.length) return true;
  const c = text.charCodeAt(p);
  return c === SPACE || c === LF;
}

function columnOf(text: string, p: number): number {
  return p - (text.lastIndexOf('\n', p - 1) + 1);
}
