// Publishes an analysis as diagnostics: only for files whose diagnostics changed since the
// last publication (and an empty list for files whose findings went away), and never in a
// message larger than the client can be expected to take — a file with more findings than
// fit gets the first ones and one note saying how many more `tariff check` shows, and a
// single finding with an enormous message is cut with a note.
import { createHash } from 'node:crypto';
import { DiagnosticSeverity, type Connection, type Diagnostic } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { renderMessage, type Lang, type RenderMemo } from '../core/analysis/messages';
import type { Finding } from '../core/analysis/types';
import { SEVERITY, toDiagnostic } from './convert';

/** The largest diagnostics message the server sends (UTF-8 bytes of its JSON). */
export const MAX_MESSAGE_BYTES = 10 * 1024 * 1024;
/** The longest message text of one diagnostic (UTF-16 code units); longer ones are cut. */
export const MAX_TEXT = 10_000;

export interface PublishContext {
  /** The text document each finding's file was analysed from. */
  docOf: (uri: string) => TextDocument;
  lang: Lang;
  /** Every rule file of the analysis (a file without findings may need its list cleared). */
  files: readonly string[];
  /** The files a focused analysis is of: only theirs are published, the others keep what they have. */
  scope?: ReadonlySet<string>;
}

/** A publisher that remembers what it sent, so that it sends only what changed. */
export function diagnosticsPublisher(connection: Connection): (findings: readonly Finding[], context: PublishContext) => void {
  // A digest of the last list sent per file: comparing digests keeps no copy of the lists.
  const sent = new Map<string, string>();
  return (findings, { docOf, lang, files, scope }) => {
    const byFile = new Map<string, Finding[]>();
    for (const finding of findings) {
      const list = byFile.get(finding.file);
      if (list) list.push(finding);
      else byFile.set(finding.file, [finding]);
    }
    const known = new Set(files);
    const memo: RenderMemo = new Map();
    for (const uri of scope ?? new Set([...byFile.keys(), ...sent.keys()])) {
      const list = known.has(uri) ? (byFile.get(uri) ?? []) : [];
      const { diagnostics, json } = boundedDiagnostics(list, (finding) => toDiagnostic(finding, docOf, lang, memo), lang);
      const digest = digestOf(json);
      if ((sent.get(uri) ?? EMPTY) === digest) continue;
      void connection.sendDiagnostics({ uri, diagnostics });
      if (diagnostics.length > 0) sent.set(uri, digest);
      else sent.delete(uri);
    }
  };
}

/**
 * A digest of a list's JSON. The text is hashed as it is held (UTF-16), not encoded to UTF-8
 * first: six times faster on lists with Japanese text (a whole publication of the 10,000-item
 * benchmark workspace: 440 → 73 ms).
 */
function digestOf(json: string): string {
  return createHash('sha1').update(json, 'utf16le').digest('base64');
}

const EMPTY = digestOf('[]');

/**
 * The diagnostics of one file's findings that fit in one message, with the JSON of the list
 * (for comparing with what was sent). Findings are in workspace order, so the ones shown are
 * the first in the file; the note that stands for the rest takes the most severe of them.
 */
export function boundedDiagnostics(
  findings: readonly Finding[],
  convert: (finding: Finding) => Diagnostic,
  lang: Lang,
  maxBytes = MAX_MESSAGE_BYTES,
): { diagnostics: Diagnostic[]; json: string } {
  // Most files are far from the bound: one JSON of the whole list, sized by its length (at
  // most three UTF-8 bytes per UTF-16 unit), spares stringifying and measuring each diagnostic.
  if (findings.length <= FEW) {
    const all = findings.map((finding) => cutLong(convert(finding), lang));
    const whole = JSON.stringify(all);
    if (whole.length * 3 + 4096 <= maxBytes) return { diagnostics: all, json: whole };
  }
  const diagnostics: Diagnostic[] = [];
  const parts: string[] = [];
  // Room for the envelope (uri, version) and for the closing note.
  let bytes = 4096;
  for (const [i, finding] of findings.entries()) {
    const diagnostic = cutLong(convert(finding), lang);
    const json = JSON.stringify(diagnostic);
    const size = Buffer.byteLength(json);
    if (bytes + size > maxBytes) {
      const rest = findings.slice(i);
      const note: Diagnostic = {
        range: diagnostic.range,
        severity: rest.reduce<DiagnosticSeverity>(
          (most, f) => Math.min(most, SEVERITY[f.severity]) as DiagnosticSeverity,
          DiagnosticSeverity.Hint,
        ),
        source: 'tariff',
        message: renderMessage(
          { id: 'server.more-findings', args: { count: rest.length.toLocaleString('en-US'), limit: `${maxBytes / 1024 / 1024} MB` } },
          lang,
        ),
      };
      diagnostics.push(note);
      parts.push(JSON.stringify(note));
      break;
    }
    diagnostics.push(diagnostic);
    parts.push(json);
    bytes += size + 1;
  }
  return { diagnostics, json: `[${parts.join(',')}]` };
}

/** Up to this many findings a file's list is converted whole and measured once (each is at most about 60 KB: two texts of 10,000 characters). */
const FEW = 2000;

/** A diagnostic whose texts are cut to MAX_TEXT, each cut saying how long the whole text was. */
function cutLong(diagnostic: Diagnostic, lang: Lang): Diagnostic {
  const cut = (text: string) =>
    text.length <= MAX_TEXT
      ? text
      : `${text.slice(0, MAX_TEXT)}${renderMessage({ id: 'server.text-cut', args: { length: text.length.toLocaleString('en-US') } }, lang)}`;
  if (typeof diagnostic.message === 'string' && diagnostic.message.length > MAX_TEXT) diagnostic.message = cut(diagnostic.message);
  for (const related of diagnostic.relatedInformation ?? []) if (related.message.length > MAX_TEXT) related.message = cut(related.message);
  return diagnostic;
}
