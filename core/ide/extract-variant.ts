// "Split this case off as its own entry" (a condition extracted into a new variant): with the
// cursor on a clause of an item's `when`
// — one conjunct of its `all` (or several, selected together) or the whole `when` — the item
// gets a `variants:` list with one new variant that carries the clause as its `when` and the
// item's amount, and the clause leaves the item's condition. Comments and indentation are
// kept; scenarios that expect the item as claimable are updated to name the new variant; in
// a client that takes snippet edits, the new variant's generated name is selected to type over.
//
// It is offered only where evaluation stays the same. An item with one variant applies when
// its own `when` and the variant's hold (three-valued `and`, so unknown stays unknown), and
// then claims the variant's amount: taking a conjunct out of the item's `all` and putting it
// on the only variant changes no amount in any situation. An item that already has variants
// is left alone: a new variant there would need an amount of its own and would make the
// item apply where none of its variants did. A clause inside `any` or `not` is never taken
// out on its own, for the same reason; the conjunct that holds it is.
import { effectivePeriods } from '../analysis/effective';
import { renderMessage, type Lang } from '../analysis/messages';
import { valueAt } from '../analysis/parse';
import { spanOf } from '../analysis/report';
import { AMOUNT_FIELD, type MessageRef, type Span } from '../analysis/types';
import { asArray, asRecord, locAt, type ItemDef, type Loc, type Workspace } from '../model/workspace';
import { column, lineEnd, lineStart } from '../analysis/lines';

export interface FileEdit {
  file: string;
  span: Span;
  text: string;
  /** The part of `text` (offsets into it) that a client able to place the cursor selects for typing over. */
  placeholder?: Span;
}

export interface Extraction {
  title: MessageRef;
  edits: FileEdit[];
}

