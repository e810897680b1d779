// Rule text cannot act on the screen it is shown on. A workspace whose names, aliases,
// clauses, quotes, fact labels, fact names and scenario names carry terminal escapes (clear
// screen, window title), BEL, NUL, C1 and bidirectional controls, and Markdown (a command
// link, HTML, a heading, lists, code, emphasis, bare links): every text output of `tariff`
// shows them as visible escapes and stays readable, JSON keeps the exact text, and the
// language server's hover and completion Markdown shows them as literal text.
import { cpSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CompletionRequest,
  DidOpenTextDocumentNotification,
  HoverRequest,
  type CompletionItem,
  type MarkupContent,
} from 'vscode-languageserver-protocol/node';
import { tariff } from './support/cli';
import { startServer, type LspSession } from './support/lsp-client';
import { renderMarkdown } from './support/markdown';

const BASE = join(__dirname, 'fixtures', 'check', '_base');

/** Characters no text output may carry: controls other than the line break, and bidirectional controls. */
const RAW_CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]/;

// YAML double-quoted escapes: \e ESC, \a BEL, \0 NUL, \x9b CSI (C1), \u202e right-to-left override.
const CLEAR = '\\e[2J';
const TITLE = '\\e]0;pwned\\a';
const NAME = `"[x](command:workbench.action.quit) ${CLEAR}${TITLE}\\0 \\u202eevil"`;
const ALIASES =
  '["<img src=x onerror=alert(1)>", "`code` *em* _u_ ~~s~~", "- list", "1. list", "https://evil.example www.evil.example a@evil.example", "# heading", "$(zap) | a | b |"]';

const FILES: Record<string, string> = {
  'R04/medical/x.tariff.yaml': `revision: R04
scheme: medical
items:
  - id: X1
    name: "旧名${CLEAR}"
    points: 100
`,
  // A raw ESC and BEL in a comment: the source line of the finding on that line shows them.
  'R06/medical/x.tariff.yaml': `revision: R06
scheme: medical
source: { doc: "医科${TITLE}", clause: "# 見出し\\x9b31m" }
items:
  - id: X1
    name: ${NAME}
    aliases: ${ALIASES}
    points: 100
    when: { fact: patient.age, gte: 0 }
    source: { clause: "注1\\x9b31m", quote: "> quote\\n\\n    code\\n| a |\\n|---|" }
  - id: X2
    name: "新設\\u202e${CLEAR}"
    points: 50
    when: { fact: "patient.${CLEAR}age", gte: 3 } # \u001b]0;title\u0007
    excludes: [X1]
`,
  'facts.yaml': `facts:
  - name: patient.age
    type: integer
    min: 0
    max: 130
    label: "年齢${CLEAR}\\u202e<b>"
`,
  'R06/scenarios/s.scenario.yaml': `scenario: "名前${TITLE}\\u202e"
revision: R06
date: 2024-07-01
facts: { patient.age: 40 }
request: [X1, X2]
expect: { claimable: [X2] }
`,
  'R06/scenarios/unknown.scenario.yaml': `scenario: 未知
revision: "R9${CLEAR}"
date: 2024-07-01
facts: {}
`,
};

let root: string;

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'tariff-rule-text-'));
  cpSync(BASE, root, { recursive: true });
  for (const [path, text] of Object.entries(FILES)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
});

/** Runs `tariff` and checks that nothing it printed carries a raw control. */
async function shown(args: string[]): Promise<string> {
  const run = await tariff(args, { cwd: root });
  const printed = run.stdout + run.stderr;
  expect(printed, args.join(' ')).not.toMatch(RAW_CONTROL);
  return printed;
}

describe('rule text in text output', () => {
  it('check: messages and source lines show controls as escapes, carets still under the range; JSON keeps the exact text', async () => {
    const text = await shown(['check', '.', '--lang', 'en']);
    expect(text).toContain('unknown fact `patient.\\u001b[2Jage`');
    // The source line keeps its comment, escaped, and the carets stay under the fact.
    const lines = text.split('\n');
    const source = lines.findIndex((l) => l.includes('when: { fact: "patient.'));
    expect(lines[source]).toContain('# \\u001b]0;title\\u0007');
    expect(lines[source + 1]!.indexOf('^')).toBe(lines[source]!.indexOf('"patient.'));
    const json = JSON.parse((await tariff(['check', '.', '--format', 'json', '--lang', 'en'], { cwd: root })).stdout) as {
      diagnostics: { message: string }[];
    };
    expect(json.diagnostics.some((d) => d.message.includes('patient.\u001b[2Jage'))).toBe(true);
  });

  it('eval: names and clauses show controls as escapes; an undeclared revision is quoted the same way', async () => {
    const text = await shown(['eval', 'R06/scenarios/s.scenario.yaml', '--lang', 'en']);
    expect(text).toContain('X1  [x](command:workbench.action.quit) \\u001b[2J\\u001b]0;pwned\\u0007\\u0000 \\u202eevil  100 points');
    expect(text).toContain('[# 見出し\\u009b31m]');
    const unknown = await shown(['eval', 'R06/scenarios/unknown.scenario.yaml', '--lang', 'en']);
    expect(unknown).toContain('the revision R9\\u001b[2J is not declared');
    const json = JSON.parse((await tariff(['eval', 'R06/scenarios/s.scenario.yaml', '--format', 'json'], { cwd: root })).stdout) as {
      claimable: { name: string }[];
    };
    expect(json.claimable[0]!.name).toBe('[x](command:workbench.action.quit) \u001b[2J\u001b]0;pwned\u0007\u0000 \u202eevil');
  });

  it("test: the failing scenario's name shows controls as escapes", async () => {
    const text = await shown(['test', '.', '--lang', 'en']);
    expect(text).toContain('R06/scenarios/s.scenario.yaml: 名前\\u001b]0;pwned\\u0007\\u202e');
    expect(text).toMatch(/\d+ passed, \d+ failed/);
  });

  it('diff: text and Markdown show names with controls as escapes; Markdown shows them literally', async () => {
    const text = await shown(['diff', 'R04', 'R06', '--rules', '.', '--lang', 'en']);
    expect(text).toContain('X1: 旧名\\u001b[2J → [x](command:workbench.action.quit) \\u001b[2J\\u001b]0;pwned\\u0007\\u0000 \\u202eevil');
    expect(text).toContain('X2 新設\\u202e\\u001b[2J (50 points)');
    const markdown = await shown(['diff', 'R04', 'R06', '--rules', '.', '--format', 'markdown', '--lang', 'en']);
    const html = renderMarkdown(markdown);
    expect(html).not.toMatch(/<a |<img|<h[1-6]>[^<]*(evil|heading)/);
    expect(html).toContain('[x](command:workbench.action.quit) \\u001b[2J\\u001b]0;pwned\\u0007\\u0000 \\u202eevil');
    await shown(['diff', 'R04', 'R9\u001b[2J', '--rules', '.', '--lang', 'en']);
  });

  it('report: its lines show controls as escapes', async () => {
    const text = await shown(['report', '--rules', '.', '--out', 'out\u001b[2J', '--lang', 'en']);
    expect(text).toContain('out\\u001b[2J');
  });
});

