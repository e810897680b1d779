// Completion at the cursor ($0) over the real protocol, in files being typed (most of them do
// not parse): what is offered follows the place in the file's structure and the JSON Schema —
// the keys a mapping may still take, the values a key lists, the items, facts and revisions a
// value names, and operators and values for the fact an atom names.
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CompletionRequest, DidOpenTextDocumentNotification, type CompletionItem } from 'vscode-languageserver-protocol/node';
import { startServer, type LspSession } from './support/lsp-client';

const ROOT = join(__dirname, '..', 'rules');
const TARIFF = 'R06/medical/typing.tariff.yaml';
const HEAD = 'revision: R06\nscheme: medical\nitems:\n  - id: X1\n    name: x\n    points: 1\n';
const ENTRY = (i: number) =>
  `  - id: L${i}\n    name: 長い\n    points: 1\n    when: { all: [{ fact: patient.age, gte: 1 }] }\n    source: { clause: 注${i} }\n`;
const LONG = `${HEAD}${Array.from({ length: 800 }, (_, i) => ENTRY(i)).join('')}  - id: X2\n    name: x\n    points: 1\n`;

/** [file, text with $0 at the cursor, labels offered: exactly these (array) or at least these ({ has }) or none of these ({ not })]. */
type Expected = string[] | { has: string[]; not?: string[] };
const CASES: [string, string, Expected][] = [
  // Keys of a mapping, by the schema at the place; keys already written are not offered again.
  [TARIFF, `${HEAD}    $0`, { has: ['claimant', 'when', 'excludes', 'limit', 'source'], not: ['id', 'name', 'points', 'item', 'gte'] }],
  [TARIFF, `${HEAD}  - $0`, { has: ['id', 'name', 'points', 'item'], not: ['revision'] }],
  [TARIFF, 'scheme: medical\n$0', { has: ['revision', 'items'], not: ['scheme', 'id'] }],
  [TARIFF, `${HEAD}    limit: { $0 }`, { has: ['times', 'per'], not: ['id'] }],
  [TARIFF, `${HEAD}    limit: { times: 1, $0 }`, { has: ['per'], not: ['times'] }],
  [TARIFF, `${HEAD}    excludes:\n      - id: B005\n        $0`, ['scope', 'when']],
  [TARIFF, `${HEAD}    when:\n      all:\n        - $0`, { has: ['all', 'any', 'fact', 'not'], not: ['gte', 'has'] }],
  // Values: the schema's enumerations, and what a value names.
  [TARIFF, `${HEAD}    limit: { per: $0 }`, ['claim', 'day', 'month', 'admission', 'discharge', 'after-discharge-month']],
  [TARIFF, `${HEAD}    claimant: $0`, ['hospital', 'home-care', 'care-office', 'nursing-station']],
  [TARIFF, `${HEAD}    excludes: [B00$0`, { has: ['B005', 'B005-n2', 'B004'] }],
  [TARIFF, `${HEAD}    requires:\n      - $0`, { has: ['B005', 'A246'] }],
  [TARIFF, `${HEAD}    excludes:\n      - id: $0`, { has: ['B005'] }],
  [TARIFF, `${HEAD}    when: { fact: guid$0 }`, { has: ['guidance.home-parties', 'guidance.hospital-staff'] }],
  // Operators and values for the fact an atom names, in flow and block mappings.
  [TARIFF, `${HEAD}    when: { fact: patient.designated-disease, $0`, ['is', 'is-not']],
  [
    TARIFF,
    `${HEAD}    when:\n      fact: guidance.home-parties\n      $0`,
    ['has', 'lacks', 'has-any', 'has-all', 'size-gte', 'size-lte', 'size-is'],
  ],
  [TARIFF, `${HEAD}    when: { fact: guidance.home-parties, has: $0`, { has: ['home-medical', 'dental', 'care-manager'] }],
  [TARIFF, `${HEAD}    when:\n      fact: patient.designated-disease\n      is: $0\n    name: y\n`, ['true', 'false']],
  // In a long file (read from its top-level keys and the entry the cursor is in), the same.
  [TARIFF, `${LONG}    $0`, { has: ['claimant', 'when'], not: ['id', 'name', 'points'] }],
  [TARIFF, `${LONG}    when: { fact: patient.designated-disease, $0`, ['is', 'is-not']],
  [TARIFF, `${LONG}    excludes:\n      - id: B005\n        $0`, ['scope', 'when']],
  // Nothing in a comment or a free-text value.
  [TARIFF, `${HEAD}    # cl$0`, []],
  [TARIFF, `${HEAD}    name: 退院$0`, []],
  // Other kinds of file: scenario facts by name, revision ids, a fact's keys.
  ['R06/typing.scenario.yaml', 'scenario: s\nrevision: $0', { has: ['R06', 'R04', 'R03'] }],
  ['R06/typing.scenario.yaml', 'scenario: s\nrevision: R06\nfacts:\n  $0', { has: ['guidance.home-parties', 'patient.age'] }],
  ['R06/typing.scenario.yaml', 'scenario: s\nrevision: R06\nrequest: [$0', { has: ['B005'] }],
  ['typing/facts.yaml', 'facts:\n  - name: x\n    $0', { has: ['type', 'label', 'values'], not: ['name'] }],
  ['typing/facts.yaml', 'facts:\n  - name: x\n    type: $0', ['boolean', 'integer', 'enum', 'set']],
];

