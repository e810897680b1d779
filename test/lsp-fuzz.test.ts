// Robustness over the protocol: the server takes 50,000 fuzzed documents — real rule files
// with deleted lines, random characters, truncation, indentation changes — each followed by
// a request (hover, completion, symbols, lenses, definition, inlay hints) and analysed in
// full, answers every request, logs no failure, and is still alive and correct at the end.
// Each document is known to be analysed in full when a marker file edited with it shows
// its new finding: the server publishes only diagnostics that changed, and the marker's do.
import fc from 'fast-check';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import {
  CodeLensRequest,
  CompletionRequest,
  DefinitionRequest,
  DidChangeTextDocumentNotification,
  DidOpenTextDocumentNotification,
  DocumentSymbolRequest,
  HoverRequest,
  InlayHintRequest,
} from 'vscode-languageserver-protocol/node';
import { startServer, type LspSession } from './support/lsp-client';
import { mutate, mutation } from './support/mutations';

const EDITS = Number(process.env.FUZZ_EDITS ?? 50_000);
const RULES = join(__dirname, '..', 'rules');
const SOURCES = ['R06/medical/b005.tariff.yaml', 'R06/care/discharge.tariff.yaml', 'R06/scenarios/b005-multi-party.scenario.yaml'].map(
  (p) => readFileSync(join(RULES, p), 'utf8'),
);

let session: LspSession | undefined;
afterAll(async () => session?.close());

describe('language server under fuzzed edits', () => {
  it(`answers every request through ${EDITS} fuzzed edits and stays correct`, async () => {
    const root = mkdtempSync(join(tmpdir(), 'tariff-fuzz-'));
    cpSync(join(RULES, 'facts.yaml'), join(root, 'facts.yaml'));
    cpSync(join(RULES, 'revisions.yaml'), join(root, 'revisions.yaml'));
    mkdirSync(join(root, 'R06'));
    session = await startServer({ rootUri: pathToFileURL(root).toString(), locale: 'ja' });
    const s = session;
    const uris = ['a.tariff.yaml', 'b.tariff.yaml', 'c.scenario.yaml'].map((name) => pathToFileURL(join(root, 'R06', name)).toString());
    const marker = pathToFileURL(join(root, 'R06', 'marker.tariff.yaml')).toString();
    const markerText = (n: number) =>
      `revision: R06\nscheme: medical\nitems:\n  - { id: FUZZ-MARKER, name: 目印, points: 1, when: { fact: fuzz.document-${n}, is: true } }\n`;
    await s.connection.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri: marker, languageId: 'yaml', version: 0, text: markerText(0) },
    });
    const texts = [...SOURCES];
    const versions = [1, 1, 1];
    for (const [i, uri] of uris.entries())
      await s.connection.sendNotification(DidOpenTextDocumentNotification.type, {
        textDocument: { uri, languageId: 'yaml', version: 1, text: texts[i]! },
      });
    const mutations = fc.sample(fc.tuple(fc.nat({ max: 2 }), mutation, fc.nat(), fc.nat({ max: 5 })), { numRuns: EDITS, seed: 42 });
    for (const [n, [which, m, where, request]] of mutations.entries()) {
      // Start again from the real file now and then, so edits keep hitting meaningful text.
      texts[which] = n % 200 === 0 ? SOURCES[which]! : mutate(texts[which]!, m);
      const uri = uris[which]!;
      await s.connection.sendNotification(DidChangeTextDocumentNotification.type, {
        textDocument: { uri, version: ++versions[which]! },
        contentChanges: [{ text: texts[which]! }],
      });
      const text = texts[which]!;
      const offset = text.length === 0 ? 0 : where % text.length;
      const line = text.slice(0, offset).split('\n').length - 1;
      const position = { line, character: offset - text.lastIndexOf('\n', offset - 1) - 1 };
      const textDocument = { uri };
      const requests = [
        () => s.connection.sendRequest(HoverRequest.type, { textDocument, position }),
        () => s.connection.sendRequest(CompletionRequest.type, { textDocument, position }),
        () => s.connection.sendRequest(DocumentSymbolRequest.type, { textDocument }),
        () => s.connection.sendRequest(CodeLensRequest.type, { textDocument }),
        () => s.connection.sendRequest(DefinitionRequest.type, { textDocument, position }),
        () =>
          s.connection.sendRequest(InlayHintRequest.type, {
            textDocument,
            range: { start: { line: 0, character: 0 }, end: { line: line + 1, character: 0 } },
          }),
      ];
      await s.connection.sendNotification(DidChangeTextDocumentNotification.type, {
        textDocument: { uri: marker, version: n + 1 },
        contentChanges: [{ text: markerText(n + 1) }],
      });
      // A request the server drops never resolves and one it fails rejects: either ends the test.
      await requests[request]!();
      await s.diagnostics(marker, (list) => list.some((d) => String(d.message).includes(`fuzz.document-${n + 1}\``)));
    }
    // Answered because nothing failed, not because failures were caught (a guarded handler that
    // fails answers with a fallback and logs it).
    expect(s.logs.filter((l) => l.includes('failed'))).toEqual([]);
    // Still alive and still right: restore a file with a planted error and read its diagnostics.
    const planted = SOURCES[0]!.replace('guidance.home-physician, is: true', 'guidance.home-physican, is: true');
    await s.connection.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri: uris[0]!, version: ++versions[0]! },
      contentChanges: [{ text: planted }],
    });
    const diagnostics = await s.diagnostics(uris[0]!, (list) => list.some((d) => d.code === 'unknown-fact'));
    expect(diagnostics.find((d) => d.code === 'unknown-fact')!.message).toContain('guidance.home-physician');
    writeFileSync(join(root, 'done'), '');
  }, 900_000);
});
