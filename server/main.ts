// The tariff language server over stdio (or IPC): diagnostics for open and unopened rule
// files, hover, completion, definition, references, rename, symbols, quick fixes, code
// lenses and inlay hints, in the client's language. Rule files are recognised by name,
// whatever languageId the client sends. Every handler is guarded: a failure is logged and
// answered with an empty result, never a dead server.
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  CodeActionKind,
  createConnection,
  FileChangeType,
  ProposedFeatures,
  TextDocuments,
  TextDocumentSyncKind,
  type Connection,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { langOf, type Lang } from '../core/analysis/messages';
import { usePlainEnvironment } from '../core/plain-environment';
import { keepHeapSmall } from './small-heap';
import { registerFeatures, type ClientSupport } from './features';
import { publishDiagnostics } from './diagnostics';
import { registerGeneratedCode } from './generated-code';
import { guardWith } from './guard';
import { registerRuleMap } from './rule-map';
import { registerScenarios } from './scenarios';
import { WorkspaceState } from './workspace-state';

usePlainEnvironment();
keepHeapSmall();
const connection: Connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);
let lang: Lang = 'en';
let client: ClientSupport = { snippetEdits: false };
let pending: NodeJS.Immediate | undefined;
const log = (message: string) => connection.console.error(message);
const state = new WorkspaceState([], { log, lang: () => lang });

connection.onInitialize((params) => {
  lang = langOf((params.initializationOptions as Settings | undefined)?.locale ?? params.locale);
  state.setMaxFileSize(sizeLimit(params.initializationOptions));
  const workspaceEdit = params.capabilities.workspace?.workspaceEdit;
  client = { snippetEdits: workspaceEdit?.snippetEditSupport === true && workspaceEdit.documentChanges === true };
  const folders = params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []);
  const roots = folders.filter((uri) => uri.startsWith('file:')).map((uri) => fileURLToPath(uri));
  state.setRoots(ruleRootsIn(roots, params.initializationOptions));
  return {
    capabilities: {
      textDocumentSync: TextDocumentSyncKind.Incremental,
      hoverProvider: true,
      completionProvider: { triggerCharacters: [':', ' ', '[', ',', '-'] },
      definitionProvider: true,
      referencesProvider: true,
      renameProvider: { prepareProvider: true },
      documentSymbolProvider: true,
      workspaceSymbolProvider: true,
      codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, CodeActionKind.Refactor] },
      codeLensProvider: { resolveProvider: false },
      inlayHintProvider: true,
    },
  };
});

connection.onInitialized(() => schedule());
documents.onDidOpen((e) => {
  state.setOpen(e.document, e.document.uri);
  schedule();
});
documents.onDidChangeContent((e) => {
  state.setOpen(e.document, e.document.uri);
  schedule();
});
documents.onDidClose((e) => {
  state.setOpen(undefined, e.document.uri);
  schedule();
});
connection.onDidChangeConfiguration((params) => {
  const settings = (params.settings as { tariff?: Settings } | undefined)?.tariff;
  if (settings?.locale) lang = langOf(settings.locale);
  // Only a value the client sends changes the limit (initializationOptions stay otherwise).
  if (sizeLimit(settings) !== undefined) state.setMaxFileSize(sizeLimit(settings));
  schedule();
});
connection.onDidChangeWatchedFiles((params) => {
  for (const change of params.changes) state.diskChanged(change.uri, change.type === FileChangeType.Deleted);
  schedule();
});

/** What a client may set, in initializationOptions or as the `tariff` settings section. */
interface Settings {
  /** Overrides the client's locale: `ja` or `en`. */
  locale?: string;
  /** Files larger than this many bytes get one `file-too-large` diagnostic instead of analysis (default 5 MB). */
  maxFileSize?: number;
  /** Folders to read rule files from, relative to the first workspace folder (default: the workspace folders). */
  ruleRoots?: string[];
}

function ruleRootsIn(folders: string[], settings: unknown): string[] {
  const wanted = (settings as Settings | undefined)?.ruleRoots?.filter((r) => typeof r === 'string' && r.length > 0) ?? [];
  return wanted.length > 0 && folders[0] !== undefined ? wanted.map((r) => resolve(folders[0]!, r)) : folders;
}

function sizeLimit(settings: unknown): number | undefined {
  const value = (settings as Settings | undefined)?.maxFileSize;
  return typeof value === 'number' && value > 0 ? value : undefined;
}

/** Diagnostics follow edits after a short pause; a newer edit cancels an older publication. */
/**
 * Publishes diagnostics once the messages already received are handled: edits that arrive
 * together (a burst of changes, a rename across files) are analysed once, and an edit typed
 * alone is analysed at once rather than after a fixed delay. While an analysis runs, new
 * messages queue up and are coalesced into the next one, so results are never older than
 * the text they are published for.
 */
function schedule(): void {
  if (pending) return;
  pending = setImmediate(() => {
    pending = undefined;
    try {
      publishDiagnostics(connection, state, lang);
    } catch (error) {
      log(`tariff: analysis failed: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
    }
  });
}

registerFeatures(connection, state, () => lang, log, () => client);
registerScenarios(connection, state, () => lang, guardWith(log));
registerGeneratedCode(connection, state, guardWith(log));
registerRuleMap(connection, state, () => lang, guardWith(log));
documents.listen(connection);
connection.listen();
