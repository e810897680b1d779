// The editor features, each a thin adapter from LSP requests to the analysis core's
// protocol-free functions (offsets in, offsets out), wrapped so that a failure is logged and
// answered with an empty result.
import {
  CodeActionKind,
  CompletionItemKind,
  InlayHint,
  InsertTextFormat,
  MarkupKind,
  ResponseError,
  StringValue,
  SymbolKind,
  TextDocumentEdit,
  type SnippetTextEdit,
  type TextEdit,
  type CodeAction,
  type CodeLens,
  type CompletionItem,
  type Connection,
  type DocumentSymbol,
  type Location,
  type SymbolInformation,
  type WorkspaceEdit,
} from 'vscode-languageserver/node';
import { renderMessage, type Lang } from '../core/analysis/messages';
import type { Span } from '../core/analysis/types';
import { contextActions, quickFixes } from '../core/ide/code-actions';
import type { FileEdit } from '../core/ide/extract-variant';
import { completionsAt, type CompletionKind } from '../core/ide/completion';
import { hoverAt } from '../core/ide/hover';
import { codeLenses, inlayHints } from '../core/ide/lenses';
import { definitionAt, prepareRenameAt, referencesAt, renameAt } from '../core/ide/navigation';
import { documentSymbols, workspaceSymbols, type OutlineKind, type OutlineSymbol } from '../core/ide/outline';
import { guardWith } from './guard';
import type { WorkspaceState } from './workspace-state';

/** What the client said it can do, as far as the features need to know. */
export interface ClientSupport {
  /** Snippet text edits in workspace edits (LSP 3.18 `workspace.workspaceEdit.snippetEditSupport`, with `documentChanges`). */
  snippetEdits: boolean;
}

