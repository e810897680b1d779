// Lists and mappings nested past the depth limit, as a user meets them: the built `tariff`
// binary and the language server give one `nesting-too-deep` error where the text passes the
// limit and analyse the rest, where the same text used to end in "Maximum call stack size
// exceeded"; and text nested exactly to the limit is checked, evaluated, compiled and hovered
// as usual.
import { spawnSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { CompletionRequest, DidOpenTextDocumentNotification, HoverRequest, type MarkupContent } from 'vscode-languageserver-protocol/node';
import { MAX_DEPTH, UNREAD_DEPTH } from '../core/analysis/deep-nesting';
import type { EvaluateInput } from '../core/runtime/types';
import { compiledEvaluate } from './support/compiled';
import { startServer, type LspSession } from './support/lsp-client';
import { smallWorkspace } from './support/small-workspace';

const CLI = resolve(__dirname, '..', 'dist', 'cli.js');
const ATOM = '{ fact: patient.designated-disease, is: true }';

function run(args: string[], cwd: string) {
  const result = spawnSync(process.execPath, [CLI, ...args], {
    cwd,
    env: { PATH: process.env.PATH ?? '' },
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** `n` nested `not:` in block style under a `when:` at column 4, ending in ATOM's fact. */
function notBlock(n: number): string {
  const lines = Array.from({ length: n }, (_, i) => `${' '.repeat(6 + i)}not:`);
  return `    when:\n${lines.join('\n')}\n${' '.repeat(6 + n)}fact: patient.designated-disease\n${' '.repeat(6 + n)}is: true\n`;
}

const notFlow = (n: number) => `    when: ${'{ not: '.repeat(n)}${ATOM}${' }'.repeat(n)}\n`;
const lists = (n: number) => `${'['.repeat(n)}${ATOM}${']'.repeat(n)}`;
const item = (id: string, rest: string) => `  - id: ${id}\n    name: 項目${id}\n    points: 100\n${rest}`;
const tariff = (...items: string[]) => `revision: R06\nscheme: medical\nitems:\n${items.join('')}`;
/** An item with a misspelt fact: its finding shows that the rest of the file is analysed. */
const misspelt = (id: string) => item(id, '    when: { fact: guidance.home-physican, is: true }\n');
const scenario = (request: string[]) =>
  `scenario: 深い条件\nrevision: R06\ndate: 2024-07-01\nfacts: { patient.designated-disease: true, guidance.home-physician: true }\nrequest: [${request.join(', ')}]\n`;

interface JsonDiagnostic {
  file: string;
  code: string;
  range: { start: { line: number; character: number } };
  message: string;
}

let session: LspSession | undefined;
afterEach(async () => session?.close());

describe('nesting past the limit', () => {
  it('gives one finding where the text passes the limit and analyses the rest: 900 `not:` in block and flow style, 10,000 flow lists and mappings at the top and inside an item', () => {
    const root = smallWorkspace({
      'R06/a-block.tariff.yaml': tariff(item('A1', notBlock(900)), misspelt('A2'), item('A3', '')),
      'R06/b-flow.tariff.yaml': tariff(item('B1', notFlow(900)), misspelt('B2')),
      'R06/c-lists-top.tariff.yaml': `source: ${'['.repeat(10_000)}${']'.repeat(10_000)}\n${tariff(misspelt('C2'))}`,
      'R06/d-maps-item.tariff.yaml': tariff(
        item('D1', `    when: ${'{ not: '.repeat(10_000)}${ATOM}${'}'.repeat(10_000)}\n`),
        misspelt('D2'),
      ),
      'R06/e-lists-item.tariff.yaml': tariff(item('E1', `    when: ${lists(10_000)}\n`), misspelt('E2')),
      'R06/s.scenario.yaml': scenario(['A1', 'A3', 'B1', 'D1', 'E1']),
    });
    const result = run(['check', '.', '--format', 'json', '--lang', 'en'], root);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(1);
    const diagnostics = JSON.parse(result.stdout).diagnostics as JsonDiagnostic[];
    const place = (d: JsonDiagnostic) => `${d.file}:${d.range.start.line + 1}:${d.range.start.character + 1} ${d.code}`;
    // Level 1 is the file's mapping, 2 `items`, 3 the item, 4 its `when`: the 98th `not` or `[` opens level 101.
    expect(diagnostics.filter((d) => d.code !== 'unknown-fact').map(place)).toEqual([
      'R06/a-block.tariff.yaml:104:103 nesting-too-deep',
      'R06/b-flow.tariff.yaml:7:685 nesting-too-deep',
      'R06/c-lists-top.tariff.yaml:1:9 schema',
      'R06/c-lists-top.tariff.yaml:1:108 nesting-too-deep',
      'R06/d-maps-item.tariff.yaml:7:685 nesting-too-deep',
      'R06/e-lists-item.tariff.yaml:7:108 nesting-too-deep',
    ]);
    // Every file's other item is still analysed.
    expect(diagnostics.filter((d) => d.code === 'unknown-fact').map((d) => d.file)).toEqual([
      'R06/a-block.tariff.yaml',
      'R06/b-flow.tariff.yaml',
      'R06/c-lists-top.tariff.yaml',
      'R06/d-maps-item.tariff.yaml',
      'R06/e-lists-item.tariff.yaml',
    ]);
    expect(diagnostics.find((d) => d.code === 'nesting-too-deep')!.message).toBe(
      `lists and mappings are nested more than ${MAX_DEPTH} levels deep here: this part is not analysed`,
    );

    const text = run(['check', 'R06/b-flow.tariff.yaml', '--lang', 'ja'], root);
    expect(text.stdout).toContain(
      `R06/b-flow.tariff.yaml:7:685 error nesting-too-deep ここでリストやマッピングの入れ子が ${MAX_DEPTH} 段を超えています。この部分は解析しません`,
    );
    expect(text.stdout).not.toContain('call stack');
    // The scenario is evaluated with the rest of the rules; a condition with a part not read is unknown.
    const evaluated = run(['eval', 'R06/s.scenario.yaml', '--format', 'json'], root);
    expect(evaluated.stderr).toBe('');
    expect(evaluated.status).toBe(0);
    const outcome = JSON.parse(evaluated.stdout) as { claimable: { id: string }[]; rejected: { id: string; reason: string }[] };
    expect(outcome.claimable.map((c) => c.id)).toEqual(['A3']);
    expect(outcome.rejected.map((r) => `${r.id} ${r.reason}`)).toEqual([
      'A1 missing-facts',
      'B1 missing-facts',
      'D1 missing-facts',
      'E1 missing-facts',
    ]);
  }, 60_000);

  it(`does not read an item that opens more than ${UNREAD_DEPTH.toLocaleString('en-US')} levels (5 MB of brackets or of \`- \`), in a small heap, and counts no bracket in quotes or plain text`, () => {
    const root = smallWorkspace({
      'R06/a-brackets.tariff.yaml': tariff(misspelt('A1'), item('A2', `    when: ${'['.repeat(4_900_000)}\n`)),
      'R06/b-entries.tariff.yaml': tariff(misspelt('B1'), item('B2', `    when:\n      ${'- '.repeat(2_400_000)}x\n`)),
      // Brackets that open nothing: in quotes, in plain text, in a comment.
      'R06/c-text.tariff.yaml': tariff(
        item(
          'C1',
          `    source: { clause: "${'['.repeat(30_000)}", quote: '${'{'.repeat(30_000)}' }\n    aliases:\n      - 加算${'['.repeat(30_000)}\n    # ${'['.repeat(30_000)}\n`,
        ),
      ),
    });
    // The syntax tree of 4,900,000 open brackets took about 4 GB; the scan stops at the limit.
    const result = spawnSync(process.execPath, ['--max-old-space-size=200', CLI, 'check', '.', '--format', 'json', '--lang', 'en'], {
      cwd: root,
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    });
    expect(result.stderr).toBe('');
    const diagnostics = JSON.parse(result.stdout).diagnostics as JsonDiagnostic[];
    const place = (d: JsonDiagnostic) => `${d.file}:${d.range.start.line + 1}:${d.range.start.character + 1} ${d.code}`;
    // The 20,001st bracket or entry, counted from the item's `when`; the file's other findings give way to it, as to a syntax error.
    expect(diagnostics.map(place)).toEqual([
      `R06/a-brackets.tariff.yaml:11:${11 + UNREAD_DEPTH} nesting-too-deep`,
      `R06/b-entries.tariff.yaml:12:${7 + 2 * UNREAD_DEPTH} nesting-too-deep`,
    ]);
    expect(diagnostics[0]!.message).toBe(
      `lists and mappings are nested more than ${UNREAD_DEPTH} levels deep here: this part is not analysed`,
    );
  }, 60_000);

  it('checks, evaluates, compiles and hovers conditions nested exactly to the limit as usual', async () => {
    // The item's `when` is level 4: 96 more levels of each kind, the atom at level 100.
    const allOf = (kind: string) => `    when: ${`{ ${kind}: [`.repeat(48)}${ATOM}${']}'.repeat(48)}\n`;
    const rules = tariff(
      item('L1', notBlock(96)),
      item('L2', `    when: ${lists(96)}\n`),
      item('L3', allOf('all')),
      item('L4', allOf('any')),
      item('L5', notFlow(95)),
    );
    const root = smallWorkspace({ 'R06/limit.tariff.yaml': rules, 'R06/s.scenario.yaml': scenario(['L1', 'L2', 'L3', 'L4', 'L5']) });
    const check = run(['check', '.', '--format', 'json'], root);
    expect(check.stderr).toBe('');
    expect(JSON.parse(check.stdout).diagnostics).toEqual([]);
    const evaluated = run(['eval', 'R06/s.scenario.yaml', '--format', 'json'], root);
    expect(evaluated.status).toBe(0);
    // What would make L5 claimable is worked out through the same depth; the rules core gives it only when asked.
    const { whyNot, ...outcome } = JSON.parse(evaluated.stdout);
    expect(whyNot.map((w: { id: string; facts: unknown[] }) => `${w.id} ${w.facts.length}`)).toEqual(['L5 1']);
    // An even number of `not` keeps the atom; 95 turn it round.
    expect(outcome.claimable.map((c: { id: string }) => c.id)).toEqual(['L1', 'L2', 'L3', 'L4']);
    expect(outcome.rejected.map((r: { id: string; reason: string }) => `${r.id} ${r.reason}`)).toEqual(['L5 not-applicable']);
    const compiled = run(['compile', '--rules', '.', '--out', 'out'], root);
    expect(compiled.status, compiled.stderr).toBe(0);
    expect(existsSync(join(root, 'out', 'r06.ts'))).toBe(true);
    const input: EvaluateInput = {
      revision: 'R06',
      date: '2024-07-01',
      facts: { 'patient.designated-disease': true, 'guidance.home-physician': true },
      request: ['L1', 'L2', 'L3', 'L4', 'L5'],
    };
    expect((await compiledEvaluate(root, 'R06'))(input)).toEqual(outcome);

    // A file with one finding beside it: once its diagnostics are out, the analysis is done,
    // and the file at the limit had none to publish (the server sends only lists that changed).
    writeFileSync(join(root, 'R06', 'marker.tariff.yaml'), tariff(item('M1', '    when: { fact: fuzz.marker, is: true }\n')));
    session = await startServer({ rootUri: pathToFileURL(root).toString(), locale: 'en' });
    const uri = pathToFileURL(join(root, 'R06', 'limit.tariff.yaml')).toString();
    await session.diagnostics(pathToFileURL(join(root, 'R06', 'marker.tariff.yaml')).toString(), (l) => l.length > 0);
    expect(session.published).not.toContain(uri);
    const deepest = rules.indexOf('fact: patient.designated-disease') + 8;
    const line = rules.slice(0, deepest).split('\n').length - 1;
    const hover = await session.connection.sendRequest(HoverRequest.type, {
      textDocument: { uri },
      position: { line, character: deepest - rules.lastIndexOf('\n', deepest) - 1 },
    });
    expect((hover!.contents as MarkupContent).value).toContain('patient.designated-disease');
  }, 60_000);

  it('keeps the language server running: it publishes the one finding for a file nested 10,000 levels and answers requests on it', async () => {
    const root = smallWorkspace({});
    session = await startServer({ rootUri: pathToFileURL(root).toString(), locale: 'en' });
    const uri = pathToFileURL(join(root, 'R06', 'deep.tariff.yaml')).toString();
    const text = tariff(item('D1', `    when: ${lists(10_000)}\n`));
    await session.connection.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri, languageId: 'yaml', version: 1, text },
    });
    const list = await session.diagnostics(uri, (l) => l.length > 0);
    expect(list.map((d) => [d.code, d.range.start])).toEqual([['nesting-too-deep', { line: 6, character: 107 }]]);
    const hover = await session.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line: 3, character: 9 } });
    expect((hover!.contents as MarkupContent).value).toContain('**D1**');
    const completion = await session.connection.sendRequest(CompletionRequest.type, {
      textDocument: { uri },
      position: { line: 6, character: 5000 },
    });
    expect(completion).toBeDefined();
    expect(session.process.exitCode).toBeNull();
    expect(session.logs.filter((l) => /stack|fail/i.test(l))).toEqual([]);
  }, 60_000);
});
