// The quick parse straight from yaml's syntax tree must be invisible: wherever it gives a
// result, that result is the full parse's — same data, same spans in the same order, same
// document span and extent — and wherever the full parse reports a problem, it gives none.
// Checked on every bundled rule file, on random edits of them, and on YAML written from
// random data in every style the yaml library can write.
import fc from 'fast-check';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { stringify, type ToStringOptions } from 'yaml';
import { describe, expect, it } from 'vitest';
import { parseCst } from '../core/analysis/cst-parse';
import { parseComposed, parseWhole, type YamlDoc } from '../core/analysis/parse';
import { mutate, mutationsOver } from './support/mutations';

const RULES = join(__dirname, '..', 'rules');
const ruleFiles = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? ruleFiles(path) : name.endsWith('.yaml') ? [path] : [];
  });
const files = ruleFiles(RULES);
const texts = files.map((f) => readFileSync(f, 'utf8'));

function comparable(doc: YamlDoc) {
  return { index: doc.index, value: doc.value, spans: [...doc.spans], broken: doc.broken, span: doc.span, extent: doc.extent };
}

/** What the quick parse gave: 'quick' (and equal to the full parse), or 'declined'. */
function compare(text: string): 'quick' | 'declined' {
  const quick = parseCst(text);
  const full = parseComposed('x.yaml', text);
  if (!quick) return 'declined';
  expect(full.findings, text).toEqual([]);
  expect(full.docs.length, text).toBe(1);
  expect(comparable(quick), text).toEqual(comparable(full.docs[0]!));
  return 'quick';
}

describe('parsing straight from the syntax tree', () => {
  it('reads every bundled rule file, exactly as the full parse does', () => {
    expect(files.length).toBeGreaterThan(100);
    for (const [i, text] of texts.entries()) expect(compare(text), files[i]).toBe('quick');
  });

  it('on random edits of rule files, agrees with the full parse or declines, and declines every text with a problem', () => {
    const tally = { quick: 0, declined: 0, problems: 0 };
    fc.assert(
      fc.property(fc.nat({ max: texts.length - 1 }), fc.array(mutationsOver([':', '-', ' ', '\n', '[', ']', '{', '}', ',', '?', '!', '|', '>', '"', "'", '\\', '&', '*', '#', '<', '@', '%', '\t', 'a', '1', '注']), { minLength: 1, maxLength: 3 }), (which, edits) => {
        const text = edits.reduce(mutate, texts[which]!);
        const outcome = compare(text);
        tally[outcome]++;
        if (parseComposed('x.yaml', text).findings.length > 0) tally.problems++;
      }),
      { numRuns: 4000, seed: 11 },
    );
    // Both roads are taken often: most edits keep the text plain, many break it.
    expect(tally.quick).toBeGreaterThan(1000);
    expect(tally.problems).toBeGreaterThan(400);
  });

  it('agrees with the full parse on YAML written from random data in every style', () => {
    const key = fc.oneof(fc.constantFrom('id', 'name', 'when', 'all', '1', 'true', 'null', '~', '<<', '__proto__', 'a b', 'x:y', '#', '-', '注2'), fc.string({ maxLength: 4 }));
    const scalar = fc.oneof(fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.string({ maxLength: 8 }), fc.constantFrom('1.0', '0x1F', '0o7', '.inf', 'yes', '2024-06-01', 'a: b', '- x', '# c', "it's", 'multi\nline', ' lead', 'trail '));
    const { value } = fc.letrec((tie) => ({
      value: fc.oneof({ depthSize: 'small' }, scalar, fc.array(tie('value'), { maxLength: 4 }), fc.dictionary(key, tie('value'), { maxKeys: 4 })),
    }));
    const style = fc.record({
      flowLevel: fc.constantFrom(-1, 0, 1, 2),
      defaultStringType: fc.constantFrom('PLAIN', 'QUOTE_DOUBLE', 'QUOTE_SINGLE', 'BLOCK_LITERAL', 'BLOCK_FOLDED'),
      indent: fc.constantFrom(2, 4),
      indentSeq: fc.boolean(),
      lineWidth: fc.constantFrom(0, 20, 80),
    });
    let quick = 0;
    fc.assert(
      fc.property(value, style, (data, options) => {
        const text = stringify(data, null, options as ToStringOptions);
        if (compare(text) === 'quick') quick++;
      }),
      { numRuns: 3000, seed: 5 },
    );
    expect(quick).toBeGreaterThan(1500);
  });

  it('declines each kind of text it does not read itself, and agrees on the plain ones', () => {
    const declined = [
      'a: [x, , y]\n', 'a: [, x]\n', 'a: [x,]\n', 'a: {x: 1 y: 2}\n', 'a: {x: 1, x: 2}\n', 'a: { x }\n', 'a: [x: 1]\n',
      'a: [x,\n  y]\n', 'a: [x, # c\n  y]\n', '? a\n: b\n', 'a: &x 1\nb: *x\n', 'a: !!str 1\n', '<<: {b: 1}\n', '"<<": 1\n',
      'a: 1\na: 2\n', '1: x\n"1": y\n01: z\n', 'a:\n', '- \n', 'a: 1\n---\nb: 2\n', '%YAML 1.2\n---\na: 1\n', 'a:\tb\n', 'a: 1\r\n',
      '"a"#c: 1\n', 'a: "x"#c\n', 'a: b: c\n', 'a:\n  - 1\n - 2\n', '- a\n-b\n', 'a\nb: 1\n', '@a: 1\n', 'a: `x`\n', 'a: "\\q"\n', 'a: |x\n  b\n', '',
      '# only a comment\n', 'a: 1\n...\n', `${'k'.repeat(1100)}: 1\n`,
      // Nesting far deeper than rule files: the full parse reports it (from a depth of about a thousand).
      `a: ${'['.repeat(101)}${']'.repeat(101)}\n`, `a: ${'['.repeat(5000)}${']'.repeat(5000)}\n`,
      Array.from({ length: 1200 }, (_, i) => `${' '.repeat(i)}k:`).join('\n') + ' 1\n',
    ];
    for (const text of declined) expect(compare(text), JSON.stringify(text)).toBe('declined');
    const plain = [
      'a: 1 # c\nb: [x, "y", \'z\']\nc: { d: true, e: ~ }\n', 'a:\n  - 1\n  - - 2\n    - 3\n# trailing\n', 'text: |\n  one\n  two\n\nnext: >-\n  folded\n  line\n',
      '- id: A\n  name: x\n  # note\n- id: B\n', 'key with spaces: "quoted: value"\n\'single\': 0x1F\nf: 1.50\ninf: .inf\n', '__proto__: 1\nconstructor: 2\n', 'a: {}\nb: []\n', 'scalar root\n',
      'a:\n  b:\n    c: 1\n    # c\n  # b\n# a\n', `a: ${'['.repeat(99)}${']'.repeat(99)}\n`,
    ];
    for (const text of plain) expect(compare(text), JSON.stringify(text)).toBe('quick');
  });

  it('is what a whole parse uses for plain text, and the full parse still reports problems', () => {
    const plain = 'revision: R06\nitems: [{ id: A1, points: 10 }]\n';
    expect(parseWhole('x.tariff.yaml', plain)).toEqual({ file: 'x.tariff.yaml', text: plain, kind: 'tariff', docs: [parseCst(plain)], findings: [] });
    const broken = 'revision: R06\nrevision: R04\n';
    expect(parseCst(broken)).toBeUndefined();
    expect(parseWhole('x.tariff.yaml', broken).findings.map((f) => f.code)).toEqual(['yaml-syntax']);
  });
});
