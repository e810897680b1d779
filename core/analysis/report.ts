// Builds findings at workspace locations: picks the key or the value the finding points at
// and the severity the catalogue gives the code.
import { SEVERITY, type Code } from './codes';
import { keySpan, ownerSpan, valueSpan } from './parse';
import type { Finding, MessageRef, RelatedInfo, Span } from './types';
import type { Loc } from './workspace';

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
