// The analyst report over the real protocol, as the VS Code webview asks for it: the
// revisions with rules and what they supersede, the rule map page and a revision diff page —
// the same HTML the CLI writes — in the client's language; unknown revisions answer null.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPORT_REQUEST, REVISIONS_REQUEST, type ReportInfo, type RevisionsInfo } from '../server/protocol';
import { tariff } from './support/cli';
import { startServer, type LspSession } from './support/lsp-client';

const ROOT = join(__dirname, '..', 'rules');

describe('report requests', () => {
  let session: LspSession;
  beforeAll(async () => {
    session = await startServer({ rootUri: pathToFileURL(ROOT).toString(), locale: 'en' });
  });
  afterAll(() => session.close());

  it('offers the pairs of revisions that can be compared: superseded first, never two without a common scheme', async () => {
    const info = await session.connection.sendRequest<RevisionsInfo>(REVISIONS_REQUEST);
    // R03 has care fees only and R04 medical fees only: there is nothing to compare between them.
    expect(info).toEqual({
      revisions: ['R03', 'R04', 'R06'],
      pairs: [
        { old: 'R04', new: 'R06' },
        { old: 'R03', new: 'R06' },
      ],
    });
    expect(await session.connection.sendRequest(REPORT_REQUEST, { view: 'diff', old: 'R03', new: 'R04' })).toBeNull();
  });

  it('answers the rule map: tables and the exclusion matrix, no diff', async () => {
    const { html, title } = (await session.connection.sendRequest<ReportInfo>(REPORT_REQUEST, { view: 'map' }))!;
    expect(html).toContain('<html lang="en">');
    // One title for the tab and the page.
    expect(title).toBe('Tariff rule map');
    expect(html).toContain('<h1>Tariff rule map</h1>');
    // Each id of the rule tables opens its rule in the editor.
    const link = /<a href="command:vscode\.open\?([^"]+)"><code>B005-n3<\/code><\/a>/.exec(html)!;
    const [uri, { selection }] = JSON.parse(decodeURIComponent(link[1]!.replace(/&amp;/g, '&'))) as [
      string,
      { selection: { startLineNumber: number } },
    ];
    expect(uri).toMatch(/\/rules\/R0[46]\/medical\/b005\.tariff\.yaml$/);
    expect(readFileSync(fileURLToPath(uri), 'utf8').split('\n')[selection.startLineNumber - 1]).toContain('id: B005-n3');
    expect(html).toContain('<g class="cell" data-row="B005-n3" data-column="B005-n2" data-kind="overrides" data-scope="day">');
    expect(html).toContain('<table data-revision="R04" data-scheme="medical">');
    expect(html).not.toContain('<article class="diff">');
  });

  it('answers the diff page the CLI prints for the same revisions', async () => {
    const { html, title } = (await session.connection.sendRequest<ReportInfo>(REPORT_REQUEST, { view: 'diff', old: 'R03', new: 'R06' }))!;
    const cli = await tariff(['diff', 'R03', 'R06', '--format', 'html', '--lang', 'en'], { cwd: join(ROOT, '..') });
    expect(html).toBe(cli.stdout);
    expect(title).toBe('Revision diff: R03 → R06');
    expect(html).toContain('<h1>Revision diff: R03 → R06</h1>');
    expect(await session.connection.sendRequest(REPORT_REQUEST, { view: 'diff', old: 'R01', new: 'R06' })).toBeNull();
  });
});
