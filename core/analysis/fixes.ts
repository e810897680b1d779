// Quick fixes as plain data: the edits a finding's fix makes in the finding's file and the
// title the editor shows. Each check's fixes live beside it (`Check.fixes`), reading the
// `data` that check attached to its finding; the editor asks for them by the finding's code.
import type { MessageRef, Span } from './types';

export interface QuickFix {
  title: MessageRef;
  edits: TextEdit[];
}

export interface TextEdit {
  span: Span;
  text: string;
}

/** What a fix is made from: the finding's range and `data`, and the file's current text. */
export interface FixRequest {
  span: Span;
  data: unknown;
  text: string;
}

/** The `data` of a "did you mean" finding: what to write instead of what it underlines. */
export interface SuggestionData {
  suggestion: string;
}

/** The fix of every "did you mean" finding: its suggestion in place of what it underlines. */
export function suggestionFix({ span, data }: FixRequest): QuickFix[] {
  const suggestion = (data as Partial<SuggestionData> | undefined)?.suggestion;
  return typeof suggestion === 'string'
    ? [{ title: { id: 'fix.replace', args: { text: suggestion } }, edits: [{ span, text: suggestion }] }]
    : [];
}

/** Whether a value read back from a finding's `data` is a text edit. */
export function isTextEdit(value: unknown): value is TextEdit {
  const edit = value as Partial<TextEdit> | undefined;
  return typeof edit?.text === 'string' && typeof edit.span?.start === 'number' && typeof edit.span.end === 'number';
}
