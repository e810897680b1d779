// The clauses of an official text, found by their citation: `B005 注3` is the third note of
// 区分 B005 in the 告示, `B005 通知(5) ア` the first sub-paragraph of the fifth paragraph on
// B005 in the 通知. Hover shows a cited clause's words, go to definition opens the text at
// it, and checks compare a rule with what its clause says.

import { canonicalCode, canonicalLabel, clauseName, CODE_DASH, narrow, partName, type Label, type LawTextKind } from './clause-names';
import { bodyLines, type BodyLine } from './extracted-lines';
import { readPassage, type Amount, type Sentence } from './passage-text';

export type { Amount, LawTextKind, Sentence };

/** A part of the text: a 区分 as a whole, an item, a 注, a paragraph of the 通知, or a part of one of them. */
export interface Passage {
  /** Canonical citation: `B005`, `B005 注3`, `A246 1イ`, `A246 注1 イ`, `B004 通知(5) ア`. */
  clause: string;
  /** Canonical 区分 code of the section it belongs to (the first, when the section serves several). */
  section: string;
  /** The clause below the section: `注3`, `1イ`, `通知(5) ア`; `''` for the section itself. */
  part: string;
  /** The passage's own label as printed: `注３`, `２`, `(５)`, `イ`; the code for a section. */
  label: string;
  kind: LawTextKind;
  /** UTF-16 offsets in the original text, `[start, end)`, from the label to the end of the last part. */
  start: number;
  end: number;
  /** 0-based line of `start`. */
  line: number;
  /** The passage's own words as a person reads them (its parts are its `children`): wraps joined, page headers and markup left out, the label first. */
  text: string;
  /** The sentences of its own words, label left out; ただし書 are marked `proviso`. */
  sentences: Sentence[];
  /** The amounts its own words state, in order (`B005 注2` → 300). */
  amounts: Amount[];
  children: Passage[];
}

/** A 区分 of the text, with everything under its heading. */
export interface Section {
  /** The first code the heading names, canonical: `B004`. */
  code: string;
  /** Every code the heading names: `['B004', 'B005']` for 「Ｂ００４  退院時共同指導料１、Ｂ００５  退院時共同指導料２」. */
  codes: string[];
  /** The name printed after `code` (`退院時共同指導料１`); `削除` for a deleted 区分. */
  name: string;
  /** The name printed after each of `codes`, in the same order. */
  names: string[];
  /** The amount on the heading (`Ｂ００５  退院時共同指導料２  400点` → 400), when it has one. */
  amount?: Amount;
  passage: Passage;
}

export interface ClauseIndex {
  kind: LawTextKind;
  /** The sections by each code they serve (a section serving two codes is found under both). */
  sections: ReadonlyMap<string, Section>;
  /**
   * Every passage by canonical clause; a passage of a section serving several codes is found
   * under each (`B004 通知(5)` and `B005 通知(5)`), its `clause` naming the first. When a
   * clause is printed twice the first is kept.
   */
  passages: ReadonlyMap<string, Passage>;
}

/**
 * The clause index of an official text (`kind` says which). Reads the text once, line by line;
 * text it cannot place — 通則, tables, anything before the first 区分 — is left out, never an error.
 *
 * A section begins at a heading: a 区分 code, spaces and a name (and in the 通知 further
 * `、code  name`), or codes joined by `、`/`及び` before `削除`. A range (`ＡからＢまで  削除`)
 * names codes it does not print and is left out. It ends at the next heading or at a heading
 * of the layout (`第２節  …`, `通則`, `区分`, `＜通則＞`, `［…］`).
 *
 * Inside a section a line that begins with a label followed by spaces (`１`, `イ`, `注１`,
 * `（１）`, `(イ)`, `①`) starts a part; which part it belongs to comes from its indentation,
 * as on the printed page: a part holds the labels indented further than its own. The 告示 prints
 * `注１` and then `２`, `３` one character further in (under the `１`): a number in that place
 * after a 注 is the next 注. Any other line continues the part that holds its indentation.
 */
