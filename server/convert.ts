// The one place where analysis results become LSP types: offsets to positions through the
// text document, findings to Diagnostics with related information and data.
import { DiagnosticSeverity, type Diagnostic, type DiagnosticRelatedInformation } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { renderMessage, type Lang, type RenderMemo } from '../core/analysis/messages';
import type { Finding, Severity } from '../core/analysis/types';

export const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/** `docOf` gives the text document of a file id (a URI) the findings were computed from. */
export function toDiagnostic(finding: Finding, docOf: (uri: string) => TextDocument, lang: Lang, memo?: RenderMemo): Diagnostic {
  const doc = docOf(finding.file);
  const diagnostic: Diagnostic = {
    range: { start: doc.positionAt(finding.span.start), end: doc.positionAt(finding.span.end) },
    severity: SEVERITY[finding.severity],
    code: finding.code,
    source: 'tariff',
    message: renderMessage(finding.message, lang, memo),
  };
  if (finding.data) diagnostic.data = finding.data;
  if (finding.related?.length) {
    diagnostic.relatedInformation = finding.related.map((r): DiagnosticRelatedInformation => {
      const other = docOf(r.file);
      return {
        location: { uri: r.file, range: { start: other.positionAt(r.span.start), end: other.positionAt(r.span.end) } },
        message: renderMessage(r.message, lang, memo),
      };
    });
  }
  return diagnostic;
}
