// Reads an official text as the PDF extraction left it: the lines of the body with their
// indentation, without page headers, page numbers, set-aside tables or HTML markup, so the
// clause index sees the text a person reads on the printed page.

/** A stretch of the original text that is copied verbatim into a passage's text. */
export interface Piece {
  /** UTF-16 offsets in the original text. */
  start: number;
  end: number;
  /** What stands before the piece when its line is read: two spaces after padding, else nothing. */
  gap: '' | '  ';
}

export interface BodyLine {
  /** 0-based line number in the original text. */
  line: number;
  /** Leading spaces: the indentation the layout of the page gives the line. */
  column: number;
  /** Offset where the line's words begin (after the indentation and any leading markup). */
  start: number;
  /** Offset after the line's last character other than a space. */
  end: number;
  /** The words of the line: `text.slice(start, end)` without markup. */
  content: string;
  /**
   * The stretches of the line a reader sees, in order, when they are not the whole of
   * `[start, end)`: markup is left out, and a run of three or more spaces (the padding that
   * aligns amounts to the right margin) splits the line into two pieces, read with two spaces
   * between them. Most lines are words alone and have none.
   */
  pieces?: Piece[];
}

/**
 * The lines of the body. A line that begins with `#` is the extraction's, not the text's: a
 * page header (`# file: … page: N`), a page number (`#   - 12 -`), the table of contents or a
 * table set aside. Blank lines and lines of markup alone carry nothing. The lines are read
 * one at a time, so those the reader does not keep are dropped at once.
 */
export function* bodyLines(text: string): Generator<BodyLine> {
  let lineStart = 0;
  // Markup is rare (a few dozen lines of the 通知): its next place is looked up once per place, not once per line.
  let markup = -1;
  for (let line = 0; lineStart <= text.length; line++) {
    let lineEnd = text.indexOf('\n', lineStart);
    if (lineEnd < 0) lineEnd = text.length;
    if (markup >= 0 && markup < lineStart) markup = -1;
    if (markup === -1) markup = text.indexOf('<', lineStart);
    if (markup === -1) markup = text.length;
    const body = readLine(text, line, lineStart, lineEnd, markup < lineEnd);
    if (body) yield body;
    lineStart = lineEnd + 1;
  }
}

function readLine(text: string, line: number, lineStart: number, lineEnd: number, hasMarkup: boolean): BodyLine | undefined {
  if (text.charCodeAt(lineStart) === 0x23 /* # */) return undefined;
  let start = lineStart;
  while (start < lineEnd && text.charCodeAt(start) === 0x20) start++;
  const column = start - lineStart;
  let end = lineEnd;
  while (end > start && isBlank(text.charCodeAt(end - 1))) end--;
  // Markup at the start of a line hides a label (`<br>ア  …`), so the words begin after it.
  if (text.charCodeAt(start) === 0x3c /* < */) {
    LEADING_MARKUP.lastIndex = start;
    const leading = LEADING_MARKUP.exec(text);
    if (leading) start += leading[0].length;
  }
  if (start >= end) return undefined;
  // Most lines are words alone, found without a regular expression.
  if (!hasMarkup && !hasPadding(text, start, end)) return { line, column, start, end, content: text.slice(start, end) };
  const pieces: Piece[] = [];
  let from = start;
  let gap: Piece['gap'] = '';
  SKIPPED.lastIndex = start;
  for (let match = SKIPPED.exec(text); match && match.index < end; match = SKIPPED.exec(text)) {
    if (match.index > from) pieces.push({ start: from, end: match.index, gap });
    gap = match[0].startsWith(' ') && pieces.length > 0 ? '  ' : '';
    from = match.index + match[0].length;
  }
  if (from < end) pieces.push({ start: from, end, gap });
  if (pieces.length === 0) return undefined;
  const content = pieces.map((piece) => piece.gap + text.slice(piece.start, piece.end)).join('');
  return { line, column, start, end, content, pieces };
}

function hasPadding(text: string, start: number, end: number): boolean {
  let spaces = 0;
  for (let index = start; index < end; index++) {
    spaces = text.charCodeAt(index) === 0x20 ? spaces + 1 : 0;
    if (spaces === 3) return true;
  }
  return false;
}

function isBlank(code: number): boolean {
  return code === 0x20 || code === 0x0d || code === 0x09 || code === 0x3000;
}

/** Markup (and the spaces after it) in front of a line's words. */
const LEADING_MARKUP = /(?:(?:<br\s*\/?>|<img\b[^>]*>)\s*)+/gy;

/** What a passage's text leaves out of a line: markup, and the padding before an amount. */
const SKIPPED = /<br\s*\/?>|<img\b[^>]*>|<a\b[^>]*>|<\/a>| {3,}/g;
