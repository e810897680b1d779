// Degenerate workspaces — thousands of items sharing one name, thousands of copies of one
// item — through the built CLI and the language server, each in a process with a small heap:
// every finding names at most five other places plus a count, the output grows with the
// items (not with their square), nothing runs out of memory, and the server never sends a
// message over its 10 MB bound (a file with more findings than fit ends with a note).
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import type { Diagnostic } from 'vscode-languageserver-protocol/node';
import { generatedWorkspace, ITEM_LINES, tariffFile } from './support/generated-rules';
import { startServer, type LspSession } from './support/lsp-client';

const CLI = join(__dirname, '..', 'dist', 'cli.js');
/** A heap far below what the quadratic findings took (3–4 GB for 2,000 items). */
const HEAP = '--max-old-space-size=400';
const MAX_MESSAGE = 10 * 1024 * 1024;

let session: LspSession | undefined;
afterEach(async () => session?.close());

interface JsonDiagnostic {
  code: string;
  message: string;
  related?: { message: string }[];
}

function checkJson(root: string): { status: number | null; diagnostics: JsonDiagnostic[] } {
  const run = spawnSync(process.execPath, [HEAP, CLI, 'check', root, '--format', 'json', '--lang', 'en'], {
    encoding: 'utf8',
    maxBuffer: 1024 * 1024 * 1024,
  });
  expect(run.stderr).toBe('');
  return { status: run.status, diagnostics: (JSON.parse(run.stdout) as { diagnostics: JsonDiagnostic[] }).diagnostics };
}

describe('degenerate workspaces', () => {
  it('20,000 items sharing one name: one warning each, naming five others and counting the rest', () => {
    const root = generatedWorkspace({ 'R06/medical/same.tariff.yaml': tariffFile(ITEM_LINES.sameName, 20_000) });
    const { status, diagnostics } = checkJson(root);
    expect(status).toBe(0);
    expect(diagnostics).toHaveLength(20_000);
    expect(diagnostics.every((d) => d.code === 'alias-collision' && d.related!.length === 6)).toBe(true);
    expect(diagnostics[0]!.message).toBe(
      '`同名の項目`, a name of `N0`, is also used by N1, N2, N3, N4, N5 and 19,994 more in the same period',
    );
    expect(diagnostics[0]!.related!.at(-1)!.message).toBe('19,994 more places like these (the next one is here)');
  }, 120_000);

  it('1,500 copies of one item: one error each, pointing at five others and counting the rest', () => {
    const root = generatedWorkspace({ 'R06/medical/dup.tariff.yaml': tariffFile(ITEM_LINES.sameId, 1_500) });
    const { status, diagnostics } = checkJson(root);
    expect(status).toBe(1);
    expect(diagnostics.filter((d) => d.code === 'duplicate-id')).toHaveLength(1_500);
    expect(diagnostics.every((d) => (d.related?.length ?? 0) <= 6)).toBe(true);
  }, 120_000);

  it('the server stays within its heap and sends no message over 10 MB; findings that do not fit end in a note', async () => {
    // About 1.7 KB per finding: 8,000 of them are more than one message may hold.
    const root = generatedWorkspace({ 'R06/medical/same.tariff.yaml': tariffFile(ITEM_LINES.sameName, 8_000) });
    session = await startServer({ rootUri: pathToFileURL(root).toString(), locale: 'en', nodeOptions: [HEAP] });
    const uri = pathToFileURL(join(root, 'R06/medical/same.tariff.yaml')).toString();
    const list: Diagnostic[] = await session.diagnostics(uri, (l) => l.length > 0);
    expect(session.largestMessage()).toBeLessThanOrEqual(MAX_MESSAGE);
    expect(list.length).toBeGreaterThan(1_000);
    expect(list.length).toBeLessThan(8_000);
    const note = list.at(-1)!;
    expect(note.message).toBe(
      `${(8_001 - list.length).toLocaleString('en-US')} more findings in this file are not shown here (they exceed the 10 MB the server sends to the editor at once); run \`tariff check\` to see them all`,
    );
    // The note takes the severity of the most severe finding it stands for (warnings here).
    expect(note.severity).toBe(2);
    expect(list.slice(0, -1).every((d) => d.code === 'alias-collision' && d.relatedInformation!.length === 6)).toBe(true);
    expect(session.process.exitCode).toBeNull();
  }, 120_000);
});
