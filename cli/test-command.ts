// `tariff test [PATH…]`: runs every scenario under the paths (default rules/) with the rules
// core, prints each failure with expected and actual (and the errors in the items it is about,
// which may be its cause), and ends with `N passed, N failed`; with `--coverage`, then what of
// the rules no scenario pins down (`test-coverage.ts`).
import { compareExpect, runScenario } from '../core/analysis/scenario';
import { visibleLines } from '../core/analysis/display-text';
import { renderMessage, type Lang } from '../core/analysis/messages';
import { ruleCoverage } from '../core/analysis/rule-coverage';
import { missedClaimsExplained } from '../core/analysis/why-not-text';
import type { ScenarioDef, Workspace } from '../core/model/workspace';
import type { EvaluateResult } from '../core/runtime/types';
import { chooseFormat, cliLang, EXIT, say, type CliIo } from './io';
import { belowMinimum, coverageJson, coverageLines, type CoverageRun } from './test-coverage';
import { mutationJson, mutationLines, type MutationRun } from './test-mutation';
import { mutationSteps } from '../core/analysis/mutation-testing';
import { runToEnd } from '../core/analysis/steps';
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

/** How the result differs from the scenario's `expect`, then what would make each item it expects claimed claimable. */
function differences(ws: Workspace, scenario: ScenarioDef, result: EvaluateResult, lang: Lang): string[] {
  const mismatches = compareExpect(ws, scenario, result).map((m) => renderMessage(m.message, lang));
  return mismatches.length === 0 ? [] : [...mismatches, ...missedClaimsExplained(ws, scenario, result, lang)];
}

export async function testCommand(args: ParsedArgs, io: CliIo): Promise<number> {
  const lang = cliLang(args.values.lang as string | undefined, io.env);
  const options = testOptions(args, io, lang);
  if (!options) return EXIT.usage;
  const targets = resolveTargets(args.positionals, io, lang);
  if (!targets) return EXIT.usage;
  let passed = 0;
  let failed = 0;
  const failures: { file: string; name: string; problems: string[]; causes: string[] }[] = [];
  const coverage: CoverageRun[] = [];
  const mutation: MutationRun[] = [];
  for (const run of analyzeWorkspaces(targets, io, lang)) {
    const ws = run.result.workspace;
    const selected = (s: ScenarioDef) => run.inTargets(s.loc.file);
    // The rules under the paths, and those the scenarios under them are about.
    const revisions = new Set([
      ...ws.scenarios.filter(selected).map((s) => s.revision),
      ...ws.tariffs.filter((t) => run.inTargets(t.file)).map((t) => t.revision),
    ]);
    const scope = { scenarios: selected, revisions: (r: string) => revisions.has(r) };
    if (options.coverage) coverage.push({ ws, behaviours: ruleCoverage(ws, scope) });
    if (options.mutate) mutation.push({ ws, outcomes: runToEnd(mutationSteps(ws, scope)) });
    for (const scenario of ws.scenarios.filter(selected)) {
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
            : differences(ws, scenario, outcome, lang);
      if (problems.length === 0) {
        passed++;
        continue;
      }
      failed++;
      failures.push({ file: where, name, problems, causes: rootCauses(run, scenario.loc.file, io.cwd, lang) });
    }
  }
  const below =
    options.min === undefined
      ? []
      : belowMinimum(
          coverage.flatMap((c) => c.behaviours),
          options.min,
        );
  if (options.format === 'json') {
    const json = {
      passed,
      failed,
      failures,
      ...(options.coverage ? { coverage: coverageJson(coverage, io) } : {}),
      ...(options.mutate ? { mutation: mutationJson(mutation, io, lang) } : {}),
    };
    io.stdout(`${JSON.stringify(json, null, 2)}\n`);
  } else {
    io.stdout(
      visibleLines([
        ...failures.flatMap((f) => [
          renderMessage({ id: 'cli.test.fail', args: { file: f.file, name: f.name } }, lang),
          ...f.problems.map((p) => `  ${p}`),
          ...f.causes,
        ]),
        `${passed} passed, ${failed} failed`,
        ...(options.coverage ? coverageLines(coverage, io, lang) : []),
        ...(options.mutate ? mutationLines(mutation, io, lang) : []),
      ]),
    );
  }
  for (const { category, percent } of below) say(io, lang, 'coverage.below-min', { category, percent, min: options.min! });
  return failed > 0 || below.length > 0 ? EXIT.failed : EXIT.ok;
}

interface TestOptions {
  coverage: boolean;
  mutate: boolean;
  format: 'text' | 'json';
  /** The least coverage (percent) every category must reach. */
  min?: number;
}

/** The options of `tariff test`, or undefined after saying what is wrong with them. */
function testOptions(args: ParsedArgs, io: CliIo, lang: Lang): TestOptions | undefined {
  const format = chooseFormat(args.values.format, ['text', 'json'] as const, io, lang);
  if (!format) return undefined;
  const raw = args.values.min;
  const min = raw === undefined ? undefined : Number(raw);
  if (min !== undefined && (!/^\d+(\.\d+)?$/.test(String(raw)) || min > 100)) {
    say(io, lang, 'cli.bad-value', { option: '--min', value: String(raw), allowed: '0–100' });
    return undefined;
  }
  // A threshold is about coverage, so it asks for it.
  return {
    coverage: args.values.coverage === true || min !== undefined,
    mutate: args.values.mutate === true,
    format,
    ...(min !== undefined ? { min } : {}),
  };
}
