// Hover text (Markdown, Japanese or English): for an item id anywhere — name, amount with
// its unit, limit, parent, relations, effective period, citation with quote; for a fact —
// label, type, values or range; on an exclusion entry — when both items can apply (the
// witness) and which one the rules core keeps; on any other key or value, what the schema says
// the key means (key-hover.ts). Rule text in it shows literally: it cannot make a link, a
// command, HTML or any other Markdown (display-text.ts).
import { markdownText } from '../analysis/display-text';
import { effectivePeriods } from '../analysis/effective';
import { clashOf } from '../analysis/logic/clash';
import { logicContext } from '../analysis/logic/context';
import { amountWithUnit, labelText, renderMarkdown, type Lang } from '../analysis/messages';
import type { Label, MessageRef, Span } from '../analysis/types';
import { type ItemDef, topItem, type Workspace } from '../model/workspace';
import { clauseHoverAt, itemLawMarkdown } from './law-hover';
import { keyHoverAt } from './key-hover';
import { symbolAt } from './symbols';

export interface Hover {
  markdown: string;
  span: Span;
}

export function hoverAt(ws: Workspace, file: string, offset: number, lang: Lang): Hover | undefined {
  const t = (id: string, args?: MessageRef['args']) => renderMarkdown({ id, args }, lang);
  const law = clauseHoverAt(ws, file, offset, lang);
  if (law) return law;
  const relation = relationHover(ws, file, offset, t);
  const found = symbolAt(ws, file, offset);
  if (!found) {
    // A key or value within an exclusion entry (`scope: day`): what it means, then what the relation does.
    const key = keyHoverAt(ws, file, offset, lang);
    return key && relation ? { markdown: `${key.markdown}\n\n---\n\n${relation.markdown}`, span: key.span } : (key ?? relation);
  }
  const { symbol, occurrence } = found;
  if (symbol.kind === 'item') {
    const item = ws.items.find((i) => i.id === symbol.name && i.tariff.revision === symbol.revision);
    if (!item) return relation;
    // On an exclusion entry, what the relation does comes first, then the item it names.
    return { markdown: [relation?.markdown, itemMarkdown(ws, item, t, lang)].filter(Boolean).join('\n\n---\n\n'), span: occurrence.span };
  }
  if (symbol.kind === 'fact') {
    const fact = ws.facts.get(symbol.name)?.[0];
    if (!fact) return undefined;
    const lines = [
      `**${markdownText(fact.name)}** — ${markdownText(fact.label ?? '')}`,
      t(`hover.fact.${fact.type ?? 'unknown'}`, {
        values: fact.values.map((v) => valueWithLabel(v, fact.valueLabels.get(v), lang)).join(', '),
        min: fact.min ?? '−∞',
        max: fact.max ?? '∞',
      }),
    ];
    const description = fact.description;
    if (description) lines.push(markdownText(description));
    const unit = fact.unit;
    if (unit) lines.push(t('hover.fact.unit', { unit }));
    // The meanings of particular numbers (`-1` is 入院日の前日).
    if (fact.type === 'integer' && fact.valueLabels.size > 0)
      lines.push([...fact.valueLabels].map(([v, label]) => markdownText(valueWithLabel(v, label, lang))).join(' · '));
    return { markdown: lines.join('\n\n'), span: occurrence.span };
  }
  const revision = ws.revisions.get(symbol.name)?.[0];
  if (!revision) return undefined;
  const name = revision.name;
  const dates = Object.entries(revision.effective)
    .map(([scheme, date]) => `${t(`hover.scheme.${scheme}`)} ${markdownText(date)}`)
    .join(' · ');
  return { markdown: `**${markdownText(symbol.name)}** ${markdownText(name)}\n\n${dates}`, span: occurrence.span };
}

