// Every editor feature over the real protocol: the built server (dist/server.js --stdio) on
// the bundled rules, spoken to by a JSON-RPC client — hover, definition, references,
// rename, symbols, completion, quick fixes, refactorings, code lenses and inlay hints.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CodeActionRequest,
  CodeLensRequest,
  CompletionRequest,
  DefinitionRequest,
  DidCloseTextDocumentNotification,
  DidOpenTextDocumentNotification,
  DocumentSymbolRequest,
  HoverRequest,
  InlayHintRequest,
  PrepareRenameRequest,
  ReferencesRequest,
  RenameRequest,
  WorkspaceSymbolRequest,
  type CompletionItem,
  type DocumentSymbol,
  type Location,
  type MarkupContent,
} from 'vscode-languageserver-protocol/node';
import { startServer, type LspSession } from './support/lsp-client';

const ROOT = join(__dirname, '..', 'rules');
const file = (path: string) => ({
  path: join(ROOT, path),
  uri: pathToFileURL(join(ROOT, path)).toString(),
  text: readFileSync(join(ROOT, path), 'utf8'),
});
const B005 = file('R06/medical/b005.tariff.yaml');
const A246 = file('R06/medical/a246.tariff.yaml');
const CARE = file('R06/care/discharge.tariff.yaml');

/** The position of the `nth` occurrence of `needle` in `text`, `shift` characters into it. */
function at(text: string, needle: string, shift = 1, nth = 0): { line: number; character: number } {
  let index = -1;
  for (let k = 0; k <= nth; k++) index = text.indexOf(needle, index + 1);
  if (index < 0) throw new Error(`${needle} not found`);
  const before = text.slice(0, index + shift);
  const line = before.split('\n').length - 1;
  return { line, character: index + shift - before.lastIndexOf('\n') - 1 };
}

let ja: LspSession;
let en: LspSession;

beforeAll(async () => {
  ja = await startServer({ rootUri: pathToFileURL(ROOT).toString(), locale: 'ja' });
  en = await startServer({ rootUri: pathToFileURL(ROOT).toString(), locale: 'en' });
}, 30_000);
afterAll(async () => {
  await ja.close();
  await en.close();
});

