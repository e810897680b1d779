// Quick fixes of findings — each made by the check that reported the finding, beside it (a
// misspelt id, fact, revision, key or value becomes its nearest match; an amount field is added
// or corrected; a relation is aligned or added) — and, for the place itself, adding a citation
// to an item that has none and extracting a condition into a variant (extract-variant.ts).
import type { Lang } from '../analysis/messages';
import { spanOf } from '../analysis/report';
import { CHECKS } from '../analysis/checks/index';
import type { QuickFix } from '../analysis/fixes';
import { schemaFixes } from '../analysis/schema';
import type { MessageRef, Span } from '../analysis/types';
import { locAt, type Workspace } from '../model/workspace';
import { extractVariantAt, type FileEdit } from './extract-variant';
import { column, lineEnd } from '../analysis/lines';

export type { QuickFix } from '../analysis/fixes';

/**
 * The fixes for one finding, given its code, range, `data` and the file's text: those of the
 * check that reported it (schema findings: the schema's).
 */
export function quickFixes(code: string, span: Span, data: unknown, text: string): QuickFix[] {
  const fixes = code === 'schema' ? schemaFixes : CHECKS.find((check) => check.code === code)?.fixes;
  return fixes ? fixes({ span, data, text }) : [];
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
