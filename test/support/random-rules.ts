// Random rules for property tests: conditions over a small vocabulary (the solver test
// compares them with brute force), and whole rule sets of one revision built from them — any
// number of items (none too), with or without conditions, facts, claimants, additions,
// requirements, variants, limits and relations — as the files a workspace holds.
import fc from 'fast-check';

/** The vocabulary conditions are written over: small domains, so brute force can enumerate them. */
export const FACTS = `facts:
  - { name: b, type: boolean, label: b }
  - { name: i, type: integer, min: 0, max: 3, label: i }
  - { name: j, type: integer, min: 0, max: 3, label: j }
  - { name: e, type: enum, values: [a, b, c], label: e }
  - { name: s, type: set, values: [x, y, z], label: s }
`;

/** Every value of each fact of FACTS, for tests that try them all. */
export const DOMAINS: Readonly<Record<string, readonly unknown[]>> = {
  b: [false, true],
  i: [0, 1, 2, 3],
  j: [0, 1, 2, 3],
  e: ['a', 'b', 'c'],
  s: [[], ['x'], ['y'], ['z'], ['x', 'y'], ['x', 'z'], ['y', 'z'], ['x', 'y', 'z']],
};

/** FACTS with defaults for two facts, which a compiled module writes into its fact vector. */
export const FACTS_WITH_DEFAULTS = FACTS.replace('label: b }', 'label: b, default: false }').replace(
  'label: s }',
  'label: s, default: [x] }',
);

const int = fc.integer({ min: -1, max: 4 });
const members = fc.subarray(['x', 'y', 'z'], { minLength: 1 });

/** One fact and one operator of FACTS. */
export const atom: fc.Arbitrary<unknown> = fc
  .oneof(
    fc.record({ fact: fc.constant('b'), op: fc.constantFrom('is', 'is-not'), v: fc.boolean() }),
    fc.record({ fact: fc.constantFrom('i', 'j'), op: fc.constantFrom('is', 'is-not', 'gte', 'gt', 'lte', 'lt'), v: int }),
    fc.record({
      fact: fc.constantFrom('i', 'j'),
      op: fc.constantFrom('in', 'not-in'),
      v: fc.uniqueArray(int, { minLength: 1, maxLength: 3 }),
    }),
    fc.record({ fact: fc.constant('e'), op: fc.constantFrom('is', 'is-not'), v: fc.constantFrom('a', 'b', 'c') }),
    fc.record({ fact: fc.constant('e'), op: fc.constantFrom('in', 'not-in'), v: fc.subarray(['a', 'b', 'c'], { minLength: 1 }) }),
    fc.record({ fact: fc.constant('s'), op: fc.constantFrom('has', 'lacks'), v: fc.constantFrom('x', 'y', 'z') }),
    fc.record({ fact: fc.constant('s'), op: fc.constantFrom('has-any', 'has-all'), v: members }),
    fc.record({ fact: fc.constant('s'), op: fc.constantFrom('size-gte', 'size-lte', 'size-is'), v: fc.integer({ min: 0, max: 3 }) }),
  )
  .map((a) => {
    const { fact, op, v } = a as { fact: string; op: string; v: unknown };
    return { fact, [op]: v };
  });

/** A condition over FACTS: atoms under `all`, `any`, `not` and lists, a few levels deep. */
export const condition: fc.Arbitrary<unknown> = fc.letrec<{ cond: unknown }>((tie) => ({
  cond: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    atom,
    fc.array(tie('cond'), { minLength: 1, maxLength: 3 }).map((all) => ({ all })),
    fc.array(tie('cond'), { minLength: 1, maxLength: 3 }).map((any) => ({ any })),
    tie('cond').map((c) => ({ not: c })),
    fc.array(tie('cond'), { minLength: 1, maxLength: 2 }),
  ),
})).cond;

/**
 * Names and citations that look like the code around them (helper calls, type names, imports):
 * the compiler must write them as data and never mistake them for code it uses.
 */
const text = fc.constantFrom(
  '項目',
  '加算A(1)',
  'N(x[0])',
  ': Truth3',
  '(x: FactVector)',
  'settleCommon(',
  'P(',
  'M.',
  'H.call',
  '" + x + "',
  '*/ //',
);

/** The files of a workspace with one revision, by path, and the revision's id. */
export interface RandomRuleSet {
  revision: string;
  files: Map<string, string>;
}

/**
 * A workspace of one revision named `revision` (files as JSON, which is YAML): FACTS (with or
 * without defaults), or no facts at all when no condition reads one and the draw says so, and
 * 0–4 items of one scheme.
 * Items may have a claimant, a condition, an effective end, variants (picked `unique` or
 * `first`, with conditions and limits of their own), a parent among the earlier items,
 * requirements, a limit (also one allowing no claim, or raised under a condition), and
 * `excludes`/`overrides` of other items or variants, with a scope and a condition.
 */
