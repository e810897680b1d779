// Line arithmetic on a file's text for edits that keep the user's layout: where a line
// starts and ends (before `\r\n` or `\n`) and the column of an offset, in UTF-16 units.

export function lineStart(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

/** The end of the line at `offset`, before its line break. */
export function lineEnd(text: string, offset: number): number {
  const end = text.indexOf('\n', offset);
  if (end < 0) return text.length;
  return text[end - 1] === '\r' ? end - 1 : end;
}

export function column(text: string, offset: number): number {
  return offset - lineStart(text, offset);
}
