// The small, meaningful changes of a revision's rules that mutation testing tries: an atom of
// a condition dropped or negated, an integer bound moved by one, a relation's direction
// swapped, a relation or a requirement dropped, a relation's scope widened, a limit's count
// or period changed, a variant dropped, two variants' amounts swapped. Each is plain data
// (`Change`) applied to the revision's rule set, with the place the analyst wrote the part.
import { placeOf, type Atom, type Condition, type Group, type Negation } from '../model/condition';
import { OPERATOR } from '../model/operators';
import { itemIn, locAt, type ItemDef, type Loc, type Workspace } from '../model/workspace';
import { SCOPES, type Scope } from '../runtime/relations';
import type { Per } from '../runtime/types';
import { logicContext } from './logic/context';
import type { ConditionSpec, ItemSpec, LimitSpec, RelationSpec, RuleSetSpec } from './rule-set-spec';
import type { MessageRef } from './types';

/** The mutation operators, listed once: the texts are `mutation.<operator>`. */
export const MUTATION_OPERATORS = [
  'drop-atom',
  'negate-atom',
  'shift-bound',
  'swap-relation',
  'drop-relation',
  'widen-scope',
  'limit-count',
  'limit-period',
  'drop-variant',
  'swap-amounts',
] as const;
export type MutationOperator = (typeof MUTATION_OPERATORS)[number];

/** Which condition of the rule set a change rewrites. */
export type ConditionOwner = { kind: 'when'; id: string } | { kind: 'raised'; id: string } | { kind: 'relation'; index: number };

export type Change =
  | { kind: 'condition'; owner: ConditionOwner; before: Condition; after: Condition | undefined }
  | { kind: 'relation'; index: number; after: RelationSpec | undefined }
  | { kind: 'requires'; item: string; required: string }
  | { kind: 'limit'; owner: string; before: LimitSpec; after: LimitSpec }
  | { kind: 'drop-variant'; item: string; variant: string }
  | { kind: 'swap-amounts'; item: string; variants: [string, string] };

export interface Mutant {
  operator: MutationOperator;
  revision: string;
  change: Change;
  /** The item or variant the changed part belongs to (a relation's: the one that declares it). */
  item: ItemDef;
  loc: Loc;
  anchor: 'key' | 'value';
  /** What was changed, in the analyst's words. */
  description: MessageRef;
}

/** Every mutant of one revision's rules, in workspace order of the parts they change. */
export function mutantsOf(ws: Workspace, spec: RuleSetSpec): Mutant[] {
  const revision = spec.revision;
  const mutants: Mutant[] = [];
  const defOf = (id: string) => itemIn(ws, revision, id);
  const add = (m: Omit<Mutant, 'revision'>) => mutants.push({ ...m, revision });
  const range = new Map(spec.facts.map((f) => [f.name, f] as const));
  const sink: Sink = {
    add,
    inRange: (fact, value) => {
      const f = range.get(fact);
      return (f?.min === undefined || value >= f.min) && (f?.max === undefined || value <= f.max);
    },
  };
  for (const item of spec.items) {
    const def = defOf(item.id);
    if (!def) continue;
    conditionMutants(def, { kind: 'when', id: item.id }, item.when, def.when?.loc, sink);
    limitMutants(def, item.limit, sink);
    for (const variant of item.variants) {
      const vdef = defOf(variant.id);
      if (!vdef) continue;
      conditionMutants(vdef, { kind: 'when', id: variant.id }, variant.when, vdef.when?.loc, sink);
      limitMutants(vdef, variant.limit, sink);
    }
    for (const required of def.requires.filter((r) => item.requires.includes(r.id)))
      sink.add({
        operator: 'drop-relation',
        change: { kind: 'requires', item: item.id, required: required.id },
        item: def,
        loc: required.loc,
        anchor: 'value',
        description: { id: 'mutation.drop-requires', args: { item: item.id, required: required.id } },
      });
    variantMutants(item, def, defOf, sink);
  }
  relationMutants(ws, spec, sink);
  return mutants;
}

