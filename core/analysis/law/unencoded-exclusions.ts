// The exclusions the official text states between 区分 of the rule set, read from the
// sentences of every cited 区分 (「区分番号Ｂ００３に掲げる…は、別に算定できない」), each with
// the rules on its two sides and whether some relation (excludes, overrides, combinable)
// already links them. The exclusion-unencoded check reports those that none links; `tariff
// clauses` counts them and lists the 区分 named that the rule set does not have.
import { citationOf, effectiveClause, lawSchemes, lawTextsOf } from './cited';
import { exclusionSentences, type ExclusionSentence, type NamedClause } from './exclusion-sentences';
import { itemReferences } from '../references';
import type { Scheme } from '../types';
import { type ItemDef, topItem, type Workspace } from '../../model/workspace';
import { onPhase } from '../../model/phases';

export interface StatedExclusion {
  revision: string;
  scheme: Scheme;
  sentence: ExclusionSentence;
  named: NamedClause;
  /** The rules of the 区分 whose text holds the sentence (those citing its passage, else the 区分's own items). */
  own: ItemDef[];
  /** The rules of the named 区分 or 注; empty when the rule set does not have it. */
  other: ItemDef[];
  /**
   * `encoded`: a relation links one of `own` with one of `other`; `unencoded`: none does;
   * `outside`: the named 区分 or 注 is not in the rule set; `unplaced`: the rules the sentence
   * speaks for are not known (a paragraph of a 通知 section serving several 区分 that no rule
   * cites) or are the named ones themselves.
   */
  status: 'encoded' | 'unencoded' | 'outside' | 'unplaced';
}

/** Every exclusion sentence of every cited 区分, once per named clause, in workspace order of the citing 区分. */
export function statedExclusions(ws: Workspace): StatedExclusion[] {
  const result: StatedExclusion[] = [];
  // The pairs the rules relate, read only when some official text is there to compare with.
  let linked: ReturnType<typeof relationPairs> | undefined;
  for (const [revision, scheme] of lawSchemes(ws)) {
    const texts = lawTextsOf(ws, revision, scheme);
    if (!texts) continue;
    // Which items cite which clause, and which 区分 the rule set has.
    const citing = new Map<string, ItemDef[]>();
    const bySection = new Map<string, ItemDef[]>();
    for (const item of ws.items) {
      if (item.tariff.revision !== revision || item.tariff.scheme !== scheme) continue;
      const citation = citationOf(effectiveClause(item)?.text ?? '');
      if (!citation) continue;
      for (const clause of citation.clauses) citing.set(clause, [...(citing.get(clause) ?? []), item]);
      bySection.set(citation.section, [...(bySection.get(citation.section) ?? []), item]);
    }
    const seen = new Set<string>();
    for (const code of bySection.keys()) {
      for (const index of [texts.indexes.kokuji, texts.indexes.tsuchi]) {
        const section = index?.sections.get(code);
        // A 通知 section serving several 区分 is read once, for the first of them in the rule set.
        if (!section || seen.has(`${index!.kind} ${section.code}`)) continue;
        seen.add(`${index!.kind} ${section.code}`);
        for (const sentence of sentencesOf(section)) {
          // A 通知 section serving several 区分 does not say which of them a paragraph speaks
          // of: its sentences count only where a rule cites that paragraph itself.
          const own = itemsOf(sentence.passage.clause, citing) ?? (section.codes.length === 1 ? baseItems(bySection.get(code) ?? []) : []);
          for (const named of sentence.named) {
            if (named.section === code && named.clause === code) continue;
            // A named 注 is in the rule set only where a rule cites it; a named 区分 where any does.
            const other =
              itemsOf(named.clause, citing) ?? (named.clause === named.section ? baseItems(bySection.get(named.section) ?? []) : []);
            const encoded = own.some((a) =>
              other.some((b) => idsOf(a).some((x) => idsOf(b).some((y) => (linked ??= relationPairs(ws)).has(pairKey(revision, x, y))))),
            );
            const status =
              other.length === 0
                ? 'outside'
                : own.length === 0 || own.every((item) => other.includes(item))
                  ? 'unplaced'
                  : encoded
                    ? 'encoded'
                    : 'unencoded';
            result.push({ revision, scheme, sentence, named, own, other, status });
          }
        }
      }
    }
  }
  return result;
}

/** The exclusion sentences of a section, read once for as long as its text's index lives (the checks run on every edit). */
const sentencesOf = onPhase({ phase: 'law', keeps: 'the exclusion sentences of a 区分' }, exclusionSentences);

/** The items citing a clause exactly, or undefined when none does. */
function itemsOf(clause: string, citing: ReadonlyMap<string, ItemDef[]>): ItemDef[] | undefined {
  const items = citing.get(clause);
  return items && items.length > 0 ? items : undefined;
}

/** The items of a 区分 that are not additions to another (its fee itself); all of them if every one is. */
function baseItems(items: readonly ItemDef[]): ItemDef[] {
  const base = items.filter((item) => !item.owner && item.parent === undefined);
  return base.length > 0 ? base : [...items];
}

/** Every pair of items a relation links (either way round), per revision. */
function relationPairs(ws: Workspace): Set<string> {
  const pairs = new Set<string>();
  for (const ref of itemReferences(ws)) {
    if (!ref.from || (ref.role !== 'excludes' && ref.role !== 'overrides' && ref.role !== 'combinable')) continue;
    const revision = ref.from.tariff.revision ?? '';
    // A relation declared on a variant or its item stands for both.
    for (const from of new Set([ref.from, topItem(ref.from)])) pairs.add(pairKey(revision, from.id, ref.id));
  }
  return pairs;
}

/** An item's id and, for a variant, its item's: a relation of either stands for the variant. */
function idsOf(item: ItemDef): string[] {
  return item.owner ? [item.id, item.owner.id] : [item.id];
}

function pairKey(revision: string, a: string, b: string): string {
  return a < b ? `${revision}\u0000${a}\u0000${b}` : `${revision}\u0000${b}\u0000${a}`;
}
