// source-amount-mismatch: the clause an item cites states another amount than the item's
// (`points: 200` citing `B005 注2`, which says 300点). Where the clause states no amount,
// an item that is not an addition is held to its 区分's heading (`Ｂ００５ 退院時共同指導料２
// 400点`); an addition citing such a clause (a percentage, say) is left alone. The amount is
// the official one, so a quick fix writes it when the clause states exactly one.
import { focusedItems } from '../focus';
import { effectiveClause, lawTextsOf } from '../law/cited';
import type { Passage } from '../law/clause-index';
import { findingAt, listing } from '../report';
import { AMOUNT_FIELD, type Finding } from '../types';
import { type ItemDef, locAt, topItem } from '../../model/workspace';
import { suggestionFix } from '../fixes';
import type { Check } from './check';

export const sourceAmountMismatch: Check = {
  code: 'source-amount-mismatch',
  fixes: suggestionFix,
  run(ws, focus) {
    const findings: Finding[] = [];
    for (const item of focusedItems(ws, focus)) {
      const scheme = item.tariff.scheme;
      // The texts state 点: only the medical scheme's points are compared.
      if (scheme !== 'medical') continue;
      const amount = item.amount?.value;
      const texts = typeof amount === 'number' ? lawTextsOf(ws, item.tariff.revision, scheme) : undefined;
      const clause = texts && effectiveClause(item);
      if (typeof amount !== 'number' || !texts || !clause) continue;
      const resolution = texts.resolve(clause.text);
      if (resolution.status !== 'resolved') continue;
      const stated = resolution.citation.kind === 'kokuji' ? [...new Set(resolution.passages.flatMap(amountsUnder))] : [];
      const heading = texts.indexes.kokuji?.sections.get(resolution.citation.section)?.amount?.value;
      const expected = stated.length > 0 ? stated : heading !== undefined && !isAddition(item) ? [heading] : [];
      if (expected.length === 0 || expected.includes(amount)) continue;
      const message = {
        id: stated.length > 0 ? 'source-amount-mismatch' : 'source-amount-mismatch.heading',
        args: {
          clause: clause.text,
          section: resolution.citation.section,
          stated: listing(
            expected.length,
            expected.map((v) => `${v.toLocaleString('en-US')}点`),
          ),
          amount,
        },
      };
      findings.push(
        findingAt(
          'source-amount-mismatch',
          locAt(item.loc, AMOUNT_FIELD[scheme]),
          'value',
          message,
          expected.length === 1 ? { data: { suggestion: String(expected[0]) } } : {},
        ),
      );
    }
    return findings;
  },
};

/** The amounts a passage and its parts state (`A246 1` states those of its イ and ロ). */
function amountsUnder(passage: Passage): number[] {
  return [...passage.amounts.map((a) => a.value), ...passage.children.flatMap(amountsUnder)];
}

/** An addition (注加算), or a variant of one: its clause may state a rate, not its amount. */
function isAddition(item: ItemDef): boolean {
  return topItem(item).parent !== undefined;
}
