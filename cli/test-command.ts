// `tariff test [PATH…]`: runs every scenario under the paths (default rules/) with the rules
// core, prints each failure with expected and actual, and ends with `N passed, N failed`.
import { compareExpect, runScenario } from '../core/analysis/scenario';
import { visibleLines } from '../core/analysis/display-text';
import { renderMessage } from '../core/analysis/messages';
import { cliLang, EXIT, type CliIo } from './io';
import { displayPath } from './located';
import type { ParsedArgs } from './run';
import { analyzeWorkspaces, resolveTargets } from './workspaces';

export async function testCommand(args: ParsedArgs, io: CliIo): Promise<number> {
  const lang = cliLang(args.values.lang as string | undefined, io.env);
  const targets = resolveTargets(args.positionals, io, lang);
  if (!targets) return EXIT.usage;
  let passed = 0;
  let failed = 0;
  for (const run of analyzeWorkspaces(targets, io, lang)) {
    const ws = run.result.workspace;
    for (const scenario of ws.scenarios.filter((s) => run.inTargets(s.loc.file))) {
      const name = scenario.name;
      const where = displayPath(scenario.loc.file, io.cwd);
      const outcome = runScenario(ws, scenario);
      const unreadable = scenario.revision === undefined || scenario.loc.doc.broken;
      const problems = unreadable
        ? [renderMessage({ id: 'cli.eval-unreadable' }, lang)]
        : !outcome
          ? [renderMessage({ id: 'cli.eval-unknown-revision', args: { revision: scenario.revision ?? '' } }, lang)]
          : 'errors' in outcome
            ? outcome.errors.map((e) => `${e.path}: ${e.message}`)
            : compareExpect(ws, scenario, outcome).map((m) => renderMessage(m.message, lang));
      if (problems.length === 0) {
        passed++;
        continue;
      }
      failed++;
      io.stdout(
        visibleLines([renderMessage({ id: 'cli.test.fail', args: { file: where, name } }, lang), ...problems.map((p) => `  ${p}`)]),
      );
    }
  }
  io.stdout(visibleLines([`${passed} passed, ${failed} failed`]));
  return failed > 0 ? EXIT.failed : EXIT.ok;
}
