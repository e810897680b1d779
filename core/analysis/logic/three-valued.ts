// Conditions as the rules core evaluates them, in three values: true, false, and unknown when a
// fact it needs is not given. The decision procedure is two-valued, so each fact gets a
// companion yes/no fact "given" (a fact with a default is always given), and a condition
// becomes two formulas — where it is definitely true and where it is definitely false — over
// the facts and their companions. Two conditions give the same results in every episode
// exactly when both pairs of formulas agree.
import type { Condition } from '../../model/condition';
import type { Workspace } from '../../model/workspace';
import { and, not, or, TRUE, xor, type Formula } from './formula';
import { solve } from './solver';
import { factsOf, STRICT, toFormula, type FactInfo, type Vocabulary } from './vocabulary';

/** The vocabulary with a "given" fact beside each fact, and how to say that a fact is given. */
export interface GivenVocabulary {
  vocab: Vocabulary;
  given(f: number): Formula;
}

export function givenVocabulary(ws: Workspace, vocab: Vocabulary): GivenVocabulary {
  const n = vocab.facts.length;
  const companions: FactInfo[] = vocab.facts.map((f, i) => ({
    name: `given:${f.name}`,
    index: n + i,
    type: 'boolean',
    values: [false, true],
    min: 0,
    max: 0,
  }));
  const facts = [...vocab.facts, ...companions];
  const byName = new Map([...vocab.byName, ...companions.map((c) => [c.name, c] as const)]);
  const defaulted = new Set(vocab.facts.filter((f) => ws.facts.get(f.name)?.[0]?.default !== undefined).map((f) => f.index));
  return {
    vocab: { ...vocab, facts, byName },
    // A boolean literal is a mask over [false, true]: 2 is true.
    given: (f) => (defaulted.has(f) ? TRUE : { k: 'enum', f: n + f, mask: 2n }),
  };
}

/** Where a condition is definitely true and definitely false; undefined when a part cannot be analysed. */
export function truthOf(g: GivenVocabulary, cond: Condition | undefined): { yes: Formula; no: Formula } | undefined {
  if (cond === undefined) return { yes: TRUE, no: not(TRUE, g.vocab) };
  switch (cond.kind) {
    case 'atom': {
      const base = toFormula(g.vocab, cond, STRICT);
      if (!base) return undefined;
      const known = and(...[...factsOf(base)].map(g.given));
      return { yes: and(known, base), no: and(known, not(base, g.vocab)) };
    }
    case 'not': {
      const inner = cond.wellFormed ? truthOf(g, cond.part) : undefined;
      return inner && { yes: inner.no, no: inner.yes };
    }
    case 'all':
    case 'any': {
      if (!cond.wellFormed) return undefined;
      const parts = cond.parts.map((p) => truthOf(g, p));
      if (parts.some((p) => p === undefined)) return undefined;
      const yes = parts.map((p) => p!.yes);
      const no = parts.map((p) => p!.no);
      return cond.kind === 'all' ? { yes: and(...yes), no: or(...no) } : { yes: or(...yes), no: and(...no) };
    }
    case 'malformed':
      return undefined;
  }
}

/**
 * Whether two conditions give the same truth in every episode where `within` holds (formulas
 * over the given vocabulary), unknown facts included. False when the search stops at its budget.
 */
export function sameInThreeValues(
  g: GivenVocabulary,
  a: Condition | undefined,
  b: Condition | undefined,
  within: readonly Formula[],
): boolean {
  const [x, y] = [truthOf(g, a), truthOf(g, b)];
  if (!x || !y) return false;
  return [xor(x.yes, y.yes, g.vocab), xor(x.no, y.no, g.vocab)].every(
    (d) => solve(g.vocab, and(...within, d), { anyWitness: true }).status === 'unsat',
  );
}
