// The analyst report: one static HTML page (no script, no network, opens from disk) with the
// rule set of every revision per scheme as a table (id, name, amount, limit, citation), the
// exclusion matrix of each revision drawn as SVG (who excludes or overrides whom, coloured
// by scope), and the revision diffs. The VS Code webview shows the same page. Every string
// that comes from the rules or the bundles is escaped.
import { escapeAttribute, escapeText } from 'entities';
import { ruleSetSpec, type ItemSpec, type RelationSpec, type RuleSetSpec } from '../compiler/model';
import { renderMessage, type Lang } from '../analysis/messages';
import type { MessageRef } from '../analysis/types';
import type { Workspace } from '../analysis/workspace';
import type { Scope } from '../runtime/relations';
import type { LimitOf, Unit } from '../runtime/types';
import { diffRevisions, revisionIds, type RevisionDiff } from './diff';
import { amountText, diffDocument, limitText, type DiffDocument, type Translate } from './diff-document';

export interface ReportOptions {
  lang: Lang;
  /** Which views the page holds; the report has all three, a diff alone only `diffs`. */
  views: { rules: boolean; matrix: boolean };
  diffs: RevisionDiff[];
}

/** Each revision against every revision it supersedes, oldest first. */
export function supersededPairs(ws: Workspace): { old: string; new: string }[] {
  const known = revisionIds(ws);
  return known.flatMap((id) => (ws.revisions.get(id)?.[0]?.supersedes ?? []).filter((s) => known.includes(s.id)).map((s) => ({ old: s.id, new: id })));
}

/** The whole report for a workspace: every revision's rules and matrix, and the diffs of superseded revisions. */
export function analystReport(ws: Workspace, lang: Lang): string {
  return reportPage(ws, { lang, views: { rules: true, matrix: true }, diffs: supersededPairs(ws).map((pair) => diffRevisions(ws, pair)) });
}