export function randomRuleSet(revision: string): fc.Arbitrary<RandomRuleSet> {
  const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined, freq: 2 });
  const limit = fc.record(
    {
      times: fc.integer({ min: 0, max: 2 }),
      per: fc.constantFrom('claim', 'day', 'month', 'admission', 'discharge', 'after-discharge-month'),
      raised: maybe(fc.record({ times: fc.integer({ min: 1, max: 3 }), when: condition })),
    },
    { requiredKeys: ['times', 'per'] },
  );
  const variant = fc.record(
    { name: text, when: maybe(condition), limit: maybe(limit), amount: fc.integer({ min: 1, max: 900 }) },
    { requiredKeys: ['name', 'amount'] },
  );
  const relation = fc.record(
    {
      kind: fc.constantFrom('excludes', 'overrides'),
      target: fc.nat(),
      variant: fc.boolean(),
      scope: maybe(fc.constantFrom('claim', 'day', 'month', 'admission')),
      when: maybe(condition),
    },
    { requiredKeys: ['kind', 'target', 'variant'] },
  );
  const item = fc.record(
    {
      name: text,
      clause: text,
      claimant: maybe(fc.constantFrom('hospital', 'home-care', 'care-office', 'nursing-station')),
      amount: fc.integer({ min: 1, max: 3000 }),
      when: maybe(condition),
      to: maybe(fc.constant('2024-12-31')),
      variants: fc.option(
        fc.record({ pick: fc.constantFrom('unique', 'first'), options: fc.array(variant, { minLength: 1, maxLength: 3 }) }),
        { nil: undefined, freq: 3 },
      ),
      parent: maybe(fc.nat()),
      requires: fc.option(fc.array(fc.nat(), { minLength: 1, maxLength: 2 }), { nil: undefined, freq: 4 }),
      limit: maybe(limit),
      relations: fc.option(fc.array(relation, { minLength: 1, maxLength: 2 }), { nil: undefined, freq: 2 }),
    },
    { requiredKeys: ['name', 'clause', 'amount'] },
  );
  return fc
    .record({
      scheme: fc.constantFrom({ scheme: 'medical', unit: 'points' }, { scheme: 'care', unit: 'units' }, { scheme: 'nursing', unit: 'yen' }),
      items: fc.array(item, { maxLength: 4 }),
      facts: fc.constantFrom('none', 'plain', 'defaults'),
    })
    .map(({ scheme: { scheme, unit }, items, facts }) => {
      const ids = items.map((_, n) => `I${n}`);
      const variantIds = items.map((it, n) => (it.variants?.options ?? []).map((_, v) => `I${n}.v${v}`));
      const written = items.map((it, n) => {
        const out: Record<string, unknown> = { id: ids[n], name: `${it.name} ${n}`, source: { clause: it.clause } };
        if (it.claimant) out.claimant = it.claimant;
        if (it.variants)
          out.variants = {
            pick: it.variants.pick,
            options: it.variants.options.map((v, k) => ({
              id: variantIds[n]![k],
              name: `${v.name} ${k}`,
              [unit]: v.amount,
              ...(v.when ? { when: v.when } : {}),
              ...(v.limit ? { limit: v.limit } : {}),
            })),
          };
        else out[unit] = it.amount;
        if (it.when) out.when = it.when;
        if (it.to) out.effective = { to: it.to };
        if (it.parent !== undefined && n > 0) out['addition-to'] = ids[it.parent % n];
        if (it.requires && n > 0) out.requires = [...new Set(it.requires.map((r) => ids[r % n]))];
        if (it.limit) out.limit = it.limit;
        for (const r of it.relations ?? []) {
          if (items.length < 2) break;
          const other = (n + 1 + (r.target % (items.length - 1))) % items.length;
          const target =
            r.variant && variantIds[other]!.length > 0 ? variantIds[other]![r.target % variantIds[other]!.length]! : ids[other]!;
          const entry =
            r.scope || r.when ? { id: target, ...(r.scope ? { scope: r.scope } : {}), ...(r.when ? { when: r.when } : {}) } : target;
          out[r.kind] = [...((out[r.kind] as unknown[] | undefined) ?? []), entry];
        }
        return out;
      });
      const readsFacts = JSON.stringify(written).includes('"fact":');
      const files = new Map<string, string>([
        ['revisions.yaml', JSON.stringify({ revisions: [{ id: revision, effective: { [scheme]: '2024-06-01' } }] })],
        ['facts.yaml', facts === 'defaults' ? FACTS_WITH_DEFAULTS : readsFacts || facts === 'plain' ? FACTS : 'facts: []\n'],
        [`${revision}/rules.tariff.yaml`, JSON.stringify({ revision, scheme, source: { doc: '告示' }, items: written })],
      ]);
      return { revision, files };
    });
}
