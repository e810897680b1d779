// source-unknown-clause: a rule cites a clause (`clause`, or an entry of `also`) that the
// official text of its revision does not have — a 区分 the text lacks, a 注 or paragraph past
// the last one, or words that are no citation at all. The message names the text and the
// nearest clauses it does have; a quick fix writes the nearest. The clauses of waivers are
// held to the text the same way, and may not name a whole 区分. Silent where the revision
// declares no text for the file's scheme.
import { lawTextsOf, sourceRecords, writtenClauses, type LawTexts, type Written } from '../law/cited';
import { parseCitation } from '../law/citation';
import { findingAt, listing } from '../report';
import type { Finding } from '../types';
import { locAt } from '../../model/workspace';
import { suggestionFix } from '../fixes';
import type { Check } from './check';

export const sourceUnknownClause: Check = {
  code: 'source-unknown-clause',
  fixes: suggestionFix,
  run(ws) {
    const findings: Finding[] = [];
    for (const record of sourceRecords(ws)) {
      const texts = lawTextsOf(ws, record.tariff.revision, record.tariff.scheme);
      if (!texts) continue;
      for (const clause of writtenClauses(record)) {
        const finding = unknownClause(texts, clause);
        if (finding) findings.push(finding);
      }
    }
    // A waiver that names no clause of the text waives nothing; one that names a whole 区分
    // would waive every clause at once, which a reason for one clause cannot justify.
    for (const waiver of ws.waivers) {
      const texts = lawTextsOf(ws, waiver.revision, waiver.scheme);
      if (!texts) continue;
      const clause = { text: waiver.clause, loc: locAt(waiver.loc, 'clause') };
      const citation = parseCitation(waiver.clause);
      const finding =
        citation && citation.clauses.length === 1 && citation.clauses[0] === citation.section
          ? findingAt('source-unknown-clause', clause.loc, 'value', {
              id: 'source-unknown-clause.whole-section',
              args: { clause: waiver.clause },
            })
          : unknownClause(texts, clause);
      if (finding) findings.push(finding);
    }
    return findings;
  },
};

function unknownClause(texts: LawTexts, clause: Written): Finding | undefined {
  const resolution = texts.resolve(clause.text);
  switch (resolution.status) {
    case 'resolved':
    case 'no-text':
      return undefined;
    case 'unparsable':
      return findingAt('source-unknown-clause', clause.loc, 'value', {
        id: 'source-unknown-clause.unparsable',
        args: { clause: clause.text },
      });
    case 'unknown-section': {
      const doc = texts.files[resolution.citation.kind]!.name;
      return findingAt('source-unknown-clause', clause.loc, 'value', {
        id: 'source-unknown-clause.section',
        args: { clause: clause.text, section: resolution.citation.section, doc },
      });
    }
    case 'unknown-part': {
      const doc = texts.files[resolution.citation.kind]!.name;
      const nearest = resolution.nearest;
      const message =
        nearest.length > 0
          ? { id: 'source-unknown-clause.part', args: { clause: resolution.clause, doc, nearest: listing(nearest.length, nearest) } }
          : { id: 'source-unknown-clause.part-none', args: { clause: resolution.clause, doc, section: resolution.citation.section } };
      // Only a citation of one clause is replaced: a range is rewritten by hand.
      const suggestion = nearest[0] !== undefined && resolution.citation.clauses.length === 1 ? nearest[0] : undefined;
      return findingAt('source-unknown-clause', clause.loc, 'value', message, suggestion ? { data: { suggestion } } : {});
    }
  }
}
