// "Split this case off as its own entry" (extract a condition into a new variant) over the real
// protocol: each fixture under
// test/fixtures/extract-variant holds one tariff file with the cursor (`$0`) or a selection
// (`$0…$0`) and the file as the action leaves it (or `not offered`). The edit must leave
// the bundled workspace without errors and evaluate the same: every situation over the
// facts the item names gives the same total and the same kept or rejected item.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import {
  CodeActionRequest,
  DidCloseTextDocumentNotification,
  DidOpenTextDocumentNotification,
  type CodeAction,
  type SnippetTextEdit,
  type TextDocumentEdit,
  type TextEdit,
} from 'vscode-languageserver-protocol/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyze, type SourceFile } from '../core/analysis/analyze';
import type { Workspace } from '../core/model/workspace';
import { interpret } from '../core/analysis/interpreter';
import { ruleSetSpec } from '../core/analysis/rule-set-spec';
import { evaluateRules } from '../core/runtime/evaluate';
import type { EvaluateInput } from '../core/runtime/types';
import { readRuleFiles } from '../core/workspace-files';
import { readFixture, updateExpect } from './support/fixture';
import { startServer, type LspSession } from './support/lsp-client';

const ROOT = join(__dirname, '..', 'rules');
const DIR = join(__dirname, 'fixtures', 'extract-variant');
const NOT_OFFERED = 'not offered';
const fixtures = readdirSync(DIR)
  .filter((name) => name.endsWith('.fixture'))
  .sort();

let server: LspSession;
beforeAll(async () => {
  server = await startServer({ rootUri: pathToFileURL(ROOT).toString(), locale: 'en' });
}, 30_000);
afterAll(async () => {
  await server.close();
});

/** The extract actions a server offers at `range` of `uri`. */
async function extractActions(
  uri: string,
  doc: TextDocument,
  range: { start: number; end: number },
  session = server,
): Promise<CodeAction[]> {
  const actions = (await session.connection.sendRequest(CodeActionRequest.type, {
    textDocument: { uri },
    range: { start: doc.positionAt(range.start), end: doc.positionAt(range.end) },
    context: { diagnostics: [], only: ['refactor.extract'] },
  })) as CodeAction[];
  return actions.filter((a) => a.kind === 'refactor.extract');
}

/** The bundled rules with some files replaced (or added), by path, and where they have errors. */
function workspaceWith(texts: Map<string, string>): { ws: Workspace; errors: string[] } {
  const sources: SourceFile[] = readRuleFiles([ROOT]).sources.filter((s) => !texts.has(s.file));
  for (const [file, text] of texts) sources.push({ file, text });
  const { workspace, findings } = analyze(sources);
  return { ws: workspace, errors: findings.filter((f) => f.severity === 'error').map((f) => `${f.file}: ${f.code}`) };
}

/** The texts after applying a workspace edit to the bundled rules and the open file. */
function applyEdit(changes: Record<string, TextEdit[]>, open: Map<string, string>): Map<string, string> {
  const texts = new Map(open);
  for (const [uri, edits] of Object.entries(changes)) {
    const path = fileURLToPath(uri);
    const before = texts.get(path) ?? readFileSync(path, 'utf8');
    texts.set(path, TextDocument.applyEdits(TextDocument.create(uri, 'yaml', 0, before), edits));
  }
  return texts;
}

/** Every combination of a few values (and "not given") of the facts a condition text names, around the numbers it compares with. */
function situations(ws: Workspace, text: string): Record<string, unknown>[] {
  const names = [...new Set([...text.matchAll(/fact: ([\w.-]+)/g)].map((m) => m[1]!))];
  const numbers = [...text.matchAll(/(?:is|gte|gt|lte|lt): (\d+)/g)].map((m) => Number(m[1]));
  let all: Record<string, unknown>[] = [{}];
  for (const name of names) {
    const fact = ws.facts.get(name)![0]!;
    const values: unknown[] =
      fact.type === 'boolean'
        ? [true, false]
        : fact.type === 'enum'
          ? fact.values
          : fact.type === 'integer'
            ? [...new Set(numbers.flatMap((n) => [n - 1, n, n + 1]).filter((n) => n >= (fact.min ?? 0) && n <= (fact.max ?? 99)))]
            : [[], ...fact.values.slice(0, 3).map((v) => [v]), fact.values.slice(0, 3)];
    all = all.flatMap((s) => [s, ...values.map((v) => ({ ...s, [name]: v }))]);
  }
  return all;
}

