// `tariff test [PATH…]`: runs every scenario under the paths (default rules/) with the rules
// core, prints each failure with expected and actual (and the errors in the items it is about,
// which may be its cause), and ends with `N passed, N failed`.
import { compareExpect, runScenario } from '../core/analysis/scenario';
import { visibleLines } from '../core/analysis/display-text';
import { renderMessage, type Lang } from '../core/analysis/messages';
import { cliLang, EXIT, type CliIo } from './io';
import { displayPath, locateFindings } from './located';
import type { ParsedArgs } from './run';
import { analyzeWorkspaces, resolveTargets, type WorkspaceRun } from './workspaces';

/** The errors in the items a failing scenario is about (the analysis links them), each once: `  = file:line:col why`. */
function rootCauses(run: WorkspaceRun, file: string, cwd: string, lang: Lang): string[] {
  const failures = run.findings.filter((f) => f.code === 'scenario-failed' && f.file === file);
  const texts = new Map(run.result.workspace.files.map((f) => [f.file, f.text] as const));
  const lines = locateFindings(failures, texts, cwd, lang).flatMap((f) =>
    (f.related ?? []).map((r) => `  = ${r.file}:${r.range.start.line + 1}:${r.range.start.character + 1} ${r.message}`),
  );
  return [...new Set(lines)];
}

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
        visibleLines([
          renderMessage({ id: 'cli.test.fail', args: { file: where, name } }, lang),
          ...problems.map((p) => `  ${p}`),
          ...rootCauses(run, scenario.loc.file, io.cwd, lang),
        ]),
      );
    }
  }
  io.stdout(visibleLines([`${passed} passed, ${failed} failed`]));
  return failed > 0 ? EXIT.failed : EXIT.ok;
}
