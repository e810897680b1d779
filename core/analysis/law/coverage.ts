// Clause coverage: for every 区分 a rule cites, each of its clauses — the items and 注 of the
// 告示, the numbered paragraphs of the 通知 — is encoded by some rule (its `clause`, an entry
// of `also`, or a part of either), waived with a reason (*.waivers.yaml), or neither. The
// clause-uncovered check and `tariff clauses` both read it; an analyst sees which words of the
// law no rule speaks for.
import { citationOf, citedBy, lawSchemes, lawTextsOf, type LawTexts, type Written } from './cited';
import type { Passage } from './clause-index';
import type { Scheme } from '../types';
import type { ItemDef, WaiverDef, Workspace } from '../../model/workspace';

export type ClauseStatus = 'cited' | 'waived' | 'uncovered';

export interface ClauseCoverage {
  /** Canonical clause: `B005 注4`, `B005 通知(5)`. */
  clause: string;
  status: ClauseStatus;
  /** The items and variants whose citations name it or a part of it. */
  citedBy: ItemDef[];
  /** The waiver that covers it, when no rule cites it. */
  waiver: WaiverDef | undefined;
}

export interface SectionCoverage {
  section: string;
  name: string;
  /** The first item (in workspace order) whose own citation names this 区分, with that citation: where a finding goes. */
  first: { item: ItemDef; clause: Written };
  clauses: ClauseCoverage[];
}

export interface Coverage {
  revision: string;
  scheme: Scheme;
  texts: LawTexts;
  sections: SectionCoverage[];
}

/** The coverage of every revision and scheme that has an official text and rules citing it, in workspace order. */
export function clauseCoverage(ws: Workspace): Coverage[] {
  const result: Coverage[] = [];
  for (const [revision, scheme] of lawSchemes(ws)) {
    const texts = lawTextsOf(ws, revision, scheme);
    if (!texts) continue;
    const cited = new Map<string, Set<ItemDef>>();
    const firsts = new Map<string, { item: ItemDef; clause: Written }>();
    for (const item of ws.items) {
      if (item.tariff.revision !== revision || item.tariff.scheme !== scheme) continue;
      for (const written of citedBy(item)) {
        const citation = citationOf(written.text);
        if (!citation) continue;
        if (!firsts.has(citation.section)) firsts.set(citation.section, { item, clause: written });
        for (const clause of citation.clauses) cited.set(clause, (cited.get(clause) ?? new Set()).add(item));
      }
    }
    const waivers = new Map<string, WaiverDef>();
    for (const waiver of ws.waivers) {
      if (waiver.revision !== revision || waiver.scheme !== scheme) continue;
      for (const clause of citationOf(waiver.clause)?.clauses ?? []) if (!waivers.has(clause)) waivers.set(clause, waiver);
    }
    const sections: SectionCoverage[] = [];
    for (const [section, first] of firsts) {
      const units = unitsOf(texts, section);
      if (units.length === 0) continue;
      const clauses = units.map(({ clause, passage }): ClauseCoverage => {
        const names = namesUnder(section, passage);
        const citedBy = [...new Set(names.flatMap((name) => [...(cited.get(name) ?? [])]))];
        const waiver = citedBy.length > 0 ? undefined : names.map((name) => waivers.get(name)).find((w) => w !== undefined);
        return { clause, status: citedBy.length > 0 ? 'cited' : waiver ? 'waived' : 'uncovered', citedBy, waiver };
      });
      sections.push({
        section,
        name: texts.indexes.kokuji?.sections.get(section)?.name ?? texts.indexes.tsuchi?.sections.get(section)?.name ?? '',
        first,
        clauses,
      });
    }
    result.push({ revision, scheme, texts, sections });
  }
  return result;
}

/**
 * The clauses of a 区分 that coverage counts: the parts directly under its heading in the
 * 告示 (its items and 注) and in the 通知 (its numbered paragraphs). Parts of those (イ, ロ,
 * ア, …) count with the clause they belong to.
 */
function unitsOf(texts: LawTexts, section: string): { clause: string; passage: Passage }[] {
  const units: { clause: string; passage: Passage }[] = [];
  for (const index of [texts.indexes.kokuji, texts.indexes.tsuchi]) {
    const root = index?.sections.get(section)?.passage;
    for (const child of root?.children ?? []) units.push({ clause: `${section} ${child.part}`, passage: child });
  }
  return units;
}

/** The canonical names of a passage and its parts, under the 区分 asked for (a 通知 section may serve several). */
function namesUnder(section: string, passage: Passage): string[] {
  return [`${section} ${passage.part}`, ...passage.children.flatMap((child) => namesUnder(section, child))];
}