export function reportPage(ws: Workspace, options: ReportOptions): string {
  const t = (id: string, args?: MessageRef['args']) => renderMessage({ id, args }, options.lang);
  const specs = revisionIds(ws)
    .reverse()
    .map((revision) => ruleSetSpec(ws, revision));
  const parts: string[] = [];
  if (options.views.rules) parts.push(section('rules', t('report.rules'), specs.map((spec) => rulesTables(spec, t)).join('\n')));
  if (options.views.matrix) parts.push(section('matrix', t('report.matrix'), specs.map((spec) => matrixFigure(spec, t)).join('\n')));
  if (options.diffs.length > 0) parts.push(section('diff', t('report.diff'), options.diffs.map((diff) => diffHtml(diffDocument(diff, options.lang))).join('\n')));
  return [
    '<!DOCTYPE html>',
    `<html lang="${options.lang}">`,
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">`,
    `<title>${escapeText(t('report.title'))}</title>`,
    `<style>${STYLE}</style>`,
    '</head>',
    '<body>',
    `<h1>${escapeText(t('report.title'))}</h1>`,
    ...parts,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

const STYLE = [
  'body{font-family:system-ui,sans-serif;margin:1.5rem;color:#222;background:#fff}',
  'table{border-collapse:collapse;margin:.5rem 0 1.5rem}',
  'th,td{border:1px solid #ccc;padding:.2rem .5rem;text-align:left;vertical-align:top}',
  'td.amount{text-align:right;white-space:nowrap}',
  'tr.variant td:first-child{padding-left:1.5rem}',
  'code{font-family:ui-monospace,monospace}',
  'svg text{font:11px ui-monospace,monospace;fill:#222}',
  '.legend span{display:inline-block;margin-right:1rem}',
  '.swatch{display:inline-block;width:.8rem;height:.8rem;margin-right:.3rem;vertical-align:middle}',
  'li li{color:#444}',
].join('');

function section(id: string, heading: string, body: string): string {
  return `<section id="${escapeAttribute(id)}">\n<h2>${escapeText(heading)}</h2>\n${body}\n</section>`;
}

const SCHEMES: readonly (readonly [Unit, string])[] = [
  ['points', 'medical'],
  ['units', 'care'],
  ['yen', 'nursing'],
];

/** A rule set's limit as the diff writes it; empty where there is none (an addition follows its parent). */
function limitCell(limit: LimitOf<unknown> | undefined, t: Translate): string {
  return limit ? limitText({ times: limit.times, per: limit.per, ...(limit.raised ? { raised: limit.raised.times } : {}) }, t) : '';
}

function citation(source: ItemSpec['source']): string {
  return [source.doc, source.clause].filter((s): s is string => s !== undefined).join(' ');
}

function rulesTables(spec: RuleSetSpec, t: Translate): string {
  const head = ['id', 'name', 'amount', 'limit', 'citation'].map((c) => `<th>${escapeText(t(`report.column.${c}`))}</th>`).join('');
  return SCHEMES.map(([unit, scheme]) => {
    const items = spec.items.filter((item) => item.unit === unit);
    if (items.length === 0) return '';
    const rows = items.flatMap((item) => [
      row('item', [item.id, item.name, item.variants.length > 0 ? '' : amountText({ value: item.amount, unit }, t), limitCell(item.limit, t), citation(item.source)]),
      ...item.variants.map((v) => row('variant', [v.id, v.name, amountText({ value: v.amount, unit }, t), limitCell(v.limit, t), citation(v.source)])),
    ]);
    const caption = t('report.table', { revision: spec.revision, scheme: { terms: [`scheme.${scheme}`] } });
    return `<table data-revision="${escapeAttribute(spec.revision)}" data-scheme="${scheme}">\n<caption>${escapeText(caption)}</caption>\n<tr>${head}</tr>\n${rows.join('\n')}\n</table>`;
  })
    .filter((table) => table !== '')
    .join('\n');
}

function row(kind: 'item' | 'variant', cells: string[]): string {
  const [id, ...rest] = cells;
  const tds = rest.map((cell, i) => `<td${i === 1 ? ' class="amount"' : ''}>${escapeText(cell)}</td>`).join('');
  return `<tr class="${kind}"><td><code>${escapeText(id!)}</code></td>${tds}</tr>`;
}

const SCOPE_COLOURS: Readonly<Record<Scope, string>> = { claim: '#4e79a7', day: '#f28e2b', month: '#59a14f', admission: '#e15759' };
/** A scope the schema rejects still gets a cell (the `schema` finding says what is wrong). */
const UNKNOWN_SCOPE_COLOUR = '#999999';
const CELL = 22;
/** Width of one character of an id label (11px monospace), for the margins around the grid. */
const CHAR = 7;

/**
 * The exclusion matrix of one revision: a row and a column per id that takes part in a
 * relation; the cell (row a, column b) is filled when a overrides b (▶) or a and b exclude
 * each other (×, drawn in both cells), in the colour of the relation's scope.
 */
function matrixFigure(spec: RuleSetSpec, t: Translate): string {
  const ids = [...new Set(spec.relations.flatMap((r) => [r.a, r.b]))];
  const order = new Map(spec.items.flatMap((item) => [item.id, ...item.variants.map((v) => v.id)]).map((id, i) => [id, i]));
  ids.sort((a, b) => (order.get(a) ?? Infinity) - (order.get(b) ?? Infinity) || a.localeCompare(b));
  const caption = t('report.matrix.caption', { revision: spec.revision });
  if (ids.length === 0) return `<figure><figcaption>${escapeText(caption)}</figcaption><p>${escapeText(t('report.matrix.empty'))}</p></figure>`;
  const index = new Map(ids.map((id, i) => [id, i]));
  // Row labels stand left of the grid; column labels, turned by 60°, above it and to its right.
  const longest = Math.max(...ids.map((id) => id.length)) * CHAR;
  const grid = { left: longest + 12, top: Math.ceil(longest * 0.87) + 16 };
  const width = grid.left + ids.length * CELL + Math.ceil(longest / 2) + 1;
  const height = grid.top + ids.length * CELL + 1;
  const labels = ids.flatMap((id, i) => [
    `<text x="${grid.left - 6}" y="${grid.top + i * CELL + 15}" text-anchor="end">${escapeText(id)}</text>`,
    `<text transform="translate(${grid.left + i * CELL + 15},${grid.top - 6}) rotate(-60)">${escapeText(id)}</text>`,
  ]);
  const lines = ids.flatMap((_, i) => ids.map((__, j) => `<rect x="${grid.left + j * CELL}" y="${grid.top + i * CELL}" width="${CELL}" height="${CELL}" fill="none" stroke="#ddd"/>`));
  const cells = spec.relations.flatMap((r) => (r.kind === 'overrides' ? [[r, r.a, r.b] as const] : [[r, r.a, r.b] as const, [r, r.b, r.a] as const]).map(([relation, rowId, columnId]) => cell(relation, { x: grid.left + index.get(columnId)! * CELL, y: grid.top + index.get(rowId)! * CELL }, { rowId, columnId }, t)));
  const legend = (Object.keys(SCOPE_COLOURS) as Scope[]).map((scope) => `<span><span class="swatch" style="background:${SCOPE_COLOURS[scope]}"></span>${escapeText(t(`term.scope.${scope}`))}</span>`).join('');
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="${escapeAttribute(caption)}" data-revision="${escapeAttribute(spec.revision)}" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">\n${[...lines, ...labels, ...cells].join('\n')}\n</svg>`;
  return `<figure>\n<figcaption>${escapeText(caption)}</figcaption>\n${svg}\n<p class="legend">${escapeText(t('report.matrix.legend'))} ${legend}</p>\n</figure>`;
}

function cell(relation: RelationSpec, at: { x: number; y: number }, ends: { rowId: string; columnId: string }, t: Translate): string {
  const title = t(`revisions.relation.${relation.kind}`, { a: relation.a, b: relation.b, scope: { terms: [`scope.${relation.scope}`] } });
  const mark = relation.kind === 'overrides' ? '▶' : '×';
  return [
    `<g class="cell" data-row="${escapeAttribute(ends.rowId)}" data-column="${escapeAttribute(ends.columnId)}" data-kind="${relation.kind}" data-scope="${escapeAttribute(relation.scope)}">`,
    `<title>${escapeText(title)}</title>`,
    `<rect x="${at.x + 1}" y="${at.y + 1}" width="${CELL - 2}" height="${CELL - 2}" fill="${SCOPE_COLOURS[relation.scope] ?? UNKNOWN_SCOPE_COLOUR}"/>`,
    `<text x="${at.x + CELL / 2}" y="${at.y + 15}" text-anchor="middle" style="fill:#fff">${mark}</text>`,
    '</g>',
  ].join('');
}

function diffHtml(doc: DiffDocument): string {
  const body =
    doc.sections.length === 0
      ? `<p>${escapeText(doc.none)}</p>`
      : doc.sections
          .map((s) => {
            const entries = s.entries.map((e) => `<li>${escapeText(e.text)}${e.details.length > 0 ? `<ul>${e.details.map((d) => `<li>${escapeText(d)}</li>`).join('')}</ul>` : ''}</li>`);
            return `<h4>${escapeText(s.heading)}</h4>\n<ul>\n${entries.join('\n')}\n</ul>`;
          })
          .join('\n');
  return `<article class="diff">\n<h3>${escapeText(doc.title)}</h3>\n${body}\n</article>`;
}
