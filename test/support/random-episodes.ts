// Random episodes for a rule set, as a claim checker sends them: facts of the vocabulary,
// dates around the scheme boundaries, stays, earlier claims, requests, claimants, and a few
// invalid inputs (an unknown fact, an impossible date, a claimant no item names, a value JSON
// cannot hold), so that two ways of evaluating can be held to the same results and errors.
import fc from 'fast-check';
import type { EvaluateInput, FactSpec, RuleSet } from '../../core/runtime/types';

const DAY = 86_400_000;

/** Episodes for `rules` (a rule set without items gets dates around 2024-06-01). */
export function randomEpisode(rules: RuleSet): fc.Arbitrary<EvaluateInput> {
  const date = dates(rules);
  const ids = rules.items.flatMap((i) => [i.id, ...i.variants.map((v) => v.id)]);
  const claimants = [...new Set(rules.items.map((i) => i.claimant).filter((c): c is string => c !== undefined))];
  const facts = fc.record(Object.fromEntries(rules.facts.map((f) => [f.name, factValue(f)])), { requiredKeys: [] });
  const none = fc.constant(undefined);
  return fc
    .record(
      {
        date,
        facts,
        admission: fc.option(fc.tuple(date, fc.option(fc.integer({ min: 0, max: 60 }), { nil: undefined })), { nil: undefined }),
        claimant: claimants.length > 0 ? fc.option(fc.constantFrom(...claimants), { nil: undefined }) : none,
        // Half the episodes without earlier claims, and half without a request: the common
        // episode takes the engine's short path for compiled rules, and must agree too.
        history:
          ids.length > 0
            ? fc.oneof(fc.constant([]), fc.array(fc.record({ id: fc.constantFrom(...ids), date }), { minLength: 1, maxLength: 4 }))
            : fc.constant([]),
        request: ids.length > 0 ? fc.option(fc.subarray(ids, { minLength: 1 }), { nil: undefined, freq: 2 }) : none,
        // A few invalid inputs, so the error objects are compared too.
        broken: fc.constantFrom(...Array.from({ length: 14 }, () => undefined), 'fact', 'date', 'claimant', 'not-json'),
      },
      { requiredKeys: ['date', 'facts', 'history', 'broken'] },
    )
    .map(({ date: d, facts: f, admission, claimant, history, request, broken }) => ({
      revision: rules.revision,
      date: broken === 'date' ? `${d.slice(0, 8)}32` : d,
      facts: broken === 'fact' ? { ...f, 'no.such-fact': true } : f,
      ...(admission
        ? {
            admission: {
              from: admission[0],
              ...(admission[1] !== undefined
                ? { to: new Date(Date.parse(admission[0]) + admission[1] * DAY).toISOString().slice(0, 10) }
                : {}),
            },
          }
        : {}),
      // A claimant no item of the revision names (R04 has none for care offices) is an input error.
      ...(broken === 'claimant'
        ? { claimant: claimants.includes('care-office') ? 'hospitl' : 'care-office' }
        : claimant
          ? { claimant }
          : {}),
      history,
      ...(request ? { request } : {}),
      // A field beside those `evaluate` reads, holding what JSON cannot: the short path must hand it over.
      ...(broken === 'not-json' ? { note: { count: 1n } } : {}),
    }));
}

/**
 * Dates around a revision's scheme boundaries: from a month before its first effective date
 * to a month after its last end, or, while items are open-ended, seven months after its last
 * start (for R06: 2024-03-01 to 2024-12-31).
 */
function dates(rules: RuleSet): fc.Arbitrary<string> {
  const froms = rules.items.length > 0 ? rules.items.map((i) => Date.parse(i.effective.from)) : [Date.parse('2024-06-01')];
  const tos = rules.items.map((i) => (i.effective.to === undefined ? undefined : Date.parse(i.effective.to)));
  const end =
    tos.length === 0 || tos.some((t) => t === undefined) ? Math.max(...froms) + 213 * DAY : Math.max(...(tos as number[])) + 31 * DAY;
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
