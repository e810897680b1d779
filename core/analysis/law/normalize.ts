// What two passages of an official text must share to be "the same text": a quotation in a
// rule matches the 告示 or 通知 it quotes even where the PDF extraction wrapped a word, put
// a page number in the middle, or printed a digit full-width.

/**
 * `text` reduced to what matters when comparing wording, so that a passage and a quotation of
 * it normalise to the same string:
 *
 * - lines that begin with `#` are dropped: in the extracted texts they are page headers
 *   (`# file: … page: N`), page numbers (`#   - 12 -`) and tables the extraction set aside;
 * - the markup the extraction left (`<br>`, `<img …>`, `<a …>`, `</a>`) is dropped;
 * - NFKC: full-width digits, Latin letters, parentheses and spaces become their half-width
 *   forms (`Ｂ００５` → `B005`, `（１）` → `(1)`, `注１` → `注1`);
 * - the dashes of 区分 codes are one `-`: every dash-like character, and the katakana `ー`
 *   between two digits (`Ｄ２１０―３`, `D210ー3` → `D210-3`); `ー` in words is kept;
 * - a comma between digits is dropped (`2,000点` and `2000点` are the same amount);
 * - all whitespace is dropped, line breaks included, since the PDF wraps anywhere and
 *   Japanese puts no spaces between words (and the 通知 spaces its numbers: `第 57 号`).
 *
 * Other variants (`３か月`/`３ヶ月`, `附`/`付`, old and new kanji) are kept apart: the
 * texts spell each of them one way, and a quotation should too.
 */
export function normalizeForMatch(text: string): string {
  return text
    .split(/\r\n|\r|\n/)
    .filter((line) => !line.trimStart().startsWith('#'))
    .join('\n')
    .replace(MARKUP, '')
    .normalize('NFKC')
    .replace(/[‐‑‒–—―−－]/g, '-')
    .replace(/(?<=\d)ー(?=\d)/g, '-')
    .replace(/(?<=\d),(?=\d)/g, '')
    .replace(/\s+/g, '');
}

/** The HTML the extraction left in the 通知: line breaks, images and links around them. */
const MARKUP = /<br\s*\/?>|<img\b[^>]*>|<a\b[^>]*>|<\/a>/gi;