export function registerFeatures(
  connection: Connection,
  state: WorkspaceState,
  lang: () => Lang,
  log: (message: string) => void,
  client: () => ClientSupport,
): void {
  const guard = guardWith(log, lang);
  const ws = () => state.workspace();
  const offsetOf = (uri: string, position: { line: number; character: number }) => state.document(uri).offsetAt(position);
  const range = (uri: string, span: Span) => {
    const doc = state.document(uri);
    return { start: doc.positionAt(span.start), end: doc.positionAt(span.end) };
  };
  const location = (file: string, span: Span): Location => ({ uri: file, range: range(file, span) });

  connection.onHover(
    guard('hover', null, (params) => {
      const hover = hoverAt(ws(), params.textDocument.uri, offsetOf(params.textDocument.uri, params.position), lang());
      return hover
        ? { contents: { kind: MarkupKind.Markdown, value: hover.markdown }, range: range(params.textDocument.uri, hover.span) }
        : null;
    }),
  );

  connection.onDefinition(
    guard('definition', [] as Location[], (params) =>
      definitionAt(ws(), params.textDocument.uri, offsetOf(params.textDocument.uri, params.position)).map((d) =>
        // A place in an official text is a line: the text is not a document the server keeps.
        d.line !== undefined
          ? { uri: d.file, range: { start: { line: d.line, character: 0 }, end: { line: d.line, character: 0 } } }
          : location(d.file, d.span),
      ),
    ),
  );

  connection.onReferences(
    guard('references', [] as Location[], (params) =>
      referencesAt(
        ws(),
        params.textDocument.uri,
        offsetOf(params.textDocument.uri, params.position),
        params.context.includeDeclaration,
      ).map((d) => location(d.file, d.span)),
    ),
  );

  connection.onPrepareRename(
    guard('prepareRename', null, (params) => {
      const found = prepareRenameAt(ws(), params.textDocument.uri, offsetOf(params.textDocument.uri, params.position));
      return found ? { range: range(params.textDocument.uri, found.span), placeholder: found.symbol.name } : null;
    }),
  );

  connection.onRenameRequest(
    guard('rename', null as WorkspaceEdit | null, (params) => {
      const result = renameAt(ws(), params.textDocument.uri, offsetOf(params.textDocument.uri, params.position), params.newName);
      if ('error' in result)
        throw new ResponseError(-32602, renderMessage({ id: `rename.${result.error}`, args: { name: params.newName } }, lang()));
      return workspaceEdit(result.edits);
    }),
  );

  connection.onDocumentSymbol(
    guard('documentSymbol', [] as DocumentSymbol[], (params) =>
      documentSymbols(ws(), params.textDocument.uri).map((s) => toDocumentSymbol(params.textDocument.uri, s)),
    ),
  );

  connection.onWorkspaceSymbol(
    guard('workspaceSymbol', [] as SymbolInformation[], (params) =>
      workspaceSymbols(ws(), params.query).map((s) => ({
        name: s.name,
        containerName: s.detail,
        kind: SYMBOL_KIND[s.kind],
        location: location(s.file, s.span),
      })),
    ),
  );

  connection.onCompletion(
    guard('completion', [] as CompletionItem[], (params) => {
      const uri = params.textDocument.uri;
      const doc = state.document(uri);
      const { entries, replace } = completionsAt(ws(), uri, doc.getText(), doc.offsetAt(params.position));
      const editRange = range(uri, replace);
      return entries.map((e) => ({
        label: e.label,
        kind: COMPLETION_KIND[e.kind],
        ...(e.detail ? { detail: e.detail } : {}),
        ...(e.filterText ? { filterText: e.filterText } : {}),
        ...(e.documentation ? { documentation: { kind: MarkupKind.Markdown, value: e.documentation } } : {}),
        textEdit: { range: editRange, newText: e.snippet ?? e.label },
        ...(e.snippet ? { insertTextFormat: InsertTextFormat.Snippet } : {}),
      }));
    }),
  );

  connection.onCodeAction(
    guard('codeAction', [] as CodeAction[], (params) => {
      const uri = params.textDocument.uri;
      const doc = state.document(uri);
      const text = doc.getText();
      const fixes = params.context.diagnostics.flatMap((diagnostic) =>
        quickFixes(
          String(diagnostic.code ?? ''),
          { start: doc.offsetAt(diagnostic.range.start), end: doc.offsetAt(diagnostic.range.end) },
          diagnostic.data,
          text,
        ).map((fix): CodeAction => ({
          title: renderMessage(fix.title, lang()),
          kind: CodeActionKind.QuickFix,
          diagnostics: [diagnostic],
          isPreferred: true,
          edit: { changes: { [uri]: fix.edits.map((e) => ({ range: range(uri, e.span), newText: e.text })) } },
        })),
      );
      const selection = { start: doc.offsetAt(params.range.start), end: doc.offsetAt(params.range.end) };
      const here = contextActions(ws(), uri, selection, text, lang())
        // A client that asks for some kinds only (`context.only`) gets those and their sub-kinds.
        .filter(
          (action) =>
            !params.context.only || params.context.only.some((kind) => action.kind === kind || action.kind.startsWith(`${kind}.`)),
        )
        .map((action): CodeAction => ({
          title: renderMessage(action.title, lang()),
          kind: action.kind,
          edit: workspaceEdit(action.edits),
        }));
      return [...fixes, ...here];
    }),
  );

  connection.onCodeLens(
    guard('codeLens', [] as CodeLens[], (params) =>
      codeLenses(ws(), params.textDocument.uri, lang()).map((lens) => ({
        range: range(params.textDocument.uri, lens.span),
        command: { title: lens.title, command: lens.scenario ? 'tariff.runScenario' : '', arguments: lens.scenario ? [lens.scenario] : [] },
      })),
    ),
  );

  connection.languages.inlayHint.on(
    guard('inlayHint', [] as InlayHint[], (params) => {
      const uri = params.textDocument.uri;
      const doc = state.document(uri);
      // Only the range the editor shows is asked for: a file of thousands of items gets the hints of one screen.
      const from = doc.offsetAt(params.range.start);
      const to = doc.offsetAt(params.range.end);
      return inlayHints(ws(), uri, lang())
        .filter((h) => h.offset >= from && h.offset <= to)
        .map((h) => InlayHint.create(doc.positionAt(h.offset), h.label));
    }),
  );

  /**
   * Edits by file, as LSP text edits in the order the core gives them. An edit with a
   * placeholder becomes a snippet edit that selects it, where the client takes those.
   */
  function workspaceEdit(edits: FileEdit[]): WorkspaceEdit {
    const byFile = new Map<string, FileEdit[]>();
    for (const edit of edits) byFile.set(edit.file, [...(byFile.get(edit.file) ?? []), edit]);
    if (client().snippetEdits && edits.some((e) => e.placeholder)) {
      return {
        documentChanges: [...byFile].map(([uri, list]) =>
          TextDocumentEdit.create(
            { uri, version: null },
            list.map((e) => (e.placeholder ? snippetEdit(e) : textEdit(e))),
          ),
        ),
      };
    }
    return { changes: Object.fromEntries([...byFile].map(([uri, list]) => [uri, list.map(textEdit)])) };
  }

  function textEdit(edit: FileEdit): TextEdit {
    return { range: range(edit.file, edit.span), newText: edit.text };
  }

  function snippetEdit(edit: FileEdit): SnippetTextEdit {
    const { start, end } = edit.placeholder!;
    const value = `${escapeSnippet(edit.text.slice(0, start))}\${1:${escapeSnippet(edit.text.slice(start, end))}}${escapeSnippet(edit.text.slice(end))}`;
    return { range: range(edit.file, edit.span), snippet: StringValue.createSnippet(value) };
  }

  function toDocumentSymbol(uri: string, s: OutlineSymbol): DocumentSymbol {
    return {
      name: s.name || '—',
      detail: s.detail,
      kind: SYMBOL_KIND[s.kind],
      range: range(uri, s.span),
      selectionRange: range(uri, s.selection),
      children: s.children.map((c) => toDocumentSymbol(uri, c)),
    };
  }
}

const SYMBOL_KIND: Record<OutlineKind, SymbolKind> = {
  item: SymbolKind.Class,
  variant: SymbolKind.EnumMember,
  fact: SymbolKind.Variable,
  revision: SymbolKind.Namespace,
  scenario: SymbolKind.Event,
};

const COMPLETION_KIND: Record<CompletionKind, CompletionItemKind> = {
  key: CompletionItemKind.Property,
  item: CompletionItemKind.Class,
  fact: CompletionItemKind.Variable,
  value: CompletionItemKind.EnumMember,
  revision: CompletionItemKind.Module,
  operator: CompletionItemKind.Operator,
  snippet: CompletionItemKind.Snippet,
};

/** Text taken literally inside a snippet. */
function escapeSnippet(text: string): string {
  return text.replace(/[\\$}]/g, (c) => `\\${c}`);
}
