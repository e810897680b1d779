// `tariff compile [--rules DIR] [--out DIR] [--check]`: writes the TypeScript rules core,
// one module per revision plus an index, from a workspace without errors; `--check` only
// compares and fails when the committed modules are stale.
import { existsSync, mkdirSync, readdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { generateIndex, generateModule, GENERATED_HEADER, INDEX_MODULE, moduleNames } from '../core/compiler/codegen';
import { revisionsOf, ruleSetSpec } from '../core/compiler/model';
import { formatText } from './format-text';
import { cliLang, EXIT, say, type CliIo } from './io';
import { displayPath, locateFindings } from './located';
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
  const existing = existsSync(out) ? readdirSync(out).filter((f) => f.endsWith('.ts') && readFileSync(join(out, f), 'utf8').startsWith(GENERATED_HEADER)) : [];
  const stale = [...wanted].filter(([name, text]) => !existsSync(join(out, name)) || readFileSync(join(out, name), 'utf8') !== text).map(([name]) => name);
  const extra = existing.filter((name) => !wanted.has(name));
  if (args.values.check) {
    for (const name of [...stale, ...extra]) say(io, lang, 'cli.compile-stale', { file: displayPath(join(out, name), io.cwd) });
    if (stale.length + extra.length > 0) {
      say(io, lang, 'cli.compile-stale-hint');
      return EXIT.failed;
    }
    say(io, lang, 'cli.compile-fresh', { count: wanted.size, dir: displayPath(out, io.cwd) });
    return EXIT.ok;
  }
  const blocked = [...wanted.keys()].filter((name) => existsSync(join(out, name)) && !existing.includes(name));
  if (blocked.length > 0) {
    for (const name of blocked) say(io, lang, 'cli.compile-not-ours', { file: displayPath(join(out, name), io.cwd) });
    return EXIT.failed;
  }
  mkdirSync(out, { recursive: true });
  for (const name of stale) writeFileSync(join(out, name), wanted.get(name)!);
  for (const name of extra) unlinkSync(join(out, name));
  say(io, lang, 'cli.compile-done', { count: wanted.size, written: stale.length, removed: extra.length, dir: displayPath(out, io.cwd) });
  return EXIT.ok;
}
