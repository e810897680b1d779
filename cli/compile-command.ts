// `tariff compile [--rules DIR] [--out DIR] [--check]`: writes the TypeScript rules core,
// one module per revision plus an index, from a workspace without errors; `--check` only
// compares and fails when the committed modules are stale.
import { join, resolve } from 'node:path';
import { INDEX_MODULE, moduleNames } from '../core/analysis/module-names';
import { generateIndex, generateModule, GENERATED_HEADER } from '../core/compiler/codegen';
import { revisionsOf, ruleSetSpec } from '../core/analysis/rule-set-spec';
import { formatText } from './format-text';
import { cliLang, EXIT, say, type CliIo } from './io';
import { displayPath, locateFindings } from './located';
import { planOutput, sayOutputProblems, writeOutput } from './output-files';
import type { ParsedArgs } from './run';
import { analyzeWorkspaces, resolveTargets } from './workspaces';

export async function compileCommand(args: ParsedArgs, io: CliIo): Promise<number> {
  const lang = cliLang(args.values.lang as string | undefined, io.env);
  if (args.positionals.length > 0) {
    say(io, lang, 'cli.compile-usage');
    return EXIT.usage;
  }
  const targets = resolveTargets([String(args.values.rules ?? 'rules/')], io, lang);
  if (!targets) return EXIT.usage;
  const out = resolve(io.cwd, String(args.values.out ?? 'core/generated'));
  const [run] = analyzeWorkspaces(targets, io, lang);
  const { workspace, findings } = run!.result;
  const errors = findings.filter((f) => f.severity === 'error');
  if (errors.length > 0) {
    const texts = new Map(workspace.files.map((f) => [f.file, f.text] as const));
    io.stderr(formatText(locateFindings(errors, texts, io.cwd, lang)));
    say(io, lang, 'cli.compile-errors', { count: errors.length });
    return EXIT.failed;
  }
  const revisions = revisionsOf(workspace).filter((r) => ruleSetSpec(workspace, r).items.length > 0);
  const wanted = new Map<string, string>(revisions.map((r) => [`${moduleNames(r).file}.ts`, generateModule(ruleSetSpec(workspace, r))]));
  wanted.set(`${INDEX_MODULE}.ts`, generateIndex(revisions));
  // Only files this command wrote (they start with the header) are ever replaced or removed.
  const plan = planOutput({ dir: out, marker: GENERATED_HEADER, files: wanted, prunes: (name) => name.endsWith('.ts') });
  if (plan.problems.length > 0) return sayOutputProblems(plan.problems, { io, lang, command: 'compile' });
  if (args.values.check) {
    for (const name of [...plan.write, ...plan.remove]) say(io, lang, 'cli.compile-stale', { file: displayPath(join(out, name), io.cwd) });
    if (plan.write.length + plan.remove.length > 0) {
      say(io, lang, 'cli.compile-stale-hint');
      return EXIT.failed;
    }
    say(io, lang, 'cli.compile-fresh', { count: wanted.size, dir: displayPath(out, io.cwd) });
    return EXIT.ok;
  }
  const failures = writeOutput(plan);
  if (failures.length > 0) return sayOutputProblems(failures, { io, lang, command: 'compile' });
  say(io, lang, 'cli.compile-done', {
    count: wanted.size,
    written: plan.write.length,
    removed: plan.remove.length,
    dir: displayPath(out, io.cwd),
  });
  return EXIT.ok;
}
