// What would make a refused item claimable, on random rule sets and episodes: the change the
// answer names makes the same episode claim the item, and no assignment of the small
// vocabulary that changes fewer facts does (none with at most three when the answer is that
// no change helps) — checked by brute force over every value of every fact.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyze } from '../core/analysis/analyze';
import { rulesOf } from '../core/analysis/scenario';
import { evaluateRules } from '../core/runtime/evaluate';
import type { EvaluateInput, EvaluateResult, RuleSet } from '../core/runtime/types';
import { MAX_CHANGED, whyNot } from '../core/runtime/why-not';
import { randomEpisode } from './support/random-episodes';
import { DOMAINS, randomRuleSet } from './support/random-rules';

describe('why not (random rule sets)', () => {
  it('names a change that makes the item claimable, and none smaller exists', () => {
    let answered = 0;
    let none = 0;
    fc.assert(
      fc.property(
        randomRuleSet('R1').chain((set) => {
          const ws = analyze([...set.files].map(([path, text]) => ({ file: `/ws/${path}`, text }))).workspace;
          const rules = rulesOf(ws, 'R1')!;
          // Half the episodes as a claim checker sends them; half asking for every item with some facts of the vocabulary.
          const asked = fc.record(Object.fromEntries(Object.entries(DOMAINS).map(([name, values]) => [name, fc.constantFrom(...values)])), {
            requiredKeys: [],
          });
          const every: fc.Arbitrary<EvaluateInput> = asked.map((facts) => ({
            revision: 'R1',
            date: '2024-07-10',
            admission: { from: '2024-07-01' },
            facts,
            request: rules.items.map((i) => i.id),
          }));
          return fc.tuple(fc.constant(rules), fc.oneof(randomEpisode(rules), every));
        }),
        ([rules, episode]) => {
          const result = evaluateRules(rules, episode);
          if ('errors' in result) return;
          whyNot(rules, episode, result).forEach((why, k) => {
            if (!why.facts || why.complete === false) return;
            const id = result.rejected[k]!.id;
            const smallest = fewestChanges(rules, episode, id);
            if (why.facts.length === 0) {
              none++;
              expect(smallest, `${id}: a change exists`).toBeUndefined();
              return;
            }
            answered++;
            const facts = { ...episode.facts, ...Object.fromEntries(why.facts.map((c) => [c.fact, c.to])) };
            expect(claims(evaluateRules(rules, { ...episode, facts }), id), `${id} with ${JSON.stringify(why.facts)}`).toBe(true);
            expect(why.facts.length, `${id}: ${JSON.stringify(why.facts)}`).toBe(smallest);
          });
        },
      ),
      { numRuns: 400 },
    );
    // Both kinds of answer occur.
    expect(answered).toBeGreaterThan(40);
    expect(none).toBeGreaterThan(5);
  }, 120_000);
});

/** The fewest facts to change for the episode to claim `id` (at most MAX_CHANGED), by trying every assignment. */
function fewestChanges(rules: RuleSet, episode: EvaluateInput, id: string): number | undefined {
  const names = rules.facts.map((f) => f.name).filter((n) => n in DOMAINS);
  const given = episode.facts as Record<string, unknown>;
  let best: number | undefined;
  const walk = (k: number, facts: Record<string, unknown>, changed: number) => {
    if (changed > MAX_CHANGED || (best !== undefined && changed >= best)) return;
    if (k === names.length) {
      if (claims(evaluateRules(rules, { ...episode, facts }), id)) best = changed;
      return;
    }
    const name = names[k]!;
    walk(k + 1, facts, changed);
    for (const value of DOMAINS[name]!)
      if (JSON.stringify(value) !== JSON.stringify(given[name])) walk(k + 1, { ...facts, [name]: value }, changed + 1);
  };
  walk(0, { ...given }, 0);
  return best;
}

function claims(outcome: EvaluateResult | { errors: unknown }, id: string): boolean {
  return !('errors' in outcome) && outcome.claimable.some((c) => c.id === id || c.id.startsWith(`${id}.v`));
}
