// Generated code passes the repository's own type check for any rule set: hundreds of random
// rule sets (no items or one, no conditions, no facts, no claimants, additions, variants,
// limits, relations, names that look like code…) are compiled with the real compiler, and
// their modules and an index of them are type-checked together in one TypeScript program
// with the repository's compiler options plus `noUnusedLocals` and `noUnusedParameters`, so
// an unused import, helper, local or parameter in any of them fails the test. A hundred of
// them are also loaded and held to the interpreter on random episodes.
import fc from 'fast-check';
import { join } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { parseFile } from '../core/analysis/parse';
import { buildWorkspace } from '../core/model/workspace';
import { INDEX_MODULE, moduleNames } from '../core/analysis/module-names';
import { generateIndex, generateModule } from '../core/compiler/codegen';
import { interpret } from '../core/analysis/interpreter';
import { ruleSetSpec, type RuleSetSpec } from '../core/analysis/rule-set-spec';
import { evaluateRules } from '../core/runtime/evaluate';
import { loadModule } from './support/compiled';
import { randomEpisode } from './support/random-episodes';
import { whyNot } from '../core/runtime/why-not';
import { randomRuleSet, type RandomRuleSet } from './support/random-rules';

const RULE_SETS = Number(process.env.GENERATED_CODE_RULE_SETS ?? 1000);
/** How many of them are also evaluated, compiled and interpreted, on random episodes. */
const DECIDED = Math.min(RULE_SETS, 100);
const ROOT = join(__dirname, '..');
// Beside core/generated, so the modules import the runtime as the committed ones do; the files exist only in memory.
const DIR = join(ROOT, 'core', 'generated-property-test');

describe('generated code', () => {
  it(`type-checks with no unused code for ${RULE_SETS} random rule sets`, () => {
    const sets = Array.from({ length: RULE_SETS }, (_, k) => ruleSet(k));
    const specs = sets.map(specOf);
    const modules = new Map<string, { set: RandomRuleSet | undefined; text: string }>(
      sets.map((set, k) => [join(DIR, `${moduleNames(set.revision).file}.ts`), { set, text: generateModule(specs[k]!) }]),
    );
    modules.set(join(DIR, `${INDEX_MODULE}.ts`), { set: undefined, text: generateIndex(sets.map((s) => s.revision)) });

    const failures = typeErrors(modules);
    // The smallest failing rule set, with its files and errors, is what a reader needs to see.
    const smallest = [...failures].sort(([a], [b]) => size(modules.get(a)!.set) - size(modules.get(b)!.set))[0];
    expect(
      smallest && report(smallest[0], smallest[1], modules.get(smallest[0])!),
      `${failures.size} of ${modules.size} modules fail`,
    ).toBeUndefined();

    // The sample must reach the small and unusual rule sets the property is about.
    const count = (test: (spec: RuleSetSpec, text: string) => boolean) =>
      specs.filter((spec, k) => test(spec, modules.get(join(DIR, `${moduleNames(sets[k]!.revision).file}.ts`))!.text)).length;
    expect(count((s) => s.items.length === 0)).toBeGreaterThan(0);
    expect(count((s) => s.items.length === 1)).toBeGreaterThan(0);
    expect(count((s) => s.facts.length === 0)).toBeGreaterThan(0);
    expect(count((s) => s.slots === 0 && s.facts.length > 0)).toBeGreaterThan(0);
    expect(count((s) => s.facts.some((f) => f.default !== undefined))).toBeGreaterThan(0);
    expect(count((s) => s.items.length > 0 && s.items.every((i) => i.claimant === undefined))).toBeGreaterThan(0);
    expect(count((s) => s.items.some((i) => i.parent !== undefined))).toBeGreaterThan(0);
    expect(count((s) => s.items.some((i) => i.variants.length > 0 && i.pick === 'first'))).toBeGreaterThan(0);
    expect(count((s) => s.relations.some((r) => r.kind === 'excludes' && r.when !== undefined))).toBeGreaterThan(0);
    expect(count((s) => s.relations.some((r) => r.kind === 'overrides'))).toBeGreaterThan(0);
    expect(count((_, text) => text.includes('function common('))).toBeGreaterThan(RULE_SETS / 4);
    expect(count((s, text) => s.items.length > 0 && !text.includes('function common('))).toBeGreaterThan(0);
    expect(count((_, text) => text.includes('settleCommon('))).toBeGreaterThan(0);
  }, 120_000);

  it(`decides (and says what would make refused items claimable) like the interpreter for ${DECIDED} random rule sets`, async () => {
    let claims = 0;
    for (let k = 0; k < DECIDED; k++) {
      const set = ruleSet(k);
      const spec = specOf(set);
      const interpreted = interpret(spec);
      const { evaluate, rules } = await loadModule(generateModule(spec));
      let explained = 0;
      fc.assert(
        fc.property(randomEpisode(interpreted), (episode) => {
          const compiled = evaluate(episode);
          expect(compiled, [...set.files.values()].join('\n')).toEqual(evaluateRules(interpreted, episode));
          if (!('errors' in compiled)) claims += compiled.claimable.length;
          // What would make refused items claimable, which re-evaluates the episode many times: every tenth episode.
          if (!('errors' in compiled) && explained++ % 10 === 0)
            expect(whyNot(rules, episode, compiled)).toEqual(whyNot(interpreted, episode, compiled));
        }),
        { numRuns: 200, seed: k },
      );
    }
    // The episodes must exercise the rules, not only reject everything.
    expect(claims).toBeGreaterThan(DECIDED * 20);
  }, 120_000);
});

