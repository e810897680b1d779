// The compiled evaluation of a common episode — no request and no earlier claims, the way a
// claim checker mostly asks — specialised for one revision: steps 1–2 with the effective
// dates, claimants and amounts written in, and, when no addition and at most one `excludes`
// relation between kept items is involved, steps 4–5 and the result. Anything else (a kept
// addition, an override, several clashes, a limit per month after discharge) is settled by
// the engine from these decisions, so its general rules stay in one place. The differential
// test holds this code to the engine's general path.
import { YEN_PER } from '../runtime/relations';
import { dayOf } from '../runtime/dates';
import { claimantsOf, limitsOf } from '../runtime/input';
import type { Uses } from './codegen';
import { ifCode, listCode, objectCode } from './layout';
import type { ConditionSpec, RuleSetSpec } from '../analysis/rule-set-spec';

/** The module-level lines the `common` function needs and the function itself, or none when the revision cannot have one. */
export interface CommonCodeConfig {
  /** The name of a condition's function (a Truth3 of the fact vector `x`). */
  condition: (cond: ConditionSpec) => string;
  /** A string as a safe literal. */
  lit: (s: string) => string;
  /** Whether item i's compiled step 2 (`D<i>`) takes the fact vector. */
  readsFacts: (i: number) => boolean;
  /** Where the code notes the runtime names it uses (the module imports exactly those). */
  uses: Uses;
}