/** A value with its label where the facts give one: `home（自宅等）`, `home (自宅等)`. */
function valueWithLabel(value: string, label: Label | undefined, lang: Lang): string {
  if (!label) return value;
  const text = labelText(label, lang);
  return lang === 'en' ? `${value} (${text})` : `${value}（${text}）`;
}

function itemMarkdown(ws: Workspace, item: ItemDef, t: (id: string, args?: MessageRef['args']) => string, lang: Lang): string {
  const top = topItem(item);
  const lines = [
    `**${markdownText(item.id)}** ${markdownText(item.name ?? '')}${item.aliases.length ? `（${item.aliases.map(markdownText).join('、')}）` : ''}`,
  ];
  const amounts = item.variants.length > 0 ? item.variants : [item];
  const amountText = amounts
    .map((v) =>
      v.amount
        ? `${item.variants.length > 0 ? `${markdownText(v.id)} ` : ''}${amountWithUnit(v.amount.value, v.amount.unit, lang)}`
        : undefined,
    )
    .filter(Boolean)
    .join(' · ');
  if (amountText) lines.push(amountText);
  const facts: string[] = [];
  const parent = top.parent?.id;
  if (parent) facts.push(t('hover.parent', { id: parent }));
  const limit = item.limit ?? top.limit;
  if (limit) {
    facts.push(
      t(limit.raised ? 'hover.limit.raised' : 'hover.limit', {
        times: limit.times,
        per: { terms: [`per.${limit.per}`] },
        raised: limit.raised?.times ?? 0,
      }),
    );
  }
  const declaring = item.owner ? [top, item] : [item];
  for (const kind of ['overrides', 'excludes', 'combinable'] as const) {
    const ids = declaring.flatMap((d) =>
      kind === 'combinable' ? d.combinable.map((r) => r.id) : d.relations.filter((r) => r.kind === kind).map((r) => r.to),
    );
    if (ids.length) facts.push(t(`hover.${kind}`, { ids: ids.join(', ') }));
  }
  const period = effectivePeriods(ws).get(item);
  if (period?.from) facts.push(t('hover.effective', { from: period.from, to: period.to ?? '' }));
  if (facts.length) lines.push(facts.join('  \n'));
  const cite = [item.citation.doc, item.citation.clause].filter(Boolean).join(' ');
  // With the official text at hand its words are shown, the quote in bold within them; else the quote alone.
  const law = itemLawMarkdown(ws, item, lang);
  if (cite)
    lines.push(
      `${t('hover.source')} ${markdownText(cite)}${item.citation.quote && !law ? `\n\n> ${markdownText(item.citation.quote)}` : ''}`,
    );
  if (law) lines.push(law);
  return lines.join('\n\n');
}

/**
 * On an `excludes`/`overrides` entry: what the core does where both ends apply, by name (the
 * example is the declaration's `exclusion-overlap` hint, which the editor shows beside it).
 */
function relationHover(
  ws: Workspace,
  file: string,
  offset: number,
  t: (id: string, args?: MessageRef['args']) => string,
): Hover | undefined {
  const ctx = logicContext(ws);
  for (const group of ctx.relations()) {
    for (const relation of group.relations) {
      for (const i of relation.declarations) {
        const site = group.sites[i]!;
        const span = site.loc.doc.spans.get(site.loc.pointer)?.value;
        if (site.loc.file !== file || !span || offset < span.start || offset > span.end) continue;
        const clash = clashOf(ctx, group.revision, relation);
        const text =
          clash.status === 'sat'
            ? t('hover.relation.clash', {
                winner: clash.winner.id,
                winnerName: clash.winner.name ?? '',
                loser: clash.loser.id,
                loserName: clash.loser.name ?? '',
              })
            : clash.status === 'unsat'
              ? t('hover.relation.never', { a: relation.a, b: relation.b })
              : t('hover.relation.unknown', { a: relation.a, b: relation.b });
        return { markdown: text, span };
      }
    }
  }
  return undefined;
}
