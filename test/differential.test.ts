// The compiled rules core (core/generated, what downstream systems import) against the
// reference interpreter over the same rules/ files: 100,000 random episodes — facts, dates
// around the scheme boundaries, stays, earlier claims, requests, claimants, and some invalid
// input — must give identical results, 0 mismatches. Compiled rules take the engine's short
// path for episodes without a request or earlier claims; interpreted rules never do, so this
// also holds the short path to the general one.
import fc from 'fast-check';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyze } from '../core/analysis/analyze';
import { rulesOf } from '../core/analysis/scenario';
import { evaluate } from '../core/index';
import { revisions } from '../core/generated/index';
import { evaluateRules } from '../core/runtime/evaluate';
import type { EvaluateInput, FactSpec, RuleSet } from '../core/runtime/types';
import { readSources, ruleFilesUnder } from '../core/workspace-files';

const RUNS = Number(process.env.DIFFERENTIAL_RUNS ?? 100_000);
const { workspace } = analyze(readSources(ruleFilesUnder(join(__dirname, '..', 'rules'))));

const DAY = 86_400_000;

/**
 * Dates around a revision's scheme boundaries: from a month before its first effective date
 * to a month after its last end, or, while items are open-ended, seven months after its last
 * start (for R06: 2024-03-01 to 2024-12-31).
 */
function dates(rules: RuleSet): fc.Arbitrary<string> {
  const froms = rules.items.map((i) => Date.parse(i.effective.from));
  const tos = rules.items.map((i) => (i.effective.to === undefined ? undefined : Date.parse(i.effective.to)));
  const end = tos.some((t) => t === undefined) ? Math.max(...froms) + 213 * DAY : Math.max(...(tos as number[])) + 31 * DAY;
  return fc.integer({ min: Math.min(...froms) - 31 * DAY, max: end }).map((t) => new Date(t - (t % DAY)).toISOString().slice(0, 10));
}

function factValue(fact: FactSpec): fc.Arbitrary<unknown> {
  switch (fact.type) {
    case 'boolean':
      return fc.boolean();
    case 'integer':
      return fc.integer({ min: fact.min ?? -5, max: Math.min(fact.max ?? 40, (fact.min ?? 0) + 40) });
    case 'enum':
      return fc.constantFrom(...fact.values!);
    case 'set':
      return fc.subarray([...fact.values!]);
  }
}

describe('compiled core vs interpreter', () => {
  for (const [revision, compiled] of Object.entries(revisions)) {
    it(`${revision}: ${RUNS} random episodes give identical results`, () => {
      const interpreted = rulesOf(workspace, revision)!;
      const date = dates(compiled);
      const ids = compiled.items.flatMap((i) => [i.id, ...i.variants.map((v) => v.id)]);
      const claimants = [...new Set(compiled.items.map((i) => i.claimant).filter((c): c is string => c !== undefined))];
      const facts = fc.record(Object.fromEntries(compiled.facts.map((f) => [f.name, factValue(f)])), { requiredKeys: [] });
      const input: fc.Arbitrary<EvaluateInput> = fc
        .record(
          {
            date,
            facts,
            admission: fc.option(fc.tuple(date, fc.option(fc.integer({ min: 0, max: 60 }), { nil: undefined })), { nil: undefined }),
            claimant: fc.option(fc.constantFrom(...claimants), { nil: undefined }),
            // Half the episodes without earlier claims, and half without a request: the common
            // episode takes the engine's short path for compiled rules, and must agree too.
            history: fc.oneof(fc.constant([]), fc.array(fc.record({ id: fc.constantFrom(...ids), date }), { minLength: 1, maxLength: 4 })),
            request: fc.option(fc.subarray(ids, { minLength: 1 }), { nil: undefined, freq: 2 }),
            // A few invalid inputs, so the error objects are compared too.
            broken: fc.constantFrom(...Array.from({ length: 14 }, () => undefined), 'fact', 'date', 'claimant', 'not-json'),
          },
          { requiredKeys: ['date', 'facts', 'history', 'broken'] },
        )
        .map(({ date: d, facts: f, admission, claimant, history, request, broken }) => ({
          revision,
          date: broken === 'date' ? `${d.slice(0, 8)}32` : d,
          facts: broken === 'fact' ? { ...f, 'no.such-fact': true } : f,
          ...(admission ? { admission: { from: admission[0], ...(admission[1] !== undefined ? { to: new Date(Date.parse(admission[0]) + admission[1] * 86_400_000).toISOString().slice(0, 10) } : {}) } } : {}),
          // A claimant no item of the revision names (R04 has none for care offices) is an input error.
          ...(broken === 'claimant' ? { claimant: claimants.includes('care-office') ? 'hospitl' : 'care-office' } : claimant ? { claimant } : {}),
          history,
          ...(request ? { request } : {}),
          // A field beside those `evaluate` reads, holding what JSON cannot: the short path must hand it over.
          ...(broken === 'not-json' ? { note: { count: 1n } } : {}),
        }));
      let mismatches = 0;
      let claims = 0;
      let common = 0;
      fc.assert(
        fc.property(input, (episode) => {
          const a = evaluate(episode as Parameters<typeof evaluate>[0]);
          const b = evaluateRules(interpreted, episode);
          if (JSON.stringify(a) !== JSON.stringify(b)) mismatches++;
          expect(a).toEqual(b);
          if (!('errors' in a)) claims += a.claimable.length;
          if (!('errors' in a) && episode.request === undefined && episode.history!.length === 0) common++;
        }),
        { numRuns: RUNS, seed: 4 },
      );
      expect(mismatches).toBe(0);
      // The episodes must exercise the rules, not only reject everything.
      expect(claims).toBeGreaterThan(RUNS / 10);
      expect(common).toBeGreaterThan(RUNS / 5);
    }, 600_000);
  }
});