export function commonCode(spec: RuleSetSpec, { condition, lit, readsFacts, uses }: CommonCodeConfig): string[] {
  // With no earlier claims a limit is reached only if it allows none (the schema requires at least one).
  if (spec.items.flatMap(limitsOf).some((l) => l.times < 1 || (l.raised && l.raised.times < 1))) return [];
  for (const name of ['commonDay', 'NO_FACTS', 'FactVector', 'Claimable', 'Rejection'] as const) uses.add(name);
  const ids = new Map<string, { item: number; variant: number }>();
  spec.items.forEach((item, i) => {
    ids.set(item.id, { item: i, variant: -1 });
    item.variants.forEach((v, j) => ids.set(v.id, { item: i, variant: j }));
  });
  const claimants = claimantsOf(spec.items);
  const k = (i: number) => `k${i}`;
  // Whether the item or variant a relation names stands.
  const stands = (id: string) => {
    const at = ids.get(id)!;
    return at.variant < 0 ? `${k(at.item)} !== 0` : `${k(at.item)} >> 2 === ${at.variant + 1}`;
  };
  const relations = spec.relations.map((r, index) => ({ r, index, clash: `(${stands(r.a)} && ${stands(r.b)})` }));
  const excludes = relations.filter((x) => x.r.kind === 'excludes');
  const ends = new Set(excludes.flatMap(({ r }) => [ids.get(r.a)!.item, ids.get(r.b)!.item]));
  const handOver = [
    ...spec.items.flatMap((item, i) =>
      item.parent !== undefined || item.requires.length > 0 || limitsOf(item).some((l) => l.per === 'after-discharge-month')
        ? [`${k(i)} !== 0`]
        : [],
    ),
    ...relations.filter((x) => x.r.kind === 'overrides').map((x) => x.clash),
    ...(excludes.length > 1 ? [`${excludes.map((x) => `+${x.clash}`).join(' + ')} > 1`] : []),
  ];
  // The id or amount of a kept item, or of its picked variant (for a clash settled here).
  const kept = (i: number, field: 'id' | 'amount') => {
    const item = spec.items[i]!;
    if (item.variants.length === 0) return field === 'amount' ? String(item.amount) : lit(item[field]);
    return `V${i}[(${k(i)} >> 2) - 1]!.${field}`;
  };
  if (excludes.some(({ r }) => r.when)) uses.add('Truth3');
  if (handOver.length > 0) uses.add('settleCommon');
  // Laid out for its own line under a broken `if`, where it starts at column 4.
  const settle = listCode(
    'return settleCommon(rules, input, day, x, [',
    spec.items.map((_, i) => k(i)),
    ']);',
    4,
  ).trimStart();
  const lines: string[] = [
    '// Steps 1–2 of a common episode keep a decision only if the item applies (truth 1).',
    ...(spec.items.length > 0 ? ['const K = (d: number): number => ((d & 3) === 1 ? d : 0);'] : []),
    ...spec.items.flatMap((item, i) =>
      item.variants.length > 0
        ? [
            listCode(
              `const V${i}: readonly { id: string; name: string; amount: number }[] = [`,
              item.variants.map((v) => `{ id: ${lit(v.id)}, name: ${lit(v.name)}, amount: ${v.amount} }`),
              '];',
              0,
            ),
          ]
        : [],
    ),
    ...excludes.flatMap(({ r, index }) =>
      r.when
        ? [
            `const U${index} = (x: FactVector): string[] => {`,
            '  const u: string[] = [];',
            ...unknownFacts(spec, r.when.facts).map(({ slot, name }) => `  if (x[${slot}] === undefined) u.push(${lit(name)});`),
            '  return u;',
            '};',
          ]
        : [],
    ),
    '',
    '/** The evaluation of a common episode (no request, no earlier claims); undefined for any other input. */',
    'function common(input: EvaluateInput): EvaluateOutcome | undefined {',
    '  const day = commonDay(input);',
    '  if (day < 0) return undefined;',
    listCode(
      'const x: FactVector = [',
      spec.facts.slice(0, spec.slots).map((f) => (f.default === undefined ? 'undefined' : encoded(f, lit))),
      '];',
      2,
    ),
    '  if (!R(input.facts ?? NO_FACTS, x)) return undefined;',
    // A claimant no item names is an input error, which the engine reports.
    ...(claimants.length > 0
      ? [
          '  const c = input.claimant;',
          ...ifCode(['c !== undefined', ...claimants.map((c) => `c !== ${lit(c)}`)], '&&', 'return undefined;', 2),
        ]
      : ['  if (input.claimant !== undefined) return undefined;']),
    ...spec.items.map((item, i) => {
      const from = dayOf(item.effective.from);
      const to = item.effective.to === undefined ? undefined : dayOf(item.effective.to);
      const tests = [
        `day >= ${from}`,
        ...(to === undefined ? [] : [`day <= ${to}`]),
        ...(item.claimant === undefined ? [] : [`(c === undefined || c === ${lit(item.claimant)})`]),
      ];
      // Only the ends of an `excludes` relation can be dropped below.
      const binding = ends.has(i) ? 'let' : 'const';
      return `  ${binding} ${k(i)} = ${tests.join(' && ')} ? K(D${i}(${readsFacts(i) ? 'x' : ''})) : 0;`;
    }),
    ...(handOver.length > 0 ? ifCode(handOver, '||', settle, 2) : []),
    '  const rejected: Rejection[] = [];',
    ...excludes.flatMap(({ r, index, clash }) => {
      const a = ids.get(r.a)!.item;
      const b = ids.get(r.b)!.item;
      const yen = (i: number) => `${kept(i, 'amount')} * ${YEN_PER[spec.items[i]!.unit]}`;
      // Larger amount in yen first, ties to the earlier item: the engine's `keepsOver`.
      const tie = spec.items[a]!.order < spec.items[b]!.order;
      // The statements that drop the loser, at `indent`: its rejection and its decision set to 0.
      const reject = (loser: number, winner: number, indent: number): string[] => {
        const pad = ' '.repeat(indent);
        // A rejection statement starting at column `at`.
        const rejection = (parts: string[], at: number) => {
          const fields = [`id: ${lit(spec.items[loser]!.id)}`, ...variant(loser), ...parts, `source: rules.relations[${index}]!.source`];
          return `${' '.repeat(at)}rejected.push(${objectCode(fields, at, 'rejected.push('.length)});`;
        };
        const excluded = (at: number) => rejection(['reason: "excluded"', `by: ${kept(winner, 'id')}`], at);
        const drop = `${pad}${k(loser)} = 0;`;
        if (!r.when) return [excluded(indent), drop];
        const missing = rejection(['reason: "missing-facts"', `facts: U${index}(x)`], indent + 2);
        return [`${pad}if (t === 1) {`, excluded(indent + 2), `${pad}} else {`, missing, `${pad}}`, drop];
      };
      const variant = (loser: number) => (spec.items[loser]!.variants.length > 0 ? [`variant: ${kept(loser, 'id')}`] : []);
      // Two amounts fixed by the rules decide the winner here; a picked variant's amount decides at run time.
      const fixed = spec.items[a]!.variants.length === 0 && spec.items[b]!.variants.length === 0;
      const ya = spec.items[a]!.amount * YEN_PER[spec.items[a]!.unit];
      const yb = spec.items[b]!.amount * YEN_PER[spec.items[b]!.unit];
      const inner = r.when ? 6 : 4;
      const decided = fixed
        ? (ya !== yb ? ya > yb : tie)
          ? reject(b, a, inner)
          : reject(a, b, inner)
        : [
            `${' '.repeat(inner)}const ya = ${yen(a)};`,
            `${' '.repeat(inner)}const yb = ${yen(b)};`,
            `${' '.repeat(inner)}if (ya !== yb ? ya > yb : ${tie}) {`,
            ...reject(b, a, inner + 2),
            `${' '.repeat(inner)}} else {`,
            ...reject(a, b, inner + 2),
            `${' '.repeat(inner)}}`,
          ];
      if (!r.when) return [`  if ${clash} {`, ...decided, '  }'];
      return [`  if ${clash} {`, `    const t = ${condition(r.when)}(x);`, '    if (t !== 0) {', ...decided, '    }', '  }'];
    }),
    '  const claimable: Claimable[] = [];',
    '  let points = 0;',
    '  let units = 0;',
    '  let yen = 0;',
    ...spec.items.flatMap((item, i) => [
      `  if (${k(i)} !== 0) {`,
      ...(item.variants.length > 0
        ? [
            `    const v = V${i}[(${k(i)} >> 2) - 1]!;`,
            `    claimable.push({ id: v.id, name: v.name, amount: v.amount, unit: ${lit(item.unit)} });`,
            `    ${item.unit} += v.amount;`,
          ]
        : [
            `    claimable.push({ id: ${lit(item.id)}, name: ${lit(item.name)}, amount: ${item.amount}, unit: ${lit(item.unit)} });`,
            `    ${item.unit} += ${item.amount};`,
          ]),
      '  }',
    ]),
    `  return { revision: ${lit(spec.revision)}, date: input.date, claimable, rejected, withdraw: [], total: { points, units, yen } };`,
    '}',
  ];
  return lines;
}

/** The facts a condition reads, in the order the engine lists unknown ones (by name). */
function unknownFacts(spec: RuleSetSpec, facts: readonly number[]): { slot: number; name: string }[] {
  return [...new Set(facts)]
    .map((slot) => ({ slot, name: spec.facts[slot]!.name }))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** A default in the engine's form: sets as bit masks (member i ↔ bit i). */
function encoded(fact: RuleSetSpec['facts'][number], lit: (s: string) => string): string {
  const value = fact.default!;
  if (fact.type === 'set') return String((value as string[]).reduce((m, member) => m | (1 << fact.values!.indexOf(member)), 0));
  return typeof value === 'string' ? lit(value) : JSON.stringify(value);
}