/** Applies a change to a rule set, leaving the original as it was. */
export function applyChange(spec: RuleSetSpec, change: Change): RuleSetSpec {
  const items = (map: (item: ItemSpec) => ItemSpec) => ({ ...spec, items: spec.items.map(map) });
  switch (change.kind) {
    case 'condition': {
      const { owner, after } = change;
      const written = (when: ConditionSpec | undefined): ConditionSpec | undefined => when && after && { cond: after, facts: when.facts };
      if (owner.kind === 'relation')
        return { ...spec, relations: spec.relations.map((r, i) => (i === owner.index ? withWhen(r, written(r.when)) : r)) };
      return items((item) => {
        const own = (target: { id: string; when?: ConditionSpec; limit?: LimitSpec }) => {
          if (target.id !== owner.id) return target;
          if (owner.kind === 'when') return withWhen(target, written(target.when));
          const limit = target.limit!;
          return {
            ...target,
            limit: { ...limit, raised: { times: limit.raised!.times, when: written(limit.raised!.when) ?? TRUE_CONDITION } },
          };
        };
        return { ...(own(item) as ItemSpec), variants: item.variants.map((v) => own(v) as ItemSpec['variants'][number]) };
      });
    }
    case 'relation':
      return {
        ...spec,
        relations: spec.relations.flatMap((r, i) => (i !== change.index ? [r] : change.after ? [change.after] : [])),
      };
    case 'requires':
      return items((item) => (item.id === change.item ? { ...item, requires: item.requires.filter((r) => r !== change.required) } : item));
    case 'limit':
      return items((item) => ({
        ...(item.id === change.owner ? { ...item, limit: change.after } : item),
        variants: item.variants.map((v) => (v.id === change.owner ? { ...v, limit: change.after } : v)),
      }));
    case 'drop-variant':
      return items((item) =>
        item.id === change.item ? { ...item, variants: item.variants.filter((v) => v.id !== change.variant) } : item,
      );
    case 'swap-amounts':
      return items((item) => {
        if (item.id !== change.item) return item;
        const [a, b] = change.variants.map((id) => item.variants.find((v) => v.id === id)!);
        return {
          ...item,
          variants: item.variants.map((v) => (v === a ? { ...v, amount: b!.amount } : v === b ? { ...v, amount: a!.amount } : v)),
        };
      });
  }
}

/** A condition that always holds (an `all` of nothing), for a raised limit whose only atom is dropped. */
const TRUE_CONDITION: ConditionSpec = { cond: { kind: 'all', parts: [], wellFormed: true, at: '' }, facts: [] };

function withWhen<T extends { when?: ConditionSpec }>(target: T, when: ConditionSpec | undefined): T {
  const { when: _dropped, ...rest } = target;
  return (when ? { ...rest, when } : rest) as T;
}

type Add = (m: Omit<Mutant, 'revision'>) => void;

/** Where mutants go, and whether a value is one an integer fact can take (a bound is not moved past it). */
interface Sink {
  add: Add;
  inRange: (fact: string, value: number) => boolean;
}

