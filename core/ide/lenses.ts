// Code lenses and inlay hints: on each scenario "▶ run" with whether it passes; on each item
// how often it is referenced and in how many exclusions it takes part, and how many scenarios
// pin its behaviours and which of them none does; the amount shown next
// to every reference to an item id, and after an exclusion entry whose items can both apply,
// which one the rules keep.
import { clashOf, declaresAsSettled } from '../analysis/logic/clash';
import { logicContext } from '../analysis/logic/context';
import { amountWithUnit, renderMessage, type Lang } from '../analysis/messages';
import { compareExpect, runScenario } from '../analysis/scenario';
import { type Span } from '../analysis/types';
import { itemIn, locAt, topItem, type ItemDef, type Workspace } from '../model/workspace';
import { ruleCoverage, type Behaviour } from '../analysis/rule-coverage';
import { spanOf } from '../analysis/report';
import { occurrencesIn, symbolKey, useCounts, type SymbolRef } from './symbols';
import { onPhase } from '../model/phases';

export interface Lens {
  span: Span;
  title: string;
  /** For scenario lenses: the scenario file to run. */
  scenario?: string;
}

export function codeLenses(ws: Workspace, file: string, lang: Lang): Lens[] {
  const lenses: Lens[] = [];
  for (const scenario of ws.scenarios.filter((s) => s.loc.file === file)) {
    const outcome = runScenario(ws, scenario);
    const title =
      !outcome || 'errors' in outcome
        ? renderMessage({ id: 'lens.scenario.error' }, lang)
        : (() => {
            const count = compareExpect(ws, scenario, outcome).length;
            return renderMessage({ id: count === 0 ? 'lens.scenario.pass' : 'lens.scenario.fail', args: { count } }, lang);
          })();
    lenses.push({ span: spanOf(locAt(scenario.loc, 'scenario'), 'key'), title, scenario: file });
  }
  const uses = useCounts(ws);
  const relations = relationCounts(ws);
  // Coverage only where scenarios test the rules: without any, every item would say so.
  const coverage = ws.scenarios.length > 0 ? coverageByItem(ws) : undefined;
  for (const item of ws.items.filter((i) => i.loc.file === file)) {
    const symbol: SymbolRef = { kind: 'item', name: item.id, revision: item.tariff.revision };
    const refs = uses.get(symbolKey(symbol)) ?? 0;
    const count = relations.get(symbolKey(symbol)) ?? 0;
    const span = spanOf(locAt(item.loc, 'id'), 'key');
    lenses.push({ span, title: renderMessage({ id: 'lens.item', args: { refs, relations: count } }, lang) });
    const covered = coverage?.get(item);
    if (covered) lenses.push({ span, title: coverageTitle(covered, lang) });
  }
  return lenses;
}

/** "3 シナリオ · 上限に達した場合は未検証": how many scenarios pin the item's behaviours, and which of them none does. */
function coverageTitle(behaviours: readonly Behaviour[], lang: Lang): string {
  const count = new Set(behaviours.flatMap((b) => b.scenarios)).size;
  const left = [...new Set(behaviours.filter((b) => b.scenarios.length === 0).map((b) => b.kind))];
  if (left.length === 0) return renderMessage({ id: 'lens.coverage.full', args: { count } }, lang);
  const shown = left.slice(0, 3).map((kind) => renderMessage({ id: `coverage.kind.${kind}` }, lang));
  return renderMessage({ id: 'lens.coverage', args: { count, kinds: { list: shown, more: left.length - shown.length } } }, lang);
}

/** The behaviours of each item with its variants, limits and the relations it declares, per model. */
const coverageByItem = onPhase({ phase: 'modelled', keeps: 'rule coverage per item (code lenses)' }, (ws: Workspace) => {
  const byItem = new Map<ItemDef, Behaviour[]>();
  for (const b of ruleCoverage(ws)) {
    const item = topItem(b.item);
    const list = byItem.get(item);
    if (list) list.push(b);
    else byItem.set(item, [b]);
  }
  return byItem;
});

export interface InlayHint {
  offset: number;
  label: string;
}

/**
 * The amount after each reference to an item id in the file (e.g. `B005-n3` → ` 2,000点`), and
 * after an exclusion entry whose items can both apply, which one is kept (` 両方該当しうる → B005 を残す`).
 */
export function inlayHints(ws: Workspace, file: string, lang: Lang): InlayHint[] {
  const hints: InlayHint[] = [];
  for (const { symbol, occurrences } of occurrencesIn(ws, file).values()) {
    if (symbol.kind !== 'item') continue;
    const item = itemIn(ws, symbol.revision, symbol.name);
    if (!item?.amount) continue;
    const label = ` ${amountWithUnit(item.amount.value, item.amount.unit, lang)}`;
    for (const o of occurrences) if (!o.definition && o.loc.file === file) hints.push({ offset: o.span.end, label });
  }
  // After each exclusion entry whose items can both apply: which one the rules keep.
  const ctx = logicContext(ws);
  for (const group of ctx.relations()) {
    for (const relation of group.relations) {
      for (const i of relation.declarations) {
        const site = group.sites[i]!;
        if (site.loc.file !== file || !declaresAsSettled(site, relation)) continue;
        const clash = clashOf(ctx, group.revision, relation);
        if (clash.status !== 'sat') continue;
        const label = ` ${renderMessage({ id: 'hint.relation.keeps', args: { winner: clash.winner.id } }, lang)}`;
        hints.push({ offset: spanOf(site.loc, 'value').end, label });
      }
    }
  }
  return hints.sort((a, b) => a.offset - b.offset);
}

/** How many relations each item takes part in (by `symbolKey`), counted once per workspace. */
const relationCounts = onPhase({ phase: 'modelled', keeps: 'relation counts per item (code lenses)' }, (ws: Workspace) => {
  const counts = new Map<string, number>();
  for (const group of logicContext(ws).relations()) {
    for (const r of group.relations) {
      for (const id of new Set([r.a, r.b])) {
        const key = symbolKey({ kind: 'item', name: id, revision: group.revision });
        counts.set(key, (counts.get(key) ?? 0) + 1);
      }
    }
  }
  return counts;
});
