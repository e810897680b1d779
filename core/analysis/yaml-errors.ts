// Turns the yaml library's syntax errors into findings a person can act on: one finding per
// document (later errors are mostly echoes of the first), duplicate keys always, and each
// placed where the mistake is — the unclosed quote or bracket, the over-indented key, the
// whole duplicate key — with a message that names it.
import { Parser, type Document } from 'yaml';
import type { Finding, MessageRef, Span } from './types';

interface YamlError {
  code: string;
  message: string;
  pos: [number, number];
}

/** The syntax findings of one parsed document. */
export function yamlFindings(file: string, text: string, doc: Document): Finding[] {
  const errors = [...(doc.errors as YamlError[])].sort((a, b) => a.pos[0] - b.pos[0]);
  if (errors.length === 0) return [];
  const kept = [errors[0]!, ...errors.slice(1).filter((e) => e.code === 'DUPLICATE_KEY')];
  return kept.map((error) => {
    const { span, message } = describe(text, error);
    return { file, span, code: 'yaml-syntax', severity: 'error', message };
  });
}

function describe(text: string, error: YamlError): { span: Span; message: MessageRef } {
  const detail = (error.message.split('\n')[0] ?? '').replace(/ at line \d+, column \d+:?$/, '');
  const at = error.pos[0];
  if (/quote/i.test(detail)) {
    const open = lastUnclosed(text, at, 'quote');
    if (open)
      return {
        span: { start: open.offset, end: lineEnd(text, open.offset) },
        message: { id: 'yaml-syntax.unclosed-quote', args: { quote: open.char } },
      };
  }
  if (/Flow (sequence|mapping)/.test(detail)) {
    const open = lastUnclosed(text, at, 'flow');
    if (open)
      return {
        span: { start: open.offset, end: open.offset + 1 },
        message: { id: 'yaml-syntax.unclosed-flow', args: { bracket: open.char === '[' ? ']' : '}' } },
      };
  }
  if (error.code === 'BLOCK_AS_IMPLICIT_KEY' || error.code === 'MULTILINE_IMPLICIT_KEY') {
    // A plain value with `: ` inside reads as a nested key on its own line: say so, there.
    const line = text.slice(at, lineEnd(text, at));
    if (/:(\s|$)/.test(line))
      return { span: { start: at, end: at + line.trimEnd().length }, message: { id: 'yaml-syntax.colon-in-value' } };
    const key = continuationKey(text, at);
    if (key) return { span: key, message: { id: 'yaml-syntax.over-indented', args: { key: text.slice(key.start, key.end) } } };
  }
  if (error.code === 'TAB_AS_INDENT')
    return { span: { start: at, end: at + 1 }, message: { id: 'yaml-syntax.TAB_AS_INDENT', args: { detail } } };
  const span = tokenSpan(text, at);
  const key = text.slice(span.start, span.end);
  if (error.code === 'DUPLICATE_KEY') return { span, message: { id: 'yaml-syntax.duplicate-key', args: { key } } };
  if (/without - indicator|mapping items must start at the same column/.test(detail))
    return { span, message: { id: 'yaml-syntax.misaligned', args: { key } } };
  if (/sequence items must start at the same column/.test(detail)) return { span, message: { id: 'yaml-syntax.misaligned-item' } };
  return { span, message: { id: `yaml-syntax.${error.code}`, args: { detail } } };
}

interface Opening {
  offset: number;
  char: string;
}

/** The last quoted scalar or flow collection at or before `limit` that is never closed. */
function lastUnclosed(text: string, limit: number, kind: 'quote' | 'flow'): Opening | undefined {
  let found: Opening | undefined;
  const visit = (token: unknown): void => {
    if (Array.isArray(token)) {
      token.forEach(visit);
      return;
    }
    if (token === null || typeof token !== 'object') return;
    const t = token as { type?: string; offset?: number; source?: string; end?: { source?: string }[] };
    if (typeof t.offset === 'number' && t.offset <= limit && (!found || t.offset >= found.offset)) {
      if (kind === 'quote' && t.type === 'double-quoted-scalar' && !/^"(?:[^"\\]|\\[\s\S])*"$/.test(t.source ?? ''))
        found = { offset: t.offset, char: '"' };
      if (kind === 'quote' && t.type === 'single-quoted-scalar' && !/^'(?:[^']|'')*'$/.test(t.source ?? ''))
        found = { offset: t.offset, char: "'" };
      if (kind === 'flow' && t.type === 'flow-collection' && !(t.end ?? []).some((e) => e.source === ']' || e.source === '}')) {
        found = { offset: t.offset, char: text[t.offset] ?? '[' };
      }
    }
    for (const value of Object.values(token)) if (value && typeof value === 'object') visit(value);
  };
  for (const doc of new Parser().parse(text)) visit(doc);
  return found;
}

/** A `key:` on one of the next lines, which YAML read as part of the value above it. */
function continuationKey(text: string, from: number): Span | undefined {
  const rest = text.slice(from, from + 400);
  const match = /\n[ \t]*([^\s#:\-][^:#\n]*?):(?=[ \t]|\r?\n|$)/.exec(rest);
  if (!match) return undefined;
  const start = from + match.index + match[0].length - match[1]!.length - 1;
  return { start, end: start + match[1]!.length };
}

function lineEnd(text: string, from: number): number {
  const end = text.slice(from).search(/\r|\n/);
  return end < 0 ? text.length : from + end;
}

/** The word at an error position: leading blanks skipped, at least one character, never past the end. */
function tokenSpan(text: string, at: number): Span {
  let start = Math.min(at, text.length);
  while (start < text.length && (text[start] === ' ' || text[start] === '\t')) start++;
  if (start >= text.length || text[start] === '\n' || text[start] === '\r') {
    // Nothing to underline here (end of the file or of a line): take the last visible character before.
    let back = Math.min(start, text.length) - 1;
    while (back > 0 && /\s/.test(text[back]!)) back--;
    return back < 0 ? { start: 0, end: 0 } : { start: back, end: back + 1 };
  }
  let end = start;
  while (end < text.length && !/[\s:,[\]{}#]/.test(text[end]!)) end++;
  return { start, end: Math.max(end, start + 1) };
}