/** What evaluation says about `id` in a situation: the total and the item's fate, the variant read as its item. */
function outcome(ws: Workspace, ids: { item: string; variant: string }, facts: Record<string, unknown>, request: boolean): unknown {
  const input: EvaluateInput = {
    revision: 'R06',
    date: '2024-07-10',
    admission: { from: '2024-07-01' },
    facts,
    ...(request ? { request: [ids.item] } : {}),
  };
  const result = evaluateRules(interpret(ruleSetSpec(ws, 'R06')), input);
  if ('errors' in result) return result;
  const kept = result.claimable.some((c) => c.id === ids.item || c.id === ids.variant);
  const rejected = result.rejected.find((r) => r.id === ids.item);
  return { total: result.total, kept, reason: rejected?.reason, by: rejected?.by };
}

/** The new variant's id and its item's, from the action's title. */
function variantOf(title: string): { item: string; variant: string } {
  const [, variant, item] = /`((.+)-v\d+)`/.exec(title)!;
  return { item: item!, variant: variant! };
}

/**
 * No new errors, and the same evaluation. (A fixture's items can change what a discovery
 * scenario of the bundled rules finds; that scenario then fails before and after alike.)
 */
function expectSameEvaluation(
  beforeTexts: Map<string, string>,
  afterTexts: Map<string, string>,
  ids: { item: string; variant: string },
  text: string,
  given: Record<string, unknown> = {},
): void {
  const [before, after] = [workspaceWith(beforeTexts), workspaceWith(afterTexts)];
  expect(after.errors).toEqual(before.errors);
  const kept = new Set<boolean>();
  for (const situation of situations(before.ws, text)) {
    const facts = { ...given, ...situation };
    for (const request of [true, false]) {
      const expected = outcome(before.ws, ids, facts, request);
      expect(outcome(after.ws, ids, facts, request), JSON.stringify(facts)).toEqual(expected);
      kept.add((expected as { kept: boolean }).kept);
    }
  }
  // The situations must include some where the item is claimed and some where it is not.
  expect([...kept].sort()).toEqual([false, true]);
}

