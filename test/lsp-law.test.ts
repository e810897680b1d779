// The law beside the rule, over the real protocol on the bundled rules and their official
// texts: hover shows the cited passage (the quote in bold), go to definition opens the text
// at it, completion offers the clauses of the item's 区分, and the quick fixes of the
// citation checks and of an unencoded exclusion make their finding go away.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CodeActionRequest,
  CompletionRequest,
  DefinitionRequest,
  DidChangeTextDocumentNotification,
  DidOpenTextDocumentNotification,
  HoverRequest,
  type CodeAction,
  type CompletionItem,
  type Diagnostic,
  type Location,
  type MarkupContent,
} from 'vscode-languageserver-protocol/node';
import { startServer, type LspSession } from './support/lsp-client';

const ROOT = join(__dirname, '..', 'rules');
const PATH = join(ROOT, 'R06', 'medical', 'b005.tariff.yaml');
const URI = pathToFileURL(PATH).toString();
const ORIGINAL = readFileSync(PATH, 'utf8');
const KOKUJI = readFileSync(join(ROOT, 'sources', 'R06', 'ika-kokuji.txt'), 'utf8').split('\n');

let server: LspSession;
let version = 1;
let doc = TextDocument.create(URI, 'yaml', 1, ORIGINAL);

beforeAll(async () => {
  server = await startServer({ rootUri: pathToFileURL(ROOT).toString(), locale: 'ja' });
  await server.connection.sendNotification(DidOpenTextDocumentNotification.type, {
    textDocument: { uri: URI, languageId: 'yaml', version, text: ORIGINAL },
  });
}, 30_000);
afterAll(() => server.close());

/**
 * Replaces the open file's text and waits for diagnostics published after it that satisfy
 * `accept` (the server publishes only diagnostics that changed, and each edit here changes them).
 */
async function edit(text: string, accept: (list: Diagnostic[]) => boolean): Promise<Diagnostic[]> {
  doc = TextDocument.create(URI, 'yaml', ++version, text);
  const before = server.published.length;
  const arrived = server.diagnostics(URI, (list) => server.published.length > before && accept(list));
  await server.connection.sendNotification(DidChangeTextDocumentNotification.type, {
    textDocument: { uri: URI, version },
    contentChanges: [{ text }],
  });
  return arrived;
}

const position = (needle: string, shift = 1) => doc.positionAt(doc.getText().indexOf(needle) + shift);
const hover = async (needle: string, shift = 1) =>
  (
    (await server.connection.sendRequest(HoverRequest.type, { textDocument: { uri: URI }, position: position(needle, shift) }))
      ?.contents as MarkupContent | undefined
  )?.value ?? '';
const withCode = (code: string) => (list: Diagnostic[]) => list.some((d) => d.code === code);
const without = (code: string) => (list: Diagnostic[]) => !list.some((d) => d.code === code);

async function applyFix(diagnostic: Diagnostic): Promise<string> {
  const actions = (await server.connection.sendRequest(CodeActionRequest.type, {
    textDocument: { uri: URI },
    range: diagnostic.range,
    context: { diagnostics: [diagnostic], only: ['quickfix'] },
  })) as CodeAction[];
  expect(actions.length).toBeGreaterThan(0);
  return TextDocument.applyEdits(doc, actions[0]!.edit!.changes![URI]!);
}

describe('the law beside the rule', () => {
  it('hovers a clause with its official words, and an item with the quote in bold within them', async () => {
    const clause = await hover('clause: B005 注3', 'clause: '.length + 2);
    expect(clause).toContain('公式の本文');
    expect(clause).toContain('B005 注3');
    expect(clause).toContain('多機関共同指導加算として、2,000点を所定点数に加算する');
    const item = await hover('id: B005-n3', 5);
    expect(item).toMatch(
      /\*\*[^*]*いずれか３者以上と共同して指導を行った場合に、多機関共同指導加算として、2,000点を所定点数に加算する。\*\*/,
    );
  });

  it('goes from a clause to its line in the official text', async () => {
    const found = (await server.connection.sendRequest(DefinitionRequest.type, {
      textDocument: { uri: URI },
      position: position('clause: B005 注3', 'clause: '.length + 2),
    })) as Location[];
    expect(found).toHaveLength(1);
    expect(found[0]!.uri).toBe(pathToFileURL(join(ROOT, 'sources', 'R06', 'ika-kokuji.txt')).toString());
    // The line of 注３ under the heading of B005.
    const heading = KOKUJI.findIndex((line) => /^\s*Ｂ００５\s+退院時共同指導料２/.test(line));
    expect(found[0]!.range.start.line).toBe(KOKUJI.findIndex((line, i) => i > heading && /^\s*３\s+注１の場合において/.test(line)));
  });

  it('completes a clause with the clauses of the item’s 区分', async () => {
    await edit(ORIGINAL.replace('clause: B005 注3', 'clause: B005 注'), () => true);
    const items = (await server.connection.sendRequest(CompletionRequest.type, {
      textDocument: { uri: URI },
      position: position('clause: B005 注\n', 'clause: B005 注'.length),
    })) as CompletionItem[];
    const labels = items.map((i) => i.label);
    expect(labels).toEqual(
      expect.arrayContaining(['B005 注1', 'B005 注2', 'B005 注3', 'B005 注4', 'B005 注5', 'B005 通知(1)', 'B005 通知(5)']),
    );
    expect(labels.every((l) => l.startsWith('B005'))).toBe(true);
  });

  it('offers an existing clause for one the text does not have, and the fix clears the finding', async () => {
    const list = await edit(ORIGINAL.replace('clause: B005 注3', 'clause: B005 注9'), withCode('source-unknown-clause'));
    const fixed = await applyFix(list.find((d) => d.code === 'source-unknown-clause')!);
    expect(fixed).toMatch(/clause: B005 注\d\n/);
    await edit(fixed, without('source-unknown-clause'));
  });

  it('replaces a quote that is not in the clause by the closest words of the text', async () => {
    const list = await edit(
      ORIGINAL.replace('多機関共同指導加算として、2,000点', '多機関共同指導加算として、3,000点'),
      withCode('source-quote-mismatch'),
    );
    const fixed = await applyFix(list.find((d) => d.code === 'source-quote-mismatch')!);
    expect(fixed).toContain('2,000点を所定点数に加算する。');
    await edit(fixed, without('source-quote-mismatch'));
  });

  it('writes the official amount over a different one', async () => {
    const list = await edit(ORIGINAL.replace('points: 2000', 'points: 200'), withCode('source-amount-mismatch'));
    const fixed = await applyFix(list.find((d) => d.code === 'source-amount-mismatch')!);
    expect(fixed).toContain('points: 2000');
    await edit(fixed, without('source-amount-mismatch'));
  });

  it('adds the relation the text states when it is missing, in the text’s direction', async () => {
    const list = await edit(ORIGINAL.replace('      - { id: B005-n2, scope: day }\n', ''), withCode('exclusion-unencoded'));
    const finding = list.find((d) => d.code === 'exclusion-unencoded')!;
    expect(finding.message).toContain('B005-n3');
    const fixed = await applyFix(finding);
    expect(fixed).toMatch(/overrides:\n {6}- id: B005-1-2\n(?: {8}.*\n)+ {6}- B005-n2\n/);
    await edit(fixed, without('exclusion-unencoded'));
  });
});
