// The result of one evaluation as a short report in Japanese or English: what can be
// claimed, what cannot and why (items by name, unknown facts by their labels) and, where the
// result says it, what would make it claimable; the totals. `tariff eval` prints it and the language
// server shows it for a scenario run from the editor. Names and clauses show their control
// characters as escapes.
import { visibleLines } from './display-text';
import { amountWithUnit, labelText, renderMessage, type Lang } from './messages';
import { UNITS, type EvaluateResult } from '../runtime/types';
import { whyNotText } from './why-not-text';
import { factLabel, itemIn, itemTitle, type Workspace } from '../model/workspace';

/**
 * The result as a short report: what can be claimed, what cannot and why, the totals — items
 * with their names and unknown facts by their labels, as the workspace defines them.
 */
export function formatResult(result: EvaluateResult, lang: Lang, ws: Workspace): string {
  const t = (id: string, args?: Record<string, string | number>) => renderMessage({ id, args }, lang);
  const named = (id: string) => itemTitle(itemIn(ws, result.revision, id) ?? { id });
  const fact = (name: string) => {
    const def = ws.facts.get(name)?.[0];
    const label = def && factLabel(def);
    return label ? labelText(label, lang) : name;
  };
  const lines = [t('cli.eval.header', { revision: result.revision, date: result.date }), t('cli.eval.claimable')];
  for (const c of result.claimable) lines.push(`  ${c.id}  ${c.name}  ${amountWithUnit(c.amount, c.unit, lang)}`);
  if (result.claimable.length === 0) lines.push(`  ${t('cli.eval.none')}`);
  lines.push(t('cli.eval.rejected'));
  for (const [i, r] of result.rejected.entries()) {
    const why = t(`cli.reason.${r.reason}`, {
      by: r.by ? named(r.by) : '',
      facts: (r.facts ?? []).map(fact).join(t('term.list-separator')),
    });
    const variant = r.variant ? ` (${named(r.variant)})` : '';
    const clause = r.source.clause ? ` [${r.source.clause}]` : '';
    lines.push(`  ${named(r.id)}${variant}  ${why}${clause}`);
    const answer = result.whyNot?.[i] && whyNotText(ws, result.revision, result.whyNot[i], lang);
    if (answer) lines.push(...answer.split('\n').map((line) => `    ${line}`));
  }
  if (result.rejected.length === 0) lines.push(`  ${t('cli.eval.none')}`);
  if (result.withdraw.length > 0)
    lines.push(t('cli.eval.withdraw', { claims: result.withdraw.map((w) => `${w.id} (${w.date})`).join(', ') }));
  const totals = UNITS.filter((u) => result.total[u] !== 0).map((u) => amountWithUnit(result.total[u], u, lang));
  lines.push(t('cli.eval.total', { total: totals.length > 0 ? totals.join(', ') : '0' }));
  return visibleLines(lines);
}
