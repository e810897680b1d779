// The language server reads rule files reached through symbolic links like any other: it
// publishes diagnostics for a linked file that no editor has opened, at the link's path, and
// logs the warning the CLI prints for a link to nothing; a link made later to a file it reads
// already adds nothing, and a file opened through a link is the file it links to.
import { cpSync, mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import {
  DidChangeWatchedFilesNotification,
  DidOpenTextDocumentNotification,
  FileChangeType,
  type FileEvent,
} from 'vscode-languageserver-protocol/node';
import { startServer, type LspSession } from './support/lsp-client';

const BASE = join(__dirname, 'fixtures', 'check', '_base');
const TEXT = `revision: R06\nscheme: medical\nitems:\n  - id: X1\n    name: テスト\n    points: 100\n    when: { fact: guidance.home-physican, is: true }\n`;

let session: LspSession | undefined;
afterEach(async () => session?.close());

/** A workspace with one rule file, R06/b.tariff.yaml (one unknown fact). */
function oneFile(): { root: string; file: string } {
  const root = mkdtempSync(join(tmpdir(), 'tariff-lsp-links-'));
  cpSync(BASE, root, { recursive: true });
  mkdirSync(join(root, 'R06'));
  const file = join(root, 'R06', 'b.tariff.yaml');
  writeFileSync(file, TEXT);
  return { root, file };
}

describe('language server and symbolic links', () => {
  it('publishes diagnostics for unopened rule files reached through a linked file and a linked folder, and logs a link to nothing', async () => {
    const root = mkdtempSync(join(tmpdir(), 'tariff-lsp-links-'));
    cpSync(BASE, root, { recursive: true });
    mkdirSync(join(root, 'R06'));
    const outside = mkdtempSync(join(tmpdir(), 'tariff-lsp-links-outside-'));
    writeFileSync(join(outside, 'real.tariff.yaml'), TEXT);
    writeFileSync(join(outside, 'other.tariff.yaml'), TEXT.replace('X1', 'X2').replace('テスト', '別のテスト'));
    symlinkSync(join(outside, 'real.tariff.yaml'), join(root, 'R06', 'linked.tariff.yaml'));
    symlinkSync(outside, join(root, 'shared'));
    symlinkSync('..', join(root, 'R06', 'up'));
    symlinkSync(join(outside, 'missing.tariff.yaml'), join(root, 'R06', 'gone.tariff.yaml'));
    session = await startServer({ rootUri: pathToFileURL(root).toString(), locale: 'en' });
    const linked = await session.diagnostics(pathToFileURL(join(root, 'R06', 'linked.tariff.yaml')).toString(), (l) => l.length > 0);
    expect(linked.map((d) => d.code)).toEqual(['unknown-fact']);
    expect(linked[0]!.range.start).toEqual({ line: 6, character: 18 });
    // The folder holds real.tariff.yaml too, but that file is already read through R06/linked.tariff.yaml.
    const other = await session.diagnostics(pathToFileURL(join(root, 'shared', 'other.tariff.yaml')).toString(), (l) => l.length > 0);
    expect(other.map((d) => d.code)).toEqual(['unknown-fact']);
    expect(session.logs).toContain(
      `tariff: warning: ${join(root, 'R06', 'gone.tariff.yaml')} is a link to something that does not exist; it is skipped`,
    );
  });

  it('passes over a link made later to a file it reads already, as a whole reading of the folder does', async () => {
    const { root, file } = oneFile();
    session = await startServer({ rootUri: pathToFileURL(root).toString(), locale: 'en' });
    const uri = pathToFileURL(file).toString();
    expect((await session.diagnostics(uri, (l) => l.length > 0)).map((d) => d.code)).toEqual(['unknown-fact']);
    symlinkSync('b.tariff.yaml', join(root, 'R06', 'a-alias.tariff.yaml'));
    const later = join(root, 'R06', 'c.tariff.yaml');
    writeFileSync(later, TEXT.replace('X1', 'X3').replace('テスト', '後から'));
    await session.connection.sendNotification(DidChangeWatchedFilesNotification.type, {
      changes: [join(root, 'R06', 'a-alias.tariff.yaml'), later].map((path): FileEvent => ({
        uri: pathToFileURL(path).toString(),
        type: FileChangeType.Created,
      })),
    });
    await session.diagnostics(pathToFileURL(later).toString(), (l) => l.length > 0);
    // Read twice, X1 would be a duplicate id in b.tariff.yaml.
    expect((await session.diagnostics(uri)).map((d) => d.code)).toEqual(['unknown-fact']);
  });

  it('takes a file opened through a link to a file it reads under its own path as that file, not a second copy', async () => {
    const { root, file } = oneFile();
    symlinkSync('b.tariff.yaml', join(root, 'R06', 'a-alias.tariff.yaml'));
    session = await startServer({ rootUri: pathToFileURL(root).toString(), locale: 'en' });
    const real = pathToFileURL(file).toString();
    expect((await session.diagnostics(real, (l) => l.length > 0)).map((d) => d.code)).toEqual(['unknown-fact']);
    // The editor opens it by the link's path and edits it there.
    const alias = pathToFileURL(join(root, 'R06', 'a-alias.tariff.yaml')).toString();
    await session.connection.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri: alias, languageId: 'yaml', version: 1, text: TEXT.replace('points: 100', 'points: 200') },
    });
    // One X1 (no duplicate-id), shown where the editor has it open; the other path's list is cleared.
    expect((await session.diagnostics(alias, (l) => l.length > 0)).map((d) => d.code)).toEqual(['unknown-fact']);
    expect(await session.diagnostics(real, (l) => l.length === 0)).toEqual([]);
  });
});
