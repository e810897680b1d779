// Effective periods of item definitions: an explicit `effective`, else the revision's date
// for the scheme up to the day before a later revision that defines the same id again.
import { itemsById, type ItemDef, type Workspace } from '../model/workspace';
import { onPhase } from '../model/phases';

/** Inclusive dates; `to` undefined means open-ended, `from` undefined means unknown. */
export interface Period {
  from: string | undefined;
  to: string | undefined;
}

/** The effective period of each item and variant, worked out when first asked for and kept for the workspace. */
export const effectivePeriods = onPhase({ phase: 'modelled', keeps: 'the effective period of each item' }, (ws: Workspace) => {
  const periods = new Map<ItemDef, Period>();
  return {
    get(item: ItemDef): Period {
      let period = periods.get(item);
      if (!period) periods.set(item, (period = periodOf(ws, item, itemsById(ws).get(item.id) ?? [])));
      return period;
    },
  };
});

/** True when two periods share at least one day (unknown starts count as overlapping). */
export function periodsOverlap(a: Period, b: Period): boolean {
  const aStartsAfterB = a.from !== undefined && b.to !== undefined && a.from > b.to;
  const bStartsAfterA = b.from !== undefined && a.to !== undefined && b.from > a.to;
  return !aStartsAfterB && !bStartsAfterA;
}

export function samePeriod(a: Period, b: Period): boolean {
  return a.from === b.from && a.to === b.to;
}

/** Entries that share one period, grouped by a key (an item id) in order of appearance. */
export interface PeriodBucket<T> {
  period: Period;
  byKey: Map<string, T[]>;
  size: number;
}

/**
 * Entries grouped by period, then by key. Checks that compare the periods of many entries
 * (hundreds of items sharing a name, thousands of copies of one id) compare the few distinct
 * periods instead, so their work grows with the entries times the number of periods, not
 * with the entries squared.
 */
export function periodBuckets<T>(entries: readonly T[], periodOf: (entry: T) => Period, keyOf: (entry: T) => string): PeriodBucket<T>[] {
  const buckets = new Map<string, PeriodBucket<T>>();
  for (const entry of entries) {
    const period = periodOf(entry);
    const name = JSON.stringify([period.from ?? null, period.to ?? null]);
    let bucket = buckets.get(name);
    if (!bucket) buckets.set(name, (bucket = { period, byKey: new Map(), size: 0 }));
    const key = keyOf(entry);
    const same = bucket.byKey.get(key);
    if (same) same.push(entry);
    else bucket.byKey.set(key, [entry]);
    bucket.size++;
  }
  return [...buckets.values()];
}

/** The entries of the buckets under another key than `key`, lazily, bucket by bucket. */
export function* entriesNotKeyed<T>(buckets: readonly PeriodBucket<T>[], key: string): Generator<T> {
  for (const bucket of buckets) for (const [other, entries] of bucket.byKey) if (other !== key) yield* entries;
}

/** The ISO date of the day before `date` (YYYY-MM-DD). */
export function dayBefore(date: string): string {
  const time = Date.parse(`${date}T00:00:00Z`);
  if (Number.isNaN(time)) return date;
  return new Date(time - 86_400_000).toISOString().slice(0, 10);
}

function revisionDate(ws: Workspace, item: ItemDef): string | undefined {
  const { revision, scheme } = item.tariff;
  if (revision === undefined || scheme === undefined) return undefined;
  return ws.revisions.get(revision)?.[0]?.effective[scheme];
}

function explicit(item: ItemDef, key: 'from' | 'to'): string | undefined {
  return item.effective[key] ?? (item.owner ? explicit(item.owner, key) : undefined);
}

function periodOf(ws: Workspace, item: ItemDef, sameId: ItemDef[]): Period {
  const from = explicit(item, 'from') ?? revisionDate(ws, item);
  let to = explicit(item, 'to');
  if (to === undefined && from !== undefined) {
    // Open-ended: it runs until a later revision of the same scheme defines the id again.
    let next: string | undefined;
    for (const other of sameId) {
      if (other.tariff.revision === item.tariff.revision || other.tariff.scheme !== item.tariff.scheme) continue;
      const start = explicit(other, 'from') ?? revisionDate(ws, other);
      if (start !== undefined && start > from && (next === undefined || start < next)) next = start;
    }
    if (next !== undefined) to = dayBefore(next);
  }
  return { from, to };
}
