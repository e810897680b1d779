// The tariff language server over stdio (or IPC): diagnostics for open and unopened rule
// files, hover, completion, definition, references, rename, symbols, quick fixes, code
// lenses and inlay hints, in the client's language. Rule files are recognised by name,
// whatever languageId the client sends. Every handler is guarded: a failure is logged and
// answered with an empty result, never a dead server. Requests read the model of the
// current texts and never wait for diagnostics, which are analysed while the server is idle.
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  CodeActionKind,
  createConnection,
  FileChangeType,
  LSPErrorCodes,
  ProposedFeatures,
  type RequestMessage,
  TextDocuments,
  TextDocumentSyncKind,
  type Connection,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { langOf, type Lang } from '../core/analysis/messages';
import { usePlainEnvironment } from '../core/plain-environment';
import { keepHeapSmall } from './small-heap';
import { registerFeatures, type ClientSupport } from './features';
import { analysisRunner } from './analysis-runner';
import { diagnosticsPublisher } from './diagnostics';
import { registerGeneratedCode } from './generated-code';
import { guardWith } from './guard';
import { registerRuleMap } from './rule-map';
import { registerScenarios } from './scenarios';
import { registerSuggestScenarios } from './suggest-scenarios';
import { WorkspaceState } from './workspace-state';

usePlainEnvironment();
keepHeapSmall();
let handled = 0;
const connection: Connection = createConnection(ProposedFeatures.all, {
  // Counted so that the analysis runs only when no message is waiting (analysis-runner.ts).
  messageStrategy: {
    handleMessage: (message, next) => {
      handled++;
      return next(message);
    },
  },
  // A request cancelled before it started is answered as cancelled at once, not run.
  connectionStrategy: {
    cancelUndispatched: (message) => ({
      jsonrpc: '2.0',
      id: (message as RequestMessage).id,
      error: { code: LSPErrorCodes.RequestCancelled, message: 'cancelled' },
    }),
  },
});
const documents = new TextDocuments(TextDocument);
let lang: Lang = 'en';
let client: ClientSupport = { snippetEdits: false };
const log = (message: string) => connection.console.error(message);
const state = new WorkspaceState([], { log, lang: () => lang });
const publish = diagnosticsPublisher(connection);
const runner = analysisRunner({
  version: () => `${state.generation} ${lang}`,
  start: () => state.analysis(),
  handled: () => handled,
  publish: (result, focus) =>
    publish(result.findings, { docOf: (uri) => state.document(uri), lang, files: state.files(), ...(focus ? { scope: focus.files } : {}) }),
  log,
});
const schedule = () => runner.schedule();

/** The workspace folders the client opened, for `ruleRoots` relative to the first. */
let workspaceFolders: string[] = [];

connection.onInitialize((params) => {
  lang = langOf((params.initializationOptions as Settings | undefined)?.locale ?? params.locale);
  state.setMaxFileSize(sizeLimit(params.initializationOptions));
  const workspaceEdit = params.capabilities.workspace?.workspaceEdit;
  client = { snippetEdits: workspaceEdit?.snippetEditSupport === true && workspaceEdit.documentChanges === true };
  const folders = params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []);
  workspaceFolders = folders.filter((uri) => uri.startsWith('file:')).map((uri) => fileURLToPath(uri));
  state.setRoots(ruleRootsIn(workspaceFolders, params.initializationOptions));
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
// A settings change reconfigures the running server: the next analysis publishes in the new
// language over the old diagnostics (they never disappear in between), reading the new roots.
connection.onDidChangeConfiguration((params) => {
  const settings = (params.settings as { tariff?: Settings } | undefined)?.tariff;
  if (settings?.locale) lang = langOf(settings.locale);
  // Only a value the client sends changes the limit (initializationOptions stay otherwise).
  if (sizeLimit(settings) !== undefined) state.setMaxFileSize(sizeLimit(settings));
  if (settings && Array.isArray(settings.ruleRoots)) state.setRoots(ruleRootsIn(workspaceFolders, settings));
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

registerFeatures(
  connection,
  state,
  () => lang,
  log,
  () => client,
);
registerScenarios(
  connection,
  state,
  () => lang,
  guardWith(log, () => lang),
);
registerGeneratedCode(
  connection,
  state,
  guardWith(log, () => lang),
);
registerRuleMap(
  connection,
  state,
  () => lang,
  guardWith(log, () => lang),
);
registerSuggestScenarios(
  connection,
  state,
  () => lang,
  guardWith(log, () => lang),
);
documents.listen(connection);
connection.listen();
