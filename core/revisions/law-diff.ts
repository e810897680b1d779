// The law-text section of a revision diff: every passage of the official text that a rule of
// either revision cites, whose words changed between the two revisions' texts, or that one
// of them lacks — with the changed words marked and the rules that cite it. When a new 告示
// arrives this is the analyst's review list: which rules to read again, and why.
import { citedBy, lawTextsOf, wholeText, type LawTexts } from '../analysis/law/cited';
import { parseCitation } from '../analysis/law/citation';
import type { Passage } from '../analysis/law/clause-index';
import { normalizeForMatch } from '../analysis/law/normalize';
import { SCHEMES, type Scheme } from '../analysis/types';
import type { ItemDef, Workspace } from '../model/workspace';
import { wordDiff, type DiffPiece } from './word-diff';

/** A rule that cites a passage. */
export interface Citer {
  revision: string;
  id: string;
  name: string;
}

export interface LawChange {
  scheme: Scheme;
  /** The canonical clause, e.g. `A246 注7`. */
  clause: string;
  /** `changed`: in both texts, other words; `vanished`: only in the old text; `appeared`: only in the new. */
  kind: 'changed' | 'vanished' | 'appeared';
  /** The changed words (for `changed`), else the one text there is, as one piece. */
  pieces: DiffPiece[];
  citedBy: Citer[];
}

/**
 * The cited passages that differ between the official texts of two revisions, per scheme
 * both declare texts for, in the order of the clauses (区分 code, then the text's order).
 * Empty when either revision has no text for a scheme.
 */
export function lawChanges(ws: Workspace, old: string, next: string): LawChange[] {
  const changes: LawChange[] = [];
  for (const scheme of SCHEMES) {
    const before = lawTextsOf(ws, old, scheme);
    const after = lawTextsOf(ws, next, scheme);
    if (!before || !after) continue;
    for (const [clause, citedBy] of citedClauses(ws, [old, next], scheme)) {
      const [a, b] = [passageOf(before, clause), passageOf(after, clause)];
      if (!a && !b) continue;
      const [textA, textB] = [a && wholeText(a), b && wholeText(b)];
      if (textA !== undefined && textB !== undefined) {
        if (normalizeForMatch(textA) !== normalizeForMatch(textB))
          changes.push({ scheme, clause, kind: 'changed', pieces: wordDiff(textA, textB), citedBy });
      } else if (textA !== undefined) changes.push({ scheme, clause, kind: 'vanished', pieces: [{ op: 'removed', text: textA }], citedBy });
      else changes.push({ scheme, clause, kind: 'appeared', pieces: [{ op: 'added', text: textB! }], citedBy });
    }
  }
  return changes;
}

/** Each canonical clause the items of the revisions cite (their clause and `also`), with the items citing it, sorted. */
function citedClauses(ws: Workspace, revisions: readonly string[], scheme: Scheme): Map<string, Citer[]> {
  const cited = new Map<string, Citer[]>();
  const add = (text: string, item: ItemDef) => {
    for (const clause of parseCitation(text)?.clauses ?? []) {
      const list = cited.get(clause) ?? [];
      if (!list.some((c) => c.revision === item.tariff.revision && c.id === item.id))
        list.push({ revision: item.tariff.revision!, id: item.id, name: item.name ?? item.id });
      cited.set(clause, list);
    }
  };
  for (const item of ws.items) {
    if (item.tariff.scheme !== scheme || !revisions.includes(item.tariff.revision ?? '')) continue;
    for (const written of citedBy(item)) add(written.text, item);
  }
  return new Map([...cited].sort(([a], [b]) => a.localeCompare(b, 'en')));
}

function passageOf(texts: LawTexts, clause: string): Passage | undefined {
  const resolution = texts.resolve(clause);
  return resolution.status === 'resolved' ? resolution.passages[0] : undefined;
}