let session: LspSession;
beforeAll(async () => {
  session = await startServer({ rootUri: pathToFileURL(ROOT).toString(), locale: 'en' });
}, 30_000);
afterAll(async () => {
  await session.close();
});

/**
 * Opens `file` (under the bundled rules) with `text`, whose `$0` marks the cursor, and asks
 * for completion there: the items and the cursor's position.
 */
async function completeAt(file: string, text: string): Promise<{ items: CompletionItem[]; position: { line: number; character: number } }> {
  const offset = text.indexOf('$0');
  const source = text.replace('$0', '');
  const uri = pathToFileURL(join(ROOT, file)).toString();
  await session.connection.sendNotification(DidOpenTextDocumentNotification.type, {
    textDocument: { uri, languageId: 'yaml', version: 1, text: source },
  });
  const before = source.slice(0, offset);
  const position = { line: before.split('\n').length - 1, character: offset - before.lastIndexOf('\n') - 1 };
  const items = (await session.connection.sendRequest(CompletionRequest.type, { textDocument: { uri }, position })) as
    CompletionItem[] | null;
  return { items: items ?? [], position };
}

describe('completion at the cursor', () => {
  it.each(CASES.map(([file, text, expected], i) => ({ i, file, text, expected })))(
    '$i: $file $text',
    async ({ i, file, text, expected }) => {
      const labels = (await completeAt(file.replace('typing', `typing-${i}`), text)).items.map((c) => c.label);
      if (Array.isArray(expected)) expect(labels).toEqual(expected);
      else {
        expect(labels).toEqual(expect.arrayContaining(expected.has));
        expect(labels.filter((l) => expected.not?.includes(l))).toEqual([]);
      }
    },
  );

  it('filters on Japanese: typing 退院時 offers items whose names hold it, and the chosen id replaces the word', async () => {
    const { items, position } = await completeAt('R06/medical/typing-japanese.tariff.yaml', `${HEAD}    excludes: [退院時$0`);
    const b005 = items.find((c) => c.label === 'B005')!;
    expect(b005.filterText).toContain('退院時共同指導料２');
    const { line, character } = position;
    expect(b005.textEdit).toEqual({ range: { start: { line, character: character - 3 }, end: { line, character } }, newText: 'B005' });
    // A fact's values carry their labels, and filter on them.
    const values = (
      await completeAt('R06/medical/typing-japanese-value.tariff.yaml', `${HEAD}    when: { fact: discharge.destination, is: $0`)
    ).items;
    expect(values.find((c) => c.label === 'home')).toMatchObject({ detail: '自宅等', filterText: 'home 自宅等' });
  });
});