/** Drop, negate and (integer bounds) shift each atom of a condition. */
function conditionMutants(def: ItemDef, owner: ConditionOwner, when: ConditionSpec | undefined, at: Loc | undefined, sink: Sink): void {
  if (!when || !at) return;
  const root = when.cond;
  const where = owner.kind === 'when' ? 'when' : owner.kind;
  forEachPlacedAtom(root, (atom, parent) => {
    // The fact's name is where the atom is pointed at; a shifted bound at its value.
    const written = placeOf(at, atom);
    const loc = locAt(written, 'fact');
    const args = { item: def.id, atom: atomText(atom), where: { terms: [`where.${where}`] } };
    const change = (after: Condition | undefined): Change => ({ kind: 'condition', owner, before: root, after });
    const atomChange = (operator: 'drop-atom' | 'negate-atom', after: Condition | undefined) =>
      sink.add({
        operator,
        change: change(replaceNode(root, atom, after)),
        item: def,
        loc,
        anchor: 'value',
        description: { id: `mutation.${operator}`, args },
      });
    // An atom alone in its group (or under `not`) is not dropped: the group would say something else than "without it".
    if (parent === undefined || (parent.kind !== 'not' && parent.parts.length > 1)) atomChange('drop-atom', undefined);
    atomChange('negate-atom', { kind: 'not', part: atom, wellFormed: true, at: atom.at });
    const op = atom.op === undefined ? undefined : OPERATOR.get(atom.op);
    const numeric =
      typeof atom.value === 'number' && op !== undefined && (op.meaning.kind === 'bounds' || op.name === 'is' || op.name === 'is-not');
    if (numeric && op.operand !== 'fact')
      for (const delta of [-1, 1]) {
        const value = (atom.value as number) + delta;
        if ((op.operand === 'count' && value < 0) || (op.operand !== 'count' && !sink.inRange(atom.fact, value))) continue;
        const shifted: Atom = { ...atom, value };
        sink.add({
          operator: 'shift-bound',
          change: change(replaceNode(root, atom, shifted)),
          item: def,
          loc: locAt(written, atom.op!),
          anchor: 'value',
          description: { id: 'mutation.shift-bound', args: { ...args, value } },
        });
      }
  });
}

/** Every well-formed atom of a condition with the node it sits in (none for the root). */
function forEachPlacedAtom(root: Condition, visit: (atom: Atom, parent: Group | Negation | undefined) => void): void {
  const walk = (node: Condition, parent: Group | Negation | undefined) => {
    if (node.kind === 'atom') {
      if (node.wellFormed) visit(node, parent);
    } else if (node.kind === 'not') walk(node.part, node);
    else if (node.kind !== 'malformed') for (const part of node.parts) walk(part, node);
  };
  walk(root, undefined);
}

/** The condition with one node replaced (or removed from its group); the tree is copied along the path only. */
function replaceNode(node: Condition, target: Condition, by: Condition | undefined): Condition | undefined {
  if (node === target) return by;
  switch (node.kind) {
    case 'not': {
      const part = replaceNode(node.part, target, by);
      return part === node.part ? node : part && { ...node, part };
    }
    case 'all':
    case 'any': {
      const parts = node.parts.flatMap((p) => {
        const next = replaceNode(p, target, by);
        return next ? [next] : [];
      });
      return parts.length === node.parts.length && parts.every((p, i) => p === node.parts[i]) ? node : { ...node, parts };
    }
    default:
      return node;
  }
}

/** An atom as written in a rule file: `{ fact: …, is: … }`. */
function atomText(atom: Atom): string {
  return `{ fact: ${atom.fact}, ${atom.op}: ${JSON.stringify(atom.value).replace(/"/g, '').replace(/,/g, ', ')} }`;
}

/** The periods a limit can be moved between, narrowest first. */
const PERIODS: readonly Per[] = ['day', 'month', 'admission'];

