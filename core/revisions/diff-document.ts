// A revision diff as a memo the analyst pastes: a title, then one section per kind of change
// (added, abolished, renamed, amounts, limits, exclusions, conditions), every sentence from
// the l10n bundles. The text and Markdown forms are printed here (names from the rules show
// control characters as escapes, and in Markdown cannot make links, HTML or other Markdown);
// the HTML form, which escapes every string, is in report-html.ts.
import { markdownText, visibleLines } from '../analysis/display-text';
import { renderMessage, type Lang } from '../analysis/messages';
import type { MessageRef } from '../analysis/types';
import type { Amount, Change, Example, LimitText, Outcome, RevisionDiff } from './diff';
import type { LawChange } from './law-diff';
import { listing } from '../analysis/report';
import type { DiffPiece } from './word-diff';

export interface DiffEntry {
  text: string;
  details: string[];
  /** Words of the official text, changed ones marked (the law-text section). */
  pieces?: DiffPiece[];
}

export interface DiffSection {
  heading: string;
  entries: DiffEntry[];
}

export interface DiffDocument {
  title: string;
  /** Empty when the revisions do not differ. */
  sections: DiffSection[];
  none: string;
}

const SECTIONS = [
  ['added', ['added']],
  ['abolished', ['abolished']],
  ['renamed', ['renamed']],
  ['amount', ['amount']],
  ['limit', ['limit']],
  ['relations', ['relation-added', 'relation-removed', 'relation-condition']],
  ['condition', ['condition']],
] as const satisfies readonly (readonly [string, readonly Change['kind'][]])[];

export function diffDocument(diff: RevisionDiff, lang: Lang): DiffDocument {
  const t = (id: string, args?: MessageRef['args']) => renderMessage({ id, args }, lang);
  const sections: DiffSection[] = [];
  for (const [heading, kinds] of SECTIONS) {
    const entries = diff.changes.filter((c) => (kinds as readonly string[]).includes(c.kind)).map((c) => entryOf(c, diff, t));
    if (entries.length > 0) sections.push({ heading: t(`revisions.heading.${heading}`), entries });
  }
  if (diff.law.length > 0)
    sections.push({ heading: t('revisions.heading.law'), entries: diff.law.map((change) => lawEntry(change, diff, t)) });
  return {
    title: t('revisions.title', { old: diff.old, new: diff.new, schemes: { terms: diff.schemes.map((s) => `scheme.${s}`), join: 'list' } }),
    sections,
    none: t('revisions.none'),
  };
}

export type Translate = (id: string, args?: MessageRef['args']) => string;

/** An amount with its unit (230点, 230 points); without one, "per variant". */
export function amountText(amount: Amount | undefined, t: Translate): string {
  // Written one way everywhere: 1,300点, 2,000 points.
  return amount ? t('amount', { value: amount.value.toLocaleString('en-US'), unit: t(`unit.${amount.unit}`) }) : t('revisions.amount.none');
}

/** A limit (入院ごとに1回, 1 per admission, with its raised count); without one, "no limit". */
export function limitText(limit: LimitText | undefined, t: Translate): string {
  return limit
    ? t(limit.raised === undefined ? 'revisions.limit' : 'revisions.limit.raised', {
        times: limit.times,
        per: { terms: [`per.${limit.per}`] },
        raised: limit.raised,
      })
    : t('revisions.limit.none');
}

function entryOf(change: Change, diff: RevisionDiff, t: Translate): DiffEntry {
  const amount = (a: Amount | undefined) => amountText(a, t);
  const limit = (l: LimitText | undefined) => limitText(l, t);
  switch (change.kind) {
    case 'added':
    case 'abolished':
      return {
        text: t(change.amount ? 'revisions.item' : 'revisions.item.no-amount', {
          id: change.id,
          name: change.name,
          amount: amount(change.amount),
        }),
        details: [],
      };
    case 'renamed':
      return { text: t('revisions.renamed', { id: change.id, from: change.from, to: change.to }), details: [] };
    case 'amount':
      return {
        text: t('revisions.changed', { id: change.id, name: change.name, from: amount(change.from), to: amount(change.to) }),
        details: [],
      };
    case 'limit':
      return {
        text: t('revisions.changed', { id: change.id, name: change.name, from: limit(change.from), to: limit(change.to) }),
        details: [],
      };
    case 'relation-added':
    case 'relation-removed':
    case 'relation-condition':
      return {
        text: t(`revisions.${change.kind}`, {
          relation: t(`revisions.relation.${change.relation}`, { a: change.a, b: change.b, scope: { terms: [`scope.${change.scope}`] } }),
        }),
        details: [],
      };
    case 'condition': {
      const example = (id: string) => (e: Example) =>
        t(id, {
          witness: e.situation,
          old: outcomeText(e.old, diff.old, t, amount),
          new: outcomeText(e.new, diff.new, t, amount),
        });
      const details = [...change.gained.map(example('revisions.gained')), ...change.lost.map(example('revisions.lost'))];
      if (!change.complete) details.push(t('revisions.incomplete'));
      return { text: t('revisions.condition', { id: change.id, name: change.name }), details };
    }
  }
}