describe('rule text in hover and completion Markdown', () => {
  let session: LspSession;
  const uri = () => pathToFileURL(join(root, 'R06', 'medical', 'x.tariff.yaml')).toString();
  const position = (needle: string, shift: number) => {
    const text = FILES['R06/medical/x.tariff.yaml']!;
    const index = text.indexOf(needle) + shift;
    const before = text.slice(0, index);
    return { line: before.split('\n').length - 1, character: index - before.lastIndexOf('\n') - 1 };
  };

  beforeAll(async () => {
    session = await startServer({ rootUri: pathToFileURL(root).toString(), locale: 'en' });
  }, 30_000);
  afterAll(async () => session.close());

  /** The hover's Markdown rendered: only the tags the hover itself writes, and no raw control. */
  async function hoverHtml(needle: string, shift: number): Promise<string> {
    const hover = await session.connection.sendRequest(HoverRequest.type, {
      textDocument: { uri: uri() },
      position: position(needle, shift),
    });
    expect(Object.keys(hover!.contents)).toEqual(['kind', 'value']);
    const markdown = (hover!.contents as MarkupContent).value;
    expect(markdown).not.toMatch(RAW_CONTROL);
    const html = renderMarkdown(markdown);
    for (const tag of html.match(/<\/?[a-z0-9]+/g) ?? [])
      expect(['p', 'strong', 'code', 'br', 'hr', 'blockquote']).toContain(tag.replace(/[</]/g, ''));
    return html;
  }

  it('hover on an item shows its name, aliases, clause and quote as literal text', async () => {
    const html = await hoverHtml('excludes: [X1]', 12);
    for (const literal of [
      '[x](command:workbench.action.quit) \\u001b[2J\\u001b]0;pwned\\u0007\\u0000 \\u202eevil',
      '&lt;img src=x onerror=alert(1)&gt;',
      '`code` *em* _u_ ~~s~~',
      '- list',
      '1. list',
      'https://evil.example www.evil.example a@evil.example',
      '# heading',
      '$(zap) | a | b |',
      '医科\\u001b]0;pwned\\u0007 注1\\u009b31m',
      '&gt; quote\\u000a\\u000a    code\\u000a| a |\\u000a|---|',
    ]) {
      expect(html).toContain(literal);
    }
  });

  it('hover on a fact shows its label as literal text', async () => {
    const html = await hoverHtml('fact: patient.age', 8);
    expect(html).toContain('年齢\\u001b[2J\\u202e&lt;b&gt;');
  });

  it('completion shows item names (detail) and aliases (documentation) as literal text', async () => {
    const typing = pathToFileURL(join(root, 'R06', 'medical', 'typing.tariff.yaml')).toString();
    const text = 'revision: R06\nscheme: medical\nitems:\n  - id: T1\n    name: t\n    points: 1\n    excludes: [X\n';
    await session.connection.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri: typing, languageId: 'yaml', version: 1, text },
    });
    const items = (await session.connection.sendRequest(CompletionRequest.type, {
      textDocument: { uri: typing },
      position: { line: 6, character: 16 },
    })) as CompletionItem[];
    const x1 = items.find((i) => i.label === 'X1')!;
    expect(x1.detail).not.toMatch(RAW_CONTROL);
    expect(x1.detail).toContain('\\u001b[2J');
    const html = renderMarkdown((x1.documentation as MarkupContent).value);
    expect(html).toBe(
      '<p>&lt;img src=x onerror=alert(1)&gt; / `code` *em* _u_ ~~s~~ / - list / 1. list / https://evil.example www.evil.example a@evil.example / # heading / $(zap) | a | b |</p>\n',
    );
  });
});
