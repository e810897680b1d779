// Mutation testing on random rule sets: every suggested scenario, written into the workspace
// as the analyst would save it, passes on the rules and kills the mutant it was made for; and
// a mutant taken as equivalent gives the same result as the rules in every situation of the
// small vocabulary (each fact given or not), with and without earlier claims and requests.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyze } from '../core/analysis/analyze';
import { interpret } from '../core/analysis/interpreter';
import { applyChange } from '../core/analysis/mutants';
import { mutationSteps, suggestionText } from '../core/analysis/mutation-testing';
import { ruleSetSpec } from '../core/analysis/rule-set-spec';
import { compareExpect, rulesOf, runScenario } from '../core/analysis/scenario';
import { runToEnd } from '../core/analysis/steps';
import { evaluateRules } from '../core/runtime/evaluate';
import type { EvaluateInput, RuleSet } from '../core/runtime/types';
import { DOMAINS, randomRuleSet } from './support/random-rules';

describe('mutation testing (random rule sets)', () => {
  it('suggests scenarios that pass on the rules and kill their mutants, and takes as equivalent only what is', () => {
    let suggested = 0;
    let equivalent = 0;
    fc.assert(
      fc.property(randomRuleSet('R1'), ({ files }) => {
        const sources = [...files].map(([path, text]) => ({ file: `/ws/${path}`, text }));
        const ws = analyze(sources).workspace;
        const first = runToEnd(mutationSteps(ws));
        const scenarios = first.flatMap((o, i) => {
          const text = suggestionText(o, i % 2 === 0 ? 'ja' : 'en');
          return text === undefined ? [] : [{ file: `/ws/suggested-${i}.scenario.yaml`, text }];
        });
        suggested += scenarios.length;
        const withThem = analyze([...sources, ...scenarios]).workspace;
        expect(withThem.scenarios).toHaveLength(scenarios.length);
        for (const scenario of withThem.scenarios) {
          const outcome = runScenario(withThem, scenario);
          expect(outcome && !('errors' in outcome) && compareExpect(withThem, scenario, outcome), scenario.loc.file).toEqual([]);
        }
        // The mutants are the same (they come from the rules alone), in the same order.
        const second = runToEnd(mutationSteps(withThem));
        first.forEach((o, i) => {
          if (o.suggestion) expect(second[i]!.status, renderChange(o.mutant.change)).toBe('killed');
        });
        const rules = rulesOf(ws, 'R1');
        for (const o of first.filter((x) => x.status === 'equivalent')) {
          equivalent++;
          const mutant = interpret(applyChange(ruleSetSpec(ws, 'R1'), o.mutant.change));
          for (const input of everySituation(rules!))
            expect(evaluateRules(mutant, input), renderChange(o.mutant.change)).toEqual(evaluateRules(rules!, input));
        }
      }),
      { numRuns: 60 },
    );
    // The property has something to hold: both kinds of outcome occur.
    expect(suggested).toBeGreaterThan(100);
    expect(equivalent).toBeGreaterThan(5);
  });
});

function renderChange(change: unknown): string {
  return JSON.stringify(change);
}

/**
 * Every assignment of the small vocabulary's facts, each fact given or not (unknown), in three
 * episodes: without earlier claims; asking for every item with each claimed the day before; and
 * asking for every variant by id (its condition is then tested whatever the earlier ones say).
 */
function* everySituation(rules: RuleSet): Generator<EvaluateInput> {
  const items = rules.items.map((i) => i.id);
  const variants = rules.items.flatMap((i) => (i.variants.length > 0 ? i.variants.map((v) => v.id) : [i.id]));
  const names = rules.facts.map((f) => f.name).filter((n) => n in DOMAINS);
  const assignments = names.reduce<Record<string, unknown>[]>(
    (all, name) => all.flatMap((a) => [a, ...DOMAINS[name]!.map((v) => ({ ...a, [name]: v }))]),
    [{}],
  );
  for (const facts of assignments) {
    const base = { revision: 'R1', date: '2024-07-10', admission: { from: '2024-07-01' }, facts };
    yield base;
    yield { ...base, history: items.map((id) => ({ id, date: '2024-07-09' })), request: items };
    if (variants.length > items.length) yield { ...base, request: variants };
  }
}
