// `tariff compile [--rules DIR] [--out DIR] [--package NAME [--package-version V]] [--check]`:
// writes the TypeScript rules core, one module per revision plus an index, from a workspace
// without errors — or, with `--package`, an installable npm package of the core (JavaScript,
// types and runtime); `--check` only compares and fails when the written files are stale.
import { join, resolve } from 'node:path';
import { moduleNames } from '../core/analysis/module-names';
import type { Lang } from '../core/analysis/messages';
import { GENERATED_HEADER } from '../core/compiler/codegen';
import { compiledModules, rulesWithoutErrors } from './compiled-rules';
import { cliLang, EXIT, say, type CliIo } from './io';
import { displayPath } from './located';
import { planOutput, sayOutputProblems, writeOutput } from './output-files';
import { isPackageVersion, packageFiles, packageMarker, packageNameProblem } from './package-files';
import type { ParsedArgs } from './run';

export async function compileCommand(args: ParsedArgs, io: CliIo): Promise<number> {
  const lang = cliLang(args.values.lang as string | undefined, io.env);
  if (args.positionals.length > 0) {
    say(io, lang, 'cli.compile-usage');
    return EXIT.usage;
  }
  const pkg = packageOptions(args, io, lang);
  if (pkg === 'usage') return EXIT.usage;
  const workspace = rulesWithoutErrors(args.values.rules, io, lang, 'compile');
  if (typeof workspace === 'number') return workspace;
  const out = resolve(io.cwd, String(args.values.out ?? 'core/generated'));
  const { revisions, modules } = compiledModules(workspace);
  const wanted = pkg
    ? await packageFiles({ ...pkg, modules, revisions: revisions.map((id) => ({ id, file: moduleNames(id).file })) })
    : modules;
  // Only files this command wrote (they start with the header) are ever replaced or removed.
  const plan = planOutput(
    pkg
      ? { dir: out, marker: packageMarker, files: wanted, prunes: (name) => name.endsWith('.js') || name.endsWith('.d.ts') }
      : { dir: out, marker: GENERATED_HEADER, files: wanted, prunes: (name) => name.endsWith('.ts') },
  );
  if (plan.problems.length > 0) return sayOutputProblems(plan.problems, { io, lang, command: 'compile' });
  if (args.values.check) {
    for (const name of [...plan.write, ...plan.remove]) say(io, lang, 'cli.compile-stale', { file: displayPath(join(out, name), io.cwd) });
    if (plan.write.length + plan.remove.length > 0) {
      say(io, lang, pkg ? 'cli.compile-package-stale-hint' : 'cli.compile-stale-hint');
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

/** `--package NAME [--package-version V]`, checked; undefined without `--package`. */
function packageOptions(args: ParsedArgs, io: CliIo, lang: Lang): { name: string; version: string } | undefined | 'usage' {
  const name = args.values.package;
  const version = args.values['package-version'];
  if (name === undefined) {
    if (version === undefined) return undefined;
    say(io, lang, 'cli.compile-version-without-package');
    return 'usage';
  }
  if (args.values.out === undefined) {
    say(io, lang, 'cli.compile-package-needs-out');
    return 'usage';
  }
  const problem = packageNameProblem(String(name));
  if (problem) {
    say(io, lang, `cli.compile-package-name-${problem}`, { name: String(name) });
    return 'usage';
  }
  if (version !== undefined && !isPackageVersion(String(version))) {
    say(io, lang, 'cli.compile-package-version', { version: String(version) });
    return 'usage';
  }
  return { name: String(name), version: String(version ?? '0.0.0') };
}