describe('language server features', () => {
  it('hovers an item id with name, amount, parent, relations, period and citation', async () => {
    const hover = await ja.connection.sendRequest(HoverRequest.type, {
      textDocument: { uri: B005.uri },
      position: at(B005.text, 'id: B005-n3', 5),
    });
    const text = (hover!.contents as MarkupContent).value;
    expect(text).toContain('**B005-n3** 多機関共同指導加算（他機関共同指導加算）');
    expect(text).toContain('2,000点');
    expect(text).toContain('`B005` への加算');
    expect(text).toContain('優先: B005-n2, B005-1-2');
    expect(text).toContain('適用: 2024-06-01');
    expect(text).toContain('出典: 医科診療報酬点数表');
    expect(text).toContain('B005 注3');
  });

  it('hovers an exclusion entry with what is claimed where both apply, by name, without repeating the hint’s sentence', async () => {
    const hover = await en.connection.sendRequest(HoverRequest.type, {
      textDocument: { uri: B005.uri },
      position: at(B005.text, '- { id: B005-n2', 9),
    });
    const text = (hover!.contents as MarkupContent).value;
    expect(text).toContain('Where both apply, `B005-n3` 多機関共同指導加算 is claimed and `B005-n2` 退院時共同指導料２ 注２加算 is not');
    expect(text).not.toContain('example:');
  });

  it('hovers a fact with its label and values', async () => {
    const hover = await en.connection.sendRequest(HoverRequest.type, {
      textDocument: { uri: B005.uri },
      position: at(B005.text, 'guidance.home-parties', 3),
    });
    const text = (hover!.contents as MarkupContent).value;
    expect(text).toContain('**guidance.home-parties**');
    // Each value with its label (facts.yaml `value-labels`), rule text escaped in the Markdown.
    expect(text).toContain('home-medical (在宅療養担当医療機関の保険医又は看護師等), dental (歯科医師又は歯科衛生士)');
  });

  it('hovers keys and amounts with what the schema says they mean, in the display language of the schema (Japanese)', async () => {
    const hoverAt = async (needle: string, shift: number) => {
      const hover = await ja.connection.sendRequest(HoverRequest.type, {
        textDocument: { uri: B005.uri },
        position: at(B005.text, needle, shift),
      });
      return hover ? (hover.contents as MarkupContent).value : '';
    };
    const amount = await hoverAt('points: 2000', 9);
    expect(amount).toContain('**2,000点**');
    expect(amount).toContain('**points** — 点数（診療報酬\\: medical）。');
    expect(await hoverAt('points: 2000', 2)).toMatch(/^\*\*points\*\* — 点数/);
    expect(await hoverAt('scope: day', 2)).toContain('**scope** — 両方を算定できない期間。');
    expect(await hoverAt('per: admission', 7)).toContain('**per** — 回数を数える期間。');
  });

  it('goes to the definition of a parent item in another file', async () => {
    const locations = (await en.connection.sendRequest(DefinitionRequest.type, {
      textDocument: { uri: A246.uri },
      position: at(A246.text, 'addition-to: A246', 14),
    })) as Location[];
    expect(locations).toEqual([{ uri: A246.uri, range: { start: at(A246.text, 'id: A246\n', 4), end: at(A246.text, 'id: A246\n', 8) } }]);
  });

  it('finds every reference to a fact across rule, facts and scenario files', async () => {
    const refs = (await en.connection.sendRequest(ReferencesRequest.type, {
      textDocument: { uri: B005.uri },
      position: at(B005.text, 'guidance.home-parties', 3),
      context: { includeDeclaration: true },
    })) as Location[];
    const files = new Set(refs.map((r) => r.uri.split('/rules/')[1]));
    expect(files).toContain('facts.yaml');
    expect(files).toContain('R06/medical/b005.tariff.yaml');
    expect([...files].some((f) => f?.startsWith('R06/scenarios/'))).toBe(true);
  });

  it('renames an item id across files, after prepareRename, and refuses a taken name', async () => {
    const position = at(B005.text, 'id: B005-n2', 5);
    const prepared = await en.connection.sendRequest(PrepareRenameRequest.type, { textDocument: { uri: B005.uri }, position });
    expect(prepared).toMatchObject({ placeholder: 'B005-n2' });
    const edit = await en.connection.sendRequest(RenameRequest.type, { textDocument: { uri: B005.uri }, position, newName: 'B005-n2x' });
    const files = Object.keys(edit!.changes!);
    expect(files).toContain(B005.uri);
    expect(files.some((uri) => uri.includes('/scenarios/'))).toBe(true);
    expect(
      Object.values(edit!.changes!)
        .flat()
        .every((e) => e.newText === 'B005-n2x'),
    ).toBe(true);
    await expect(
      en.connection.sendRequest(RenameRequest.type, { textDocument: { uri: B005.uri }, position, newName: 'B005-n3' }),
    ).rejects.toThrow('`B005-n3` is already defined');
  });

  it('lists items with their variants as document symbols, named with their Japanese names (the editor filters on names)', async () => {
    const symbols = (await en.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri: A246.uri } })) as DocumentSymbol[];
    const a246 = symbols.find((s) => s.name === 'A246 入退院支援加算')!;
    expect(a246.children!.map((c) => c.name.split(' ')[0])).toEqual(['A246-1-i', 'A246-1-ro', 'A246-2-i', 'A246-2-ro', 'A246-3']);
    expect(a246.children![0]!.name).toMatch(/^A246-1-i 入退院支援加算１/);
    expect(symbols.map((s) => s.name.split(' ')[0])).toContain('A246-n7');
  });

  it('finds an item by its alias in workspace symbols', async () => {
    const symbols = await ja.connection.sendRequest(WorkspaceSymbolRequest.type, { query: '他機関共同指導加算' });
    // One definition per revision that has the item (R04 and R06).
    const found = (symbols as { name: string; location: { uri: string } }[]).map((s) => [s.name, s.location.uri.split('/rules/')[1]]);
    // Named with the alias, so that the editor, which filters again on names, keeps them.
    expect(found).toEqual([
      ['B005-n3 多機関共同指導加算（他機関共同指導加算）', 'R04/medical/b005.tariff.yaml'],
      ['B005-n3 多機関共同指導加算（他機関共同指導加算）', 'R06/medical/b005.tariff.yaml'],
    ]);
  });

  it('completes fact names, item ids, fact values and operators as you type', async () => {
    const uri = pathToFileURL(join(ROOT, 'R06', 'medical', 'typing.tariff.yaml')).toString();
    const text =
      'revision: R06\nscheme: medical\nitems:\n  - id: X1\n    name: x\n    points: 1\n    excludes: [B00\n    when: { fact: guidance.home-parties, has: \n    when2: { fact: patient.designated-disease, \n    when3: { fact: guid\n';
    await en.connection.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri, languageId: 'yaml', version: 1, text },
    });
    const complete = async (needle: string) =>
      (
        (await en.connection.sendRequest(CompletionRequest.type, {
          textDocument: { uri },
          position: at(text, needle, needle.length),
        })) as CompletionItem[]
      ).map((c) => c.label);
    expect(await complete('excludes: [B00')).toEqual(expect.arrayContaining(['B005', 'B005-n2', 'B005-n3', 'B004']));
    expect(await complete('has: ')).toEqual([
      'home-medical',
      'dental',
      'pharmacy',
      'visiting-nurse-station',
      'care-manager',
      'support-specialist',
    ]);
    expect(await complete('designated-disease, ')).toEqual(['is', 'is-not']);
    expect(await complete('fact: guid')).toEqual(expect.arrayContaining(['guidance.home-parties', 'guidance.hospital-staff']));
  });

  it('offers the nearest name as a quick fix for a misspelt fact', async () => {
    const diagnostic = {
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 4 } },
      message: 'x',
      code: 'unknown-fact',
      data: { suggestion: 'guidance.home-physician' },
    };
    const actions = await ja.connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri: B005.uri },
      range: diagnostic.range,
      context: { diagnostics: [diagnostic] },
    });
    expect(actions).toMatchObject([
      {
        title: '`guidance.home-physician` に変更',
        kind: 'quickfix',
        edit: { changes: { [B005.uri]: [{ newText: 'guidance.home-physician', range: diagnostic.range }] } },
      },
    ]);
  });

  it('fixes a missing amount, offers to add a citation, and aligns a relation declared differently on its two sides', async () => {
    const uri = pathToFileURL(join(ROOT, 'R06', 'medical', 'actions.tariff.yaml')).toString();
    const text =
      'revision: R06\nscheme: medical\nitems:\n  - id: Q1\n    name: 金額なし\n  - id: Q2\n    name: 二\n    points: 1\n    excludes: [{ id: Q3, scope: day }]\n  - id: Q3\n    name: 三\n    points: 2\n    excludes: [{ id: Q2, scope: month }]\n';
    await en.connection.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri, languageId: 'yaml', version: 1, text },
    });
    const diagnostics = await en.diagnostics(
      uri,
      (l) => l.some((d) => d.code === 'amount-unit') && l.some((d) => d.code === 'exclusion-conflict'),
    );
    const missing = diagnostics.find((d) => d.code === 'amount-unit')!;
    const fix = await en.connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri },
      range: missing.range,
      context: { diagnostics: [missing] },
    });
    expect(fix).toMatchObject([
      {
        title: 'Add `points`',
        edit: {
          changes: {
            [uri]: [{ newText: '\n    points: 0', range: { start: { line: 3, character: 10 }, end: { line: 3, character: 10 } } }],
          },
        },
      },
    ]);
    const here = await en.connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri },
      range: { start: { line: 3, character: 9 }, end: { line: 3, character: 9 } },
      context: { diagnostics: [] },
    });
    expect(here).toMatchObject([
      {
        title: 'Add a `source` citation',
        kind: 'refactor',
        edit: { changes: { [uri]: [{ newText: '\n    source: { clause: "", quote: "" }' }] } },
      },
    ]);
    const conflict = diagnostics.find((d) => d.code === 'exclusion-conflict' && d.range.start.line === 8)!;
    const align = await en.connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri },
      range: conflict.range,
      context: { diagnostics: [conflict] },
    });
    expect(align).toMatchObject([
      {
        title: 'Declare it as the other side does',
        edit: { changes: { [uri]: [{ newText: '{ id: Q3, scope: month }', range: conflict.range }] } },
      },
    ]);
  });

  it("extracts a condition into a variant, titled and named in the user's language, only when refactorings are asked for", async () => {
    const uri = pathToFileURL(join(ROOT, 'R06', 'medical', 'extract.tariff.yaml')).toString();
    const text =
      'revision: R06\nscheme: medical\nitems:\n  - id: J1\n    name: 抽出\n    points: 5\n    when: { fact: ward.type, is: general }\n';
    await ja.connection.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri, languageId: 'yaml', version: 1, text },
    });
    const range = { start: at(text, 'ward.type'), end: at(text, 'ward.type') };
    const actions = await ja.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range, context: { diagnostics: [] } });
    expect(actions).toMatchObject([
      { title: 'この条件の場合を区分 `J1-v1` として分ける（算定結果は変わりません）', kind: 'refactor.extract' },
    ]);
    expect(JSON.stringify(actions)).toContain('name: 抽出（J1-v1）');
    const quickfixes = await ja.connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri },
      range,
      context: { diagnostics: [], only: ['quickfix'] },
    });
    expect(quickfixes).toEqual([]);
    await ja.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
  });

  it('shows code lenses: scenario results, item references and rule coverage', async () => {
    const scenario = file('R06/scenarios/b005-multi-party.scenario.yaml');
    const lenses = await en.connection.sendRequest(CodeLensRequest.type, { textDocument: { uri: scenario.uri } });
    expect(lenses!.map((l) => l.command?.title)).toEqual(['▶ run · ✓ passes']);
    const items = await en.connection.sendRequest(CodeLensRequest.type, { textDocument: { uri: CARE.uri } });
    const discharge = items!.find((l) => l.range.start.line === at(CARE.text, 'id: care.discharge\n').line)!;
    expect(discharge.command!.title).toMatch(/^referenced by [1-9]\d* · excluded with 1$/);
    // Beside it, how many scenarios pin the item's behaviours: all of them, in the bundled R06 rules.
    const coverage = items!.filter((l) => l.range.start.line === discharge.range.start.line)[1]!;
    expect(coverage.command!.title).toMatch(/^[1-9]\d* scenarios · all pinned$/);
    // R04's 退院時共同指導料２ has behaviours no scenario pins: the lens names them.
    const r04 = file('R04/medical/b005.tariff.yaml');
    const older = await en.connection.sendRequest(CodeLensRequest.type, { textDocument: { uri: r04.uri } });
    const line = at(r04.text, 'id: B005\n').line;
    expect(older!.filter((l) => l.range.start.line === line)[1]!.command!.title).toMatch(
      /^[1-9]\d* scenarios · not pinned: (?:.+, )?a fact it needs unknown(?:, .+)?$/,
    );
  });

  it('shows amounts next to id references as inlay hints', async () => {
    const hints = await ja.connection.sendRequest(InlayHintRequest.type, {
      textDocument: { uri: CARE.uri },
      range: { start: { line: 0, character: 0 }, end: { line: 999, character: 0 } },
    });
    expect(hints!.map((h) => h.label)).toContain(' 300単位');
    // Each language writes the amount its own way: no space in Japanese, one in English.
    const english = await en.connection.sendRequest(InlayHintRequest.type, {
      textDocument: { uri: CARE.uri },
      range: { start: { line: 0, character: 0 }, end: { line: 999, character: 0 } },
    });
    expect(english!.map((h) => h.label)).toContain(' 300 units');
  });

  it('shows after an exclusion entry whose items can both apply which one is kept', async () => {
    const hints = await ja.connection.sendRequest(InlayHintRequest.type, {
      textDocument: { uri: B005.uri },
      range: { start: { line: 0, character: 0 }, end: { line: 999, character: 0 } },
    });
    const line = B005.text.split('\n').findIndex((l) => l.trim() === '- { id: B005-n2, scope: day }');
    const kept = hints!.filter((h) => h.position.line === line).map((h) => h.label);
    expect(kept).toContain(' 両方該当しうる → B005-n3 を残す');
  });
});
