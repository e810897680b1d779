// `tariff eval SCENARIO.yaml [--format text|json]`: evaluates one scenario with the rules
// core (its `expect` is ignored) and prints the result; invalid input prints an error object.
import { renderMessage, type Lang } from '../core/analysis/messages';
import { runScenario } from '../core/analysis/scenario';
import { fileKindOf } from '../core/analysis/file-kind';
import type { EvaluateResult, InputError } from '../core/runtime/types';
import { chooseFormat, cliLang, EXIT, say, type CliIo } from './io';
import type { ParsedArgs } from './run';
import { analyzeWorkspaces, resolveTargets } from './workspaces';

export async function evalCommand(args: ParsedArgs, io: CliIo): Promise<number> {
  const lang = cliLang(args.values.lang as string | undefined, io.env);
  const format = chooseFormat(args.values.format, ['text', 'json'] as const, io, lang);
  if (!format) return EXIT.usage;
  if (args.positionals.length !== 1 || fileKindOf(args.positionals[0]!) !== 'scenario') {
    say(io, lang, 'cli.eval-usage');
    return EXIT.usage;
  }
  const targets = resolveTargets(args.positionals, io, lang);
  if (!targets) return EXIT.usage;
  const [run] = analyzeWorkspaces(targets, io, lang);
  const ws = run!.result.workspace;
  const scenario = ws.scenarios.find((s) => s.loc.file === targets[0]);
  const outcome = scenario ? runScenario(ws, scenario) : undefined;
  const errors: InputError[] = !scenario || scenario.revision === undefined || scenario.loc.doc.broken
    ? [{ code: 'bad-input', message: renderMessage({ id: 'cli.eval-unreadable' }, lang), path: '' }]
    : !outcome
      ? [{ code: 'unknown-revision', message: renderMessage({ id: 'cli.eval-unknown-revision', args: { revision: scenario.revision ?? '' } }, lang), path: 'revision' }]
      : 'errors' in outcome
        ? outcome.errors
        : [];
  if (errors.length > 0 || !outcome || 'errors' in outcome) {
    io.stdout(format === 'json' ? `${JSON.stringify({ errors }, null, 2)}\n` : errors.map((e) => `${e.path}: ${e.message}\n`).join(''));
    return EXIT.failed;
  }
  io.stdout(format === 'json' ? `${JSON.stringify(outcome, null, 2)}\n` : formatResult(outcome, lang));
  return EXIT.ok;
}

/** The result as a short report: what can be claimed, what cannot and why, the totals. */
export function formatResult(result: EvaluateResult, lang: Lang): string {
  const t = (id: string, args?: Record<string, string | number>) => renderMessage({ id, args }, lang);
  const lines = [t('cli.eval.header', { revision: result.revision, date: result.date }), t('cli.eval.claimable')];
  for (const c of result.claimable) lines.push(`  ${c.id}  ${c.name}  ${c.amount} ${t(`cli.unit.${c.unit}`)}`);
  if (result.claimable.length === 0) lines.push(`  ${t('cli.eval.none')}`);
  lines.push(t('cli.eval.rejected'));
  for (const r of result.rejected) {
    const why = t(`cli.reason.${r.reason}`, { by: r.by ?? '', facts: (r.facts ?? []).join(', ') });
    const variant = r.variant ? ` (${r.variant})` : '';
    const clause = r.source.clause ? ` [${r.source.clause}]` : '';
    lines.push(`  ${r.id}${variant}  ${why}${clause}`);
  }
  if (result.rejected.length === 0) lines.push(`  ${t('cli.eval.none')}`);
  if (result.withdraw.length > 0) lines.push(t('cli.eval.withdraw', { claims: result.withdraw.map((w) => `${w.id} (${w.date})`).join(', ') }));
  const totals = (['points', 'units', 'yen'] as const).filter((u) => result.total[u] !== 0).map((u) => `${result.total[u]} ${t(`cli.unit.${u}`)}`);
  lines.push(t('cli.eval.total', { total: totals.length > 0 ? totals.join(', ') : '0' }));
  return `${lines.join('\n')}\n`;
}