export function buildClauseIndex(text: string, kind: LawTextKind): ClauseIndex {
  const sections = new Map<string, Section>();
  const passages = new Map<string, Passage>();
  let stack: Open[] = [];
  let heading: Heading | undefined;
  const closeSection = (): void => {
    if (heading === undefined) return;
    const root = stack[0]!;
    const section = toSection(text, kind, heading, root);
    for (const code of section.codes) {
      if (!sections.has(code)) sections.set(code, section);
      registerPassages(passages, section.passage, code);
    }
    heading = undefined;
    stack = [];
  };
  for (const line of bodyLines(text)) {
    const root = stack[0];
    // A heading of the 通知 that names many 区分 can wrap in the middle of a code (「…、Ｋ６」
    // then 「５７  胃全摘術、…」): the next line is the rest of the heading.
    if (heading?.dangling && root?.lines.length === 1) {
      const first = root.lines[0]!;
      const joined = parseHeading(first.content + line.content, first.start);
      if (joined) {
        heading = joined;
        root.lines.push(line);
        continue;
      }
    }
    const found = parseHeading(line.content, line.start);
    if (found) {
      closeSection();
      heading = found;
      stack = [open(line, undefined, found.nameStart)];
      continue;
    }
    if (LAYOUT_HEADING.test(line.content)) {
      closeSection();
      continue;
    }
    if (heading === undefined) continue;
    const marker = parseMarker(line);
    const place = marker && placeOf(stack, marker.label, line.column);
    if (marker && place) {
      stack.length = place.keep;
      // `２` one character in from a `注１` is 注２: the 告示 prints a section's notes so.
      const label =
        marker.label.kind === 'number' && place.previous?.kind === 'note'
          ? { name: `注${marker.label.name}`, kind: 'note' as const }
          : marker.label;
      const part = open(line, { ...marker, label }, marker.textStart);
      stack[place.keep - 1]!.children.push(part);
      stack.push(part);
    } else {
      while (stack.length > 1 && stack[stack.length - 1]!.column >= line.column) stack.pop();
      stack[stack.length - 1]!.lines.push(line);
    }
  }
  closeSection();
  return { kind, sections, passages };
}

/** A passage being read: its lines so far and its parts. */
interface Open {
  label: Label | undefined;
  printed: string;
  column: number;
  /** A label at this column or further out ends this part (for `注１`, the column of its `１`). */
  siblingColumn: number;
  labelEnd: number;
  lines: BodyLine[];
  children: Open[];
}

interface Marker {
  label: Label;
  printed: string;
  /** Offset where the words after the label begin. */
  textStart: number;
}

/**
 * Where a label at `column` goes: how many of the open parts stay open (`keep`; the last of
 * them holds it) and the label of the part before it in its list, if any; `undefined` when
 * the label is not one (see `isLabel`). Parts indented as far as the label or further end.
 *
 * A label printed off its place (the extraction shifts a line now and then) is still the next
 * of its list: `(２５)` four columns in from `(２４)` follows it, since a list inside `(２４)`
 * would begin at `(１)`. This is asked only when the label has no part before it by
 * indentation, or one of another kind (a `(２５)` after the `ア` of `(２４)`). A note's number
 * is trusted one column off only: `注１` may hold a list `１`, `２` of its own.
 */
function placeOf(stack: readonly Open[], label: Label, column: number): { keep: number; previous: Label | undefined } | undefined {
  let keep = stack.length;
  while (keep > 1 && stack[keep - 1]!.siblingColumn >= column) keep--;
  let previous = stack[keep]?.label;
  const top = stack[keep - 1]!;
  const unplaced = previous === undefined || (previous.kind !== label.kind && !(previous.kind === 'note' && label.kind === 'number'));
  if (unplaced && keep > 1 && follows(top.label!, label) && (top.label!.kind !== 'note' || Math.abs(top.siblingColumn - column) <= 1)) {
    keep--;
    previous = top.label;
  }
  return isLabel(label, previous) ? { keep, previous } : undefined;
}

function open(line: BodyLine, marker: Marker | undefined, labelEnd: number): Open {
  // The numbers of the notes after `注１` stand under its `１`, one full-width character in.
  const wide = marker?.printed.startsWith('注') && marker.printed.length > 1 ? 2 : 0;
  return {
    label: marker?.label,
    printed: marker?.printed ?? '',
    column: line.column,
    siblingColumn: marker ? line.column + wide : -1,
    labelEnd,
    lines: [line],
    children: [],
  };
}

