// The tariff language server over stdio (or IPC): publishes the workspace's diagnostics for
// open and unopened rule files, in the client's language. Rule files are recognised by name,
// whatever languageId the client sends.
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createConnection, ProposedFeatures, TextDocuments, TextDocumentSyncKind } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { analyze, type SourceFile } from '../core/analysis/analyze';
import { fileKindOf } from '../core/analysis/file-kind';
import { langOf, type Lang } from '../core/analysis/messages';
import { readSources, ruleFilesUnder } from '../core/workspace-files';
import { toDiagnostic } from './convert';

const connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);
let lang: Lang = 'en';
let roots: string[] = [];
const published = new Set<string>();
let timer: NodeJS.Timeout | undefined;
let generation = 0;

connection.onInitialize((params) => {
  lang = langOf(params.locale);
  const folders = params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []);
  roots = folders.filter((uri) => uri.startsWith('file:')).map((uri) => fileURLToPath(uri));
  return { capabilities: { textDocumentSync: TextDocumentSyncKind.Incremental } };
});

connection.onInitialized(() => schedule());
documents.onDidOpen(() => schedule());
documents.onDidChangeContent(() => schedule());
documents.onDidClose(() => schedule());

function schedule(): void {
  if (timer) clearTimeout(timer);
  timer = setTimeout(() => {
    timer = undefined;
    try {
      publishAll(++generation);
    } catch (error) {
      connection.console.error(`tariff: analysis failed: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
    }
  }, 30);
}

/** Analyses disk files under the roots plus open buffers (which win) and publishes all. */
function publishAll(run: number): void {
  const sources = new Map<string, SourceFile>();
  for (const root of roots) {
    try {
      for (const source of readSources(ruleFilesUnder(root))) {
        const uri = pathToFileURL(source.file).toString();
        sources.set(uri, { file: uri, text: source.text });
      }
    } catch (error) {
      connection.console.warn(`tariff: cannot read ${root}: ${String(error)}`);
    }
  }
  for (const doc of documents.all()) {
    if (fileKindOf(doc.uri)) sources.set(doc.uri, { file: doc.uri, text: doc.getText() });
  }
  const result = analyze([...sources.values()], {
    onInternalError: (check, error) => connection.console.error(`tariff: check ${check} failed: ${String(error)}`),
  });
  if (run !== generation) return; // A newer edit has been scheduled; never publish stale results.
  const texts = new Map<string, TextDocument>();
  const docOf = (uri: string) => {
    let doc = documents.get(uri) ?? texts.get(uri);
    if (!doc) texts.set(uri, (doc = TextDocument.create(uri, 'yaml', 0, sources.get(uri)?.text ?? '')));
    return doc;
  };
  const byFile = new Map<string, ReturnType<typeof toDiagnostic>[]>();
  for (const uri of sources.keys()) byFile.set(uri, []);
  for (const finding of result.findings) byFile.get(finding.file)?.push(toDiagnostic(finding, docOf, lang));
  for (const uri of published) if (!byFile.has(uri)) byFile.set(uri, []);
  published.clear();
  for (const [uri, diagnostics] of byFile) {
    void connection.sendDiagnostics({ uri, diagnostics });
    if (diagnostics.length > 0) published.add(uri);
  }
}

documents.listen(connection);
connection.listen();
