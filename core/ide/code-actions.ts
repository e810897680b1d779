// Quick fixes for findings that carry what to write instead — a misspelt id, fact, revision,
// key or value becomes its nearest match; an amount field that does not fit the scheme
// becomes the right one; a missing amount is added; a relation declared differently on its
// two sides is made to match — and the action to add a citation to an item that has none.
import { spanOf } from '../analysis/report';
import type { MessageRef, Span } from '../analysis/types';
import { locAt, type Workspace } from '../analysis/workspace';

export interface QuickFix {
  title: MessageRef;
  edits: { span: Span; text: string }[];
}

/** The fixes for one finding, given its code, range, `data` and the file's text. */
export function quickFixes(code: string, span: Span, data: unknown, text: string): QuickFix[] {
  const record = data && typeof data === 'object' ? (data as Record<string, unknown>) : {};
  if (code === 'amount-unit' && typeof record.add === 'string') {
    // A new line under the item's `id`, at the same indentation.
    return [{ title: { id: 'fix.add-amount', args: { field: record.add } }, edits: [{ span: { start: lineEnd(text, span.start), end: lineEnd(text, span.start) }, text: `\n${' '.repeat(column(text, span.start))}${record.add}: 0` }] }];
  }
  if (code === 'exclusion-conflict' && record.align && typeof record.align === 'object') {
    const align = record.align as { id: string; scope: string; when?: unknown };
    const flow = `{ id: ${align.id}, scope: ${align.scope}${align.when !== undefined ? `, when: ${JSON.stringify(align.when)}` : ''} }`;
    return [{ title: { id: 'fix.align-relation' }, edits: [{ span, text: flow }] }];
  }
  if (typeof record.suggestion === 'string') {
    return [{ title: { id: 'fix.replace', args: { text: record.suggestion } }, edits: [{ span, text: record.suggestion }] }];
  }
  if (code === 'amount-unit' && typeof record.expected === 'string') {
    return [{ title: { id: 'fix.amount-field', args: { field: record.expected } }, edits: [{ span, text: record.expected }] }];
  }
  return [];
}

/** Actions for the place itself (not for a finding): on an item id without a citation, add `source`. */
export function contextActions(ws: Workspace, file: string, offset: number, text: string): QuickFix[] {
  const item = ws.items.find((i) => i.loc.file === file && spanContains(spanOf(locAt(i.loc, 'id'), 'value'), offset));
  if (!item || 'source' in item.raw) return [];
  return [addSourceAction(spanOf(locAt(item.loc, 'id'), 'key'), text)];
}

function spanContains(span: Span, offset: number): boolean {
  return offset >= span.start && offset <= span.end;
}

/** Adds `source` under an item's `id`, at the same indentation. */
function addSourceAction(idKey: Span, text: string): QuickFix {
  return { title: { id: 'fix.add-source' }, edits: [{ span: { start: lineEnd(text, idKey.start), end: lineEnd(text, idKey.start) }, text: `\n${' '.repeat(column(text, idKey.start))}source: { clause: "", quote: "" }` }] };
}

function lineEnd(text: string, offset: number): number {
  const end = text.indexOf('\n', offset);
  return end < 0 ? text.length : end;
}

function column(text: string, offset: number): number {
  return offset - (text.lastIndexOf('\n', offset - 1) + 1);
}
