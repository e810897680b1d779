// Findings with file paths relative to the current folder and zero-based line/character
// positions (UTF-16, as in LSP): the one shape every output format starts from.
import { relative, sep } from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { renderMessage, type Lang } from '../core/analysis/messages';
import type { Finding, Severity, Span } from '../core/analysis/types';

export interface Position {
  line: number;
  character: number;
}

export interface LocatedRange {
  start: Position;
  end: Position;
}

export interface LocatedRelated {
  file: string;
  range: LocatedRange;
  message: string;
}

export interface LocatedFinding {
  file: string;
  code: string;
  severity: Severity;
  range: LocatedRange;
  message: string;
  data?: Record<string, unknown>;
  related?: LocatedRelated[];
  /** The text of the finding's first line, for carets. */
  sourceLine: string;
}

/** Locates findings against the texts they were computed from. */
export function locateFindings(
  findings: readonly Finding[],
  texts: ReadonlyMap<string, string>,
  cwd: string,
  lang: Lang,
): LocatedFinding[] {
  const { docOf, rangeOf } = positions(texts);
  // Thousands of findings name the same few files.
  const paths = new Map<string, string>();
  const pathOf = (file: string) => {
    let path = paths.get(file);
    if (path === undefined) paths.set(file, (path = displayPath(file, cwd)));
    return path;
  };
  return findings.map((finding) => {
    const range = rangeOf(finding.file, finding.span);
    const doc = docOf(finding.file);
    const lineText = doc
      .getText({ start: { line: range.start.line, character: 0 }, end: { line: range.start.line + 1, character: 0 } })
      .replace(/\r?\n$|\r$/, '');
    const located: LocatedFinding = {
      file: pathOf(finding.file),
      code: finding.code,
      severity: finding.severity,
      range,
      message: renderMessage(finding.message, lang),
      sourceLine: lineText,
    };
    if (finding.data) located.data = finding.data;
    if (finding.related?.length) {
      located.related = finding.related.map((r) => ({
        file: pathOf(r.file),
        range: rangeOf(r.file, r.span),
        message: renderMessage(r.message, lang),
      }));
    }
    return located;
  });
}

/** Line and column of offsets in files, each file's lines worked out once (thousands of places name the same few files). */
export function positions(texts: ReadonlyMap<string, string>): {
  docOf: (file: string) => TextDocument;
  rangeOf: (file: string, span: Span) => LocatedRange;
} {
  const docs = new Map<string, TextDocument>();
  const docOf = (file: string) => {
    let doc = docs.get(file);
    if (!doc) docs.set(file, (doc = TextDocument.create(file, 'yaml', 0, texts.get(file) ?? '')));
    return doc;
  };
  return { docOf, rangeOf: (file, span) => ({ start: docOf(file).positionAt(span.start), end: docOf(file).positionAt(span.end) }) };
}

/** A path relative to `cwd` with forward slashes, as compilers print them. */
export function displayPath(file: string, cwd: string): string {
  return relative(cwd, file).split(sep).join('/');
}