/** The extraction for the clause under `range` in `file` (whose text is `text`), if it is exact there. */
export function extractVariantAt(ws: Workspace, file: string, range: Span, text: string, lang: Lang): Extraction | undefined {
  const item = ws.items.find((i) => !i.owner && i.loc.file === file && 'when' in i.raw && contains(pairSpan(locAt(i.loc, 'when')), range));
  if (!item || item.loc.doc.broken || 'variants' in item.raw) return undefined;
  const amount = amountField(item);
  const itemSpan = spanOf(item.loc, 'value');
  if (!amount || text[itemSpan.start] === '{') return undefined;
  // Moved text with an anchor (`&name`) could land after an alias that uses it: such items are left alone.
  if (/(^|[\s[{,])&[^\s,[\]{}]/.test(text.slice(itemSpan.start, itemSpan.end))) return undefined;
  const layout = layoutOf(text, item);
  const whenLoc = locAt(item.loc, 'when');
  const amountLines = ownLines(text, pairSpan(locAt(item.loc, amount)));
  const whenLines = ownLines(text, pairSpan(whenLoc));
  if (!layout || !amountLines || !whenLines || column(text, spanOf(whenLoc, 'key').start) !== layout.key) return undefined;
  const clause = clauseEdit(text, item, range, layout, whenLines);
  if (!clause) return undefined;
  const id = freshId(ws, item.id);
  const name = renderMessage({ id: 'extract-variant.name', args: { name: item.name ?? item.id, id } }, lang);
  const content = layout.key + layout.unit + layout.dash + layout.gap;
  const head = [
    `${pad(layout.key)}variants:`,
    `${pad(layout.key + layout.unit)}pick: unique`,
    `${pad(layout.key + layout.unit)}options:`,
    `${pad(layout.key + layout.unit + layout.dash)}${'-'.padEnd(layout.gap)}id: ${id}`,
    `${pad(content)}name: `,
  ].join(layout.eol);
  const rest = [...shiftLines(text, amountLines, content - layout.key), ...clause.when(content)];
  const quoted = plainOrQuoted(name);
  // The generated name is the one part meant to be rewritten: the cursor goes there where the client can put it.
  const inserted = {
    text: `${layout.eol}${head}${quoted}${layout.eol}${rest.join(layout.eol)}`,
    placeholder: { start: layout.eol.length + head.length, end: layout.eol.length + head.length + quoted.length },
  };
  const edits: Omit<FileEdit, 'file'>[] = [deleteLines(text, amountLines), ...clause.edits];
  // The variants go after the item's last line; where that line is being deleted, in its place.
  const insertAt = lineEnd(text, itemSpan.end);
  const ending = edits.find((e) => e.span.end === insertAt);
  if (ending) Object.assign(ending, inserted);
  else edits.push({ span: { start: insertAt, end: insertAt }, ...inserted });
  return {
    title: { id: 'action.extract-variant', args: { id } },
    edits: [...edits.sort((a, b) => a.span.start - b.span.start).map((e) => ({ file, ...e })), ...scenarioEdits(ws, item, id)],
  };
}

/**
 * Where the item's keys are and how the file lays out what it nests: the item's key column,
 * one nesting step, how far a list's dash is from its key and its entry from the dash, and
 * the line ends.
 */
interface Layout {
  key: number;
  unit: number;
  dash: number;
  gap: number;
  eol: string;
}

/** What a clause leaves behind in the item (edits) and what it becomes in the variant (`when` lines at a column). */
interface ClauseEdit {
  edits: { span: Span; text: string }[];
  when: (column: number) => string[];
}

function clauseEdit(text: string, item: ItemDef, range: Span, layout: Layout, whenLines: Span): ClauseEdit | undefined {
  const when = item.raw.when;
  const list = Array.isArray(when) ? locAt(item.loc, 'when') : isAllOnly(when) ? locAt(item.loc, 'when', 'all') : undefined;
  const parts = list ? asArray(valueAt(list.doc.value, list.pointer)).map((_, i) => locAt(list, i)) : [];
  const spans = parts.map((p) => spanOf(p, 'value'));
  const chosen = spans.flatMap((s, i) => (overlaps(s, range) ? [i] : []));
  const whole = chosen.length === 0 || chosen.length === parts.length;
  if (whole) return { edits: [deleteLines(text, whenLines)], when: (at) => shiftLines(text, whenLines, at - layout.key) };
  const first = chosen[0]!;
  const last = chosen[chosen.length - 1]!;
  if (text[spanOf(list!, 'value').start] === '[') return flowClause(text, spans, first, last);
  const dashes = chosen.map((i) => dashOf(text, spans[i]!));
  const blocks = chosen.map((i, k) => (dashes[k] === undefined ? undefined : ownLines(text, { start: dashes[k]!, end: spans[i]!.end })));
  if (blocks.some((b) => b === undefined)) return undefined;
  const lines = { start: blocks[0]!.start, end: blocks[blocks.length - 1]!.end };
  const dash = column(text, dashes[0]!);
  if (chosen.length > 1) {
    const all = (at: number) => [
      `${pad(at)}when:`,
      `${pad(at + layout.unit)}all:`,
      ...shiftLines(text, lines, at + layout.unit + layout.dash - dash),
    ];
    return { edits: [deleteLines(text, lines)], when: all };
  }
  const span = spans[first]!;
  // Comment lines above the conjunct go above its new `when`.
  const comments = { start: lines.start, end: lineEnd(text, lineStart(text, dashes[0]!) - 1) };
  const above = (at: number) => (comments.end > comments.start ? shiftLines(text, comments, at - dash) : []);
  const node = valueAt(parts[first]!.doc.value, parts[first]!.pointer);
  const block = node !== null && typeof node === 'object' && !'{['.includes(text[span.start]!);
  return { edits: [deleteLines(text, lines)], when: (at) => [...above(at), ...valueLines(text, span, at, layout.unit, block)] };
}

/** Conjuncts of a flow list (`all: [a, b, c]`): cut out with a comma, joined with `all` when several. */
function flowClause(text: string, spans: Span[], first: number, last: number): ClauseEdit {
  const cut =
    last < spans.length - 1
      ? { start: spans[first]!.start, end: spans[last + 1]!.start }
      : { start: spans[first - 1]!.end, end: spans[last]!.end };
  const [open, close] = first === last ? ['', ''] : ['{ all: [', '] }'];
  const when = (at: number) => {
    const lines = shiftedValue(text, { start: spans[first]!.start, end: spans[last]!.end }, at + 'when: '.length + open.length);
    lines[0] = `${pad(at)}when: ${open}${lines[0]}`;
    lines[lines.length - 1] += close;
    return lines;
  };
  return { edits: [{ span: cut, text: '' }], when };
}

/** A conjunct's value as the variant's `when` at `at`, with its trailing comment; a block mapping goes under the key. */
function valueLines(text: string, span: Span, at: number, unit: number, block: boolean): string[] {
  const lines = shiftedValue(text, { start: span.start, end: lineEnd(text, span.end) }, block ? at + unit : at + 'when: '.length);
  if (block) return [`${pad(at)}when:`, `${pad(at + unit)}${lines[0]}`, ...lines.slice(1)];
  return [`${pad(at)}when: ${lines[0]}`, ...lines.slice(1)];
}

/** The text of `span` split into lines, the lines after the first moved so that the first would start at `at`. */
function shiftedValue(text: string, span: Span, at: number): string[] {
  const [head, ...rest] = text.slice(span.start, span.end).split(/\r?\n/);
  const delta = at - column(text, span.start);
  return [head!, ...rest.map((line) => shift(line, delta))];
}

/** Whole lines (`lines` from a line start to a line end), each moved `delta` columns. */
function shiftLines(text: string, lines: Span, delta: number): string[] {
  return text
    .slice(lines.start, lines.end)
    .split(/\r?\n/)
    .map((line) => shift(line, delta));
}

function shift(line: string, delta: number): string {
  if (line.trim() === '') return '';
  if (delta >= 0) return pad(delta) + line;
  const blanks = line.length - line.trimStart().length;
  return line.slice(Math.min(-delta, blanks));
}

/** Deletes whole lines together with the line break before them. */
function deleteLines(text: string, lines: Span): { span: Span; text: string } {
  const before = text[lines.start - 2] === '\r' ? 2 : 1;
  return { span: { start: lines.start - before, end: lines.end }, text: '' };
}

/**
 * The lines of an entry that has them to itself (nothing before it on its first line, at most
 * a comment after it on its last), with the comment lines right above it at the same column:
 * those describe the entry and move with it. Undefined when the entry shares a line.
 */
function ownLines(text: string, span: Span): Span | undefined {
  const first = lineStart(text, span.start);
  const indent = text.slice(first, span.start);
  const end = lineEnd(text, span.end);
  if (indent.trim() !== '' || !/^\s*(#.*)?$/.test(text.slice(span.end, end))) return undefined;
  let start = first;
  while (start > 0) {
    const previous = lineStart(text, start - 1);
    if (!text.slice(previous, start).startsWith(`${indent}#`)) break;
    start = previous;
  }
  return { start, end };
}

function layoutOf(text: string, item: ItemDef): Layout | undefined {
  const start = spanOf(item.loc, 'value').start;
  const lead = /^( *)- +$/.exec(text.slice(lineStart(text, start), start));
  const listKey = spanOf({ ...item.loc, pointer: item.loc.pointer.replace(/\/\d+$/, '') }, 'key');
  if (!lead) return undefined;
  const key = column(text, start);
  const dash = lead[1]!.length;
  return {
    key,
    unit: unitOf(text, item, key),
    dash: dash - column(text, listKey.start),
    gap: key - dash,
    eol: text.includes('\r\n') ? '\r\n' : '\n',
  };
}

/** One nesting step, as the item's own block mappings show it (two spaces when none does). */
function unitOf(text: string, item: ItemDef, key: number): number {
  for (const [name, value] of Object.entries(item.raw)) {
    if (!asRecord(value)) continue;
    const at = locAt(item.loc, name);
    const start = spanOf(at, 'value').start;
    if (text[start] !== '{' && lineStart(text, start) > spanOf(at, 'key').start) return column(text, start) - key;
  }
  return 2;
}

/** The dash of the block list entry whose value starts at `span.start`, when it is alone before the value on its line. */
function dashOf(text: string, span: Span): number | undefined {
  const start = lineStart(text, span.start);
  return /^ *- +$/.test(text.slice(start, span.start)) ? text.indexOf('-', start) : undefined;
}

/** The scheme's amount field, when the item has it and no other. */
function amountField(item: ItemDef): string | undefined {
  const field = item.tariff.scheme && AMOUNT_FIELD[item.tariff.scheme];
  const fields = Object.values(AMOUNT_FIELD).filter((f) => f in item.raw);
  return field && fields.length === 1 && fields[0] === field && typeof item.raw[field] === 'number' ? field : undefined;
}

function isAllOnly(when: unknown): boolean {
  const record = asRecord(when);
  return record !== undefined && Object.keys(record).length === 1 && Array.isArray(record.all);
}

/** `<item>-v1`, or the next number that no item or variant of any revision uses. */
function freshId(ws: Workspace, base: string): string {
  const taken = new Set(ws.items.map((i) => i.id));
  let n = 1;
  while (taken.has(`${base}-v${n}`)) n++;
  return `${base}-v${n}`;
}

/**
 * Scenarios of the item's revision dated within its effective period that expect it as
 * claimable: the core now names the variant it picked, so they are made to expect that.
 */
function scenarioEdits(ws: Workspace, item: ItemDef, id: string): FileEdit[] {
  const period = effectivePeriods(ws).get(item);
  return ws.scenarios.flatMap((scenario) => {
    const date = scenario.date;
    const inPeriod =
      date !== undefined && (period?.from === undefined || date >= period.from) && (period?.to === undefined || date <= period.to);
    if (scenario.revision !== item.tariff.revision || !inPeriod) return [];
    return asArray(asRecord(scenario.raw.expect)?.claimable).flatMap((entry, i) =>
      entry === item.id
        ? [{ file: scenario.loc.file, span: spanOf(locAt(scenario.loc, 'expect', 'claimable', i), 'value'), text: id }]
        : [],
    );
  });
}

/** A name as a plain YAML scalar where that reads back as the same string, else double-quoted. */
function plainOrQuoted(name: string): string {
  const plain =
    /^[^\s\-?:,[\]{}#&*!|>'"%@`][^#:]*$/.test(name) && name.trim() === name && !/^(true|false|null|~|yes|no|on|off|[-+.\d].*)$/i.test(name);
  return plain ? name : JSON.stringify(name);
}

/** A key's span to the end of its value. */
function pairSpan(loc: Loc): Span {
  return { start: spanOf(loc, 'key').start, end: spanOf(loc, 'value').end };
}

function contains(outer: Span, inner: Span): boolean {
  return inner.start >= outer.start && inner.end <= outer.end;
}

/** Whether a conjunct is under the cursor (touching counts) or shares characters with the selection. */
function overlaps(span: Span, range: Span): boolean {
  return range.start === range.end
    ? range.start >= span.start && range.start <= span.end
    : range.start < span.end && range.end > span.start;
}

function pad(n: number): string {
  return ' '.repeat(Math.max(0, n));
}
