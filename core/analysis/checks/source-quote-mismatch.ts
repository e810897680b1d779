// source-quote-mismatch: a rule's `quote` is not words of the clause it cites (compared after
// the width of letters and digits, spaces and the PDF's line wraps are set aside). The
// message shows the words of that 区分 closest to the quote (whole phrases of one sentence),
// and a quick fix puts them in the quote's place.
import { lawTextsOf, sourceRecords, wholeText } from '../law/cited';
import type { Passage } from '../law/clause-index';
import { normalizeForMatch } from '../law/normalize';
import { findingAt } from '../report';
import type { Finding } from '../types';
import { suggestionFix } from '../fixes';
import type { Check } from './check';

export const sourceQuoteMismatch: Check = {
  code: 'source-quote-mismatch',
  fixes: suggestionFix,
  run(ws) {
    const findings: Finding[] = [];
    for (const record of sourceRecords(ws)) {
      if (!record.quote || !record.clause) continue;
      const texts = lawTextsOf(ws, record.tariff.revision, record.tariff.scheme);
      if (!texts) continue;
      const resolution = texts.resolve(record.clause.text);
      // A clause that does not resolve is source-unknown-clause's finding.
      if (resolution.status !== 'resolved') continue;
      const quote = normalizeForMatch(record.quote.text);
      if (quote === '' || resolution.passages.some((p) => normalizeForMatch(wholeText(p)).includes(quote))) continue;
      const index = texts.indexes[resolution.citation.kind]!;
      const section = index.sections.get(resolution.citation.section)!;
      const closest = closestSentence(quote, section.passage);
      const message = closest
        ? { id: 'source-quote-mismatch', args: { clause: record.clause.text, closest: closest.text, at: closest.clause } }
        : { id: 'source-quote-mismatch.none', args: { clause: record.clause.text } };
      findings.push(
        findingAt(
          'source-quote-mismatch',
          record.quote.loc,
          'value',
          message,
          closest ? { data: { suggestion: yamlScalar(closest.text) } } : {},
        ),
      );
    }
    return findings;
  },
};

/**
 * The words of a section that hold most of the quote's (its pairs of characters), as whole
 * phrases of one sentence, the shortest such run winning a tie; and the clause they are in.
 * What counts is how much of the quote a run has, not how alike the two are in size.
 */
function closestSentence(quote: string, root: Passage): { text: string; clause: string } | undefined {
  const wanted = bigrams(quote);
  let best: { text: string; clause: string; score: number } | undefined;
  const walk = (passage: Passage): void => {
    for (const sentence of passage.sentences) {
      for (const text of phrases(sentence.text)) {
        const score = shared(wanted, bigrams(normalizeForMatch(text)));
        if (!best || score > best.score || (score === best.score && text.length < best.text.length))
          best = { text, clause: passage.clause, score };
      }
    }
    passage.children.forEach(walk);
  };
  walk(root);
  return best && best.score > 0 ? { text: best.text, clause: best.clause } : undefined;
}

/**
 * The runs of whole phrases (split after each 、) of a sentence: a quote is usually a few
 * phrases of a long sentence, and the fix should offer those, not three hundred characters.
 */
function* phrases(sentence: string): Generator<string> {
  const parts = sentence.match(/[^、]+、?|、/g) ?? [sentence];
  for (let i = 0; i < parts.length; i++) {
    let run = '';
    for (let j = i; j < parts.length; j++) yield (run += parts[j]);
  }
}

function bigrams(text: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (let i = 0; i + 1 < text.length; i++) counts.set(text.slice(i, i + 2), (counts.get(text.slice(i, i + 2)) ?? 0) + 1);
  return counts;
}

/** How many of the quote's character pairs the sentence has (each as often as the quote has it). */
function shared(quote: Map<string, number>, sentence: Map<string, number>): number {
  let count = 0;
  for (const [pair, times] of quote) count += Math.min(times, sentence.get(pair) ?? 0);
  return count;
}

/** A YAML scalar for a sentence: plain when it can be, else double-quoted (JSON's escapes are YAML's). */
function yamlScalar(text: string): string {
  return /^[^\s\-?:,[\]{}#&*!|>'"%@`]/.test(text) && !/[,[\]{}#:'"\\]|\s$/.test(text) ? text : JSON.stringify(text);
}
