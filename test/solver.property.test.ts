// The decision procedure against brute force: for random conditions over small domains
// (with random world constraints), it says satisfiable exactly when some assignment
// satisfies the condition and the constraints; every witness makes the condition true under
// the reference (three-valued) semantics, extends to a model of the constraints, and needs
// every fact it names.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseFile } from '../core/analysis/parse';
import { solve } from '../core/analysis/logic/solver';
import { toFormula, vocabularyOf } from '../core/analysis/logic/vocabulary';
import { buildWorkspace } from '../core/model/workspace';
import { evaluateCondition } from '../core/runtime/condition';
import { conditionOf } from '../core/model/condition';
import { condition, DOMAINS, FACTS } from './support/random-rules';

const CONSTRAINTS = [
  '{ fact: i, lte-fact: j }',
  '{ any: [ { fact: b, is: false }, { fact: s, has: x } ] }',
  '{ fact: j, gt-fact: i }',
  '{ not: { all: [ { fact: e, is: c }, { fact: s, size-gte: 2 } ] } }',
];

const ALL_ASSIGNMENTS: Record<string, unknown>[] = (() => {
  let out: Record<string, unknown>[] = [{}];
  for (const [name, values] of Object.entries(DOMAINS)) out = out.flatMap((a) => values.map((v) => ({ ...a, [name]: v })));
  return out;
})();

function vocabWith(constraints: string[]) {
  const text = FACTS + (constraints.length ? `constraints:\n${constraints.map((c) => `  - ${c}`).join('\n')}\n` : '');
  const ws = buildWorkspace([parseFile('facts.yaml', text)]);
  const parsedConstraints = ws.constraints.map((c) => c.cond);
  return { vocab: vocabularyOf(ws), constraints: parsedConstraints };
}

const VOCABS = Array.from({ length: 1 << CONSTRAINTS.length }, (_, m) => vocabWith(CONSTRAINTS.filter((_, i) => m & (1 << i))));

describe('decision procedure', () => {
  it('agrees with brute-force enumeration on 10,000 random conditions, with sound minimal witnesses', () => {
    let sat = 0;
    fc.assert(
      fc.property(condition, fc.nat({ max: VOCABS.length - 1 }), (written, which) => {
        const cond = conditionOf(written);
        const { vocab, constraints } = VOCABS[which]!;
        const formula = toFormula(vocab, cond);
        expect(formula).toBeDefined();
        const holds = (a: Record<string, unknown>) =>
          evaluateCondition(cond, a) === true && constraints.every((c) => evaluateCondition(c, a) === true);
        const expected = ALL_ASSIGNMENTS.some(holds);
        const result = solve(vocab, formula!);
        expect(result.status).toBe(expected ? 'sat' : 'unsat');
        if (result.status !== 'sat') return;
        sat++;
        // The witness alone makes the condition true; with the model it fits the world.
        expect(evaluateCondition(cond, result.witness)).toBe(true);
        const model = { ...result.model, ...result.witness };
        const completions = ALL_ASSIGNMENTS.filter((a) =>
          Object.entries(model).every(([k, v]) => JSON.stringify(a[k]) === JSON.stringify(v)),
        );
        expect(completions.some(holds)).toBe(true);
        // No fact of the witness can be dropped.
        for (const name of Object.keys(result.witness)) {
          const { [name]: _dropped, ...rest } = result.witness;
          expect(evaluateCondition(cond, rest)).not.toBe(true);
        }
      }),
      { numRuns: 10_000, seed: 20261122 },
    );
    // Both outcomes must be well represented for the agreement to mean something.
    expect(sat).toBeGreaterThan(2_000);
    expect(sat).toBeLessThan(9_500);
  });
});
