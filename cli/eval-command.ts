// `tariff eval SCENARIO.yaml [--format text|json]`: evaluates one scenario with the rules
// core (its `expect` is ignored) and prints the result with what would make each refused item
// claimable; invalid input prints an error object. `tariff eval --batch FILE` evaluates a JSON
// Lines file of episodes instead (cli/eval-batch.ts).
import { runScenario, withWhyNot } from '../core/analysis/scenario';
import { fileKindOf } from '../core/analysis/file-kind';
import { visibleLines } from '../core/analysis/display-text';
import { formatResult } from '../core/analysis/evaluation-text';
import { renderMessage } from '../core/analysis/messages';
import type { InputError } from '../core/runtime/types';
import { batchCommand } from './eval-batch';
import { chooseFormat, cliLang, EXIT, say, type CliIo } from './io';
import type { ParsedArgs } from './run';
import { analyzeWorkspaces, resolveTargets } from './workspaces';

export async function evalCommand(args: ParsedArgs, io: CliIo): Promise<number> {
  const lang = cliLang(args.values.lang as string | undefined, io.env);
  if (args.values.batch !== undefined) return batchCommand(args, io, lang);
  const batchOnly = ['out', 'rules', 'workers', 'explain'].find((name) => args.values[name] !== undefined);
  if (batchOnly) {
    say(io, lang, 'cli.eval-batch-only', { option: `--${batchOnly}` });
    return EXIT.usage;
  }
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
  const errors: InputError[] =
    !scenario || scenario.revision === undefined || scenario.loc.doc.broken
      ? [{ code: 'bad-input', message: renderMessage({ id: 'cli.eval-unreadable' }, lang), path: '' }]
      : !outcome
        ? [
            {
              code: 'unknown-revision',
              message: renderMessage({ id: 'cli.eval-unknown-revision', args: { revision: scenario.revision ?? '' } }, lang),
              path: 'revision',
            },
          ]
        : 'errors' in outcome
          ? outcome.errors
          : [];
  if (errors.length > 0 || !outcome || 'errors' in outcome) {
    io.stdout(format === 'json' ? `${JSON.stringify({ errors }, null, 2)}\n` : visibleLines(errors.map((e) => `${e.path}: ${e.message}`)));
    return EXIT.failed;
  }
  // What would make each refused item claimable: the command line is where a clerk asks.
  const explained = withWhyNot(ws, scenario!, outcome);
  io.stdout(format === 'json' ? `${JSON.stringify(explained, null, 2)}\n` : formatResult(explained, lang, ws));
  return EXIT.ok;
}
