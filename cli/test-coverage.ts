// `tariff test --coverage`: after the scenarios, what of the rules no scenario pins down —
// one line per item, variant, relation or limit with the behaviours left, at the place the
// analyst writes it (`file:line:col`) — a line per revision, and the last line
// `coverage: items N%, variants N%, relations N%, limits N%`. `--format json` gives every
// behaviour with the scenarios that pin it; `--min N` fails when a category is below N%.
import { renderMessage, type Lang } from '../core/analysis/messages';
import { spanOf } from '../core/analysis/report';
import {
  COVERAGE_CATEGORIES,
  coveragePercent,
  coverageTotals,
  subjectOf,
  uncoveredBySubject,
  type Behaviour,
  type CoverageCategory,
} from '../core/analysis/rule-coverage';
import type { MessageRef } from '../core/analysis/types';
import type { Loc, Workspace } from '../core/model/workspace';
import type { CliIo } from './io';
import { displayPath, positions } from './located';

/** The text report: uncovered behaviours at their places, the totals per revision, and the summary line. */
export function coverageLines(runs: readonly CoverageRun[], io: CliIo, lang: Lang): string[] {
  const t = (id: string, args?: MessageRef['args']) => renderMessage({ id, args }, lang);
  const lines: string[] = [];
  for (const { ws, behaviours } of runs) {
    const place = placer(ws, io);
    // In the order of the files and of the places within them, as the editor lists them.
    const byPlace = uncoveredBySubject(behaviours)
      .map((group) => ({ ...group, at: spanOf(group.first.loc, group.first.anchor).start }))
      .sort((a, b) => (a.first.loc.file < b.first.loc.file ? -1 : a.first.loc.file > b.first.loc.file ? 1 : a.at - b.at));
    for (const { first, kinds } of byPlace) {
      const kindList = { list: kinds.map((k) => t(`coverage.kind.${k}`)), more: 0 };
      lines.push(
        `${place(first.loc, first.anchor)} ${t('coverage.uncovered', { subject: renderMessage(subjectOf(first), lang), kinds: kindList })}`,
      );
    }
    for (const revision of [...new Set(behaviours.map((b) => b.revision))]) {
      const totals = coverageTotals(behaviours.filter((b) => b.revision === revision));
      lines.push(t('coverage.revision', { revision, ...percents(totals) }));
    }
  }
  lines.push(t('coverage.summary', percents(coverageTotals(runs.flatMap((r) => r.behaviours)))));
  return lines;
}

/** The coverage of one workspace's rules by the scenarios under the paths given. */
export interface CoverageRun {
  ws: Workspace;
  behaviours: Behaviour[];
}

/** Every behaviour with its place and the scenarios that pin it, and the totals. */
export function coverageJson(runs: readonly CoverageRun[], io: CliIo) {
  const totals = coverageTotals(runs.flatMap((r) => r.behaviours));
  return {
    behaviours: runs.flatMap(({ ws, behaviours }) => {
      const place = placer(ws, io);
      return behaviours.map((b) => ({
        revision: b.revision,
        category: b.category,
        kind: b.kind,
        id: b.item.id,
        ...(b.relation ? { relation: b.relation } : {}),
        at: place(b.loc, b.anchor),
        covered: b.scenarios.length > 0,
        scenarios: b.scenarios.map((s) => ({ file: displayPath(s.loc.file, io.cwd), name: s.name })),
      }));
    }),
    totals: Object.fromEntries(COVERAGE_CATEGORIES.map((c) => [c, { ...totals[c], percent: coveragePercent(totals[c]) }])),
  };
}

/** The categories below a threshold, with their percentages. */
export function belowMinimum(behaviours: readonly Behaviour[], min: number): { category: CoverageCategory; percent: number }[] {
  const totals = coverageTotals(behaviours);
  return COVERAGE_CATEGORIES.map((category) => ({ category, percent: coveragePercent(totals[category]) })).filter((c) => c.percent < min);
}

function percents(totals: ReturnType<typeof coverageTotals>): Record<CoverageCategory, number> {
  return Object.fromEntries(COVERAGE_CATEGORIES.map((c) => [c, coveragePercent(totals[c])])) as Record<CoverageCategory, number>;
}

/** `file:line:col` of a place, as compilers print it. */
export function placer(ws: Workspace, io: CliIo): (loc: Loc, anchor: 'key' | 'value') => string {
  const { rangeOf } = positions(new Map(ws.files.map((f) => [f.file, f.text] as const)));
  return (loc, anchor) => {
    const { start } = rangeOf(loc.file, spanOf(loc, anchor));
    return `${displayPath(loc.file, io.cwd)}:${start.line + 1}:${start.character + 1}`;
  };
}