describe('extract a condition into a variant', () => {
  for (const name of fixtures) {
    it(name, async () => {
      const fixture = readFixture(join(DIR, name));
      const [relative, marked] = [...fixture.files][0]!;
      const path = join(ROOT, relative);
      const uri = pathToFileURL(path).toString();
      const extract = async (eol: string) => {
        const eolMarked = marked.replace(/\n/g, eol);
        const marks = [...eolMarked.matchAll(/\$0/g)].map((m, i) => m.index! - 2 * i);
        const text = eolMarked.replace(/\$0/g, '');
        await server.connection.sendNotification(DidOpenTextDocumentNotification.type, {
          textDocument: { uri, languageId: 'yaml', version: 1, text },
        });
        try {
          const actions = await extractActions(uri, TextDocument.create(uri, 'yaml', 1, text), {
            start: marks[0]!,
            end: marks[marks.length - 1]!,
          });
          expect(actions.length).toBeLessThanOrEqual(1);
          return { text, action: actions[0], after: actions[0] && applyEdit(actions[0].edit!.changes!, new Map([[path, text]])) };
        } finally {
          await server.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
        }
      };
      const { text, action, after } = await extract('\n');
      const actual = action ? `${action.title}\n${after!.get(path)!.replace(/\n$/, '')}` : NOT_OFFERED;
      if (process.env.UPDATE_EXPECT) updateExpect(fixture, actual);
      else expect(actual).toBe(fixture.expect);
      // The same file with CRLF line ends gets the same result with CRLF line ends.
      const crlf = await extract('\r\n');
      expect(crlf.after?.get(path)).toBe(after?.get(path)!.replace(/\n/g, '\r\n'));
      if (action) expectSameEvaluation(new Map([[path, text]]), after!, variantOf(action.title), text);
    });
  }

  it('updates the scenarios that expect the item as claimable, and they still pass', async () => {
    const path = join(ROOT, 'R06', 'medical', 'b005.tariff.yaml');
    const uri = pathToFileURL(path).toString();
    const text = readFileSync(path, 'utf8');
    const doc = TextDocument.create(uri, 'yaml', 0, text);
    const at = text.indexOf('guidance.home-physician, is: true');
    const [action] = await extractActions(uri, doc, { start: at, end: at });
    expect(action!.title).toBe('Split this case off as its own entry `B005-n2-v1` (results stay the same)');
    const changes = action!.edit!.changes!;
    const scenarios = Object.entries(changes).filter(([file]) => file.endsWith('.scenario.yaml'));
    expect(scenarios.length).toBeGreaterThan(0);
    expect(scenarios.flatMap(([, edits]) => edits.map((e) => e.newText))).toEqual(
      scenarios.flatMap(([, edits]) => edits.map(() => 'B005-n2-v1')),
    );
    const after = applyEdit(changes, new Map());
    expect(after.get(path)).toContain('          when: { fact: guidance.home-physician, is: true }');
    expect(workspaceWith(new Map()).errors).toEqual([]);
    const b005n2 = text.slice(text.indexOf('id: B005-n2'), text.indexOf('id: B005-n3'));
    // The parent B005 applies (home discharge, not an A246 patient), so the addition can be kept.
    expectSameEvaluation(new Map(), after, variantOf(action!.title), b005n2, {
      'discharge.destination': 'home',
      'admission.a246-claimed': false,
    });
  });

  it("selects the new variant's name for typing over where the client takes snippet edits", async () => {
    const capabilities = { workspace: { workspaceEdit: { documentChanges: true, snippetEditSupport: true } } };
    const snippets = await startServer({ rootUri: pathToFileURL(ROOT).toString(), locale: 'en', capabilities });
    const path = join(ROOT, 'R06', 'medical', 'snippet.tariff.yaml');
    const uri = pathToFileURL(path).toString();
    const text =
      'revision: R06\nscheme: medical\nitems:\n  - id: S1\n    name: $名前}\n    points: 5\n    when: { fact: ward.type, is: general }\n';
    const doc = TextDocument.create(uri, 'yaml', 1, text);
    const at = text.indexOf('ward.type');
    try {
      const results = await Promise.all(
        [server, snippets].map(async (session) => {
          await session.connection.sendNotification(DidOpenTextDocumentNotification.type, {
            textDocument: { uri, languageId: 'yaml', version: 1, text },
          });
          return (await extractActions(uri, doc, { start: at, end: at }, session))[0]!.edit!;
        }),
      );
      const [plain, snippet] = results as [{ changes: Record<string, TextEdit[]> }, { documentChanges: TextDocumentEdit[] }];
      expect(snippet.documentChanges.map((c) => c.textDocument)).toEqual([{ uri, version: null }]);
      const edits = snippet.documentChanges[0]!.edits.map((e) => {
        if (!('snippet' in e)) return e as TextEdit;
        const value = (e as SnippetTextEdit).snippet.value;
        expect(value).toContain('name: ${1:\\$名前\\} (S1-v1)}');
        // Taking the placeholder as it stands gives the plain edit's text.
        return { range: e.range, newText: value.replace(/\$\{1:((?:\\.|[^\\}])*)\}/, '$1').replace(/\\(.)/g, '$1') };
      });
      expect(TextDocument.applyEdits(doc, edits)).toBe(TextDocument.applyEdits(doc, plain.changes[uri]!));
    } finally {
      await server.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
      await snippets.close();
    }
  });
});
