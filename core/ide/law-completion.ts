// Completion of a `clause:` value (or an `also` entry) from the official text: the clauses of
// the item's 区分 — its 注, items and 通知 paragraphs, each with the start of its words — or,
// before a 区分 is known, the 区分 of the text with their names.
import { markdownText, visibleText } from '../analysis/display-text';
import { effectiveClause, lawTextsOf, wholeText } from '../analysis/law/cited';
import { parseCitation } from '../analysis/law/citation';
import type { Passage } from '../analysis/law/clause-index';
import { spanOf } from '../analysis/report';
import type { Workspace } from '../model/workspace';
import type { CompletionEntry, Completions } from './completion';

/** Characters of a passage in an entry's detail, and in its documentation. */
const DETAIL = 40;
const DOCUMENTATION = 600;

/** Clause completions when the cursor is on a clause value of a tariff file with an official text; else undefined. */
export function clauseCompletions(ws: Workspace, file: string, text: string, offset: number): Completions | undefined {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const prefix = text.slice(lineStart, offset);
  const inline = /\b(?:clause\s*:\s*|also\s*:\s*\[(?:[^\]]*,)?\s*)([^,\]{}#:]*)$/.exec(prefix);
  const block = /^\s*-\s+([^,\]{}#:]*)$/.exec(prefix);
  const listed = !inline && block && /^\s*also\s*:\s*$/.test(previousKeyLine(text, lineStart)) ? block : null;
  const typed = (inline ?? listed)?.[1];
  if (typed === undefined) return undefined;
  const tariff = ws.tariffs.find((t) => t.file === file);
  const texts = tariff && lawTextsOf(ws, tariff.revision, tariff.scheme);
  if (!tariff || !texts) return undefined;
  const replace = { start: offset - typed.length, end: offset };
  const item = ws.items.filter((i) => i.loc.file === file && contains(spanOf(i.loc, 'owner'), offset)).pop();
  const written = /^\s*([A-Za-zＡ-Ｚ][0-9０-９]{3}(?:[-－][0-9０-９]+)*)/.exec(typed)?.[1];
  const own = item && effectiveClause(item);
  const section =
    parseCitation(written ?? '')?.section ??
    parseCitation(own?.text ?? '')?.section ??
    (item && sectionOfId(item.id, texts.indexes.kokuji?.sections.keys() ?? []));
  const entries: CompletionEntry[] = [];
  for (const index of [texts.indexes.kokuji, texts.indexes.tsuchi]) {
    if (!index) continue;
    if (section === undefined) {
      for (const [code, s] of index.sections)
        if (index === texts.indexes.kokuji && code === s.code) entries.push({ label: code, kind: 'value', detail: visibleText(s.name) });
      continue;
    }
    const root = index.sections.get(section)?.passage;
    if (root) walk(root, (passage) => entries.push(entryOf(section, passage)));
  }
  return { entries, replace };
}

function entryOf(section: string, passage: Passage): CompletionEntry {
  // A section serving several 区分 names its clauses by the first; the one asked for is written.
  const label = passage.part === '' ? section : `${section} ${passage.part}`;
  const words = wholeText(passage);
  return {
    label,
    kind: 'value',
    detail: visibleText(cut(passage.text.replace(/\s+/g, ' '), DETAIL)),
    documentation: markdownText(cut(words, DOCUMENTATION)),
  };
}

function walk(passage: Passage, visit: (passage: Passage) => void): void {
  visit(passage);
  passage.children.forEach((child) => walk(child, visit));
}

/** The longest 区分 code an item id starts with (`B005-n3` → `B005`, `B005-1-2` → `B005-1-2`). */
function sectionOfId(id: string, codes: Iterable<string>): string | undefined {
  let best: string | undefined;
  for (const code of codes) if ((id === code || id.startsWith(`${code}-`)) && code.length > (best?.length ?? 0)) best = code;
  return best;
}

/** The nearest line above that is a key with nothing after it (the list's key). */
function previousKeyLine(text: string, lineStart: number): string {
  for (let end = lineStart - 1; end > 0;) {
    const start = text.lastIndexOf('\n', end - 1) + 1;
    const line = text.slice(start, end);
    if (!/^\s*-\s/.test(line) && line.trim() !== '') return line;
    end = start - 1;
  }
  return '';
}

function contains(span: { start: number; end: number }, offset: number): boolean {
  return offset >= span.start && offset <= span.end;
}

function cut(text: string, length: number): string {
  return text.length > length ? `${text.slice(0, length)}…` : text;
}
