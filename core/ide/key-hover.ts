// Hover on a key of a rule file, or on the value written after it: what the JSON Schema says
// the key means (its Japanese description), so `points`, `per`, `scope`, `pick` or `limit`
// explain themselves; on an amount, the amount written out with its unit (`2,000点`).
import { markdownText } from '../analysis/display-text';
import { fileKindOf } from '../analysis/file-kind';
import { amountWithUnit, type Lang } from '../analysis/messages';
import { SCHEMAS } from '../analysis/schema';
import { amountField, type Span } from '../analysis/types';
import type { Workspace } from '../model/workspace';
import { placeAt } from './cursor-place';
import { schemaAt } from './schema-vocabulary';

export function keyHoverAt(ws: Workspace, file: string, offset: number, lang: Lang): { markdown: string; span: Span } | undefined {
  const kind = fileKindOf(file);
  const text = ws.files.find((f) => f.file === file)?.text;
  if (!kind || text === undefined) return undefined;
  const span = wordAt(text, offset);
  if (!span) return undefined;
  const place = placeAt(text, offset);
  if (!place) return undefined;
  const word = text.slice(span.start, span.end);
  // A key's description is in the mapping that holds it; a value's, in the mapping that holds its key.
  const key = place.role === 'key' ? word : place.path.at(-1);
  const mapping = place.role === 'key' ? place.path : place.path.slice(0, -1);
  if (typeof key !== 'string') return undefined;
  const description = schemaAt(SCHEMAS[kind] as Record<string, unknown>, mapping).keys.find((k) => k.name === key)?.description;
  if (!description) return undefined;
  const lines = [`**${markdownText(key)}** — ${markdownText(description)}`];
  const unit = amountField(key);
  if (place.role === 'value' && unit && /^[0-9]+$/.test(word))
    lines.unshift(`**${markdownText(amountWithUnit(Number(word), unit, lang))}**`);
  return { markdown: lines.join('\n\n'), span };
}

/** The word (a key, an id, a number) under the cursor. */
function wordAt(text: string, offset: number): Span | undefined {
  const isWord = (ch: string | undefined) => ch !== undefined && /[A-Za-z0-9._-]/.test(ch);
  let start = offset;
  let end = offset;
  while (isWord(text[start - 1])) start--;
  while (isWord(text[end])) end++;
  return end > start ? { start, end } : undefined;
}