interface Heading {
  /** The heading ends in the middle of a list of codes (`…、Ｋ６`) and goes on in the next line. */
  dangling: boolean;
  codes: string[];
  names: string[];
  amount: Amount | undefined;
  printedCode: string;
  nameStart: number;
}

const CODE = `[Ａ-Ｚ][０-９]{3}(?:${CODE_DASH}[０-９0-9]+)*`;
// Two spaces part a code from its name; the 通知 once prints one (「Ｋ５７４-２ 経皮的…」).
const HEADING = new RegExp(`^(${CODE}(?:(?:、|及び)${CODE})*)\\s+(\\S.*)$`);
const DANGLING = new RegExp(`、(?:[Ａ-Ｚ][０-９0-9]*(?:${CODE_DASH}[０-９0-9]*)*)?$`);
const NEXT_CODE = new RegExp(`、(?=${CODE}\\s{2,}\\S)`);
const CODE_IN_LIST = new RegExp(CODE, 'g');

/** Headings of the layout, which end the section before them. */
const LAYOUT_HEADING = /^(?:第[０-９0-9]+[章部節款](?:\s|$)|通則$|区分$|＜[^＞]*＞$|［[^］]*］$)/;

function parseHeading(content: string, start: number): Heading | undefined {
  const match = HEADING.exec(content);
  if (!match) return undefined;
  const printedCodes = match[1]!.match(CODE_IN_LIST)!;
  const [first, ...others] = match[2]!.split(NEXT_CODE);
  const names = printedCodes.map(() => nameOf(first!));
  const codes = printedCodes.map(canonicalCode);
  // The 通知 heads one section with several 区分: 「Ｂ００４  …１、Ｂ００５  …２」.
  for (const other of others) {
    const code = /^\S+/.exec(other)![0];
    codes.push(canonicalCode(code));
    names.push(nameOf(other.slice(code.length)));
  }
  const amount = HEADING_AMOUNT.exec(first!);
  return {
    dangling: DANGLING.test(content),
    codes,
    names,
    amount: amount ? { value: Number(narrow(amount[1]!).replace(/[,，]/g, '')), unit: '点' } : undefined,
    printedCode: printedCodes[0]!,
    nameStart: start + match[1]!.length,
  };
}

/** The amount a heading prints at the right margin: `Ｂ００５  退院時共同指導料２    400点`. */
const HEADING_AMOUNT = /\s+([0-9０-９][0-9０-９,，]*)点$/;

/** A heading's name without its amount. */
function nameOf(printed: string): string {
  return printed.replace(HEADING_AMOUNT, '').trim();
}

const LABELS: readonly { pattern: RegExp; spaced: boolean }[] = [
  { pattern: /^注(?:[０-９0-9]+)?/, spaced: true },
  { pattern: /^[０-９0-9]{1,3}/, spaced: true },
  { pattern: /^[（(][０-９0-9]{1,3}[）)]/, spaced: false },
  { pattern: /^[（(][ァ-ヶへ二][）)]/, spaced: false },
  // After the 48th letter (ン) a list goes on with two: イイ, イロ, … in the 告示, アア, アイ, … in the 通知.
  { pattern: /^(?:[イア][ァ-ヶ]|[ァ-ヶへ二])/, spaced: true },
  { pattern: /^[①-⑳ａ-ｚⅰ-ⅹ]/, spaced: true },
];

/**
 * What follows a label in running text that wrapped onto a new line (「(２)から(４)までに」,
 * 「(１)又はニの」): then it is a reference, not a label.
 */
