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
import { buildWorkspace } from '../core/analysis/workspace';
import { evaluateCondition } from '../core/runtime/condition';

const FACTS = `facts:
  - { name: b, type: boolean, label: b }
  - { name: i, type: integer, min: 0, max: 3, label: i }
  - { name: j, type: integer, min: 0, max: 3, label: j }
  - { name: e, type: enum, values: [a, b, c], label: e }
  - { name: s, type: set, values: [x, y, z], label: s }
`;

const CONSTRAINTS = [
  '{ fact: i, lte-fact: j }',
  '{ any: [ { fact: b, is: false }, { fact: s, has: x } ] }',
  '{ fact: j, gt-fact: i }',
  '{ not: { all: [ { fact: e, is: c }, { fact: s, size-gte: 2 } ] } }',
];

const DOMAINS: Record<string, unknown[]> = {
  b: [false, true],
  i: [0, 1, 2, 3],
  j: [0, 1, 2, 3],
  e: ['a', 'b', 'c'],
  s: [[], ['x'], ['y'], ['z'], ['x', 'y'], ['x', 'z'], ['y', 'z'], ['x', 'y', 'z']],
};

const ALL_ASSIGNMENTS: Record<string, unknown>[] = (() => {
  let out: Record<string, unknown>[] = [{}];
  for (const [name, values] of Object.entries(DOMAINS)) out = out.flatMap((a) => values.map((v) => ({ ...a, [name]: v })));
  return out;
})();

const int = fc.integer({ min: -1, max: 4 });
const members = fc.subarray(['x', 'y', 'z'], { minLength: 1 });
const atom: fc.Arbitrary<unknown> = fc.oneof(
  fc.record({ fact: fc.constant('b'), op: fc.constantFrom('is', 'is-not'), v: fc.boolean() }),
  fc.record({ fact: fc.constantFrom('i', 'j'), op: fc.constantFrom('is', 'is-not', 'gte', 'gt', 'lte', 'lt'), v: int }),
  fc.record({ fact: fc.constantFrom('i', 'j'), op: fc.constantFrom('in', 'not-in'), v: fc.uniqueArray(int, { minLength: 1, maxLength: 3 }) }),
  fc.record({ fact: fc.constant('e'), op: fc.constantFrom('is', 'is-not'), v: fc.constantFrom('a', 'b', 'c') }),
  fc.record({ fact: fc.constant('e'), op: fc.constantFrom('in', 'not-in'), v: fc.subarray(['a', 'b', 'c'], { minLength: 1 }) }),
  fc.record({ fact: fc.constant('s'), op: fc.constantFrom('has', 'lacks'), v: fc.constantFrom('x', 'y', 'z') }),
  fc.record({ fact: fc.constant('s'), op: fc.constantFrom('has-any', 'has-all'), v: members }),
  fc.record({ fact: fc.constant('s'), op: fc.constantFrom('size-gte', 'size-lte', 'size-is'), v: fc.integer({ min: 0, max: 3 }) }),
).map((a) => {
  const { fact, op, v } = a as { fact: string; op: string; v: unknown };
  return { fact, [op]: v };
});

const condition: fc.Arbitrary<unknown> = fc.letrec<{ cond: unknown }>((tie) => ({
  cond: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    atom,
    fc.array(tie('cond'), { minLength: 1, maxLength: 3 }).map((all) => ({ all })),
    fc.array(tie('cond'), { minLength: 1, maxLength: 3 }).map((any) => ({ any })),
    tie('cond').map((c) => ({ not: c })),
    fc.array(tie('cond'), { minLength: 1, maxLength: 2 }),
  ),
})).cond;

function vocabWith(constraints: string[]) {
  const text = FACTS + (constraints.length ? `constraints:\n${constraints.map((c) => `  - ${c}`).join('\n')}\n` : '');
  const ws = buildWorkspace([parseFile('facts.yaml', text)]);
  const parsedConstraints = ws.constraints.map((c) => c.value);
  return { vocab: vocabularyOf(ws), constraints: parsedConstraints };
}

const VOCABS = Array.from({ length: 1 << CONSTRAINTS.length }, (_, m) => vocabWith(CONSTRAINTS.filter((_, i) => m & (1 << i))));

describe('decision procedure', () => {
  it('agrees with brute-force enumeration on 10,000 random conditions, with sound minimal witnesses', () => {
    let sat = 0;
    fc.assert(
      fc.property(condition, fc.nat({ max: VOCABS.length - 1 }), (cond, which) => {
        const { vocab, constraints } = VOCABS[which]!;
        const formula = toFormula(vocab, cond);
        expect(formula).toBeDefined();
        const holds = (a: Record<string, unknown>) => evaluateCondition(cond, a) === true && constraints.every((c) => evaluateCondition(c, a) === true);
        const expected = ALL_ASSIGNMENTS.some(holds);
        const result = solve(vocab, formula!);
        expect(result.status).toBe(expected ? 'sat' : 'unsat');
        if (result.status !== 'sat') return;
        sat++;
        // The witness alone makes the condition true; with the model it fits the world.
        expect(evaluateCondition(cond, result.witness)).toBe(true);
        const model = { ...result.model, ...result.witness };
        const completions = ALL_ASSIGNMENTS.filter((a) => Object.entries(model).every(([k, v]) => JSON.stringify(a[k]) === JSON.stringify(v)));
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
