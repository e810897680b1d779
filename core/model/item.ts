// What an item or variant says, read once from its YAML into typed parts: its parent, the
// items it requires or combines with, its relations with their scope and condition, its
// variant pick, limit, amount, effective dates, abolition, claimant and citation. Whatever
// does not have the right shape is left out here (the schema check reports it), so every
// reader downstream sees only well-typed values.
import { conditionOf, type Condition } from './condition';
import { SCOPES, type RelationKind, type Scope } from '../runtime/relations';
import type { Per, Source } from '../runtime/types';
import { AMOUNT_FIELD, type Scheme } from '../analysis/types';
import { asArray, asRecord, asString, locAt, type Loc } from './read';

/** A written condition and where it is written (its nodes' `at` are relative to `loc`). */
export interface ConditionAt {
  cond: Condition;
  loc: Loc;
}

/** An item id written in another item, and where. */
export interface Ref {
  id: string;
  loc: Loc;
}

/** One `excludes` or `overrides` entry: a bare id, or a mapping with `id`, `scope` and `when`. */
export interface RelationDef {
  kind: Exclude<RelationKind, 'combinable'>;
  to: string;
  scope: Scope;
  when: ConditionAt | undefined;
  /** The entry. */
  loc: Loc;
  /** The id in the entry. */
  idLoc: Loc;
}

export interface LimitDef {
  times: number;
  per: Per;
  raised: { times: number; when: ConditionAt } | undefined;
  loc: Loc;
}

export interface AmountDef {
  value: number;
  unit: (typeof AMOUNT_FIELD)[Scheme];
  loc: Loc;
}

/** The typed parts of an item or variant (own values only; a variant shares its item's through `topItem`). */
export interface ItemParts {
  /** `addition-to`. */
  parent: Ref | undefined;
  requires: Ref[];
  combinable: Ref[];
  relations: RelationDef[];
  when: ConditionAt | undefined;
  /**
   * Every condition written on the item, in document order (its `when`, its raised limit's,
   * its relations'), also those whose surroundings are incomplete: the fact checks read them all.
   */
  conditions: ConditionAt[];
  /** How a variant is picked (items with variants). */
  pick: 'first' | 'unique';
  limit: LimitDef | undefined;
  /** The amount in the scheme's unit, when it is a number. */
  amount: AmountDef | undefined;
  /** The dates written on the item itself. */
  effective: { from: string | undefined; to: string | undefined };
  abolished: boolean;
  claimant: string | undefined;
  /** The citation written on the item itself (doc, clause, url, quote); empty when none. */
  source: Source;
  /** The citation that applies: the file's, then the item's, then the variant's own. */
  citation: Source;
}

/** Reads the typed parts of an item (or of a variant, given its item) from its mapping. */
export function itemParts(
  record: Record<string, unknown>,
  loc: Loc,
  context: { scheme: Scheme | undefined; fileSource: Source; owner: ItemParts | undefined },
): ItemParts {
  const at = (...segments: (string | number)[]): Loc => locAt(loc, ...segments);
  const conditions: ConditionAt[] = [];
  const written = (holder: Record<string, unknown> | undefined, ...segments: (string | number)[]): ConditionAt | undefined => {
    if (!holder || !('when' in holder)) return undefined;
    const cond = { cond: conditionOf(holder.when), loc: at(...segments, 'when') };
    conditions.push(cond);
    return cond;
  };
  const when = written(record);
  const limit = asRecord(record.limit);
  const raisedWhen = written(asRecord(limit?.raised), 'limit', 'raised');
  const ref = (value: unknown, where: Loc): Ref[] => (typeof value === 'string' ? [{ id: value, loc: where }] : []);
  const refs = (key: string): Ref[] => asArray(record[key]).flatMap((value, i) => ref(value, at(key, i)));
  const relations: RelationDef[] = [];
  for (const kind of ['excludes', 'overrides'] as const) {
    asArray(record[kind]).forEach((entry, i) => {
      const mapping = asRecord(entry);
      const to = typeof entry === 'string' ? entry : mapping && typeof mapping.id === 'string' ? mapping.id : undefined;
      const scope = SCOPES.find((s) => s === mapping?.scope) ?? 'claim';
      const when = written(mapping, kind, i);
      if (to === undefined) return;
      relations.push({ kind, to, scope, when, loc: at(kind, i), idLoc: mapping ? at(kind, i, 'id') : at(kind, i) });
    });
  }
  const unit = context.scheme ? AMOUNT_FIELD[context.scheme] : undefined;
  const amount = unit && typeof record[unit] === 'number' ? { value: record[unit] as number, unit, loc: at(unit) } : undefined;
  const effective = asRecord(record.effective);
  const source = sourceOf(asRecord(record.source));
  return {
    parent: ref(record['addition-to'], at('addition-to'))[0],
    requires: refs('requires'),
    combinable: refs('combinable'),
    relations,
    when,
    conditions,
    pick: asRecord(record.variants)?.pick === 'first' ? 'first' : 'unique',
    limit: limitOf(limit, raisedWhen, at('limit')),
    amount,
    effective: { from: asString(effective?.from), to: asString(effective?.to) },
    abolished: record.abolished === true,
    claimant: asString(record.claimant),
    source,
    citation: { ...context.fileSource, ...(context.owner?.source ?? {}), ...source },
  };
}

/** The citation fields of a `source` mapping that are strings. */
export function sourceOf(record: Record<string, unknown> | undefined): Source {
  const out: Source = {};
  for (const key of ['doc', 'clause', 'url', 'quote'] as const) if (typeof record?.[key] === 'string') out[key] = record[key] as string;
  return out;
}

function limitOf(limit: Record<string, unknown> | undefined, raisedWhen: ConditionAt | undefined, loc: Loc): LimitDef | undefined {
  if (!limit || typeof limit.times !== 'number' || typeof limit.per !== 'string') return undefined;
  const raised = asRecord(limit.raised);
  return {
    times: limit.times,
    per: limit.per as Per,
    raised: raised && typeof raised.times === 'number' && raisedWhen ? { times: raised.times, when: raisedWhen } : undefined,
    loc,
  };
}
