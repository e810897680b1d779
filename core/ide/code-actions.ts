// Quick fixes for findings that carry what to write instead — a misspelt id, fact, revision,
// key or value becomes its nearest match; an amount field that does not fit the scheme
// becomes the right one; a missing amount is added; a relation declared differently on its
// two sides is made to match — and, for the place itself, adding a citation to an item that
// has none and extracting a condition into a variant (extract-variant.ts).
import type { Lang } from '../analysis/messages';
import { spanOf } from '../analysis/report';
import type { MessageRef, Span } from '../analysis/types';
import { locAt, type Workspace } from '../analysis/workspace';
import { extractVariantAt, type FileEdit } from './extract-variant';
import { column, lineEnd } from './lines';

export interface QuickFix {
  title: MessageRef;
  edits: { span: Span; text: string }[];
}

/** The fixes for one finding, given its code, range, `data` and the file's text. */
export function quickFixes(code: string, span: Span, data: unknown, text: string): QuickFix[] {
  const record = data && typeof data === 'object' ? (data as Record<string, unknown>) : {};
  if (code === 'amount-unit' && typeof record.add === 'string') {
    // A new line under the item's `id`, at the same indentation.
    return [
      {
        title: { id: 'fix.add-amount', args: { field: record.add } },
        edits: [
          {
            span: { start: lineEnd(text, span.start), end: lineEnd(text, span.start) },
            text: `\n${' '.repeat(column(text, span.start))}${record.add}: 0`,
          },
        ],
      },
    ];
  }
  if (code === 'exclusion-conflict' && record.align && typeof record.align === 'object') {
    const align = record.align as { id: string; scope: string; when?: unknown };
    const flow = `{ id: ${align.id}, scope: ${align.scope}${align.when !== undefined ? `, when: ${JSON.stringify(align.when)}` : ''} }`;
    return [{ title: { id: 'fix.align-relation' }, edits: [{ span, text: flow }] }];
  }
  if (code === 'exclusion-unencoded' && isEdit(record.edit)) {
    return [
      { title: { id: 'fix.add-relation', args: { relation: String(record.relation), id: String(record.id) } }, edits: [record.edit] },
    ];
  }
  if (typeof record.suggestion === 'string') {
    return [{ title: { id: 'fix.replace', args: { text: record.suggestion } }, edits: [{ span, text: record.suggestion }] }];
  }
  if (code === 'amount-unit' && typeof record.expected === 'string') {
    return [{ title: { id: 'fix.amount-field', args: { field: record.expected } }, edits: [{ span, text: record.expected }] }];
  }
  return [];
}

function isEdit(value: unknown): value is { span: Span; text: string } {
  const edit = value as { span?: Span; text?: unknown } | undefined;
  return typeof edit?.text === 'string' && typeof edit.span?.start === 'number' && typeof edit.span.end === 'number';
}

/** An action for the place itself (not for a finding); its edits may reach other files. */
export interface ContextAction {
  title: MessageRef;
  kind: 'refactor' | 'refactor.extract';
  edits: FileEdit[];
}

/**
 * Actions for the selection `range`: on an item id without a citation, add `source`; on a
 * clause of an item's `when`, extract it into a variant.
 */
export function contextActions(ws: Workspace, file: string, range: Span, text: string, lang: Lang): ContextAction[] {
  const actions: ContextAction[] = [];
  const item = ws.items.find((i) => i.loc.file === file && spanContains(spanOf(locAt(i.loc, 'id'), 'value'), range.start));
  if (item && !('source' in item.raw))
    actions.push({ kind: 'refactor', ...inFile(file, addSourceAction(spanOf(locAt(item.loc, 'id'), 'key'), text)) });
  const extraction = extractVariantAt(ws, file, range, text, lang);
  if (extraction) actions.push({ kind: 'refactor.extract', ...extraction });
  return actions;
}

function inFile(file: string, fix: QuickFix): Omit<ContextAction, 'kind'> {
  return { title: fix.title, edits: fix.edits.map((e) => ({ file, ...e })) };
}

function spanContains(span: Span, offset: number): boolean {
  return offset >= span.start && offset <= span.end;
}

/** Adds `source` under an item's `id`, at the same indentation. */
function addSourceAction(idKey: Span, text: string): QuickFix {
  return {
    title: { id: 'fix.add-source' },
    edits: [
      {
        span: { start: lineEnd(text, idKey.start), end: lineEnd(text, idKey.start) },
        text: `\n${' '.repeat(column(text, idKey.start))}source: { clause: "", quote: "" }`,
      },
    ],
  };
}
