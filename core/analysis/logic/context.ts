// What the condition analyses share for one workspace, computed once: the vocabulary, the
// formula under which each item and variant applies (its own `when`, its item's, its
// parents'), the settled relations between items, and a solver call with the budget.
import type { Condition } from '../../model/condition';
import { relate, type Conflict, type Declaration, type Relation } from '../../runtime/relations';
import { itemIn, itemsById, type ItemDef, type Loc, type Workspace } from '../../model/workspace';
import { focusedItems, type Focus } from '../focus';
import { and, conjunctionKey, conjunctsOf, formulaKey, not, TRUE, type Conjuncts, type Formula } from './formula';
import { solve, type SolveResult } from './solver';
import { STRICT, toFormula, vocabularyOf, type Vocabulary } from './vocabulary';
import { onPhase } from '../../model/phases';

export interface DeclarationSite {
  declaration: Declaration;
  item: ItemDef;
  loc: Loc;
}

/** A formula, or a list of formulas that stands for their conjunction. */
export type Question = Formula | readonly Formula[];

export interface RevisionRelations {
  revision: string | undefined;
  sites: DeclarationSite[];
  relations: Relation[];
  conflicts: Conflict[];
}

export interface LogicContext {
  ws: Workspace;
  vocab: Vocabulary;
  /** The formula of a written condition; undefined when it cannot be analysed. */
  formula(when: Condition): Formula | undefined;
  /** The item's own `when` (TRUE when absent); undefined when it cannot be analysed. */
  own(item: ItemDef): Formula | undefined;
  /** When the item or variant applies: own `when`, its item's, and every parent's. */
  applies(item: ItemDef): Formula | undefined;
  /** When a variant is the one picked (for `pick: first`, no earlier variant applies). */
  picked(variant: ItemDef): Formula | undefined;
  /** The first definition of an id in a revision. */
  lookup(revision: string | undefined, id: string): ItemDef | undefined;
  /**
   * The settled relations per revision. With a focus: those of every pair declared in the
   * focused files (with all its declarations, wherever they are), and, when one of them is an
   * `overrides`, every pair that declares one (cycles run through other files).
   */
  relations(focus?: Focus): RevisionRelations[];
  /** Decides a formula, or the conjunction of a list of formulas (asked without building it when the answer is known). */
  solve(question: Question): SolveResult;
  /** Satisfiability only: stops at the first witness. */
  decide(question: Question): SolveResult['status'];
  /** Whether the world constraints can hold at all (if not, other analyses are moot). */
  constraintsHold(): boolean;
  /**
   * A store that outlives this analysis as long as the facts and constraints stay the same (as
   * the solver's answers do), by name: for what is worked out from definitions and formulas,
   * which the next analysis after an edit mostly shares.
   */
  lasting<T extends object>(name: string, create: () => T): T;
}

