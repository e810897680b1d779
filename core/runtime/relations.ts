// The exclusivity model, one implementation for the rules core and the analysis: how the
// `excludes`, `overrides` and `combinable` declarations of both sides of a pair combine into
// one relation, which declarations contradict each other, and who wins an `excludes` clash.

import type { Condition } from '../model/condition';

export type RelationKind = 'excludes' | 'overrides' | 'combinable';
/** The spans a relation applies within, narrowest first; test/operators.test.ts holds the schema's list to this one. */
export const SCOPES = ['claim', 'day', 'month', 'admission'] as const;
export type Scope = (typeof SCOPES)[number];

/** One declaration as written on item (or variant) `from` about `to`. */
export interface Declaration {
  from: string;
  to: string;
  kind: RelationKind;
  scope: Scope;
  /** The condition under which the relation holds; undefined means always. */
  when?: Condition;
}

/** A settled relation: for `overrides`, `a` wins over `b`; for `excludes`, the larger amount wins. */
export interface Relation {
  kind: 'excludes' | 'overrides';
  a: string;
  b: string;
  scope: Scope;
  when?: Condition;
  /** Indices of the declarations that make this relation. */
  declarations: number[];
}

export type ConflictKind = 'kind' | 'scope' | 'condition' | 'combinable' | 'cycle';

export interface Conflict {
  kind: ConflictKind;
  /** Indices of the declarations involved, in input order. */
  declarations: number[];
  /** For cycles: the ids around the cycle, starting and ending with the same id. */
  cycle?: string[];
}

/**
 * Combines declarations (in workspace order) into relations. A pair declared on both sides
 * must say the same (kind, direction of overrides, scope, condition); where declarations
 * disagree, the first one is used and the disagreement is reported as a conflict.
 */
export function relate(declarations: readonly Declaration[]): { relations: Relation[]; conflicts: Conflict[] } {
  // The declarations of each unordered pair, the pairs in the order first declared; looked up
  // by one id and then the other, so that no key is built per declaration.
  const byPair = new Map<string, Map<string, number[]>>();
  const groups: number[][] = [];
  declarations.forEach((d, i) => {
    const [low, high] = d.from < d.to ? [d.from, d.to] : [d.to, d.from];
    let withLow = byPair.get(low);
    if (!withLow) byPair.set(low, (withLow = new Map()));
    const group = withLow.get(high);
    if (group) group.push(i);
    else {
      const created = [i];
      withLow.set(high, created);
      groups.push(created);
    }
  });
  const relations: Relation[] = [];
  const conflicts: Conflict[] = [];
  for (const group of groups) {
    // Most pairs are declared once: nothing to reconcile.
    if (group.length === 1) {
      const only = declarations[group[0]!]!;
      if (only.kind !== 'combinable') relations.push(relationOf(only, group));
      continue;
    }
    const list = group.map((i) => declarations[i]!);
    const clashing = list.filter((d) => d.kind !== 'combinable');
    if (clashing.length === 0) continue;
    if (clashing.length < list.length) conflicts.push({ kind: 'combinable', declarations: group });
    const first = clashing[0]!;
    const indices = group.filter((i) => declarations[i]!.kind !== 'combinable');
    const conflict = disagreement(clashing);
    if (conflict)
      conflicts.push({
        kind: conflict,
        declarations: indices,
        ...(conflict === 'cycle' ? { cycle: [first.from, first.to, first.from] } : {}),
      });
    relations.push(relationOf(first, indices));
  }
  conflicts.push(...overrideCycles(relations));
  return { relations, conflicts };
}

/** The relation a declaration settles, with the indices of the declarations that state it. */
function relationOf(first: Declaration, declarations: number[]): Relation {
  return {
    kind: first.kind as 'excludes' | 'overrides',
    a: first.from,
    b: first.to,
    scope: first.scope,
    ...(first.when !== undefined ? { when: first.when } : {}),
    declarations,
  };
}

/** What an `excludes` clash compares: the amount in yen (10 yen per point and per unit), then workspace order. */
export interface Contender {
  yen: number;
  order: number;
}

/** True when `a` is kept over `b` in an `excludes` clash: larger amount, ties to the earlier. */
export function keepsOver(a: Contender, b: Contender): boolean {
  return a.yen !== b.yen ? a.yen > b.yen : a.order < b.order;
}

/** Yen per amount unit, for comparing points, units and yen. */
export const YEN_PER: Readonly<Record<'points' | 'units' | 'yen', number>> = { points: 10, units: 10, yen: 1 };

function disagreement(list: readonly Declaration[]): ConflictKind | undefined {
  const first = list[0]!;
  for (const d of list.slice(1)) {
    if (d.kind !== first.kind) return 'kind';
    if (d.kind === 'overrides' && d.from !== first.from) return 'cycle';
    if (d.scope !== first.scope) return 'scope';
    if (canonical(d.when) !== canonical(first.when)) return 'condition';
  }
  return undefined;
}

/**
 * Override cycles of three or more items (two-item cycles are found per pair): each strongly
 * connected group of the overrides graph (Tarjan, linear time) is reported once, with one
 * cycle through it as the example.
 */
function overrideCycles(relations: readonly Relation[]): Conflict[] {
  const edges = new Map<string, Relation[]>();
  for (const r of relations) {
    if (r.kind !== 'overrides') continue;
    const list = edges.get(r.a);
    if (list) list.push(r);
    else edges.set(r.a, [r]);
  }
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const conflicts: Conflict[] = [];
  let counter = 0;
  for (const root of edges.keys()) {
    if (index.has(root)) continue;
    const work: { id: string; next: number }[] = [{ id: root, next: 0 }];
    index.set(root, counter);
    low.set(root, counter++);
    stack.push(root);
    onStack.add(root);
    while (work.length > 0) {
      const frame = work[work.length - 1]!;
      const out = edges.get(frame.id) ?? [];
      if (frame.next < out.length) {
        const to = out[frame.next++]!.b;
        if (!index.has(to)) {
          index.set(to, counter);
          low.set(to, counter++);
          stack.push(to);
          onStack.add(to);
          work.push({ id: to, next: 0 });
        } else if (onStack.has(to)) {
          low.set(frame.id, Math.min(low.get(frame.id)!, index.get(to)!));
        }
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent) low.set(parent.id, Math.min(low.get(parent.id)!, low.get(frame.id)!));
      if (low.get(frame.id) !== index.get(frame.id)) continue;
      const members: string[] = [];
      let member: string;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        members.push(member);
      } while (member !== frame.id);
      if (members.length >= 3) conflicts.push(cycleConflict(new Set(members), edges));
    }
  }
  return conflicts;
}

function cycleConflict(members: Set<string>, edges: Map<string, Relation[]>): Conflict {
  const inside = [...members].flatMap((id) => (edges.get(id) ?? []).filter((r) => members.has(r.b)));
  // One cycle as the example: walk from the smallest id until an id repeats.
  const start = [...members].sort()[0]!;
  const path = [start];
  const seen = new Map([[start, 0]]);
  for (let id = start; ;) {
    id = (edges.get(id) ?? [])
      .filter((r) => members.has(r.b))
      .map((r) => r.b)
      .sort()[0]!;
    const at = seen.get(id);
    path.push(id);
    if (at !== undefined)
      return { kind: 'cycle', declarations: inside.flatMap((r) => r.declarations).sort((a, b) => a - b), cycle: path.slice(at) };
    seen.set(id, path.length - 1);
  }
}

/** A stable text for comparing conditions: keys sorted at every level. */
export function canonical(value: unknown): string {
  if (value === undefined) return '';
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}
