// The input schema that `tariff serve` publishes says yes exactly where `evaluate` does: on
// random episodes of every bundled revision, valid and broken in the ways a client breaks them
// (a value of the wrong type or out of range, an unknown fact, member, id or claimant, a
// malformed date, a list that is not one), a JSON Schema validator accepts the input if and only
// if `evaluate` returns a result rather than errors. Left out: the two refusals the schema
// cannot state (see `inputSchema`).
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluate, type Input } from '../core/index';
import { revisions } from '../core/generated/index';
import { inputSchema } from '../core/runtime/input-schema';
import type { EvaluateInput, RuleSet } from '../core/runtime/types';
import { randomEpisode } from './support/random-episodes';

/** Ways a client breaks an episode; each takes the episode and a random number for its choices. */
const BREAKS: Record<string, (episode: Record<string, any>, rules: RuleSet, k: number) => void> = {
  'wrong type': (e, rules, k) => {
    const fact = rules.facts[k % rules.facts.length]!;
    e.facts = { ...e.facts, [fact.name]: { boolean: 'yes', integer: 1.5, enum: 'zzz', set: ['zzz'] }[fact.type] };
  },
  'out of range': (e, rules, k) => {
    const ranged = rules.facts.filter((f) => f.type === 'integer' && (f.min !== undefined || f.max !== undefined));
    const fact = ranged[k % ranged.length];
    if (fact) e.facts = { ...e.facts, [fact.name]: fact.max !== undefined ? fact.max + 1 : fact.min! - 1 };
  },
  'member twice': (e, rules, k) => {
    const sets = rules.facts.filter((f) => f.type === 'set');
    const fact = sets[k % sets.length];
    if (fact) e.facts = { ...e.facts, [fact.name]: [fact.values![0], fact.values![0]] };
  },
  null: (e, rules, k) => {
    e.facts = { ...e.facts, [rules.facts[k % rules.facts.length]!.name]: null };
  },
  'unknown fact': (e) => {
    e.facts = { ...e.facts, 'no.such-fact': true };
  },
  'facts null': (e) => {
    e.facts = null;
  },
  'facts a list': (e) => {
    e.facts = [];
  },
  'bad date': (e, _rules, k) => {
    e.date = ['2024-02-30', '2024-7-01', 20240701, null][k % 4];
  },
  'no date': (e) => {
    delete e.date;
  },
  'unknown revision': (e) => {
    e.revision = 'R99';
  },
  'bad claimant': (e, _rules, k) => {
    e.claimant = ['hospitl', 7][k % 2];
  },
  'bad admission': (e, _rules, k) => {
    e.admission = [{}, { from: '2024-13-01' }, null, { from: '2024-06-01', to: 'soon' }][k % 4];
  },
  'bad history': (e, _rules, k) => {
    e.history = ['B005', [{ id: 'no-such-item', date: '2024-06-01' }], [{ id: e.request?.[0] ?? 'x' }], [null]][k % 4];
  },
  'bad request': (e, _rules, k) => {
    e.request = ['B005', ['no-such-item'], [1]][k % 3];
  },
  'extra field': (e) => {
    e.note = { anything: ['JSON', 1] };
  },
};

/** An episode as JSON carries it, with at most one id per item in its request (the schema cannot say "the same item twice"). */
function asJson(rules: RuleSet, episode: EvaluateInput): Record<string, any> | undefined {
  if ('note' in episode) return undefined;
  const copy = JSON.parse(JSON.stringify(episode));
  if (copy.request) {
    const itemOf = new Map(
      rules.items.flatMap((item) => [[item.id, item.id] as const, ...item.variants.map((v) => [v.id, item.id] as const)]),
    );
    const seen = new Set<string>();
    copy.request = copy.request.filter((id: string) => !seen.has(itemOf.get(id)!) && seen.add(itemOf.get(id)!));
  }
  return copy;
}

describe('the published input schema', () => {
  it('accepts an input exactly when evaluate does', () => {
    const ajv = new Ajv2020({ strict: false, allErrors: false });
    addFormats(ajv);
    const ids = Object.keys(revisions);
    const validate = ajv.compile({ oneOf: ids.map((id) => inputSchema(revisions[id]!)) });
    const seen = { accepted: 0, refused: 0 };
    fc.assert(
      fc.property(
        fc.constantFrom(...ids).chain((id) =>
          fc.tuple(
            // The id, not the rule set: a counterexample then prints as a few lines.
            fc.constant(id),
            randomEpisode(revisions[id]!),
            fc.array(fc.tuple(fc.constantFrom(...Object.keys(BREAKS)), fc.nat()), { maxLength: 2 }),
          ),
        ),
        ([id, episode, breaks]) => {
          const rules = revisions[id]!;
          const input = asJson(rules, episode);
          if (!input) return;
          for (const [name, k] of breaks) BREAKS[name]!(input, rules, k);
          const outcome = evaluate(input as Input);
          const accepted = validate(input);
          seen[accepted ? 'accepted' : 'refused']++;
          expect({ input, accepted, errors: 'errors' in outcome ? outcome.errors : [] }).toEqual({
            input,
            accepted: !('errors' in outcome),
            errors: accepted ? [] : expect.anything(),
          });
        },
      ),
      { numRuns: 3000 },
    );
    // Both verdicts are common enough to mean something.
    expect(Math.min(seen.accepted, seen.refused)).toBeGreaterThan(500);
  });
});
