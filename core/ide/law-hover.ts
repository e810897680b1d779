// The law beside the rule: hovering an item shows the official words of the clause it
// cites, the rule's quote in bold within them; hovering a `clause:` value (or an `also`
// entry) shows that passage. The words come from the revision's own text, trimmed around
// the quote, and are shown literally (they cannot make Markdown of their own).
import { markdownText } from '../analysis/display-text';
import { citationAt, effectiveClause, lawTextsOf, wholeText, type LawTexts } from '../analysis/law/cited';
import { normalizeForMatch } from '../analysis/law/normalize';
import { renderMarkdown, type Lang } from '../analysis/messages';
import type { Span } from '../analysis/types';
import { type ItemDef, type Workspace } from '../model/workspace';

/** At most this many characters of a passage are shown; a longer one is cut around the quote. */
const SHOWN = 600;

/** Hover on a clause a rule writes: the passages it names, or why there are none. */
export function clauseHoverAt(ws: Workspace, file: string, offset: number, lang: Lang): { markdown: string; span: Span } | undefined {
  const found = citationAt(ws, file, offset);
  if (!found?.texts) return undefined;
  const span = found.written.loc.doc.spans.get(found.written.loc.pointer)!.value;
  const quote = found.written === found.record.clause ? found.record.quote?.text : undefined;
  const markdown = lawMarkdown(found.texts, found.written.text, quote, lang);
  return markdown ? { markdown, span } : undefined;
}

/** The official words of the clause an item cites, for the item's hover; undefined without a text. */
export function itemLawMarkdown(ws: Workspace, item: ItemDef, lang: Lang): string | undefined {
  const clause = effectiveClause(item);
  const texts = clause && lawTextsOf(ws, item.tariff.revision, item.tariff.scheme);
  if (!clause || !texts) return undefined;
  return lawMarkdown(texts, clause.text, item.source.quote ?? item.owner?.source.quote, lang);
}

function lawMarkdown(texts: LawTexts, clause: string, quote: string | undefined, lang: Lang): string | undefined {
  const resolution = texts.resolve(clause);
  if (resolution.status !== 'resolved') return undefined;
  const doc = texts.files[resolution.citation.kind]!.name;
  const parts = resolution.passages.map((passage) => `> ${shown(wholeText(passage), quote).replace(/\n/g, '\n>\n> ')}`);
  return [
    renderMarkdown({ id: 'hover.law', args: { clause: resolution.passages.map((p) => p.clause).join(', '), doc } }, lang),
    ...parts,
  ].join('\n\n');
}

/** The passage as Markdown: the quote's words in bold where they are found, cut to SHOWN characters around them. */
function shown(text: string, quote: string | undefined): string {
  const found = quote === undefined ? undefined : locate(text, quote);
  let [from, to] = [0, text.length];
  if (text.length > SHOWN) {
    const centre = found ? Math.floor((found.start + found.end) / 2) : 0;
    from = Math.max(0, Math.min(centre - SHOWN / 2, text.length - SHOWN));
    to = from + SHOWN;
  }
  const piece = (a: number, b: number) => markdownText(text.slice(Math.max(a, from), Math.min(b, to)));
  const head = from > 0 ? '…' : '';
  const tail = to < text.length ? '…' : '';
  if (!found || found.end <= from || found.start >= to) return `${head}${piece(from, to)}${tail}`;
  return `${head}${piece(from, found.start)}**${piece(found.start, found.end)}**${piece(found.end, to)}${tail}`;
}

/** Where a quote's words are in a text, compared as the quote check compares them (width, spaces and wraps aside). */
function locate(text: string, quote: string): Span | undefined {
  const wanted = normalizeForMatch(quote);
  if (wanted === '') return undefined;
  // The normalised text, with the offset in `text` of each of its characters.
  let normal = '';
  const origin: number[] = [];
  const digit = (at: number) => /^\d$/.test(normalizeForMatch(text[at] ?? ''));
  for (let i = 0; i < text.length; i++) {
    // As normalizeForMatch reads its context: a comma between digits is dropped, a ー between them is a dash.
    const between = digit(i - 1) && digit(i + 1);
    const n = between && /^[,，]$/.test(text[i]!) ? '' : between && text[i] === 'ー' ? '-' : normalizeForMatch(text[i]!);
    normal += n;
    for (let k = 0; k < n.length; k++) origin.push(i);
  }
  const at = normal.indexOf(wanted);
  return at < 0 ? undefined : { start: origin[at]!, end: origin[at + wanted.length - 1]! + 1 };
}