/** The reasoning phase of a workspace, built once per workspace model. */
export const logicContext = onPhase({ phase: 'modelled', keeps: 'the logic context' }, (ws: Workspace): LogicContext => {
  const vocab = vocabularyOf(ws);
  const ownCache = new Map<ItemDef, Formula | undefined>();
  const appliesCache = new Map<ItemDef, Formula | undefined>();
  const lookup = (revision: string | undefined, id: string) => itemIn(ws, revision, id);
  const { answers, decisions, formulas, conjunctions, negations, partIds, stores } = answersFor(vocab);
  const partId = (key: string): number => {
    let id = partIds.get(key);
    if (id === undefined) partIds.set(key, (id = partIds.size));
    return id;
  };
  // Built from the same parts, a conjunction is the same object from one analysis to the
  // next, so its key (and the answer under it) is found without being computed again.
  const conj = (parts: Formula[]): Formula => {
    let node = conjunctions;
    for (const part of parts) {
      let next = node.next.get(part);
      if (!next) node.next.set(part, (next = { next: new WeakMap() }));
      node = next;
    }
    return (node.formula ??= and(...parts));
  };
  const negation = (formula: Formula): Formula => {
    let negated = negations.get(formula);
    if (!negated) negations.set(formula, (negated = not(formula, vocab)));
    return negated;
  };
  const own = (item: ItemDef): Formula | undefined => {
    if (!ownCache.has(item)) ownCache.set(item, item.when ? formulaOf(item.when.cond) : TRUE);
    return ownCache.get(item);
  };
  // A condition the parser reused (its item's text did not change) has the same tree, and
  // keeps its formula and the formula's key: an edit translates only the conditions it touched.
  const formulaOf = (when: Condition): Formula | undefined => {
    if (!formulas.has(when)) formulas.set(when, toFormula(vocab, when, STRICT));
    return formulas.get(when);
  };
  const applies = (item: ItemDef, visiting: Set<ItemDef> = new Set()): Formula | undefined => {
    if (appliesCache.has(item)) return appliesCache.get(item);
    if (visiting.has(item)) return undefined; // addition cycles are reported elsewhere
    visiting.add(item);
    const parts: (Formula | undefined)[] = [own(item)];
    if (item.owner) parts.push(applies(item.owner, visiting));
    const parent = item.parent && lookup(item.tariff.revision, item.parent.id);
    if (parent) parts.push(applies(parent, visiting));
    const formula = parts.every((p) => p !== undefined) ? conj(parts as Formula[]) : undefined;
    appliesCache.set(item, formula);
    return formula;
  };
  const picked = (variant: ItemDef): Formula | undefined => {
    const base = applies(variant);
    const owner = variant.owner;
    if (!base || !owner || owner.pick !== 'first') return base;
    const earlier = owner.variants.slice(0, owner.variants.indexOf(variant)).map(own);
    if (earlier.some((f) => f === undefined)) return undefined;
    return conj([base, ...earlier.map((f) => negation(f!))]);
  };
  // The same question (up to the order of parts) is asked often — many items share
  // conditions, most exclusions are between unconditional items — so answers are memoised.
  const conjuncts = new Map<Formula, Conjuncts>();
  const conjunctsFor = (formula: Formula): Conjuncts => {
    let known = conjuncts.get(formula);
    if (!known) conjuncts.set(formula, (known = conjunctsOf(formula, partId)));
    return known;
  };
  // A formula the analyses keep (an item's, a variant's) keeps its key too; a conjunction asked about once is asked as a list.
  const keyOf = (question: Question): string => (isList(question) ? conjunctionKey(question.map(conjunctsFor)) : formulaKey(question));
  const asFormula = (question: Question): Formula => (isList(question) ? and(...question) : question);
  const memoSolve = (question: Question): SolveResult => {
    const key = keyOf(question);
    let result = answers.get(key);
    if (!result) answers.set(key, (result = solve(vocab, asFormula(question))));
    return result;
  };
  const memoDecide = (question: Question): SolveResult['status'] => {
    const key = keyOf(question);
    const known = answers.get(key)?.status ?? decisions.get(key);
    if (known) return known;
    const status = solve(vocab, asFormula(question), { anyWitness: true }).status;
    decisions.set(key, status);
    return status;
  };
  let relationCache: RevisionRelations[] | undefined;
  const focusedCache = new WeakMap<Focus, RevisionRelations[]>();
  let constraints: boolean | undefined;
  const context: LogicContext = {
    ws,
    vocab,
    formula: formulaOf,
    own,
    applies: (item) => applies(item),
    picked,
    lookup,
    relations: (focus) => {
      if (!focus) return (relationCache ??= collectRelations(ws.items));
      let focused = focusedCache.get(focus);
      if (!focused) focusedCache.set(focus, (focused = relationCache ?? focusedRelations(ws, focus)));
      return focused;
    },
    solve: memoSolve,
    decide: memoDecide,
    lasting: <T extends object>(name: string, create: () => T): T => {
      let store = stores.get(name) as T | undefined;
      if (!store) stores.set(name, (store = create()));
      return store;
    },
    constraintsHold: () =>
      (constraints ??= solve(vocab, vocab.constraints, { withoutConstraints: true, anyWitness: true }).status !== 'unsat'),
  };
  return context;
});

function isList(question: Question): question is readonly Formula[] {
  return Array.isArray(question);
}

/**
 * Answers outlive one analysis: as long as the facts and constraints are the same, a
 * formula's answer is the same, so the language server re-solves only what an edit changed.
 * Kept for the few most recent vocabularies.
 */
interface VocabularyMemory {
  answers: Map<string, SolveResult>;
  /** The numbers `conjunctionKey` writes for the keys of parts; forgotten only with the answers. */
  partIds: Map<string, number>;
  decisions: Map<string, SolveResult['status']>;
  /** Per written condition (the parser's object): its formula. */
  formulas: WeakMap<object, Formula | undefined>;
  /** Conjunctions by their parts, as a trie over part identities; negations by formula. */
  conjunctions: ConjunctionNode;
  negations: WeakMap<Formula, Formula>;
  /** What `LogicContext.lasting` keeps, by name. */
  stores: Map<string, object>;
}

