// The rules core of a workspace, for the commands that run it: `tariff compile` writes its
// modules, and `tariff serve` and `tariff eval --batch` compile them in memory — the same
// modules, transpiled by TypeScript and run against this program's own runtime — so that
// both answer with exactly the rules on disk at the speed of the compiled core, without
// writing a file. A workspace with errors is refused, with the errors listed.
import type * as TS from 'typescript';
import { INDEX_MODULE, moduleNames } from '../core/analysis/module-names';
import { revisionsOf, ruleSetSpec } from '../core/analysis/rule-set-spec';
import type { Lang } from '../core/analysis/messages';
import type { Workspace } from '../core/model/workspace';
import { generateIndex, generateModule } from '../core/compiler/codegen';
import * as runtime from '../core/runtime/evaluate';
import type { Revisions } from '../core/runtime/evaluate-revision';
import type { RuleSet } from '../core/runtime/types';
import { formatText } from './format-text';
import { EXIT, say, type CliIo } from './io';
import { locateFindings } from './located';
import { analyzeWorkspaces, resolveTargets } from './workspaces';

/** A revision's module as JavaScript (CommonJS), ready for `loadRevisions` in any thread. */
export interface CompiledRevision {
  revision: string;
  code: string;
}

/**
 * The workspace under `--rules` (default rules/), when it has no errors; otherwise the exit
 * status, after the errors and a line saying that `command` did nothing were printed.
 */
export function rulesWithoutErrors(rules: unknown, io: CliIo, lang: Lang, command: string): Workspace | number {
  const targets = resolveTargets([String(rules ?? 'rules/')], io, lang);
  if (!targets) return EXIT.usage;
  const [run] = analyzeWorkspaces(targets, io, lang);
  const { workspace, findings } = run!.result;
  const errors = findings.filter((f) => f.severity === 'error');
  if (errors.length === 0) return workspace;
  const texts = new Map(workspace.files.map((f) => [f.file, f.text] as const));
  io.stderr(formatText(locateFindings(errors, texts, io.cwd, lang)));
  say(io, lang, 'cli.rules-errors', { command, count: errors.length });
  return EXIT.failed;
}

/** The modules `tariff compile` writes, by file name: one per revision with rules, and the index. */
export function compiledModules(workspace: Workspace): { revisions: string[]; modules: Map<string, string> } {
  const revisions = revisionsOf(workspace).filter((r) => ruleSetSpec(workspace, r).items.length > 0);
  const modules = new Map<string, string>(revisions.map((r) => [`${moduleNames(r).file}.ts`, generateModule(ruleSetSpec(workspace, r))]));
  modules.set(`${INDEX_MODULE}.ts`, generateIndex(revisions));
  return { revisions, modules };
}

/** Each revision's module, transpiled to JavaScript (types only dropped: the modules type-check by construction). */
export async function compileInMemory(workspace: Workspace): Promise<CompiledRevision[]> {
  const ts = await loadTypeScript();
  const { revisions, modules } = compiledModules(workspace);
  return revisions.map((revision) => ({
    revision,
    code: ts.transpileModule(modules.get(`${moduleNames(revision).file}.ts`)!, {
      compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 },
    }).outputText,
  }));
}

/** Runs the compiled modules against this program's runtime: the rule sets by revision id. */
export function loadRevisions(compiled: readonly CompiledRevision[]): Revisions {
  const revisions: Record<string, RuleSet> = Object.create(null);
  for (const { revision, code } of compiled) {
    const exports: { rules?: RuleSet } = {};
    // A generated module imports the runtime's engine and nothing else that remains after its types are dropped.
    const require = (name: string): unknown => {
      if (name === '../runtime/evaluate') return runtime;
      throw new Error(`a compiled module imports ${name}, which the rules core does not provide`);
    };
    new Function('exports', 'require', code)(exports, require);
    revisions[revision] = exports.rules!;
  }
  return revisions;
}

/** The TypeScript compiler, which the commands that compile need at run time. */
export async function loadTypeScript(): Promise<typeof TS> {
  const loaded = (await import('typescript')) as typeof TS & { default?: typeof TS };
  return loaded.default ?? loaded;
}
