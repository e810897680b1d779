// The language server over stdio, spoken to by a real JSON-RPC client: it publishes our
// diagnostics for rule files on disk and for open buffers (whatever languageId the client
// sends), in the client's locale, and clears them once the buffer is fixed.
import { cpSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import {
  DidChangeConfigurationNotification,
  DidChangeTextDocumentNotification,
  DidOpenTextDocumentNotification,
} from 'vscode-languageserver-protocol/node';
import { startServer, type LspSession } from './support/lsp-client';

const BASE = join(__dirname, 'fixtures', 'check', '_base');
const TEXT = `revision: R06\nscheme: medical\nitems:\n  - id: X1\n    name: テスト\n    points: 100\n    when: { fact: guidance.home-physican, is: true }\n`;

let session: LspSession | undefined;
afterEach(async () => session?.close());

function workspace(): { root: string; file: string; uri: string } {
  const root = mkdtempSync(join(tmpdir(), 'tariff-lsp-'));
  cpSync(BASE, root, { recursive: true });
  mkdirSync(join(root, 'R06'));
  const file = join(root, 'R06', 'x.tariff.yaml');
  writeFileSync(file, TEXT);
  return { root, file, uri: pathToFileURL(file).toString() };
}

describe('language server over stdio', () => {
  it('gives a file over the size limit (a setting) one clear diagnostic instead of analysis', async () => {
    const { root, uri } = workspace();
    session = await startServer({ rootUri: pathToFileURL(root).toString(), locale: 'en', initializationOptions: { maxFileSize: 100 } });
    const list = await session.diagnostics(uri, (l) => l.length > 0);
    expect(list.map((d) => d.code)).toEqual(['file-too-large']);
    expect(list[0]!.message).toBe('this file is 137 bytes, over the limit of 100 bytes: it is not analysed');
    expect(list[0]!.range.start).toEqual({ line: 0, character: 0 });
  });

  it('publishes diagnostics for an unopened rule file on disk, in Japanese for a Japanese client', async () => {
    const { root, uri } = workspace();
    session = await startServer({ rootUri: pathToFileURL(root).toString(), locale: 'ja' });
    const list = await session.diagnostics(uri, (l) => l.length > 0);
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({
      code: 'unknown-fact',
      severity: 1,
      source: 'tariff',
      range: { start: { line: 6, character: 18 }, end: { line: 6, character: 40 } },
      data: { suggestion: 'guidance.home-physician' },
    });
    expect(list[0]!.message).toContain('不明な事実');
  });

  it('takes a settings change without a restart: diagnostics come again in the new language, never cleared in between, and the rule roots change', async () => {
    const { root, uri } = workspace();
    session = await startServer({ rootUri: pathToFileURL(root).toString(), locale: 'en' });
    const english = await session.diagnostics(uri, (l) => l.length > 0);
    expect(english[0]!.message).toContain('unknown fact');
    const before = session.published.length;
    const lists: number[] = [];
    const japanese = session.diagnostics(uri, (l) => (lists.push(l.length), l.some((d) => String(d.message).includes('不明な事実'))));
    await session.connection.sendNotification(DidChangeConfigurationNotification.type, {
      settings: { tariff: { locale: 'ja', ruleRoots: [] } },
    });
    expect((await japanese)[0]!.message).toContain('不明な事実');
    // Every list published for the file meanwhile still held its finding.
    expect(lists.every((n) => n > 0)).toBe(true);
    expect(session.published.length).toBeGreaterThan(before);
    // Narrowed to a folder without the file, its diagnostics are cleared.
    mkdirSync(join(root, 'other'));
    await session.connection.sendNotification(DidChangeConfigurationNotification.type, {
      settings: { tariff: { locale: 'ja', ruleRoots: ['other'] } },
    });
    await session.diagnostics(uri, (l) => l.length === 0);
  });

  it('publishes the edited file first, then the other files whose findings the edit changed', async () => {
    const { root, uri } = workspace();
    // Named to come before the edited file, in which order a whole analysis publishes.
    const other = join(root, 'R06', 'a.tariff.yaml');
    writeFileSync(other, 'revision: R06\nscheme: medical\nitems:\n  - { id: Y1, name: 他方, points: 100, requires: [X1] }\n');
    const otherUri = pathToFileURL(other).toString();
    session = await startServer({ rootUri: pathToFileURL(root).toString(), locale: 'en' });
    await session.diagnostics(uri, (l) => l.length === 1);
    await session.connection.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri, languageId: 'yaml', version: 1, text: TEXT },
    });
    const before = session.published.length;
    // X1 renamed: a.tariff.yaml now requires an item that does not exist.
    await session.connection.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri, version: 2 },
      contentChanges: [{ text: TEXT.replace('id: X1', 'id: X2').replace('points: 100', 'units: 100') }],
    });
    const [edited, unknown] = await Promise.all([
      session.diagnostics(uri, (l) => l.some((d) => d.code === 'amount-unit')),
      session.diagnostics(otherUri, (l) => l.some((d) => d.code === 'unknown-item')),
    ]);
    expect(edited.map((d) => d.code)).toEqual(['amount-unit', 'unknown-fact']);
    expect(unknown.map((d) => d.code)).toEqual(['unknown-item']);
    const order = session.published.slice(before);
    expect(order.indexOf(uri)).toBeGreaterThanOrEqual(0);
    expect(order.indexOf(uri)).toBeLessThan(order.indexOf(otherUri));
  });

  it('publishes the files open at start-up before the rest of the workspace', async () => {
    const { root, uri } = workspace();
    // Named to come before the open file, in which order a whole analysis publishes.
    const other = join(root, 'R06', 'a.tariff.yaml');
    writeFileSync(other, 'revision: R06\nscheme: medical\nitems:\n  - { id: Y1, name: 他方, points: 100, requires: [NOPE] }\n');
    session = await startServer({ rootUri: pathToFileURL(root).toString(), locale: 'en' });
    await session.connection.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri, languageId: 'yaml', version: 1, text: TEXT },
    });
    await Promise.all([
      session.diagnostics(uri, (l) => l.length === 1),
      session.diagnostics(pathToFileURL(other).toString(), (l) => l.length === 1),
    ]);
    expect(session.published.indexOf(uri)).toBeLessThan(session.published.indexOf(pathToFileURL(other).toString()));
  });

  it('follows edits of an open buffer sent as languageId yaml, and clears fixed findings', async () => {
    const { root, uri } = workspace();
    session = await startServer({ rootUri: pathToFileURL(root).toString(), locale: 'en' });
    await session.diagnostics(uri, (l) => l.length === 1);
    await session.connection.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri, languageId: 'yaml', version: 1, text: TEXT },
    });
    await session.connection.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri, version: 2 },
      contentChanges: [{ text: TEXT.replace('home-physican', 'home-physician').replace('points: 100', 'units: 100') }],
    });
    const list = await session.diagnostics(uri, (l) => l.some((d) => d.code === 'amount-unit'));
    expect(list.map((d) => d.code)).toEqual(['amount-unit']);
    expect(list[0]!.message).toBe('`units` does not fit the medical scheme: use `points`');
    await session.connection.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri, version: 3 },
      contentChanges: [{ text: TEXT.replace('home-physican', 'home-physician') }],
    });
    expect(await session.diagnostics(uri, (l) => l.length === 0)).toEqual([]);
  });
});