interface ConjunctionNode {
  next: WeakMap<Formula, ConjunctionNode>;
  formula?: Formula;
}

const memory = new Map<string, VocabularyMemory>();

function answersFor(vocab: Vocabulary) {
  const fingerprint = JSON.stringify([vocab.facts, formulaKey(vocab.constraints)], (_key, value: unknown) =>
    typeof value === 'bigint' ? value.toString() : value === Infinity ? 'inf' : value === -Infinity ? '-inf' : value,
  );
  let entry = memory.get(fingerprint);
  if (entry) {
    memory.delete(fingerprint);
  } else {
    entry = {
      answers: new Map(),
      partIds: new Map(),
      decisions: new Map(),
      formulas: new WeakMap(),
      conjunctions: { next: new WeakMap() },
      negations: new WeakMap(),
      stores: new Map(),
    };
    if (memory.size >= 4) memory.delete(memory.keys().next().value!);
  }
  memory.set(fingerprint, entry);
  // A long editing session asks many one-off questions: start afresh rather than grow without bound.
  if (entry.answers.size + entry.decisions.size > 500_000) (entry.answers.clear(), entry.decisions.clear(), entry.partIds.clear());
  return entry;
}

/** Every declaration of the items and variants (in workspace order), grouped by revision, settled by `relate`. */
function collectRelations(
  items: readonly ItemDef[],
  wanted?: (revision: string | undefined, a: string, b: string) => boolean,
): RevisionRelations[] {
  const byRevision = new Map<string | undefined, DeclarationSite[]>();
  for (const item of items) {
    const revision = item.tariff.revision;
    const sites = byRevision.get(revision) ?? [];
    byRevision.set(revision, sites);
    for (const { kind, to, scope, when, loc } of item.relations) {
      if (wanted && !wanted(revision, item.id, to)) continue;
      sites.push({ declaration: { from: item.id, to, kind, scope, ...(when ? { when: when.cond } : {}) }, item, loc });
    }
    for (const { id, loc } of item.combinable) {
      if (wanted && !wanted(revision, item.id, id)) continue;
      sites.push({ declaration: { from: item.id, to: id, kind: 'combinable', scope: 'claim' }, item, loc });
    }
  }
  return [...byRevision].map(([revision, sites]) => ({ revision, sites, ...relate(sites.map((s) => s.declaration)) }));
}

/** The relations of the pairs declared in the focused files (see `LogicContext.relations`). */
function focusedRelations(ws: Workspace, focus: Focus): RevisionRelations[] {
  // Pairs by revision, each pair under both its ids.
  const pairs = new Map<string | undefined, Map<string, Set<string>>>();
  const add = (revision: string | undefined, a: string, b: string) => {
    let byId = pairs.get(revision);
    if (!byId) pairs.set(revision, (byId = new Map()));
    for (const [x, y] of [
      [a, b],
      [b, a],
    ] as const) {
      const set = byId.get(x);
      if (set) set.add(y);
      else byId.set(x, new Set([y]));
    }
  };
  const declaredPairs = (items: readonly ItemDef[], which: (kind: string) => boolean) => {
    for (const item of items) {
      for (const { kind, to } of item.relations) if (which(kind)) add(item.tariff.revision, item.id, to);
      if (which('combinable')) for (const { id } of item.combinable) add(item.tariff.revision, item.id, id);
    }
  };
  declaredPairs(focusedItems(ws, focus), () => true);
  const wanted = (revision: string | undefined, a: string, b: string) => pairs.get(revision)?.get(a)?.has(b) ?? false;
  const settled = collectRelations(involvedItems(ws, pairs), wanted);
  if (!settled.some(({ relations }) => relations.some((r) => r.kind === 'overrides'))) return settled;
  declaredPairs(ws.items, (kind) => kind === 'overrides');
  return collectRelations(involvedItems(ws, pairs), wanted);
}

/** The items and variants with an id that some pair names, in workspace order. */
function involvedItems(ws: Workspace, pairs: Map<string | undefined, Map<string, Set<string>>>): ItemDef[] {
  const byId = itemsById(ws);
  const items: ItemDef[] = [];
  for (const [revision, ids] of pairs)
    for (const id of ids.keys()) for (const item of byId.get(id) ?? []) if (item.tariff.revision === revision) items.push(item);
  return items.sort((a, b) => a.order - b.order);
}
