// A passage of an official text as a person reads it: its lines joined where the PDF wrapped
// them, its sentences (the ただし書 among them) with their places in the original file, and
// the amounts it states — what a hover shows and what the exclusion sentences are read from.

import type { BodyLine } from './extracted-lines';

/** An amount the text states: `2,000点` → `{ value: 2000, unit: '点' }`. */
export interface Amount {
  value: number;
  unit: '点';
}

/** One sentence of a passage, up to and including its `。`. */
export interface Sentence {
  /** UTF-16 offsets in the original text, `[start, end)`; the sentence may cross lines and pages. */
  start: number;
  end: number;
  /** The sentence as read: wraps joined, page headers and markup left out. */
  text: string;
  /** A ただし書: the sentence begins with `ただし`, and qualifies the sentences before it. */
  proviso: boolean;
}

export interface PassageReading {
  text: string;
  sentences: Sentence[];
  amounts: Amount[];
}

/**
 * Reads the lines of one passage (its own lines, not its parts'). Lines are joined without a
 * break, since the PDF wraps inside words; a line that starts further in than the lines
 * before it, after a line that ended a sentence, begins a new paragraph (`\n`), as the 通知
 * indents a paragraph's second 段落. `labelEnd` is where the words after the passage's label
 * begin in the first line: sentences start there, so the first sentence of `注２  …` is the
 * note's words, not its number.
 */
export function readPassage(source: string, lines: readonly BodyLine[], labelEnd: number): PassageReading {
  let text = '';
  // For each piece copied into `text`: where it begins there and in the original.
  const at: number[] = [];
  const from: number[] = [];
  let wrapColumn = Infinity;
  let textStart: number | undefined;
  // Where the last piece read ends in the source: whether the line before ended a sentence is
  // asked of the source, as the text being built is a chain of pieces until it is read.
  let lastEnd = 0;
  lines.forEach((line, index) => {
    if (index > 0) {
      if (source.charCodeAt(lastEnd - 1) === 0x3002 /* 。 */ && line.column > wrapColumn) text += '\n';
      wrapColumn = Math.min(wrapColumn, line.column);
    }
    for (const piece of line.pieces ?? [{ start: line.start, end: line.end, gap: '' }]) {
      text += piece.gap;
      if (textStart === undefined && labelEnd <= piece.end) textStart = text.length + Math.max(0, labelEnd - piece.start);
      at.push(text.length);
      from.push(piece.start);
      text += source.slice(piece.start, piece.end);
      lastEnd = piece.end;
    }
  });
  const original = (index: number): number => {
    let low = 0;
    let high = at.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (at[middle]! <= index) low = middle;
      else high = middle - 1;
    }
    return from[low]! + index - at[low]!;
  };
  return { text, sentences: splitSentences(text, textStart ?? text.length, original), amounts: amountsIn(text) };
}

/**
 * The sentences of `text` from `start`: each ends at a `。` outside brackets (the texts put
 * `。` inside parentheses: `（…に限る。）`) or at a paragraph break. Brackets that do not close
 * are forgotten at the paragraph's end, so one stray bracket cannot swallow a passage.
 */
function splitSentences(text: string, start: number, original: (index: number) => number): Sentence[] {
  const sentences: Sentence[] = [];
  let depth = 0;
  let begin = start;
  const close = (end: number): void => {
    while (begin < end && isSpace(text.charCodeAt(begin))) begin++;
    let last = end;
    while (last > begin && isSpace(text.charCodeAt(last - 1))) last--;
    if (last > begin) {
      const sentence = text.slice(begin, last);
      sentences.push({ start: original(begin), end: original(last - 1) + 1, text: sentence, proviso: sentence.startsWith('ただし') });
    }
    begin = end;
  };
  for (let index = start; index < text.length; index++) {
    switch (text.charCodeAt(index)) {
      case 0xff08: // （
      case 0x28: // (
      case 0x300c: // 「
      case 0x300e: // 『
      case 0xff3b: // ［
      case 0x3010: // 【
        depth++;
        break;
      case 0xff09: // ）
      case 0x29: // )
      case 0x300d: // 」
      case 0x300f: // 』
      case 0xff3d: // ］
      case 0x3011: // 】
        if (depth > 0) depth--;
        break;
      case 0x0a:
        close(index);
        depth = 0;
        break;
      case 0x3002: // 。
        if (depth === 0) close(index + 1);
        break;
    }
  }
  close(text.length);
  return sentences;
}

function isSpace(code: number): boolean {
  return code === 0x20 || code === 0x0a || code === 0x3000;
}

/**
 * The amounts `text` states in points, in order: a number written straight before `点`
 * (`300点`, `2,000点`, `１，０００点`, `100 点`), not the `点` of `点数`.
 */
function amountsIn(text: string): Amount[] {
  const amounts: Amount[] = [];
  for (let at = text.indexOf('点'); at >= 0; at = text.indexOf('点', at + 1)) {
    if (text.charCodeAt(at + 1) === 0x6570 /* 数 */) continue;
    let begin = at;
    if (text.charCodeAt(begin - 1) === 0x20) begin--;
    const end = begin;
    while (
      begin > 0 &&
      (isDigit(text.charCodeAt(begin - 1)) || (isComma(text.charCodeAt(begin - 1)) && isDigit(text.charCodeAt(begin - 2))))
    )
      begin--;
    // Not a decimal (`0.5点`) and not a number that does not begin with a digit.
    const before = text.charCodeAt(begin - 1);
    if (begin === end || !isDigit(text.charCodeAt(begin)) || before === 0x2e || before === 0xff0e) continue;
    const digits = text
      .slice(begin, end)
      .replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
      .replace(/[,，]/g, '');
    amounts.push({ value: Number(digits), unit: '点' });
  }
  return amounts;
}

function isDigit(code: number): boolean {
  return (code >= 0x30 && code <= 0x39) || (code >= 0xff10 && code <= 0xff19);
}

function isComma(code: number): boolean {
  return code === 0x2c || code === 0xff0c;
}