/** The k-th rule set of the sample, revision `T<k>` (the same in both tests). */
function ruleSet(k: number): RandomRuleSet {
  return fc.sample(randomRuleSet(`T${k}`), { numRuns: 1, seed: 1_000 + k })[0]!;
}

function specOf(set: RandomRuleSet): RuleSetSpec {
  const ws = buildWorkspace([...set.files].map(([path, text]) => parseFile(path, text)));
  return ruleSetSpec(ws, set.revision);
}

/** The errors of every generated module, by file, from one program over all of them. */
function typeErrors(modules: ReadonlyMap<string, { text: string }>): Map<string, string[]> {
  const config = ts.readConfigFile(join(ROOT, 'tsconfig.json'), ts.sys.readFile);
  const { options } = ts.parseJsonConfigFileContent(config.config, ts.sys, ROOT);
  const compilerOptions: ts.CompilerOptions = { ...options, noUnusedLocals: true, noUnusedParameters: true, noEmit: true };
  const host = ts.createCompilerHost(compilerOptions);
  const real = {
    getSourceFile: host.getSourceFile.bind(host),
    fileExists: host.fileExists.bind(host),
    readFile: host.readFile.bind(host),
    directoryExists: host.directoryExists?.bind(host),
  };
  host.getSourceFile = (file, language, ...rest) =>
    modules.has(file) ? ts.createSourceFile(file, modules.get(file)!.text, language) : real.getSourceFile(file, language, ...rest);
  host.fileExists = (file) => modules.has(file) || real.fileExists(file);
  host.readFile = (file) => modules.get(file)?.text ?? real.readFile(file);
  host.directoryExists = (dir) => dir === DIR || (real.directoryExists?.(dir) ?? true);
  const program = ts.createProgram([...modules.keys()], compilerOptions, host);
  const errors = new Map<string, string[]>();
  for (const d of ts.getPreEmitDiagnostics(program)) {
    const file = d.file?.fileName ?? '(options)';
    const at = d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start) : undefined;
    const text = `${at ? `${at.line + 1}:${at.character + 1} ` : ''}TS${d.code} ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`;
    errors.set(file, [...(errors.get(file) ?? []), text]);
  }
  return errors;
}

function size(set: RandomRuleSet | undefined): number {
  return set ? [...set.files.values()].join('').length : Infinity;
}

function report(file: string, errors: string[], module: { set: RandomRuleSet | undefined; text: string }): string {
  const lines = module.text.split('\n');
  const quoted = errors.map((e) => `${e}\n    | ${lines[Number(e.split(':')[0]) - 1]?.trim() ?? ''}`);
  const files = module.set ? [...module.set.files].map(([path, text]) => `--- ${path}\n${text}`) : [];
  return [`${file}:`, ...quoted, ...files].join('\n');
}