function lawEntry(change: LawChange, diff: RevisionDiff, t: Translate): DiffEntry {
  const citers = change.citedBy.map((c) => t('revisions.law.citer', { id: c.id, name: c.name, revision: c.revision }));
  const text = t(`revisions.law.${change.kind}`, {
    clause: change.clause,
    old: diff.old,
    new: diff.new,
    citers: listing(citers.length, citers),
  });
  return { text, details: [], pieces: excerpt(change.pieces) };
}

/** Unchanged words further than this from a change are left out (…): the memo shows what changed. */
const CONTEXT = 24;

/** The pieces with long unchanged stretches shortened to their ends next to a change, on one line (a paragraph break is a space). */
export function excerpt(pieces: readonly DiffPiece[]): DiffPiece[] {
  return pieces
    .map((piece, i): DiffPiece => {
      if (piece.op !== 'same') return piece;
      const chars = [...piece.text];
      const keepStart = i === 0 ? 0 : CONTEXT;
      const keepEnd = i === pieces.length - 1 ? 0 : CONTEXT;
      if (chars.length <= keepStart + keepEnd + 1) return piece;
      const start = chars.slice(0, keepStart).join('');
      const end = chars.slice(chars.length - keepEnd).join('');
      return { op: 'same', text: keepStart && keepEnd ? `${start}…${end}` : keepStart ? `${start}…` : `…${end}` };
    })
    .map((piece) => ({ ...piece, text: piece.text.replace(/\n/g, ' ') }));
}

/** Changed words as `git diff --word-diff` prints them: [-removed-]{+added+}. */
function markedText(pieces: readonly DiffPiece[]): string {
  return pieces.map((p) => (p.op === 'same' ? p.text : p.op === 'removed' ? `[-${p.text}-]` : `{+${p.text}+}`)).join('');
}

function markedMarkdown(pieces: readonly DiffPiece[]): string {
  return pieces
    .map((p) =>
      p.op === 'same' ? markdownText(p.text) : p.op === 'removed' ? `~~${markdownText(p.text)}~~` : `**${markdownText(p.text)}**`,
    )
    .join('');
}

function outcomeText(outcome: Outcome, revision: string, t: Translate, amount: (a: Amount | undefined) => string): string {
  if (outcome.kind !== 'applies') return t(`revisions.outcome.${outcome.kind}`, { revision });
  return t(outcome.amount ? 'revisions.outcome.applies' : 'revisions.outcome.applies.no-amount', {
    revision,
    name: outcome.name,
    amount: amount(outcome.amount),
  });
}

/** Plain text: the title, each heading, entries indented with their details below them. */
export function diffText(doc: DiffDocument): string {
  const lines = [doc.title, ''];
  if (doc.sections.length === 0) lines.push(doc.none);
  for (const section of doc.sections) {
    lines.push(section.heading);
    for (const entry of section.entries)
      lines.push(
        `  - ${entry.text}`,
        ...entry.details.map((d) => `      ${d}`),
        ...(entry.pieces ? [`      ${markedText(entry.pieces)}`] : []),
      );
    lines.push('');
  }
  while (lines[lines.length - 1] === '') lines.pop();
  return visibleLines(lines);
}

/** Markdown: a level-2 title, level-3 headings, nested lists (every text shown literally). */
export function diffMarkdown(doc: DiffDocument): string {
  const lines = [`## ${markdownText(doc.title)}`, ''];
  if (doc.sections.length === 0) lines.push(markdownText(doc.none));
  for (const section of doc.sections) {
    lines.push(`### ${markdownText(section.heading)}`, '');
    for (const entry of section.entries)
      lines.push(
        `- ${markdownText(entry.text)}`,
        ...entry.details.map((d) => `  - ${markdownText(d)}`),
        ...(entry.pieces ? [`  - ${markedMarkdown(entry.pieces)}`] : []),
      );
    lines.push('');
  }
  while (lines[lines.length - 1] === '') lines.pop();
  return `${lines.join('\n')}\n`;
}
