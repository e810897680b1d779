// What the user sees: text from rule files — names, aliases, clauses, fact labels, scenario
// names, source lines — shown in a terminal or as Markdown exactly as written, and never
// acting on the screen. In text output, control characters (ESC sequences that clear the
// screen or set the window title, BEL, NUL, C1 controls), the bidirectional controls that
// reorder what is shown (U+202E and its kin) and the Unicode line separators appear as
// escapes like `\u001b`. In
// Markdown (hovers, completion documentation, the Markdown diff), rule text cannot make a
// link, a command, HTML, a heading, a list, a code span or emphasis.

/** Text with every control and bidirectional-control character shown as an escape like `\u001b`. */
export function visibleText(text: string): string {
  return CONTROLS.test(text) ? text.replace(CONTROLS_ALL, escapeCharacter) : text;
}

/**
 * Lines of text output (a terminal, a log, the editor's test output), each shown with
 * `visibleText` — line breaks inside a line included — and each ending with a line break.
 * Every text format of the CLI and the server's text reports are written through this.
 */
export function visibleLines(lines: readonly string[]): string {
  return lines.map((line) => `${visibleText(line)}\n`).join('');
}

/**
 * Rule text as Markdown that shows it literally, wherever it stands in a line: controls
 * shown as in `visibleText`, every character that could start Markdown syntax escaped with a
 * backslash, and the spaces at either end written as character references (a leading run
 * would make a code block, a trailing one a line break, and either is trimmed away).
 */
export function markdownText(text: string): string {
  const escaped = visibleText(text)
    .replace(MARKDOWN_SPECIAL, '\\$&')
    // Bare links (GFM autolinks): `://`, `www.` and `//` no longer read as one.
    .replace(/(?<=\/)\//g, '\\/')
    .replace(/(?<=www)\./gi, '\\.')
    // At the start of a line: a list item (`-`, `+`, `1.`, `1)`), a setext underline or a rule (`=`, `-`).
    .replace(/^[-+=]/, '\\$&')
    .replace(/^(\d+)([.)])/, '$1\\$2');
  return escaped.replace(/^\s+|\s+$/g, (blanks) => [...blanks].map((c) => `&#x${c.codePointAt(0)!.toString(16)};`).join(''));
}

/**
 * Rule text as a Markdown code span (shown in code font, nothing inside it is Markdown):
 * fenced with more backticks than any run inside it, padded where it begins or ends with a
 * backtick or a space. Empty text is no span at all.
 */
export function markdownCode(text: string): string {
  const shown = visibleText(text);
  if (shown === '') return '';
  const longest = Math.max(0, ...(shown.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  const pad = /^[` ]|[` ]$/.test(shown) && shown.trim() !== '' ? ' ' : '';
  return `${fence}${pad}${shown}${pad}${fence}`;
}

/**
 * C0 and C1 controls, DEL, the bidirectional controls (marks, embeddings, overrides,
 * isolates), and the Unicode line and paragraph separators (invisible line breaks).
 */
const CONTROL_RANGES = '\\u0000-\\u001f\\u007f-\\u009f\\u061c\\u200e\\u200f\\u2028-\\u202e\\u2066-\\u2069';
const CONTROLS = new RegExp(`[${CONTROL_RANGES}]`);
const CONTROLS_ALL = new RegExp(`[${CONTROL_RANGES}]`, 'g');

function escapeCharacter(c: string): string {
  return `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
}

/** ASCII punctuation that can begin or end Markdown syntax anywhere in a line (CommonMark lets a backslash escape each). */
const MARKDOWN_SPECIAL = /[\\`*_[\]<>&#|~$:@!]/g;
