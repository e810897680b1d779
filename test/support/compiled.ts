// Compiles a fixture workspace with the real compiler and loads the generated module, so
// tests can call the compiled `evaluate` of any rule set, not only the bundled one.
import { randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { analyze } from '../../core/analysis/analyze';
import { generateModule } from '../../core/compiler/codegen';
import { ruleSetSpec } from '../../core/analysis/rule-set-spec';
import type { EvaluateInput, EvaluateOutcome, RuleSet } from '../../core/runtime/types';
import { readRuleFiles } from '../../core/workspace-files';

const OUT = join(__dirname, '..', '..', 'test-output', 'compiled');

/** The compiled `evaluate` of one revision of the workspace at `root`. */
export async function compiledEvaluate(root: string, revision: string): Promise<(input: EvaluateInput) => EvaluateOutcome> {
  const { workspace } = analyze(readRuleFiles([root]).sources);
  return (await loadModule(generateModule(ruleSetSpec(workspace, revision)))).evaluate;
}

/** Loads the text of a generated module, its runtime imports pointed at core/runtime. */
export async function loadModule(text: string): Promise<{ evaluate: (input: EvaluateInput) => EvaluateOutcome; rules: RuleSet }> {
  // Test files run in worker threads of one process: a random name keeps their modules apart.
  const dir = join(OUT, randomUUID());
  mkdirSync(dir, { recursive: true });
  const runtime = relative(dir, join(__dirname, '..', '..', 'core', 'runtime'))
    .split('\\')
    .join('/');
  const file = join(dir, 'module.ts');
  writeFileSync(file, text.replace(/'\.\.\/runtime\//g, `'${runtime}/`));
  return (await import(file)) as { evaluate: (input: EvaluateInput) => EvaluateOutcome; rules: RuleSet };
}