const REFERENCE_AFTER = /^[\u3041-\u3096、～〜（(又及並若]/;

/**
 * The label a line begins with, if any. A label is followed by two spaces (`イ  …`), or for
 * a label in brackets by one or none (`（１） ３日以内`, `（イ）当該患者に`) unless what
 * follows reads as running text.
 */
function parseMarker(line: BodyLine): Marker | undefined {
  const { content } = line;
  for (const { pattern, spaced } of LABELS) {
    const match = pattern.exec(content);
    if (!match) continue;
    const printed = match[0];
    let after = printed.length;
    while (content.charCodeAt(after) === 0x20) after++;
    const spaces = after - printed.length;
    if (after === content.length || (spaced ? spaces < 2 : spaces === 0 && REFERENCE_AFTER.test(content.slice(after)))) return undefined;
    return { label: canonicalLabel(printed), printed, textStart: line.start + after };
  }
  return undefined;
}

/** Whether `next` is the label after `previous` in the same list (`(３)` → `(４)`, `注２` → `３`, `イ` → `ロ`). */
function follows(previous: Label, next: Label): boolean {
  if (previous.kind === 'note') return next.kind === 'number' && Number(next.name) === Number(previous.name.slice(1) || 1) + 1;
  if (previous.kind !== next.kind) return false;
  if (previous.kind === 'number' || previous.kind === 'paren-number')
    return Number(next.name.replace(/\D/g, '')) === Number(previous.name.replace(/\D/g, '')) + 1;
  if (previous.kind === 'kana' || previous.kind === 'paren-kana') {
    const name = (label: Label): string => label.name.replace(/[()]/g, '');
    return [IROHA, AIUEO].some(
      (order) => order.indexOf(name(next)) === order.indexOf(name(previous)) + 1 && order.includes(name(previous)),
    );
  }
  return next.name.codePointAt(0) === previous.name.codePointAt(0)! + 1;
}

/** The orders of kana labels: the 告示's イロハ (then イイ, イロ, …) and the 通知's アイウエオ. */
const IROHA_LETTERS = [...'イロハニホヘトチリヌルヲワカヨタレソツネナラムウヰノオクヤマケフコエテアサキユメミシヱヒモセスン'];
const IROHA = [...IROHA_LETTERS, ...IROHA_LETTERS.map((letter) => `イ${letter}`)];
const AIUEO_LETTERS = [...'アイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワヰヱヲン'];
const AIUEO = [...AIUEO_LETTERS, ...AIUEO_LETTERS.map((letter) => `ア${letter}`)];

/**
 * Whether a label is one: a kana begins a list (`イ`, `ア`, `(イ)`) or follows the label
 * before it. A line that wraps just before a katakana and two spaces (「…リソカブタゲ」 then
 * 「ン  マラルユーセル…」) is text, not the 48th item of a list.
 */
function isLabel(label: Label, previous: Label | undefined): boolean {
  if (label.kind !== 'kana' && label.kind !== 'paren-kana') return true;
  return /^\(?[イア]\)?$/.test(label.name) || (previous !== undefined && follows(previous, label));
}

function toSection(source: string, kind: LawTextKind, heading: Heading, root: Open): Section {
  const passage = toPassage(source, kind, root, heading.codes[0]!, [], heading.printedCode);
  const { amount } = heading;
  return {
    code: heading.codes[0]!,
    codes: heading.codes,
    name: heading.names[0]!,
    names: heading.names,
    ...(amount ? { amount } : {}),
    passage,
  };
}

/**
 * A label as the source holds it at `start`: the words read (`printed`) with any markup the
 * extraction left inside them (`Ｋ<br>５７４-２`), so that a passage's label is where it begins.
 */
function asInSource(source: string, start: number, printed: string): string {
  if (source.startsWith(printed, start)) return printed;
  let at = start;
  for (const ch of printed) {
    while (source[at] === '<' && source.indexOf('>', at) > at) at = source.indexOf('>', at) + 1;
    if (!source.startsWith(ch, at)) return printed;
    at += ch.length;
  }
  return source.slice(start, at);
}

function toPassage(source: string, kind: LawTextKind, node: Open, section: string, labels: readonly Label[], printed: string): Passage {
  const part = labels.length === 0 ? '' : partName(labels, kind);
  const children = node.children.map((child) => toPassage(source, kind, child, section, [...labels, child.label!], child.printed));
  const first = node.lines[0]!;
  const last =
    children.length > 0
      ? Math.max(children[children.length - 1]!.end, node.lines[node.lines.length - 1]!.end)
      : node.lines[node.lines.length - 1]!.end;
  const reading = readPassage(source, node.lines, node.labelEnd);
  return {
    clause: clauseName(section, part),
    section,
    part,
    label: asInSource(source, first.start, printed),
    kind,
    start: first.start,
    end: last,
    line: first.line,
    ...reading,
    children,
  };
}

function registerPassages(passages: Map<string, Passage>, passage: Passage, code: string): void {
  const clause = clauseName(code, passage.part);
  if (!passages.has(clause)) passages.set(clause, passage);
  for (const child of passage.children) registerPassages(passages, child, code);
}
