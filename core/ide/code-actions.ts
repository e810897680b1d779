// Quick fixes for findings that carry what to write instead: a misspelt id, fact, revision,
// key or value becomes its nearest match; an amount field that does not fit the scheme
// becomes the right one.
import type { MessageRef, Span } from '../analysis/types';

export interface QuickFix {
  title: MessageRef;
  edits: { span: Span; text: string }[];
}

/** The fixes for one finding, given its code, range and `data`. */
export function quickFixes(code: string, span: Span, data: unknown): QuickFix[] {
  const record = data && typeof data === 'object' ? (data as Record<string, unknown>) : {};
  if (typeof record.suggestion === 'string') {
    return [{ title: { id: 'fix.replace', args: { text: record.suggestion } }, edits: [{ span, text: record.suggestion }] }];
  }
  if (code === 'amount-unit' && typeof record.expected === 'string') {
    return [{ title: { id: 'fix.amount-field', args: { field: record.expected } }, edits: [{ span, text: record.expected }] }];
  }
  return [];
}