function limitMutants(def: ItemDef, limit: LimitSpec | undefined, sink: Sink): void {
  // A limit per claim counts no earlier claims: the engine never refuses by it, so no change of it could tell.
  if (!limit || !def.limit || limit.per === 'claim') return;
  const loc = def.limit.loc;
  const change = (after: LimitSpec): Change => ({ kind: 'limit', owner: def.id, before: limit, after });
  for (const times of [limit.times - 1, limit.times + 1].filter((t) => t >= 1))
    sink.add({
      operator: 'limit-count',
      change: change({ ...limit, times }),
      item: def,
      loc: locAt(loc, 'times'),
      anchor: 'value',
      description: { id: 'mutation.limit-count', args: { item: def.id, from: limit.times, to: times } },
    });
  const at = PERIODS.indexOf(limit.per);
  for (const per of at < 0 ? [] : [PERIODS[at - 1], PERIODS[at + 1]].filter((p): p is Per => p !== undefined))
    sink.add({
      operator: 'limit-period',
      change: change({ ...limit, per }),
      item: def,
      loc: locAt(loc, 'per'),
      anchor: 'value',
      description: {
        id: 'mutation.limit-period',
        args: { item: def.id, from: { terms: [`per.${limit.per}`] }, to: { terms: [`per.${per}`] } },
      },
    });
  const raised = limit.raised;
  if (!raised || !def.limit.raised) return;
  for (const times of [raised.times - 1, raised.times + 1].filter((t) => t >= 1))
    sink.add({
      operator: 'limit-count',
      change: change({ ...limit, raised: { ...raised, times } }),
      item: def,
      loc: locAt(loc, 'raised', 'times'),
      anchor: 'value',
      description: { id: 'mutation.limit-raised-count', args: { item: def.id, from: raised.times, to: times } },
    });
  conditionMutants(def, { kind: 'raised', id: def.id }, raised.when, def.limit.raised.when.loc, sink);
}

function variantMutants(item: ItemSpec, def: ItemDef, defOf: (id: string) => ItemDef | undefined, sink: Sink): void {
  if (item.variants.length < 2) return;
  item.variants.forEach((variant, i) => {
    const vdef = defOf(variant.id);
    if (!vdef) return;
    sink.add({
      operator: 'drop-variant',
      change: { kind: 'drop-variant', item: item.id, variant: variant.id },
      item: vdef,
      loc: locAt(vdef.loc, 'id'),
      anchor: 'value',
      description: { id: 'mutation.drop-variant', args: { item: def.id, variant: variant.id } },
    });
    const next = item.variants[i + 1];
    if (next && next.amount !== variant.amount && vdef.amount)
      sink.add({
        operator: 'swap-amounts',
        change: { kind: 'swap-amounts', item: item.id, variants: [variant.id, next.id] },
        item: vdef,
        loc: vdef.amount.loc,
        anchor: 'value',
        description: { id: 'mutation.swap-amounts', args: { a: variant.id, b: next.id } },
      });
  });
}

/** Swap (overrides), drop and widen each relation, and mutate its condition. */
function relationMutants(ws: Workspace, spec: RuleSetSpec, sink: Sink): void {
  const sites = logicContext(ws)
    .relations()
    .filter((g) => g.revision === spec.revision)
    .flatMap((g) => g.relations.map((r) => ({ r, site: g.sites[r.declarations[0]!]! })));
  spec.relations.forEach((relation, index) => {
    const found = sites.find(({ r }) => r.a === relation.a && r.b === relation.b && r.kind === relation.kind);
    if (!found) return;
    const { item, loc } = found.site;
    const args = { a: relation.a, b: relation.b, kind: { terms: [`relation.${relation.kind}`] } };
    const at = { item, loc, anchor: 'value' as const };
    if (relation.kind === 'overrides')
      sink.add({
        operator: 'swap-relation',
        change: { kind: 'relation', index, after: { ...relation, a: relation.b, b: relation.a } },
        ...at,
        description: { id: 'mutation.swap-relation', args },
      });
    sink.add({
      operator: 'drop-relation',
      change: { kind: 'relation', index, after: undefined },
      ...at,
      description: { id: 'mutation.drop-relation', args },
    });
    const wider: Scope | undefined = SCOPES[SCOPES.indexOf(relation.scope) + 1];
    if (wider)
      sink.add({
        operator: 'widen-scope',
        change: { kind: 'relation', index, after: { ...relation, scope: wider } },
        ...at,
        description: {
          id: 'mutation.widen-scope',
          args: { ...args, from: { terms: [`scope.${relation.scope}`] }, to: { terms: [`scope.${wider}`] } },
        },
      });
    const when = found.r.when;
    const whenLoc = item.relations.find((d) => d.when?.cond === when)?.when?.loc;
    if (relation.when && whenLoc) conditionMutants(item, { kind: 'relation', index }, relation.when, whenLoc, sink);
  });
}
