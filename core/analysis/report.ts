// Builds findings at workspace locations: picks the key or the value the finding points at
// and the severity the catalogue gives the code. A finding about many other places names
// the first few and counts the rest, so its size does not grow with the workspace.
import { SEVERITY, type Code } from './codes';
import { keySpan, ownerSpan, valueSpan } from './parse';
import type { Finding, Listing, MessageRef, RelatedInfo, Span } from './types';
import type { Loc } from '../model/workspace';

/** Which part of a located node a finding underlines. */
export type Anchor = 'key' | 'value' | 'owner';

export function spanOf(loc: Loc, anchor: Anchor): Span {
  if (anchor === 'key') return keySpan(loc.doc, loc.pointer);
  if (anchor === 'owner') return ownerSpan(loc.doc, loc.pointer);
  return valueSpan(loc.doc, loc.pointer);
}

export interface FindingExtras {
  related?: RelatedInfo[];
  data?: Record<string, unknown>;
}

export function findingAt(code: Code, loc: Loc, anchor: Anchor, message: MessageRef, extras: FindingExtras = {}): Finding {
  const finding: Finding = { file: loc.file, span: spanOf(loc, anchor), code, severity: SEVERITY[code], message };
  if (extras.related && extras.related.length > 0) finding.related = extras.related;
  if (extras.data) finding.data = extras.data;
  return finding;
}

export function relatedAt(loc: Loc, anchor: Anchor, message: MessageRef): RelatedInfo {
  return { file: loc.file, span: spanOf(loc, anchor), message };
}

/** At most this many other places are attached to one finding, and named in its message. */
export const MAX_SHOWN = 5;

/**
 * The first few of a lazy sequence: as many as a finding shows, plus the next one (where
 * the count of the rest is attached). Checks produce their other places as a generator, so
 * a finding about 100,000 places costs what one about six does.
 */
export function firstFew<T>(items: Iterable<T>): T[] {
  const few: T[] = [];
  for (const item of items) {
    few.push(item);
    if (few.length > MAX_SHOWN) break;
  }
  return few;
}

/**
 * Related places for a finding about `count` other places, of which `first` holds the
 * first few (see `firstFew`): the first MAX_SHOWN, then, when there are more, one entry at
 * the next of them saying how many more there are.
 */
export function relatedPlaces<T>(count: number, first: readonly T[], place: (other: T) => RelatedInfo): RelatedInfo[] {
  const shown = first.slice(0, MAX_SHOWN).map(place);
  const next = first[MAX_SHOWN];
  if (count > MAX_SHOWN && next !== undefined) {
    const { file, span } = place(next);
    shown.push({ file, span, message: { id: 'related.more', args: { count: (count - MAX_SHOWN).toLocaleString('en-US') } } });
  }
  return shown;
}

/** A message argument naming `count` things, of which `first` holds the first few. */
export function listing(count: number, first: readonly string[], join?: 'path'): Listing {
  const list = first.slice(0, MAX_SHOWN);
  return { list, more: Math.max(0, count - list.length), ...(join ? { join } : {}) };
}

/** The entries of a list other than the one at `self`, lazily (for `firstFew`). */
export function* othersThan<T>(list: Iterable<T>, self: T): Generator<T> {
  for (const other of list) if (other !== self) yield other;
}
